#include "domain/estates_history.h"

#include "domain/audit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void estates_year_period(const char *year, char period[8])
{
    snprintf(period, 8, "%.4s-04", year);
}

static int bind_num(db_stmt *s, int idx, double v, err *e)
{
    return isfinite(v) ? db_bind_double(s, idx, v, e) : db_bind_null(s, idx, e);
}

/* The figures a return shares with the sites table, in this order from idx: name,
 * organisation, gross, clinical, non-clinical, empty, under-used, hard FM, soft FM, and the
 * four backlog bands. */
#define SITE_FIGURES                                                                               \
    "name, organisation_code, gross_internal_m2, clinical_m2, non_clinical_m2, empty_pct,"         \
    " under_used_pct, hard_fm_gbp, soft_fm_gbp, backlog_high_gbp, backlog_significant_gbp,"        \
    " backlog_moderate_gbp, backlog_low_gbp"
#define SITE_FIGURE_COUNT 13

static int bind_figures(db_stmt *s, int idx, const estates_site *x, err *e)
{
    estates_site copy = *x;
    double *figures[ESTATES_RETURN_FIGURES];
    estates_site_figures(&copy, figures);
    if (db_bind_text(s, idx, x->name, e) || db_bind_text(s, idx + 1, x->org, e))
        return -1;
    for (int i = 0; i < ESTATES_RETURN_FIGURES; i++)
        if (bind_num(s, idx + 2 + i, *figures[i], e))
            return -1;
    return 0;
}

/* Runs a statement that takes the site's figures from parameter 1 and then `extra` texts. */
static int exec_with_figures(db *d, const char *sql, const estates_site *x,
                             const char *const *extra, int nextra, err *e)
{
    db_stmt *s;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = bind_figures(s, 1, x, e);
    for (int i = 0; i < nextra && !rc; i++)
        rc = db_bind_text(s, SITE_FIGURE_COUNT + 1 + i, extra[i], e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    return rc;
}

/* A one-text-column answer to a query with text parameters; out is "" when there is no row
 * or the value is NULL. */
static int query_text(db *d, const char *sql, const char *a, const char *b, char *out, size_t size,
                      int *found, err *e)
{
    db_stmt *s;
    out[0] = '\0';
    *found = 0;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_bind_text(s, 1, a, e);
    if (!rc && b)
        rc = db_bind_text(s, 2, b, e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW) {
        *found = 1;
        snprintf(out, size, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int site_latest_year(db *d, const char *site, char year[8], err *e)
{
    int found;
    return query_text(d, "SELECT MAX(year) FROM site_returns WHERE site_code = ?", site, NULL, year,
                      8, &found, e);
}

static json_t *num_json(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

int site_return_store(db *d, const site_return *r, const char *year, const char *actor,
                      site_return_outcome *out, err *e)
{
    const estates_site *x = &r->site;
    char latest[8], ignored[40];
    int site_found, return_found;
    memset(out, 0, sizeof *out);
    if (query_text(d, "SELECT code FROM sites WHERE code = ?", x->code, NULL, ignored,
                   sizeof ignored, &site_found, e) ||
        site_latest_year(d, x->code, latest, e) ||
        query_text(d, "SELECT year FROM site_returns WHERE site_code = ? AND year = ?", x->code,
                   year, ignored, sizeof ignored, &return_found, e))
        return -1;
    const char *code[] = {x->code};
    int rc = 0;
    if (!site_found)
        rc = exec_with_figures(d,
                               "INSERT INTO sites (" SITE_FIGURES ", code) VALUES"
                               " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               x, code, 1, e);
    else if (!latest[0] || strcmp(year, latest) >= 0)
        /* Only the latest return speaks for the site now; an older year's file adds history. */
        rc = exec_with_figures(d,
                               "UPDATE sites SET (" SITE_FIGURES ") = (?, ?, ?, ?, ?, ?, ?, ?, "
                               "?, ?, ?, ?, ?) WHERE code = ?",
                               x, code, 1, e);
    const char *keys[] = {x->code, year};
    if (!rc && return_found)
        rc = exec_with_figures(d,
                               "UPDATE site_returns SET (" SITE_FIGURES ") = (?, ?, ?, ?, ?, ?, "
                               "?, ?, ?, ?, ?, ?, ?) WHERE site_code = ? AND year = ?",
                               x, keys, 2, e);
    else if (!rc)
        rc = exec_with_figures(d,
                               "INSERT INTO site_returns (" SITE_FIGURES ", site_code, year)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               x, keys, 2, e);
    /* The two figures only a return holds. */
    db_stmt *s = NULL;
    if (!rc)
        rc = db_prepare(d,
                        "UPDATE site_returns SET occupied_m2 = ?, not_functionally_suitable_pct = ?"
                        " WHERE site_code = ? AND year = ?",
                        &s, e);
    if (!rc) {
        rc = bind_num(s, 1, r->occupied_m2, e) ||
                     bind_num(s, 2, r->not_functionally_suitable_pct, e) ||
                     db_bind_text(s, 3, x->code, e) || db_bind_text(s, 4, year, e)
                 ? -1
             : db_step(s, e) < 0 ? -1
                                 : 0;
        db_finalize(s);
    }
    if (rc)
        return -1;
    char key[64];
    snprintf(key, sizeof key, "%s/%s", x->code, year);
    json_t *change = json_pack(
        "{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "name",
        x->name, "organisation", x->org, "gross_internal_m2", num_json(x->gross_m2), "occupied_m2",
        num_json(r->occupied_m2), "clinical_m2", num_json(x->clinical_m2), "non_clinical_m2",
        num_json(x->non_clinical_m2), "empty_pct", num_json(x->empty_pct), "under_used_pct",
        num_json(x->under_used_pct), "not_functionally_suitable_pct",
        num_json(r->not_functionally_suitable_pct), "hard_fm_gbp", num_json(x->hard_fm_gbp),
        "soft_fm_gbp", num_json(x->soft_fm_gbp), "backlog_high_gbp", num_json(x->backlog_high_gbp),
        "backlog_significant_gbp", num_json(x->backlog_significant_gbp), "backlog_moderate_gbp",
        num_json(x->backlog_moderate_gbp), "backlog_low_gbp", num_json(x->backlog_low_gbp),
        "site_created", json_boolean(!site_found));
    rc = audit_record(d, actor, return_found ? "update" : "create", "site-return", key, change, e);
    json_decref(change);
    out->return_created = !return_found;
    out->site_created = !site_found;
    return rc;
}

/* ---- Observations ---------------------------------------------------------------------- */

static const struct estates_indicator {
    const char *code, *name, *domain, *type, *definition;
} indicators[] = {
    {"EST-COST-M2", "Estates: cost of occupancy per m²", "finance", "ratio",
     "Hard FM + soft FM costs (£ a year) / gross internal floor area (m²) of the sites with "
     "costs, from the ERIC site returns"},
    {"EST-TRAPPED", "Estates: trapped £ a year in empty and under-used space", "finance", "count",
     "Sum over sites of (floor area empty % + under-used %) / 100 x (hard FM + soft FM), from "
     "the ERIC site returns"},
    {"EST-UNUSED", "Estates: floor area empty or under-used", "productivity", "proportion",
     "Empty + under-used floor area (m²) / gross internal floor area (m²) x 100, from the ERIC "
     "site returns"},
    {"EST-NONCLIN", "Estates: non-clinical share of occupied space", "productivity", "proportion",
     "Non-clinical space / (clinical + non-clinical space) x 100, from the ERIC site returns; "
     "the Carter review benchmark is 35%"},
    {"EST-BACKLOG-M2", "Estates: backlog maintenance per m²", "finance", "ratio",
     "Cost to eradicate high + significant + moderate + low risk backlog (£) / gross internal "
     "floor area (m²), from the ERIC site returns"},
};
enum { IND_COST, IND_TRAPPED, IND_UNUSED, IND_NONCLIN, IND_BACKLOG, IND_COUNT };

static int ensure_indicators(db *d, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "INSERT INTO indicators (code, name, domain, type, multiplier, polarity,"
                   " patient_reported, source, definition) VALUES (?, ?, ?, ?, ?, 'low_is_good',"
                   " 0, 'ERIC site returns (unlock import eric)', ?) ON CONFLICT (code) DO NOTHING",
                   &s, e))
        return -1;
    int rc = 0;
    for (int i = 0; i < IND_COUNT && !rc; i++) {
        const struct estates_indicator *x = &indicators[i];
        db_reset(s);
        double multiplier = strcmp(x->type, "proportion") == 0 ? 100 : 1;
        rc = db_bind_text(s, 1, x->code, e) || db_bind_text(s, 2, x->name, e) ||
                     db_bind_text(s, 3, x->domain, e) || db_bind_text(s, 4, x->type, e) ||
                     db_bind_double(s, 5, multiplier, e) || db_bind_text(s, 6, x->definition, e)
                 ? -1
             : db_step(s, e) < 0 ? -1
                                 : 0;
    }
    db_finalize(s);
    return rc;
}

/* One organisation's observation; NaN numerator and denominator for a value alone. Nothing is
 * written for a value that is not known. */
static int observe(db_stmt *s, const char *indicator, const char *org, const char *period,
                   double num, double den, double value, long *written, err *e)
{
    if (!isfinite(value))
        return 0;
    if (isfinite(den) && den <= 0)
        return 0;
    db_reset(s);
    if (db_bind_text(s, 1, indicator, e) || db_bind_text(s, 2, org, e) ||
        db_bind_text(s, 3, period, e) || bind_num(s, 4, num, e) || bind_num(s, 5, den, e) ||
        db_bind_double(s, 6, value, e) || db_step(s, e) < 0)
        return -1;
    (*written)++;
    return 0;
}

static int observe_org(db_stmt *s, const estates_site *sites, size_t n, const char *period,
                       long *written, err *e)
{
    estates_metrics m;
    estates_measure(sites, n, &m);
    const char *org = sites[0].org;
    double non_clinical = m.non_clinical_pct / 100 * m.occupied_m2;
    if (observe(s, indicators[IND_COST].code, org, period, m.occupancy_gbp, m.costed_m2,
                m.cost_per_m2, written, e) ||
        observe(s, indicators[IND_TRAPPED].code, org, period, NAN, NAN, m.trapped_gbp, written,
                e) ||
        observe(s, indicators[IND_UNUSED].code, org, period, m.trapped_m2, m.split_m2,
                m.trapped_m2 / m.split_m2 * 100, written, e) ||
        observe(s, indicators[IND_NONCLIN].code, org, period, non_clinical, m.occupied_m2,
                m.non_clinical_pct, written, e) ||
        observe(s, indicators[IND_BACKLOG].code, org, period, m.backlog_gbp, m.backlog_m2,
                m.backlog_per_m2, written, e))
        return -1;
    return 0;
}

/* The year's returns, ordered by organisation. */
static int load_year(db *d, const char *year, estates_site **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT site_code, organisation_code, gross_internal_m2, clinical_m2,"
                   " non_clinical_m2, empty_pct, under_used_pct, hard_fm_gbp, soft_fm_gbp,"
                   " backlog_high_gbp, backlog_significant_gbp, backlog_moderate_gbp,"
                   " backlog_low_gbp FROM site_returns WHERE year = ?"
                   " ORDER BY organisation_code, site_code",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, year, e);
    size_t cap = 0;
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        estates_site *x = &(*out)[(*n)++];
        estates_site_init(x);
        snprintf(x->code, sizeof x->code, "%s", db_col_text(s, 0));
        snprintf(x->org, sizeof x->org, "%s", db_col_text(s, 1));
        estates_site_read_figures(x, s, 2);
        rc = 0;
    }
    db_finalize(s);
    if (rc < 0) {
        free(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

int estates_observe(db *d, const char *year, long *written, err *e)
{
    *written = 0;
    char period[8];
    estates_year_period(year, period);
    if (ensure_indicators(d, e))
        return -1;
    estates_site *sites;
    size_t n;
    if (load_year(d, year, &sites, &n, e))
        return -1;
    db_stmt *del = NULL, *ins = NULL;
    int rc =
        db_prepare(d, "DELETE FROM observations WHERE indicator_code = ? AND period = ?", &del, e);
    for (int i = 0; i < IND_COUNT && !rc; i++) {
        db_reset(del);
        rc = db_bind_text(del, 1, indicators[i].code, e) || db_bind_text(del, 2, period, e) ||
                     db_step(del, e) < 0
                 ? -1
                 : 0;
    }
    if (!rc)
        rc = db_prepare(d,
                        "INSERT INTO observations (indicator_code, organisation_code, period,"
                        " numerator, denominator, value) VALUES (?, ?, ?, ?, ?, ?)",
                        &ins, e);
    for (size_t i = 0; i < n && !rc;) {
        size_t end = i;
        while (end < n && strcmp(sites[end].org, sites[i].org) == 0)
            end++;
        rc = observe_org(ins, sites + i, end - i, period, written, e);
        i = end;
    }
    db_finalize(del);
    db_finalize(ins);
    free(sites);
    return rc;
}
