#include "domain/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int type_of_indicator(const indicator_info *ind, funnel_type *out, err *e)
{
    if (strcmp(ind->type, "proportion") == 0)
        *out = FUNNEL_PROPORTION;
    else if (strcmp(ind->type, "rate") == 0)
        *out = FUNNEL_RATE;
    else if (strcmp(ind->type, "ratio") == 0)
        *out = FUNNEL_RATIO;
    else
        return err_user(e,
                        "%s is a %s; a funnel plot needs a proportion, rate or ratio with "
                        "numerators and denominators",
                        ind->code, ind->type);
    return 0;
}

static void allocate(funnel_analysis *a, size_t n)
{
    a->n = n;
    a->orgs = xcalloc(n, sizeof *a->orgs);
    a->names = xcalloc(n, sizeof *a->names);
    a->numerators = xcalloc(n, sizeof *a->numerators);
    a->denominators = xcalloc(n, sizeof *a->denominators);
}

static int from_db(db *d, const funnel_request *req, funnel_analysis *a, err *e)
{
    if (!req->indicator || !req->period)
        return err_user(e, "say what to plot: a CSV file, or an indicator and a period");
    cross_section c;
    if (cross_section_load(d, req->indicator, req->period, req->kind, &c, e))
        return -1;
    a->indicator = c.indicator;
    snprintf(a->period, sizeof a->period, "%s", c.period);
    allocate(a, c.n);
    funnel_type type;
    int rc = req->type ? 0 : type_of_indicator(&a->indicator, &type, e);
    for (size_t i = 0; i < c.n && !rc; i++) {
        if (!c.rows[i].has_fraction)
            rc = err_user(e, "%s has no numerator and denominator for %s in %s", c.rows[i].org,
                          req->indicator, req->period);
        a->orgs[i] = xstrdup(c.rows[i].org);
        a->names[i] = xstrdup(c.rows[i].name);
        a->numerators[i] = c.rows[i].numerator;
        a->denominators[i] = c.rows[i].denominator;
    }
    cross_section_free(&c);
    return rc;
}

/* What funnel_compute() would refuse, said with the file, line and column. */
static int check_csv_row(const char *path, const table_input *t, size_t i, funnel_type type, err *e)
{
    double x = t->num[1][i], n = t->num[2][i];
    long line = t->lines[i];
    if (x < 0)
        err_user(e, "%s:%ld: column 'numerator': value '%.40s': must not be negative", path, line,
                 t->text[1][i]);
    else if (type == FUNNEL_PROPORTION && x > n)
        err_user(e,
                 "%s:%ld: column 'numerator': value '%.40s' is larger than the denominator "
                 "'%.40s'; a proportion counts some of its denominator",
                 path, line, t->text[1][i], t->text[2][i]);
    else
        return 0;
    err_at(e, line, "numerator");
    return -1;
}

static int from_csv(const funnel_request *req, funnel_analysis *a, err *e)
{
    if (req->indicator || req->period)
        return err_user(e, "give either a CSV file or an indicator and period, not both");
    funnel_type type = FUNNEL_PROPORTION;
    if (req->type && funnel_type_parse(req->type, &type, e))
        return -1;
    /* One organisation is its own average: a funnel needs two to compare. */
    static const table_column cols[] = {
        {"org", 0, 0, 1}, {"numerator", 1, 0, 0}, {"denominator", 1, 1, 0}};
    table_input t;
    if (table_input_read(req->csv, cols, 3, 2, &t, e))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < t.n && !rc; i++)
        rc = check_csv_row(req->csv, &t, i, type, e);
    if (!rc) {
        allocate(a, t.n);
        for (size_t i = 0; i < t.n; i++) {
            a->orgs[i] = xstrdup(t.text[0][i]);
            a->names[i] = xstrdup(t.text[0][i]);
            a->numerators[i] = t.num[1][i];
            a->denominators[i] = t.num[2][i];
        }
    }
    table_input_free(&t);
    return rc;
}

int analysis_funnel(db *d, const funnel_request *req, funnel_analysis *out, err *e)
{
    memset(out, 0, sizeof *out);
    int rc = req->csv ? from_csv(req, out, e) : from_db(d, req, out, e);
    funnel_type type = FUNNEL_PROPORTION;
    if (!rc && req->type)
        rc = funnel_type_parse(req->type, &type, e);
    else if (!rc && !req->csv)
        rc = type_of_indicator(&out->indicator, &type, e);
    double multiplier = funnel_default_multiplier(type);
    if (!rc && req->multiplier)
        rc = analysis_number("multiplier", req->multiplier, &multiplier, e);
    else if (!rc && !req->csv)
        multiplier = out->indicator.multiplier;
    if (!rc)
        rc = funnel_compute(type, out->numerators, out->denominators,
                            (const char *const *)out->orgs, out->n, multiplier, &out->r, e);
    if (rc)
        analysis_funnel_free(out);
    return rc;
}

json_t *analysis_funnel_json(const funnel_analysis *a)
{
    json_t *orgs = json_array();
    for (size_t i = 0; i < a->r.n; i++) {
        const funnel_org *o = &a->r.orgs[i];
        json_array_append_new(
            orgs,
            json_pack("{s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:s}", "org",
                      a->orgs[i], "name", a->names[i], "numerator", o->numerator, "denominator",
                      o->denominator, "value", o->value, "ci95_low", o->ci95_low, "ci95_high",
                      o->ci95_high, "limit95_low", o->limit95_low, "limit95_high", o->limit95_high,
                      "limit998_low", o->limit998_low, "limit998_high", o->limit998_high,
                      "significance", funnel_significance_name(o->significance)));
    }
    json_t *j = json_pack("{s:f, s:s, s:f, s:o}", "average", a->r.average, "type",
                          funnel_type_name(a->r.type), "multiplier", a->r.multiplier, "orgs", orgs);
    if (a->indicator.code[0]) {
        json_object_set_new(j, "indicator", json_string(a->indicator.code));
        json_object_set_new(j, "period", json_string(a->period));
    }
    return j;
}

void analysis_funnel_free(funnel_analysis *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->orgs[i]);
        free(a->names[i]);
    }
    free(a->orgs);
    free(a->names);
    free(a->numerators);
    free(a->denominators);
    funnel_result_free(&a->r);
    memset(a, 0, sizeof *a);
}
