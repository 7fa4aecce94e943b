/* unlock ppu: price-per-unit savings for one month (rx/ppu.h). */
#include "cli/commands.h"

#include "rx/measure.h"
#include "rx/ppu.h"
#include "rx/store.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum { O_MONTH, O_LEVEL, O_ORG, O_LIMIT, O_JSON, O_DB, O_COUNT };

int cmd_rx_ppu(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_MONTH] = {"--month", "YYYYMM", "the month (required)", 0},
        [O_LEVEL] = {"--level", "L", "practice (default), sub_icb, icb or region", 0},
        [O_ORG] = {"--org", "CODE", "only this organisation", 0},
        [O_LIMIT] = {"--limit", "N", "at most N rows, largest saving first (default 50; 0: all)",
                     0},
        [O_JSON] = {"--json", NULL, "print JSON", 0},
        [O_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    const char *ms = o[O_MONTH].value;
    char *end;
    long month = ms ? strtol(ms, &end, 10) : 0;
    if (!ms || strlen(ms) != 6 || *end || month % 100 < 1 || month % 100 > 12) {
        err_user(&e, "--month: expected YYYYMM, got '%s'", ms ? ms : "");
        return cli_fail(&e);
    }
    int level = RX_PRACTICE;
    if (o[O_LEVEL].value && (level = rx_level_parse(o[O_LEVEL].value)) < 0) {
        err_user(&e, "--level: expected practice, sub_icb, icb or region, got '%s'",
                 o[O_LEVEL].value);
        return cli_fail(&e);
    }
    long limit = 50;
    if (o[O_LIMIT].value) {
        limit = strtol(o[O_LIMIT].value, &end, 10);
        if (*end || end == o[O_LIMIT].value || limit < 0) {
            err_user(&e, "--limit: expected a whole number, got '%s'", o[O_LIMIT].value);
            return cli_fail(&e);
        }
    }
    db *d = NULL;
    rx_month *m = NULL;
    rx_ppu_result r = {0};
    int rc = -1;
    char *dir = rx_store_dir(db_url_choose(o[O_DB].value));
    if (cli_open_db(o[O_DB].value, 0, &d, &e) || rx_month_open(dir, (int)month, &m, &e) ||
        rx_ppu_compute(m, level, o[O_ORG].value, &r, &e))
        goto out;
    size_t n = limit && (size_t)limit < r.n ? (size_t)limit : r.n;
    if (o[O_JSON].value) {
        json_t *j = json_pack("{s:i, s:s, s:f, s:f, s:I}", "month", (int)month, "level",
                              rx_level_name(level), "minimum", rx_ppu_minimum(level),
                              "total_savings", r.total, "count", (json_int_t)r.n);
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++) {
            const rx_ppu_row *x = &r.rows[i];
            json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:f}",
                                               "org", x->org, "org_name", x->org_name, "bnf_code",
                                               x->bnf_code, "bnf_name", x->bnf_name, "cost",
                                               x->cost, "quantity", x->units, "price_per_unit",
                                               x->price_per_unit, "target_price_per_unit",
                                               x->target, "saving", x->saving));
        }
        json_object_set_new(j, "rows", a);
        char *s = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
        puts(s);
        free(s);
        json_decref(j);
    } else {
        printf("price-per-unit savings, %06ld, by %s (at least %.0f each): total %.2f in %zu "
               "rows\n\n",
               month, rx_level_name(level), rx_ppu_minimum(level), r.total, r.n);
        printf("%-10s %-15s %12s %12s %10s %10s %12s  %s\n", "org", "bnf_code", "cost", "quantity",
               "ppu", "target", "saving", "presentation");
        for (size_t i = 0; i < n; i++) {
            const rx_ppu_row *x = &r.rows[i];
            printf("%-10s %-15s %12.2f %12.0f %10.4f %10.4f %12.2f  %s\n", x->org, x->bnf_code,
                   x->cost, x->units, x->price_per_unit, x->target, x->saving, x->bnf_name);
        }
    }
    rc = 0;
out:
    rx_ppu_free(&r);
    rx_month_close(m);
    db_close(d);
    free(dir);
    return rc ? cli_fail(&e) : 0;
}
