#include "cli/commands.h"

#include "cli/output.h"
#include "domain/observation.h"

#include <stdio.h>
#include <string.h>

typedef struct shown {
    int json;
    int count;
} shown;

static int print_record(void *ctx, const entity_record *rec, err *e)
{
    (void)e;
    shown *s = ctx;
    s->count++;
    if (s->json) {
        json_t *obj = record_json(rec);
        json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
        fputc('\n', stdout);
        json_decref(obj);
        return 0;
    }
    int w = 0;
    for (int i = 0; i < rec->def->nfields; i++) {
        int n = (int)strlen(rec->def->fields[i].column);
        if (n > w)
            w = n;
    }
    for (int i = 0; i < rec->def->nfields; i++)
        printf("%-*s  %s\n", w, rec->def->fields[i].column, rec->values[i] ? rec->values[i] : "");
    return 0;
}

int cmd_show(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt opts[] = {
        {"--json", NULL, "print a JSON object", NULL},
        CLI_DB_OPT,
    };
    char *pos[4];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 2, pos, 2, 4, &npos, &status))
        return status;
    err e = {0};
    const entity_def *def = entity_find(pos[0]);
    if (!def) {
        err_user(&e, "unknown kind '%s'; the kinds are: %s", pos[0], entity_kinds_list());
        return cli_fail(&e);
    }
    int words = def->nkey == 4 ? 3 : def->nkey;
    if (npos - 1 != words) {
        err_user(&e, "%s are shown by %d key word%s (%s)", def->kind, words, words == 1 ? "" : "s",
                 words == 3 ? "INDICATOR SUBJECT PERIOD" : "CODE");
        return cli_fail(&e);
    }
    db *d;
    if (cli_open_db(opts[1].value, 0, &d, &e))
        return cli_fail(&e);
    const char *key[4] = {pos[1]};
    int rc = words == 3 ? observation_key(d, pos[1], pos[2], pos[3], key, &e) : 0;
    shown s = {opts[0].value != NULL, 0};
    if (!rc)
        rc = store_each(d, def, key, 1, print_record, &s, &e);
    db_close(d);
    if (!rc && s.count == 0) {
        char joined[256];
        snprintf(joined, sizeof joined, "%s%s%s%s%s", pos[1], npos > 2 ? " " : "",
                 npos > 2 ? pos[2] : "", npos > 3 ? " " : "", npos > 3 ? pos[3] : "");
        rc = err_user(&e, "no %s '%s'", def->singular, joined);
    }
    return rc ? cli_fail(&e) : 0;
}
