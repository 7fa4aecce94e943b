/* commands: every `unlock` command, one file each. */
#ifndef UNLOCK_CLI_COMMANDS_H
#define UNLOCK_CLI_COMMANDS_H

#include "cli/cli.h"

int cmd_init(const cli_cmd *cmd, int argc, char **argv);
int cmd_import(const cli_cmd *cmd, int argc, char **argv);
int cmd_list(const cli_cmd *cmd, int argc, char **argv);
int cmd_show(const cli_cmd *cmd, int argc, char **argv);
int cmd_export(const cli_cmd *cmd, int argc, char **argv);
int cmd_demo(const cli_cmd *cmd, int argc, char **argv);
int cmd_spc(const cli_cmd *cmd, int argc, char **argv);
int cmd_funnel(const cli_cmd *cmd, int argc, char **argv);
int cmd_compare(const cli_cmd *cmd, int argc, char **argv);
int cmd_opportunity(const cli_cmd *cmd, int argc, char **argv);
int cmd_summary(const cli_cmd *cmd, int argc, char **argv);
int cmd_serve(const cli_cmd *cmd, int argc, char **argv);
int cmd_user(const cli_cmd *cmd, int argc, char **argv);

#endif
