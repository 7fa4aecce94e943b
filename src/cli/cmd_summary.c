/* summary: the local health system at a glance, for a person or (--json) a program. */
#include "cli/commands.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

typedef struct summary {
    json_t *root;
    int json;
} summary;

/* 318000000 → "318,000,000": figures a person reads at a glance. */
static void grouped(double v, char *out, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", v < 0 ? -v : v);
    size_t n = strlen(digits), o = 0;
    if (v < 0 && o + 1 < size)
        out[o++] = '-';
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

/* Runs a two-column query (label, number) and adds it as an object under `name`;
 * for a person, prints the rows under `title` with the numbers aligned. */
static int breakdown(db *d, summary *s, const char *name, const char *title, const char *sql,
                     err *e)
{
    db_stmt *st;
    if (db_prepare(d, sql, &st, e))
        return -1;
    json_t *obj = json_object();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *label = db_col_text(st, 0);
        json_object_set_new(obj, label ? label : "(none)", json_real(db_col_double(st, 1)));
    }
    db_finalize(st);
    json_object_set_new(s->root, name, obj);
    if (rc < 0)
        return -1;
    if (s->json)
        return 0;
    int w = 24;
    const char *label;
    json_t *v;
    json_object_foreach(obj, label, v) if ((int)strlen(label) > w) w = (int)strlen(label);
    printf("\n%s\n", title);
    json_object_foreach(obj, label, v)
    {
        char num[40];
        grouped(json_real_value(v), num, sizeof num);
        printf("  %-*s %14s\n", w, label, num);
    }
    return 0;
}

static int headline(db *d, summary *s, err *e)
{
    db_stmt *st;
    if (db_prepare(d,
                   "SELECT code, name FROM organisations WHERE kind = 'icb' ORDER BY code LIMIT 1",
                   &st, e))
        return -1;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        json_object_set_new(s->root, "icb", json_string(db_col_text(st, 0)));
        if (!s->json)
            printf("%s (%s)\n", db_col_text(st, 1), db_col_text(st, 0));
    } else if (rc == DB_DONE && !s->json) {
        printf("No integrated care board in this database yet (import organisations, or run "
               "`unlock demo`).\n");
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int cmd_summary(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt opts[] = {{"--json", NULL, "print a JSON object", NULL}, CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 2, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(opts[1].value, 0, &d, &e))
        return cli_fail(&e);
    summary s = {json_object(), opts[0].value != NULL};
    int rc = headline(d, &s, &e);
    if (!rc)
        rc = breakdown(d, &s, "organisations", "Organisations by kind",
                       "SELECT kind, COUNT(*) FROM organisations GROUP BY kind ORDER BY kind", &e);
    if (!rc)
        rc = breakdown(d, &s, "practices_by_place", "Practices by place",
                       "SELECT COALESCE(pl.name, '(no place)'), COUNT(*) FROM organisations p"
                       " LEFT JOIN organisations pcn ON pcn.code = p.parent_code"
                       " LEFT JOIN organisations pl ON pl.code = CASE WHEN pcn.kind = 'place'"
                       " THEN pcn.code ELSE pcn.parent_code END"
                       " WHERE p.kind = 'practice' GROUP BY pl.name ORDER BY pl.name",
                       &e);
    if (!rc)
        rc = breakdown(d, &s, "people", "People by role",
                       "SELECT role, COUNT(*) FROM people GROUP BY role ORDER BY role", &e);
    if (!rc)
        rc = breakdown(d, &s, "estates", "Estates (sites, floor area m², costs £ a year)",
                       "SELECT 'sites', COUNT(*) FROM sites"
                       " UNION ALL SELECT 'gross internal m2', COALESCE(SUM(gross_internal_m2), 0)"
                       " FROM sites"
                       " UNION ALL SELECT 'empty or under-used m2', COALESCE(SUM(gross_internal_m2"
                       " * (COALESCE(empty_pct, 0) + COALESCE(under_used_pct, 0)) / 100), 0)"
                       " FROM sites"
                       " UNION ALL SELECT 'facilities management', COALESCE(SUM("
                       "COALESCE(hard_fm_gbp, 0) + COALESCE(soft_fm_gbp, 0)), 0) FROM sites"
                       " UNION ALL SELECT 'backlog', COALESCE(SUM(COALESCE(backlog_high_gbp, 0)"
                       " + COALESCE(backlog_significant_gbp, 0) + COALESCE(backlog_moderate_gbp, 0)"
                       " + COALESCE(backlog_low_gbp, 0)), 0) FROM sites",
                       &e);
    if (!rc)
        rc = breakdown(d, &s, "services_by_pathway", "Services by pathway (annual £)",
                       "SELECT COALESCE(pathway, '(none)'), SUM(COALESCE(annual_gbp, 0))"
                       " FROM services GROUP BY pathway ORDER BY pathway",
                       &e);
    if (!rc)
        rc = breakdown(d, &s, "contracts_by_provider", "Contracts by provider (annual value £)",
                       "SELECT o.name, SUM(c.annual_value_gbp) FROM contracts c"
                       " JOIN organisations o ON o.code = c.provider_code"
                       " GROUP BY o.name ORDER BY o.name",
                       &e);
    if (!rc)
        rc = breakdown(d, &s, "indicators_by_domain", "Indicators by quality domain",
                       "SELECT domain, COUNT(*) FROM indicators GROUP BY domain ORDER BY domain",
                       &e);
    if (!rc)
        rc = breakdown(d, &s, "observations_by_indicator", "Observations by indicator",
                       "SELECT indicator_code, COUNT(*) FROM observations"
                       " GROUP BY indicator_code ORDER BY indicator_code",
                       &e);
    if (!rc && s.json) {
        json_dumpf(s.root, stdout, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
        fputc('\n', stdout);
    }
    json_decref(s.root);
    db_close(d);
    return rc ? cli_fail(&e) : 0;
}
