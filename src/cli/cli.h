/* cli: the pieces every `unlock` command shares: its description, option
 * parsing with --help, opening the database, and reporting errors. Each
 * command lives in its own file and is listed in main.c. */
#ifndef UNLOCK_CLI_CLI_H
#define UNLOCK_CLI_CLI_H

#include "db/db.h"
#include "util/err.h"

#include <stdio.h>

typedef struct cli_opt {
    const char *name; /* "--db" */
    const char *arg;  /* "URL" for an option with a value, NULL for a flag */
    const char *help;
    const char *value; /* filled by cli_parse: the value, or "" for a set flag */
} cli_opt;

typedef struct cli_cmd {
    const char *name;
    const char *usage;   /* what follows the name: "KIND FILE [--db URL]" */
    const char *summary; /* one line */
    const char *details; /* paragraphs for --help, may be NULL */
    int (*run)(const struct cli_cmd *cmd, int argc, char **argv);
} cli_cmd;

/* Parses argv (argv[0] is the command name) into opts and positional args.
 * Returns -1 when the command should stop: *status is then 0 after --help
 * (usage printed) or 1 after a mistake (message and usage hint printed). */
int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_opt *opts, int nopts, char **pos,
              int minpos, int maxpos, int *npos, int *status);

void cli_usage(const cli_cmd *cmd, const cli_opt *opts, int nopts, FILE *out);

/* The --db option every database command takes. */
#define CLI_DB_OPT                                                                                 \
    {                                                                                              \
        "--db", "URL", "database: a file path, sqlite:PATH or postgres://... (default $UNLOCK_DB or ./unlock.db)", \
            NULL                                                                                   \
    }

/* Opens the database and brings its schema up to date. Without `create`, a
 * missing SQLite file is an error that says how to make one. */
int cli_open_db(const char *flag, int create, db **out, err *e);

/* A command with subcommands (`unlock conversation add ...`): each with its own cli_cmd, so
 * `--help` on the parent can list them. */
typedef struct cli_sub {
    const cli_cmd *cmd;                /* name "conversation add", usage, summary */
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand's name */
} cli_sub;

/* Runs the subcommand argv[1] names; without one, or with --help, lists them (exit 1, or 0
 * for --help). */
int cli_run_sub(const cli_cmd *cmd, int argc, char **argv, const cli_sub *subs, size_t n);

/* Prints "unlock: <message>" to stderr and returns the exit status for e. */
int cli_fail(const err *e);

#endif
