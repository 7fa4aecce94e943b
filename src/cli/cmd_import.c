#include "cli/commands.h"

#include "domain/import.h"

#include <stdio.h>
#include <string.h>

int cmd_import(const cli_cmd *cmd, int argc, char **argv)
{
    /* Prescribing files are not entity rows: they have importers of their own. */
    const cli_cmd *const own[] = {&cli_import_prescribing, &cli_import_list_sizes};
    for (int i = 0; argc > 1 && i < 2; i++)
        if (strcmp(argv[1], own[i]->name + strlen("import ")) == 0)
            return own[i]->run(own[i], argc - 1, argv + 1);
    cli_opt opts[] = {CLI_DB_OPT};
    char *pos[2];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 1, pos, 2, 2, &npos, &status))
        return status;
    err e = {0};
    const entity_def *def = entity_find(pos[0]);
    if (!def) {
        err_user(&e, "unknown kind '%s'; the kinds are: %s", pos[0], entity_kinds_list());
        return cli_fail(&e);
    }
    db *d;
    if (cli_open_db(opts[0].value, 0, &d, &e))
        return cli_fail(&e);
    import_stats st;
    int rc = import_file(d, def, pos[1], "cli", &st, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf("%s: %ld %s imported (%ld created, %ld updated, %ld unchanged)\n", pos[1], st.rows,
           st.rows == 1 ? def->singular : def->kind, st.created, st.updated, st.unchanged);
    return 0;
}
