#include "cli/commands.h"

#include <stdio.h>

int cmd_init(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt opts[] = {CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 1, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    const char *url = db_url_choose(opts[0].value);
    db *d;
    if (db_open(url, &d, &e))
        return cli_fail(&e);
    int applied;
    if (db_migrate(d, &applied, &e)) {
        db_close(d);
        return cli_fail(&e);
    }
    db_close(d);
    if (applied)
        printf("%s: schema created or updated (%d migration%s applied)\n", url, applied,
               applied == 1 ? "" : "s");
    else
        printf("%s: schema is up to date\n", url);
    return 0;
}
