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
int cmd_rx_gen(const cli_cmd *cmd, int argc, char **argv);
int cmd_rx_import(const cli_cmd *cmd, int argc, char **argv);
int cmd_rx_list_sizes(const cli_cmd *cmd, int argc, char **argv);
/* `unlock import prescribing` and `unlock import list-sizes` (cmd_rx_import.c). */
extern const cli_cmd cli_import_prescribing, cli_import_list_sizes;
int cmd_rx_measures(const cli_cmd *cmd, int argc, char **argv);
int cmd_rx_measure(const cli_cmd *cmd, int argc, char **argv);
int cmd_rx_ppu(const cli_cmd *cmd, int argc, char **argv);
int cmd_estates(const cli_cmd *cmd, int argc, char **argv);
int cmd_opportunities(const cli_cmd *cmd, int argc, char **argv);
int cmd_opportunity_status(const cli_cmd *cmd, int argc, char **argv);
int cmd_conversation(const cli_cmd *cmd, int argc, char **argv);
int cmd_relationships(const cli_cmd *cmd, int argc, char **argv);
int cmd_involvement(const cli_cmd *cmd, int argc, char **argv);
int cmd_pack(const cli_cmd *cmd, int argc, char **argv);
int cmd_review(const cli_cmd *cmd, int argc, char **argv);
int cmd_copy_db(const cli_cmd *cmd, int argc, char **argv);
int cmd_programme(const cli_cmd *cmd, int argc, char **argv);
int cmd_goal(const cli_cmd *cmd, int argc, char **argv);
int cmd_project(const cli_cmd *cmd, int argc, char **argv);
int cmd_stories(const cli_cmd *cmd, int argc, char **argv);
int cmd_emotional_map(const cli_cmd *cmd, int argc, char **argv);
int cmd_reflection(const cli_cmd *cmd, int argc, char **argv);
int cmd_publish(const cli_cmd *cmd, int argc, char **argv);
int cmd_audit(const cli_cmd *cmd, int argc, char **argv);
int cmd_backup(const cli_cmd *cmd, int argc, char **argv);
int cmd_restore(const cli_cmd *cmd, int argc, char **argv);
int cmd_alerts(const cli_cmd *cmd, int argc, char **argv);

#endif
