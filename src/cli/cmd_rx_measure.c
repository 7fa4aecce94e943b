/* unlock measures / unlock measure: list the prescribing measures, and compute one for a month at
 * one level (rx/measure.h). */
#include "cli/commands.h"

#include "rx/measure.h"
#include "rx/store.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int cmd_rx_measures(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[] = {{"--json", NULL, "print JSON", 0},
                   {"--measures", "DIR",
                    "measure definitions (default $UNLOCK_MEASURES or "
                    "./data/measures, else the shipped ones)",
                    0}};
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, 2, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    rx_measure_def *defs;
    size_t n;
    if (rx_measures_load(rx_measures_dir(o[1].value), &defs, &n, &e))
        return cli_fail(&e);
    if (o[0].value) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, rx_measure_def_json(&defs[i]));
        char *s = json_dumps(a, JSON_INDENT(2));
        puts(s);
        free(s);
        json_decref(a);
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%-28s %s%s\n", defs[i].id, defs[i].name,
                   defs[i].is_cost_based ? " (cost-based)" : "");
    }
    rx_measures_free(defs, n);
    return 0;
}

enum { O_MONTH, O_LEVEL, O_ORG, O_JSON, O_DEF, O_ALL, O_MEASURES, O_DB, O_COUNT };

static int parse_month(const char *s, int *out, err *e)
{
    char *end;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || strlen(s) != 6 || *end || v % 100 < 1 || v % 100 > 12)
        return err_user(e, "--month: expected YYYYMM, got '%s'", s ? s : "");
    *out = (int)v;
    return 0;
}

static void print_sb(strbuf *sb)
{
    strbuf_addc(sb, '\n');
    fwrite(sb->buf, 1, sb->len, stdout);
    strbuf_free(sb);
}

static void print_result(const rx_result *r, const char *org, int as_json)
{
    const rx_measure_def *d = r->def;
    if (as_json) {
        strbuf sb = STRBUF_INIT;
        rx_result_json(&sb, r, org);
        print_sb(&sb);
        return;
    }
    printf("%s: %s, %06d, by %s\n", d->id, d->name, r->month, rx_level_name(r->level));
    printf("deciles:");
    for (int k = 0; k < 9; k++)
        printf(" %d%%=%.4g", 10 * (k + 1), r->deciles[k]);
    printf("\n\n%-10s %14s %14s %12s %10s", "org", "numerator", "denominator", "value",
           "percentile");
    if (d->is_cost_based)
        printf(" %14s %14s", "saving@10th", "saving@50th");
    printf("  name\n");
    for (size_t i = 0; i < r->n; i++) {
        const rx_org_value *o = &r->orgs[i];
        if (org && strcmp(org, o->code) != 0)
            continue;
        printf("%-10s %14.2f %14.2f %12.4f %10.1f", o->code, o->num, o->den, o->value,
               o->percentile);
        if (d->is_cost_based)
            printf(" %14.2f %14.2f", o->savings[0], o->savings[4]);
        printf("  %s\n", o->name);
    }
    if (d->is_cost_based)
        printf("\ntotal potential savings: %.2f at the 10th centile, %.2f at the median\n",
               r->total_savings[0], r->total_savings[4]);
}

/* --all: every measure at every level (a per-list-size measure without list sizes gives no
 * values rather than an error). Frees defs. */
static int run_all(const cli_opt *o, rx_measure_def *defs, size_t n, int month, int level)
{
    err e = {0};
    db *d = NULL;
    rx_month *m = NULL;
    double *ls = NULL;
    rx_result *res = xcalloc(n * RX_NLEVELS + 1, sizeof *res);
    int rc = -1, have = 0;
    char *dir = rx_store_dir(db_url_choose(o[O_DB].value));
    if (cli_open_db(o[O_DB].value, 0, &d, &e) || rx_month_open(dir, month, &m, &e) ||
        rx_list_sizes_for(d, m, &ls, &e) || rx_measures_compute(m, ls, defs, n, res, &e))
        goto out;
    have = 1;
    if (o[O_JSON].value) {
        strbuf sb = STRBUF_INIT;
        strbuf_addc(&sb, '[');
        int first = 1;
        for (size_t i = 0; i < n * RX_NLEVELS; i++)
            if (!o[O_LEVEL].value || res[i].level == level) {
                if (!first)
                    strbuf_adds(&sb, ",\n");
                first = 0;
                rx_result_json(&sb, &res[i], NULL);
            }
        strbuf_addc(&sb, ']');
        print_sb(&sb);
    } else {
        printf("%-30s %-9s %6s %12s %12s %14s\n", "measure", "level", "orgs", "median", "10th",
               "saving@10th");
        for (size_t i = 0; i < n * RX_NLEVELS; i++)
            if (!o[O_LEVEL].value || res[i].level == level)
                printf("%-30s %-9s %6zu %12.4g %12.4g %14.2f\n", res[i].def->id,
                       rx_level_name(res[i].level), res[i].n, res[i].deciles[4], res[i].deciles[0],
                       res[i].def->is_cost_based ? res[i].total_savings[0] : 0);
    }
    rc = 0;
out:
    if (have)
        for (size_t i = 0; i < n * RX_NLEVELS; i++)
            rx_result_free(&res[i]);
    free(res);
    free(ls);
    free(dir);
    rx_month_close(m);
    db_close(d);
    rx_measures_free(defs, n);
    return rc ? cli_fail(&e) : 0;
}

int cmd_rx_measure(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_MONTH] = {"--month", "YYYYMM", "the month (required)", 0},
        [O_LEVEL] = {"--level", "L", "practice (default), sub_icb, icb or region", 0},
        [O_ORG] = {"--org", "CODE", "only this organisation (deciles are still over all)", 0},
        [O_JSON] = {"--json", NULL, "print JSON", 0},
        [O_DEF] = {"--definition", "FILE", "a measure definition file instead of an ID", 0},
        [O_ALL] = {"--all", NULL,
                   "every measure at every level in one pass (with --json: an array of them)", 0},
        [O_MEASURES] = {"--measures", "DIR",
                        "measure definitions (default $UNLOCK_MEASURES, else the shipped ones)", 0},
        [O_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 0, 1, &npos, &status))
        return status;
    err e = {0};
    int month = 0, level = RX_PRACTICE;
    if (parse_month(o[O_MONTH].value, &month, &e))
        return cli_fail(&e);
    if (o[O_LEVEL].value && (level = rx_level_parse(o[O_LEVEL].value)) < 0) {
        err_user(&e, "--level: expected practice, sub_icb, icb or region, got '%s'",
                 o[O_LEVEL].value);
        return cli_fail(&e);
    }
    int all = o[O_ALL].value != NULL;
    if ((npos == 1) + (o[O_DEF].value != NULL) + all != 1) {
        err_user(&e, "give a measure ID, --definition FILE or --all (one of them)");
        return cli_fail(&e);
    }
    rx_measure_def *defs = NULL, one;
    size_t n = 0;
    const rx_measure_def *def = NULL;
    if (all) {
        if (rx_measures_load(rx_measures_dir(o[O_MEASURES].value), &defs, &n, &e))
            return cli_fail(&e);
        return run_all(o, defs, n, month, level);
    }
    if (o[O_DEF].value) {
        if (rx_measure_load(o[O_DEF].value, &one, &e))
            return cli_fail(&e);
        def = &one;
    } else {
        if (rx_measures_load(rx_measures_dir(o[O_MEASURES].value), &defs, &n, &e))
            return cli_fail(&e);
        for (size_t i = 0; i < n && !def; i++)
            if (strcmp(defs[i].id, pos[0]) == 0)
                def = &defs[i];
        if (!def) {
            err_not_found(&e, "no measure '%s' in %s (`unlock measures` lists them)", pos[0],
                          rx_measures_dir(o[O_MEASURES].value));
            rx_measures_free(defs, n);
            return cli_fail(&e);
        }
    }
    db *d = NULL;
    rx_month *m = NULL;
    double *ls = NULL;
    rx_result res[RX_NLEVELS];
    int rc = -1, have = 0;
    char *dir = rx_store_dir(db_url_choose(o[O_DB].value));
    if (cli_open_db(o[O_DB].value, 0, &d, &e) || rx_month_open(dir, month, &m, &e) ||
        rx_list_sizes_for(d, m, &ls, &e))
        goto out;
    if (def->den.list_size) {
        int any = 0;
        for (size_t i = 0; i < m->practices.count && !any; i++)
            any = isfinite(ls[i]);
        if (!any) {
            err_user(&e,
                     "measure '%s' is per 1,000 patients but no list sizes are stored for "
                     "%06d: load them with `unlock import list-sizes FILE`",
                     def->id, month);
            goto out;
        }
    }
    if (rx_measures_compute(m, ls, def, 1, res, &e))
        goto out;
    have = 1;
    if (o[O_ORG].value) {
        int found = 0;
        for (size_t i = 0; i < res[level].n && !found; i++)
            found = strcmp(res[level].orgs[i].code, o[O_ORG].value) == 0;
        if (!found) {
            err_not_found(&e, "no %s '%s' in the prescribing for %06d", rx_level_name(level),
                          o[O_ORG].value, month);
            goto out;
        }
    }
    print_result(&res[level], o[O_ORG].value, o[O_JSON].value != NULL);
    rc = 0;
out:
    if (have)
        for (int l = 0; l < RX_NLEVELS; l++)
            rx_result_free(&res[l]);
    free(ls);
    free(dir);
    rx_month_close(m);
    db_close(d);
    if (o[O_DEF].value)
        rx_measure_def_free(&one);
    else
        rx_measures_free(defs, n);
    return rc ? cli_fail(&e) : 0;
}
