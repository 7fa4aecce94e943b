#include "domain/estates.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void estates_site_init(estates_site *s)
{
    memset(s, 0, sizeof *s);
    s->gross_m2 = s->clinical_m2 = s->non_clinical_m2 = s->empty_pct = s->under_used_pct = NAN;
    s->hard_fm_gbp = s->soft_fm_gbp = NAN;
    s->backlog_high_gbp = s->backlog_significant_gbp = s->backlog_moderate_gbp =
        s->backlog_low_gbp = NAN;
    s->rooms = s->sessions_available = s->sessions_booked = NAN;
}

void estates_site_figures(estates_site *s, double *out[ESTATES_RETURN_FIGURES])
{
    double *all[ESTATES_RETURN_FIGURES] = {&s->gross_m2,
                                           &s->clinical_m2,
                                           &s->non_clinical_m2,
                                           &s->empty_pct,
                                           &s->under_used_pct,
                                           &s->hard_fm_gbp,
                                           &s->soft_fm_gbp,
                                           &s->backlog_high_gbp,
                                           &s->backlog_significant_gbp,
                                           &s->backlog_moderate_gbp,
                                           &s->backlog_low_gbp};
    memcpy(out, all, sizeof all);
}

/* Adds a known value to an accumulator that starts as NaN (nothing known yet). */
static void add(double *acc, double v)
{
    if (isnan(v))
        return;
    *acc = isnan(*acc) ? v : *acc + v;
}

static double div_or_nan(double num, double den)
{
    return isnan(num) || isnan(den) || den <= 0 ? NAN : num / den;
}

void estates_measure(const estates_site *sites, size_t n, estates_metrics *m)
{
    memset(m, 0, sizeof *m);
    m->sites = n;
    m->occupancy_gbp = m->trapped_m2 = m->trapped_gbp = NAN;
    m->non_clinical_excess_m2 = m->non_clinical_excess_gbp = NAN;
    m->backlog_gbp = m->backlog_risk_adjusted_gbp = NAN;
    m->sessions_available = m->sessions_booked = NAN;
    /* The denominators of the ratios: only sites that have both parts. */
    double cost_area = NAN, occupied = NAN, non_clinical = NAN, backlog_area = NAN;
    m->split_m2 = NAN;
    for (size_t i = 0; i < n; i++) {
        const estates_site *s = &sites[i];
        m->gross_m2 += s->gross_m2;

        double occupancy = NAN;
        add(&occupancy, s->hard_fm_gbp);
        add(&occupancy, s->soft_fm_gbp);
        if (!isnan(occupancy)) {
            add(&m->occupancy_gbp, occupancy);
            add(&cost_area, s->gross_m2);
        }

        double trapped_pct = NAN;
        add(&trapped_pct, s->empty_pct);
        add(&trapped_pct, s->under_used_pct);
        if (!isnan(trapped_pct)) {
            add(&m->split_m2, s->gross_m2);
            add(&m->trapped_m2, trapped_pct / 100 * s->gross_m2);
            /* (empty + under-used) x area x cost per m² is that share of the occupancy cost. */
            add(&m->trapped_gbp, trapped_pct / 100 * occupancy);
        }

        if (!isnan(s->clinical_m2) && !isnan(s->non_clinical_m2)) {
            double total = s->clinical_m2 + s->non_clinical_m2;
            add(&occupied, total);
            add(&non_clinical, s->non_clinical_m2);
            /* Space is not movable between sites: one site's headroom does not offset another's
             * excess, so the excess is summed site by site. */
            double excess = s->non_clinical_m2 - ESTATES_NON_CLINICAL_BENCHMARK_PCT / 100 * total;
            if (excess < 0)
                excess = 0;
            add(&m->non_clinical_excess_m2, excess);
            add(&m->non_clinical_excess_gbp, excess * div_or_nan(occupancy, s->gross_m2));
        }

        double backlog = NAN, risk = NAN;
        add(&backlog, s->backlog_high_gbp);
        add(&backlog, s->backlog_significant_gbp);
        add(&backlog, s->backlog_moderate_gbp);
        add(&backlog, s->backlog_low_gbp);
        add(&risk, s->backlog_high_gbp * ESTATES_WEIGHT_HIGH);
        add(&risk, s->backlog_significant_gbp * ESTATES_WEIGHT_SIGNIFICANT);
        add(&risk, s->backlog_moderate_gbp * ESTATES_WEIGHT_MODERATE);
        add(&risk, s->backlog_low_gbp * ESTATES_WEIGHT_LOW);
        if (!isnan(backlog)) {
            add(&m->backlog_gbp, backlog);
            add(&m->backlog_risk_adjusted_gbp, risk);
            add(&backlog_area, s->gross_m2);
        }

        /* A site with no bookable sessions (an office) says nothing about room use. */
        if (!isnan(s->sessions_available) && s->sessions_available > 0 &&
            !isnan(s->sessions_booked)) {
            add(&m->sessions_available, s->sessions_available);
            add(&m->sessions_booked, s->sessions_booked);
        }
    }
    m->costed_m2 = cost_area;
    m->occupied_m2 = occupied;
    m->backlog_m2 = backlog_area;
    m->cost_per_m2 = div_or_nan(m->occupancy_gbp, cost_area);
    m->non_clinical_pct = div_or_nan(non_clinical, occupied) * 100;
    m->backlog_per_m2 = div_or_nan(m->backlog_gbp, backlog_area);
    m->room_utilisation_pct = div_or_nan(m->sessions_booked, m->sessions_available) * 100;
    m->low_room_use =
        !isnan(m->room_utilisation_pct) && m->room_utilisation_pct < ESTATES_LOW_ROOM_USE_PCT;
}

/* ---- Loading ------------------------------------------------------------------------- */

static double col_num(db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NAN : db_col_double(s, col);
}

void estates_site_read_figures(estates_site *s, db_stmt *row, int col)
{
    double *figures[ESTATES_RETURN_FIGURES];
    estates_site_figures(s, figures);
    for (int i = 0; i < ESTATES_RETURN_FIGURES; i++)
        *figures[i] = col_num(row, col + i);
}

static void copy_text(char *out, size_t size, const char *text)
{
    snprintf(out, size, "%s", text ? text : "");
}

static int load(db *d, const char *org, int trapped_only, estates_set *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (org) {
        int64_t found = 0;
        db_stmt *q;
        if (db_prepare(d, "SELECT COUNT(*) FROM organisations WHERE code = ?", &q, e))
            return -1;
        int rc = db_bind_text(q, 1, org, e);
        if (!rc && (rc = db_step(q, e)) == DB_ROW)
            found = db_col_int64(q, 0);
        db_finalize(q);
        if (rc < 0)
            return -1;
        if (!found)
            return err_not_found(e, "org: no organisation with code '%.40s'", org);
    }
    /* The organisation and everything below it; every site when no organisation is named.
     * Two fixed statements rather than "? IS NULL", whose type PostgreSQL cannot infer. */
#define ESTATES_COLUMNS                                                                            \
    " SELECT s.code, s.name, s.organisation_code, o.name, s.gross_internal_m2,"                    \
    " s.clinical_m2, s.non_clinical_m2, s.empty_pct, s.under_used_pct,"                            \
    " s.hard_fm_gbp, s.soft_fm_gbp, s.backlog_high_gbp, s.backlog_significant_gbp,"                \
    " s.backlog_moderate_gbp, s.backlog_low_gbp, s.clinical_rooms,"                                \
    " s.room_sessions_available, s.room_sessions_booked"                                           \
    " FROM sites s JOIN organisations o ON o.code = s.organisation_code"
#define UNDER_ORG                                                                                  \
    "WITH RECURSIVE tree (code) AS (SELECT code FROM organisations WHERE code = ?"                 \
    " UNION SELECT o.code FROM organisations o JOIN tree t ON o.parent_code = "                    \
    "t.code)" ESTATES_COLUMNS " WHERE s.organisation_code IN (SELECT code FROM tree)"
#define TRAPPED "(COALESCE(s.empty_pct, 0) + COALESCE(s.under_used_pct, 0)) > 0"
#define ORDER " ORDER BY s.organisation_code, s.code"
    static const char *const sql[2][2] = {
        {ESTATES_COLUMNS ORDER, UNDER_ORG ORDER},
        {ESTATES_COLUMNS " WHERE " TRAPPED ORDER, UNDER_ORG " AND " TRAPPED ORDER}};
#undef ESTATES_COLUMNS
#undef UNDER_ORG
#undef TRAPPED
#undef ORDER
    db_stmt *s;
    if (db_prepare(d, sql[trapped_only != 0][org != NULL], &s, e))
        return -1;
    int rc = org ? db_bind_text(s, 1, org, e) : 0;
    size_t cap = 0;
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 16;
            out->sites = xrealloc(out->sites, cap * sizeof *out->sites);
        }
        estates_site *site = &out->sites[out->n++];
        estates_site_init(site);
        copy_text(site->code, sizeof site->code, db_col_text(s, 0));
        copy_text(site->name, sizeof site->name, db_col_text(s, 1));
        copy_text(site->org, sizeof site->org, db_col_text(s, 2));
        copy_text(site->org_name, sizeof site->org_name, db_col_text(s, 3));
        estates_site_read_figures(site, s, 4);
        site->rooms = col_num(s, 15);
        site->sessions_available = col_num(s, 16);
        site->sessions_booked = col_num(s, 17);
        rc = 0;
    }
    db_finalize(s);
    if (rc < 0) {
        estates_set_free(out);
        return -1;
    }
    return 0;
}

int estates_load(db *d, const char *org, estates_set *out, err *e)
{
    return load(d, org, 0, out, e);
}

int estates_load_trapped(db *d, const char *org, estates_set *out, err *e)
{
    return load(d, org, 1, out, e);
}

void estates_set_free(estates_set *set)
{
    free(set->sites);
    memset(set, 0, sizeof *set);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

json_t *estates_metrics_json(const estates_metrics *m)
{
    json_t *j = json_object();
    json_object_set_new(j, "sites", json_integer((json_int_t)m->sites));
    json_object_set_new(j, "gross_internal_m2", num(m->gross_m2));
    json_object_set_new(j, "occupancy_gbp", num(m->occupancy_gbp));
    json_object_set_new(j, "cost_per_m2", num(m->cost_per_m2));
    json_object_set_new(j, "trapped_m2", num(m->trapped_m2));
    json_object_set_new(j, "trapped_gbp", num(m->trapped_gbp));
    json_object_set_new(j, "non_clinical_pct", num(m->non_clinical_pct));
    json_object_set_new(j, "non_clinical_excess_m2", num(m->non_clinical_excess_m2));
    json_object_set_new(j, "non_clinical_excess_gbp", num(m->non_clinical_excess_gbp));
    json_object_set_new(j, "backlog_gbp", num(m->backlog_gbp));
    json_object_set_new(j, "backlog_per_m2", num(m->backlog_per_m2));
    json_object_set_new(j, "backlog_risk_adjusted_gbp", num(m->backlog_risk_adjusted_gbp));
    json_object_set_new(j, "room_sessions_available", num(m->sessions_available));
    json_object_set_new(j, "room_sessions_booked", num(m->sessions_booked));
    json_object_set_new(j, "room_utilisation_pct", num(m->room_utilisation_pct));
    json_object_set_new(j, "low_room_use", json_boolean(m->low_room_use));
    return j;
}

json_t *estates_json(const estates_set *set, const char *org)
{
    json_t *orgs = json_array();
    for (size_t i = 0; i < set->n;) {
        size_t end = i;
        while (end < set->n && strcmp(set->sites[end].org, set->sites[i].org) == 0)
            end++;
        estates_metrics m;
        estates_measure(set->sites + i, end - i, &m);
        json_t *o = estates_metrics_json(&m), *sites = json_array();
        json_object_set_new(o, "org", json_string(set->sites[i].org));
        json_object_set_new(o, "name", json_string(set->sites[i].org_name));
        for (size_t k = i; k < end; k++) {
            estates_measure(set->sites + k, 1, &m);
            json_t *sj = estates_metrics_json(&m);
            json_object_del(sj, "sites");
            json_object_set_new(sj, "site", json_string(set->sites[k].code));
            json_object_set_new(sj, "name", json_string(set->sites[k].name));
            json_array_append_new(sites, sj);
        }
        json_object_set_new(o, "site_list", sites);
        json_array_append_new(orgs, o);
        i = end;
    }
    estates_metrics total;
    estates_measure(set->sites, set->n, &total);
    return json_pack("{s:o, s:{s:f, s:f, s:{s:f, s:f, s:f, s:f}}, s:o, s:o}", "org",
                     org ? json_string(org) : json_null(), "benchmarks", "non_clinical_pct",
                     ESTATES_NON_CLINICAL_BENCHMARK_PCT, "low_room_use_pct",
                     ESTATES_LOW_ROOM_USE_PCT, "backlog_risk_weights", "high", ESTATES_WEIGHT_HIGH,
                     "significant", ESTATES_WEIGHT_SIGNIFICANT, "moderate", ESTATES_WEIGHT_MODERATE,
                     "low", ESTATES_WEIGHT_LOW, "total", estates_metrics_json(&total),
                     "organisations", orgs);
}
