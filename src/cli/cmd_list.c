#include "cli/commands.h"

#include "cli/output.h"

#include <stdio.h>
#include <stdlib.h>

static int add_json(void *array, const entity_record *rec, err *e)
{
    (void)e;
    json_array_append_new(array, record_json(rec));
    return 0;
}

int cmd_list(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt opts[] = {
        {"--json", NULL, "print a JSON array of objects", NULL},
        {"--limit", "N", "at most N rows (default: all)", NULL},
        CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 3, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    const entity_def *def = entity_find(pos[0]);
    if (!def) {
        err_user(&e, "unknown kind '%s'; the kinds are: %s", pos[0], entity_kinds_list());
        return cli_fail(&e);
    }
    long limit = 0;
    if (opts[1].value) {
        char *end;
        limit = strtol(opts[1].value, &end, 10);
        if (*end || limit <= 0) {
            err_user(&e, "--limit: expected a whole number more than 0, not '%s'", opts[1].value);
            return cli_fail(&e);
        }
    }
    db *d;
    if (cli_open_db(opts[2].value, 0, &d, &e))
        return cli_fail(&e);
    int rc;
    if (opts[0].value) {
        json_t *array = json_array();
        rc = store_each(d, def, NULL, limit, add_json, array, &e);
        if (!rc) {
            json_dumpf(array, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
            fputc('\n', stdout);
        }
        json_decref(array);
    } else {
        output_table *t = output_table_new(def);
        rc = store_each(d, def, NULL, limit, output_table_add, t, &e);
        if (!rc)
            output_table_print(t, stdout);
        output_table_free(t);
    }
    db_close(d);
    return rc ? cli_fail(&e) : 0;
}
