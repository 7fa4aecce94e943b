#include "domain/analysis.h"

#include "stats/intervals.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The row's interval at a confidence level, in indicator units: Wilson for a
 * proportion, Byar for counts, rates and ratios (as Fingertips does), none for
 * a mean, which needs its spread. */
static ci_interval interval(const indicator_info *ind, const cross_row *r, double confidence)
{
    ci_interval ci = {NAN, NAN};
    err ignored;
    const char *t = ind->type;
    if (strcmp(t, "count") == 0) {
        if (ci_byar(r->value, confidence, &ci, &ignored))
            ci.lower = ci.upper = NAN;
        return ci;
    }
    if (!r->has_fraction || strcmp(t, "mean") == 0)
        return ci;
    int failed = strcmp(t, "proportion") == 0
                     ? ci_wilson(r->numerator, r->denominator, confidence, &ci, &ignored)
                     : ci_byar(r->numerator, confidence, &ci, &ignored);
    if (failed)
        return (ci_interval){NAN, NAN};
    double scale = ind->multiplier / (strcmp(t, "proportion") == 0 ? 1 : r->denominator);
    ci.lower *= scale;
    ci.upper *= scale;
    return ci;
}

static int benchmark_value(db *d, const compare_request *req, compare_analysis *a, err *e)
{
    const cross_section *c = &a->c;
    if (req->benchmark) {
        series s;
        if (series_load(d, req->indicator, req->benchmark, &s, e))
            return -1;
        int found = 0;
        for (size_t i = 0; i < s.n; i++)
            if (strcmp(s.periods[i], c->period) == 0)
                a->benchmark = s.values[i], found = 1;
        series_free(&s);
        if (!found)
            return err_user(e, "benchmark: %s has no value of %s in %s", req->benchmark,
                            req->indicator, c->period);
        snprintf(a->benchmark_name, sizeof a->benchmark_name, "%s", req->benchmark);
        return 0;
    }
    /* The overall value of everyone compared: pooled where there are fractions. */
    double num = 0, den = 0, sum = 0;
    int pooled = 1;
    for (size_t i = 0; i < c->n; i++) {
        pooled &= c->rows[i].has_fraction;
        num += c->rows[i].numerator;
        den += c->rows[i].denominator;
        sum += c->rows[i].value;
    }
    a->benchmark = pooled && den > 0 && strcmp(c->indicator.type, "mean") != 0
                       ? num / den * c->indicator.multiplier
                       : sum / (double)c->n;
    snprintf(a->benchmark_name, sizeof a->benchmark_name, "all %s organisations", c->kind);
    return 0;
}

int analysis_compare(db *d, const compare_request *req, compare_analysis *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (!req->indicator || !req->period)
        return err_user(e, "say what to compare: an indicator and a period");
    if (cross_section_load(d, req->indicator, req->period, req->kind, &out->c, e))
        return -1;
    if (benchmark_value(d, req, out, e)) {
        analysis_compare_free(out);
        return -1;
    }
    const cross_section *c = &out->c;
    out->polarity = analysis_polarity(c->indicator.polarity);
    out->rows = xcalloc(c->n, sizeof *out->rows);
    double *values = xcalloc(c->n, sizeof *values);
    int *quartiles = xcalloc(c->n, sizeof *quartiles),
        *quintiles = xcalloc(c->n, sizeof *quintiles);
    for (size_t i = 0; i < c->n; i++)
        values[i] = c->rows[i].value;
    int invert = compare_quantile_invert(out->polarity);
    compare_quantiles(values, c->n, 4, invert, quartiles);
    compare_quantiles(values, c->n, 5, invert, quintiles);
    compare_quantile_cuts(values, c->n, 4, out->quartile_cuts);
    compare_quantile_cuts(values, c->n, 5, out->quintile_cuts);
    int rc = compare_spine_data(values, c->n, NAN, out->benchmark, out->polarity, &out->spine, e);
    for (size_t i = 0; i < c->n && !rc; i++) {
        compare_row *r = &out->rows[i];
        r->org = c->rows[i].org;
        r->name = c->rows[i].name;
        r->value = c->rows[i].value;
        r->ci95 = interval(&c->indicator, &c->rows[i], 0.95);
        r->ci998 = interval(&c->indicator, &c->rows[i], 0.998);
        r->three = compare_three_tier(r->ci95, out->benchmark, out->polarity);
        r->five = compare_five_tier(r->ci95, r->ci998, out->benchmark, out->polarity);
        r->quartile = quartiles[i];
        r->quintile = quintiles[i];
        r->spine_position = compare_spine_position(&out->spine, r->value, out->polarity);
    }
    free(values);
    free(quartiles);
    free(quintiles);
    if (rc)
        analysis_compare_free(out);
    return rc;
}

static json_t *numbers_json(const double *v, size_t n)
{
    if (n == 0 || !isfinite(v[0]))
        return json_null();
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_real(v[i]));
    return a;
}

/* Fingertips' spine: the range of every area, its quartiles and the benchmark, turned so that
 * worse is on the left, with where each sits on the 0..1 axis. */
static json_t *spine_json(const compare_analysis *a)
{
    const compare_spine *s = &a->spine;
    return json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:{s:f, s:f, s:f, s:f}}",
                     "lowest", s->min, "q25", s->q25, "median", s->median, "q75", s->q75, "highest",
                     s->max, "benchmark", s->benchmark, "worst", s->worst, "worst_quartile",
                     s->worst_quartile, "best_quartile", s->best_quartile, "best", s->best,
                     "positions", "worst", s->pos_worst, "worst_quartile", s->pos_worst_quartile,
                     "best_quartile", s->pos_best_quartile, "best", s->pos_best);
}

static json_t *quantiles_json(const compare_analysis *a)
{
    int judged = a->polarity == COMPARE_HIGH_IS_GOOD || a->polarity == COMPARE_LOW_IS_GOOD;
    return json_pack("{s:s, s:s, s:o, s:o}", "method",
                     "PHE (phe_quantile): ranked, ties share the lowest rank, group = (q + 1) - "
                     "ceil((n + 1 - rank) / (n / q)); cut points PERCENTILE_CONT",
                     "group_1", judged ? "worst" : "lowest", "quartile_cuts",
                     numbers_json(a->quartile_cuts, 5), "quintile_cuts",
                     numbers_json(a->quintile_cuts, 6));
}

json_t *analysis_compare_json(const compare_analysis *a)
{
    json_t *orgs = json_array();
    for (size_t i = 0; i < a->c.n; i++) {
        const compare_row *r = &a->rows[i];
        json_t *o = json_pack(
            "{s:s, s:s, s:f, s:o, s:o, s:o, s:o, s:s, s:s, s:i, s:i}", "org", r->org, "name",
            r->name, "value", r->value, "ci95_low", analysis_json_number(r->ci95.lower),
            "ci95_high", analysis_json_number(r->ci95.upper), "ci998_low",
            analysis_json_number(r->ci998.lower), "ci998_high",
            analysis_json_number(r->ci998.upper), "three_tier", compare_outcome_name(r->three),
            "five_tier", compare_outcome_name(r->five), "quartile", r->quartile, "quintile",
            r->quintile);
        json_object_set_new(o, "spine_position", analysis_json_number(r->spine_position));
        json_array_append_new(orgs, o);
    }
    return json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:f}, s:o, s:o, s:o}", "indicator",
                     a->c.indicator.code, "period", a->c.period, "kind", a->c.kind, "polarity",
                     compare_polarity_name(a->polarity), "benchmark", "name", a->benchmark_name,
                     "value", a->benchmark, "quantiles", quantiles_json(a), "spine", spine_json(a),
                     "orgs", orgs);
}

void analysis_compare_free(compare_analysis *a)
{
    cross_section_free(&a->c);
    free(a->rows);
    memset(a, 0, sizeof *a);
}
