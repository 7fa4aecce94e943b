#include "domain/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load(db *d, const spc_request *req, spc_analysis *a, err *e)
{
    if (req->csv) {
        if (req->indicator || req->subject)
            return err_user(e, "give either a CSV file or an indicator and organisation, not both");
        static const table_column cols[] = {{"period", 0, 0, 1}, {"value", 1, 0, 0}};
        if (table_input_read(req->csv, cols, 2, 2, &a->t, e))
            return -1;
        a->from_csv = 1;
        a->s.n = a->t.n;
        a->s.periods = a->t.text[0];
        a->s.values = a->t.num[1];
        return 0;
    }
    if (!req->indicator || !req->subject)
        return err_user(e, "say what to chart: a CSV file, or an indicator and an organisation");
    if (series_load(d, req->indicator, req->subject, &a->s, e))
        return -1;
    if (a->s.n < 2)
        return err_user(e, "%s for %s has %zu observation; an SPC chart needs at least 2",
                        req->indicator, req->subject, a->s.n);
    return 0;
}

/* "2024-10,2025-04" → the indexes of those periods. */
static int rebase_points(const char *list, spc_analysis *a, err *e)
{
    a->rebase = xcalloc(strlen(list) + 1, sizeof *a->rebase);
    char *copy = xstrdup(list), *save = NULL;
    int rc = 0;
    for (char *p = strtok_r(copy, ",", &save); p && !rc; p = strtok_r(NULL, ",", &save)) {
        size_t i = 0;
        while (i < a->s.n && strcmp(a->s.periods[i], p) != 0)
            i++;
        if (i == a->s.n)
            rc = err_user(e, "rebase: no point has period '%.40s'", p);
        else
            a->rebase[a->opt.n_rebase++] = i;
    }
    free(copy);
    a->opt.rebase_at = a->rebase;
    return rc;
}

static int options(const spc_request *req, spc_analysis *a, err *e)
{
    spc_options_init(&a->opt);
    if (!a->from_csv)
        a->opt.improvement = analysis_direction(a->s.indicator.polarity);
    if (req->improvement && spc_direction_parse(req->improvement, &a->opt.improvement, e)) {
        err_prefix(e, "improvement");
        return -1;
    }
    if (req->target) {
        if (analysis_number("target", req->target, &a->opt.target, e))
            return -1;
        a->opt.has_target = 1;
    }
    if (req->fix_after) {
        char *end;
        long n = strtol(req->fix_after, &end, 10);
        if (!*req->fix_after || *end || n < 2)
            return err_user(e, "fix_after: expected a whole number of points, 2 or more");
        a->opt.fix_after = (size_t)n;
    }
    if (req->rebase && rebase_points(req->rebase, a, e))
        return -1;
    return 0;
}

int analysis_spc(db *d, const spc_request *req, spc_analysis *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (load(d, req, out, e) || options(req, out, e) ||
        spc_xmr(out->s.values, (const char *const *)out->s.periods, out->s.n, &out->opt, &out->r,
                e)) {
        analysis_spc_free(out);
        return -1;
    }
    return 0;
}

json_t *analysis_spc_json(const spc_analysis *a)
{
    const spc_result *r = &a->r;
    json_t *points = json_array();
    for (size_t i = 0; i < r->n; i++) {
        const spc_point *p = &r->points[i];
        json_array_append_new(points,
                              json_pack("{s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:s}", "period",
                                        a->s.periods[i], "value", p->value, "mean", p->mean, "lpl",
                                        p->lpl, "upl", p->upl, "near_lpl", p->near_lpl, "near_upl",
                                        p->near_upl, "type", spc_point_type_name(p->type)));
    }
    json_t *warnings = json_array();
    for (size_t i = 0; i < r->n_warnings; i++)
        json_array_append_new(warnings, json_string(r->warnings[i]));
    const char *assurance = spc_assurance_name(r->assurance);
    json_t *j = json_pack("{s:o, s:s, s:o, s:o, s:s}", "points", points, "variation",
                          spc_variation_name(r->variation), "assurance",
                          assurance ? json_string(assurance) : json_null(), "warnings", warnings,
                          "improvement", spc_direction_name(a->opt.improvement));
    if (!a->from_csv) {
        json_object_set_new(j, "indicator", json_string(a->s.indicator.code));
        json_object_set_new(j, "subject", json_string(a->s.subject));
    }
    if (a->opt.has_target)
        json_object_set_new(j, "target", json_real(a->opt.target));
    return j;
}

void analysis_spc_free(spc_analysis *a)
{
    spc_result_free(&a->r);
    free(a->rebase);
    if (a->from_csv)
        table_input_free(&a->t);
    else
        series_free(&a->s);
    memset(a, 0, sizeof *a);
}
