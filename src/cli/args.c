#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void cli_usage(const cli_cmd *cmd, const cli_opt *opts, int nopts, FILE *out)
{
    fprintf(out, "usage: unlock %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
    if (cmd->details)
        fprintf(out, "\n%s\n", cmd->details);
    fprintf(out, "\noptions:\n");
    for (int i = 0; i < nopts; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", opts[i].name, opts[i].arg ? " " : "",
                 opts[i].arg ? opts[i].arg : "");
        fprintf(out, "  %-18s %s\n", left, opts[i].help);
    }
    fprintf(out, "  %-18s %s\n", "--help", "show this help");
}

static int mistake(const cli_cmd *cmd, int *status, const char *problem, const char *what)
{
    fprintf(stderr, "unlock %s: %s%s%s%s", cmd->name, problem, what ? " '" : "", what ? what : "",
            what ? "'" : "");
    fprintf(stderr, "\nusage: unlock %s %s\n(see `unlock %s --help`)\n", cmd->name, cmd->usage,
            cmd->name);
    *status = 1;
    return -1;
}

int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_opt *opts, int nopts, char **pos,
              int minpos, int maxpos, int *npos, int *status)
{
    *npos = 0;
    int only_positional = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (!only_positional && strcmp(a, "--") == 0) {
            only_positional = 1;
            continue;
        }
        if (!only_positional && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            cli_usage(cmd, opts, nopts, stdout);
            *status = 0;
            return -1;
        }
        if (!only_positional && a[0] == '-' && a[1] == '-') {
            char *eq = strchr(a, '=');
            size_t n = eq ? (size_t)(eq - a) : strlen(a);
            cli_opt *o = NULL;
            for (int k = 0; k < nopts; k++)
                if (strlen(opts[k].name) == n && strncmp(opts[k].name, a, n) == 0)
                    o = &opts[k];
            if (!o)
                return mistake(cmd, status, "unknown option", a);
            if (!o->arg) {
                if (eq)
                    return mistake(cmd, status, "this option takes no value:", a);
                o->value = "";
            } else if (eq) {
                o->value = eq + 1;
            } else if (i + 1 < argc) {
                o->value = argv[++i];
            } else {
                return mistake(cmd, status, "this option needs a value:", o->name);
            }
            continue;
        }
        if (*npos >= maxpos)
            return mistake(cmd, status, "unexpected argument", a);
        pos[(*npos)++] = a;
    }
    if (*npos < minpos)
        return mistake(cmd, status, "missing arguments", NULL);
    return 0;
}

int cli_open_db(const char *flag, int create, db **out, err *e)
{
    const char *url = db_url_choose(flag);
    if (!create && strncmp(url, "postgres", 8) != 0) {
        const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
        if (access(path, F_OK) != 0)
            return err_user(e,
                            "no database at %s: create one with `unlock init` (or `unlock "
                            "demo` for the demo health system), or point --db or UNLOCK_DB at "
                            "yours",
                            path);
    }
    db *d;
    if (db_open(url, &d, e))
        return -1;
    if (db_migrate(d, NULL, e)) {
        db_close(d);
        return -1;
    }
    *out = d;
    return 0;
}

int cli_fail(const err *e)
{
    fprintf(stderr, "unlock: %s\n", e->msg[0] ? e->msg : "failed");
    return e->kind == ERR_USER ? 1 : 2;
}

int cli_run_sub(const cli_cmd *cmd, int argc, char **argv, const cli_sub *subs, size_t n)
{
    /* "conversation add" -> "add": the word after the parent's name. */
    size_t skip = strlen(cmd->name) + 1;
    if (argc >= 2)
        for (size_t i = 0; i < n; i++)
            if (strcmp(argv[1], subs[i].cmd->name + skip) == 0)
                return subs[i].run(argc - 1, argv + 1);
    int help = argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
    FILE *out = help ? stdout : stderr;
    if (!help && argc >= 2)
        fprintf(out, "unlock %s: unknown subcommand '%s'\n", cmd->name, argv[1]);
    else if (!help)
        fprintf(out, "unlock %s: which one?\n", cmd->name);
    fprintf(out, "usage: unlock %s %s\n\n%s\n\n", cmd->name, cmd->usage, cmd->summary);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "  unlock %-22s %s\n", subs[i].cmd->name, subs[i].cmd->summary);
    fprintf(out, "\nEach takes --help.\n");
    return help ? 0 : 1;
}
