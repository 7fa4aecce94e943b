#include "domain/signals.h"

#include "domain/analysis.h"

#include <stdlib.h>
#include <string.h>

/* One series' SPC summary, or NULL when it has too few points to chart. */
static json_t *series_icons(db *d, const char *indicator, const char *subject, err *e, int *rc)
{
    spc_request req = {.indicator = indicator, .subject = subject};
    spc_analysis a;
    *rc = 0;
    if (analysis_spc(d, &req, &a, e)) {
        /* A single observation is not a chart; anything else is a real failure. */
        *rc = e->kind == ERR_USER ? 0 : -1;
        return NULL;
    }
    size_t last = a.s.n - 1;
    const char *assurance = spc_assurance_name(a.r.assurance);
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:s, s:o}", "indicator", indicator,
                          "name", a.s.indicator.name, "domain", a.s.indicator.domain, "polarity",
                          a.s.indicator.polarity, "last_period", a.s.periods[last], "last_value",
                          a.s.values[last], "variation", spc_variation_name(a.r.variation),
                          "assurance", assurance ? json_string(assurance) : json_null());
    analysis_spc_free(&a);
    return j;
}

static int each_series(db *d, json_t *spc, err *e)
{
    db_stmt *s;
    if (db_prepare(
            d,
            "SELECT DISTINCT b.indicator_code, COALESCE(b.organisation_code, b.service_code),"
            " COALESCE(o.name, v.name) FROM observations b"
            " LEFT JOIN organisations o ON o.code = b.organisation_code"
            " LEFT JOIN services v ON v.code = b.service_code ORDER BY 1, 2",
            &s, e))
        return -1;
    int rc;
    while ((rc = db_step(s, e)) == DB_ROW) {
        int failed;
        json_t *j = series_icons(d, db_col_text(s, 0), db_col_text(s, 1), e, &failed);
        if (failed) {
            rc = -1;
            break;
        }
        if (j && strcmp(json_string_value(json_object_get(j, "variation")), "common_cause")) {
            json_object_set_new(j, "org", json_string(db_col_text(s, 1)));
            json_object_set_new(j, "org_name", json_string(db_col_text(s, 2)));
            json_array_append_new(spc, j);
        } else {
            json_decref(j);
        }
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int outliers_of(db *d, const char *indicator, const char *period, json_t *out, err *e)
{
    funnel_request req = {.indicator = indicator, .period = period};
    funnel_analysis a;
    if (analysis_funnel(d, &req, &a, e))
        return e->kind == ERR_USER ? 0 : -1; /* not every indicator can be a funnel */
    for (size_t i = 0; i < a.r.n; i++) {
        funnel_significance sig = a.r.orgs[i].significance;
        if (sig != FUNNEL_HIGH_0_001 && sig != FUNNEL_LOW_0_001)
            continue;
        json_array_append_new(
            out, json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:s, s:s}", "indicator", indicator,
                           "name", a.indicator.name, "period", period, "org", a.orgs[i], "org_name",
                           a.names[i], "value", a.r.orgs[i].value, "significance",
                           funnel_significance_name(sig), "polarity", a.indicator.polarity));
    }
    analysis_funnel_free(&a);
    return 0;
}

static int each_latest_period(db *d, json_t *outliers, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT i.code, MAX(b.period) FROM indicators i"
                   " JOIN observations b ON b.indicator_code = i.code"
                   " WHERE i.type IN ('proportion', 'rate', 'ratio') AND b.organisation_code IS"
                   " NOT NULL GROUP BY i.code ORDER BY i.code",
                   &s, e))
        return -1;
    int rc;
    while ((rc = db_step(s, e)) == DB_ROW)
        if (outliers_of(d, db_col_text(s, 0), db_col_text(s, 1), outliers, e)) {
            rc = -1;
            break;
        }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int signals_build(db *d, json_t **out, err *e)
{
    json_t *spc = json_array(), *outliers = json_array();
    if (each_series(d, spc, e) || each_latest_period(d, outliers, e)) {
        json_decref(spc);
        json_decref(outliers);
        return -1;
    }
    *out = json_pack("{s:o, s:o}", "spc", spc, "outliers", outliers);
    return 0;
}

int signals_for_subject(db *d, const char *code, json_t **out, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT (SELECT COUNT(*) FROM organisations WHERE code = ?)"
                   " + (SELECT COUNT(*) FROM services WHERE code = ?)",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, code, e);
    if (!rc)
        rc = db_bind_text(s, 2, code, e);
    if (!rc)
        rc = db_step(s, e);
    int exists = rc == DB_ROW && db_col_int64(s, 0) > 0;
    db_finalize(s);
    if (rc < 0)
        return -1;
    if (!exists)
        return err_not_found(e, "no organisation or service '%.40s'", code);
    if (db_prepare(d,
                   "SELECT DISTINCT indicator_code FROM observations"
                   " WHERE organisation_code = ? OR service_code = ? ORDER BY 1",
                   &s, e))
        return -1;
    json_t *items = json_array();
    rc = db_bind_text(s, 1, code, e);
    if (!rc)
        rc = db_bind_text(s, 2, code, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        int failed;
        json_t *j = series_icons(d, db_col_text(s, 0), code, e, &failed);
        rc = failed ? -1 : 0;
        if (j)
            json_array_append_new(items, j);
    }
    db_finalize(s);
    if (rc < 0) {
        json_decref(items);
        return -1;
    }
    *out = json_pack("{s:o}", "items", items);
    return 0;
}
