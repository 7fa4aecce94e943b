#include "domain/series.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int find_indicator(db *d, const char *code, indicator_info *out, err *e)
{
    int found;
    if (indicator_lookup(d, code, out, &found, e))
        return -1;
    if (!found)
        return err_not_found(e, "no indicator '%s' (see `unlock list indicators`)", code);
    return 0;
}

int series_load(db *d, const char *indicator, const char *subject, series *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (find_indicator(d, indicator, &out->indicator, e))
        return -1;
    snprintf(out->subject, sizeof out->subject, "%s", subject);
    db_stmt *s;
    if (db_prepare(d,
                   /* Two branches, so each uses its index: an OR would scan the table. */
                   "SELECT period, value FROM observations WHERE organisation_code = ?"
                   " AND indicator_code = ? UNION ALL SELECT period, value FROM observations"
                   " WHERE service_code = ? AND indicator_code = ? ORDER BY period",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, subject, e);
    if (!rc)
        rc = db_bind_text(s, 2, indicator, e);
    if (!rc)
        rc = db_bind_text(s, 3, subject, e);
    if (!rc)
        rc = db_bind_text(s, 4, indicator, e);
    size_t cap = 0;
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        rc = 0;
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            out->periods = xrealloc(out->periods, cap * sizeof *out->periods);
            out->values = xrealloc(out->values, cap * sizeof *out->values);
        }
        out->periods[out->n] = xstrdup(db_col_text(s, 0));
        out->values[out->n] = db_col_double(s, 1);
        out->n++;
    }
    db_finalize(s);
    if (rc < 0) {
        series_free(out);
        return -1;
    }
    if (out->n == 0) {
        series_free(out);
        return err_not_found(
            e, "no observations of %s for '%s' (is it an organisation or service code?)", indicator,
            subject);
    }
    return 0;
}

void series_free(series *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->periods[i]);
    free(s->periods);
    free(s->values);
    memset(s, 0, sizeof *s);
}

static int busiest_kind(db *d, const char *indicator, const char *period, char *out, size_t size,
                        err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT o.kind, COUNT(*) AS n FROM observations b"
                   " JOIN organisations o ON o.code = b.organisation_code"
                   " WHERE b.indicator_code = ? AND b.period = ?"
                   " GROUP BY o.kind ORDER BY n DESC, o.kind LIMIT 1",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, indicator, e);
    if (!rc)
        rc = db_bind_text(s, 2, period, e);
    if (!rc)
        rc = db_step(s, e);
    /* One trust of each kind is no comparison: compare providers of every kind instead. */
    if (rc == DB_ROW)
        snprintf(out, size, "%s", db_col_int64(s, 1) >= 3 ? db_col_text(s, 0) : "provider");
    else if (rc == DB_DONE)
        rc = err_not_found(e, "no observations of %s for organisations in period %s", indicator,
                           period);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int cross_section_load(db *d, const char *indicator, const char *period, const char *kind,
                       cross_section *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (find_indicator(d, indicator, &out->indicator, e))
        return -1;
    snprintf(out->period, sizeof out->period, "%s", period);
    if (kind)
        snprintf(out->kind, sizeof out->kind, "%s", kind);
    else if (busiest_kind(d, indicator, period, out->kind, sizeof out->kind, e))
        return -1;
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT o.code, o.name, b.numerator, b.denominator, b.value"
                   " FROM observations b JOIN organisations o ON o.code = b.organisation_code"
                   " WHERE b.indicator_code = ? AND b.period = ? AND (o.kind = ? OR (? = 'provider'"
                   " AND o.kind NOT IN ('icb', 'sub_icb', 'place', 'pcn', 'practice')))"
                   " ORDER BY o.code",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, indicator, e);
    if (!rc)
        rc = db_bind_text(s, 2, period, e);
    if (!rc)
        rc = db_bind_text(s, 3, out->kind, e);
    if (!rc)
        rc = db_bind_text(s, 4, out->kind, e);
    size_t cap = 0;
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        rc = 0;
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            out->rows = xrealloc(out->rows, cap * sizeof *out->rows);
        }
        cross_row *r = &out->rows[out->n++];
        r->org = xstrdup(db_col_text(s, 0));
        r->name = xstrdup(db_col_text(s, 1));
        r->has_fraction = !db_col_is_null(s, 2) && !db_col_is_null(s, 3);
        r->numerator = db_col_double(s, 2);
        r->denominator = db_col_double(s, 3);
        r->value = db_col_double(s, 4);
    }
    db_finalize(s);
    if (rc < 0) {
        cross_section_free(out);
        return -1;
    }
    if (out->n == 0) {
        cross_section_free(out);
        return err_not_found(e, "no observations of %s for %s organisations in period %s",
                             indicator, kind ? kind : "any", period);
    }
    return 0;
}

void cross_section_free(cross_section *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->rows[i].org);
        free(c->rows[i].name);
    }
    free(c->rows);
    memset(c, 0, sizeof *c);
}

static int cmp_row_code(const void *key, const void *row)
{
    return strcmp(key, ((const cross_row *)row)->org);
}

int context_load(db *d, const char *indicator, const cross_section *c, indicator_info *info,
                 double *out, err *e)
{
    if (find_indicator(d, indicator, info, e))
        return -1;
    for (size_t i = 0; i < c->n; i++)
        out[i] = NAN;
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT organisation_code, value FROM observations WHERE indicator_code = ?"
                   " AND organisation_code IS NOT NULL AND value IS NOT NULL AND period <= ?"
                   " ORDER BY period",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, indicator, e);
    if (!rc)
        rc = db_bind_text(s, 2, c->period, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        rc = 0;
        /* The rows are in code order (cross_section_load sorts them). */
        const cross_row *r =
            bsearch(db_col_text(s, 0), c->rows, c->n, sizeof *c->rows, cmp_row_code);
        if (r)
            out[r - c->rows] = db_col_double(s, 1); /* later periods overwrite earlier ones */
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}
