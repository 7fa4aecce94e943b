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
    for (size_t i = 0; i < c->n; i++)
        values[i] = c->rows[i].value;
    for (size_t i = 0; i < c->n; i++) {
        compare_row *r = &out->rows[i];
        r->org = c->rows[i].org;
        r->name = c->rows[i].name;
        r->value = c->rows[i].value;
        r->ci95 = interval(&c->indicator, &c->rows[i], 0.95);
        r->ci998 = interval(&c->indicator, &c->rows[i], 0.998);
        r->three = compare_three_tier(r->ci95, out->benchmark, out->polarity);
        r->five = compare_five_tier(r->ci95, r->ci998, out->benchmark, out->polarity);
        r->quartile = compare_quantile_rank_by_polarity(
            compare_quantile_group(values, c->n, r->value, 4), 4, out->polarity);
        r->quintile = compare_quantile_rank_by_polarity(
            compare_quantile_group(values, c->n, r->value, 5), 5, out->polarity);
    }
    free(values);
    return 0;
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
        json_array_append_new(orgs, o);
    }
    return json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:f}, s:o}", "indicator", a->c.indicator.code,
                     "period", a->c.period, "kind", a->c.kind, "polarity",
                     compare_polarity_name(a->polarity), "benchmark", "name", a->benchmark_name,
                     "value", a->benchmark, "orgs", orgs);
}

void analysis_compare_free(compare_analysis *a)
{
    cross_section_free(&a->c);
    free(a->rows);
    memset(a, 0, sizeof *a);
}
