#include "cli/commands.h"

#include "domain/fft_import.h"
#include "domain/import.h"

#include "domain/entities.h"

#include <stdio.h>
#include <string.h>

int cmd_import(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt opts[] = {CLI_DB_OPT};
    char *pos[2];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 1, pos, 2, 2, &npos, &status))
        return status;
    err e = {0};
    /* Friends and Family Test answers are scored into observations, not stored as they are. */
    int fft = strcmp(pos[0], "fft") == 0;
    const entity_def *def = fft ? &observation_def : entity_find(pos[0]);
    if (!def) {
        err_user(&e, "unknown kind '%s'; the kinds are: %s", pos[0], entity_kinds_list());
        return cli_fail(&e);
    }
    db *d;
    if (cli_open_db(opts[0].value, 0, &d, &e))
        return cli_fail(&e);
    import_stats st;
    int rc = fft ? fft_import_file(d, pos[1], "cli", &st, &e)
                 : import_file(d, def, pos[1], "cli", &st, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf("%s: %ld %s imported (%ld created, %ld updated, %ld unchanged)\n", pos[1], st.rows,
           st.rows == 1 ? def->singular : def->kind, st.created, st.updated, st.unchanged);
    return 0;
}
