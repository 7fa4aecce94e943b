#include "domain/analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int find(const cross_section *c, const char *code, size_t *at)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->rows[i].org, code) == 0) {
            *at = i;
            return 1;
        }
    return 0;
}

/* Explicit peers from "A,B,C", or everyone else compared (the nearest are
 * chosen later, in peer_opportunity()). */
static int choose_peers(const opportunity_request *req, opportunity_analysis *a, err *e)
{
    const cross_section *c = &a->c;
    a->peers = xcalloc(c->n, sizeof *a->peers);
    if (!req->peers) {
        for (size_t i = 0; i < c->n; i++)
            if (i != a->target)
                a->peers[a->n_peers++] = i;
        return 0;
    }
    a->named_peers = 1;
    char *copy = xstrdup(req->peers), *save = NULL;
    int rc = 0;
    for (char *p = strtok_r(copy, ",", &save); p && !rc; p = strtok_r(NULL, ",", &save)) {
        size_t at;
        if (!find(c, p, &at))
            rc = err_user(e, "peers: %.40s has no %s value for %s in %s", p, c->indicator.code,
                          c->kind, c->period);
        else if (at != a->target && a->n_peers < c->n)
            a->peers[a->n_peers++] = at;
    }
    free(copy);
    return rc;
}

/* Each contextual indicator of "IMD19,AGE65" for every organisation compared. */
static int load_context(db *d, const opportunity_request *req, opportunity_analysis *a, err *e)
{
    const cross_section *c = &a->c;
    size_t cap = 1;
    for (const char *p = req->context; *p; p++)
        cap += *p == ',';
    a->context = xcalloc(cap, sizeof *a->context);
    a->context_values = xcalloc(c->n * cap, sizeof *a->context_values);
    double *column = xcalloc(c->n ? c->n : 1, sizeof *column);
    char *copy = xstrdup(req->context), *save = NULL;
    int rc = 0;
    for (char *p = strtok_r(copy, ",", &save); p && !rc; p = strtok_r(NULL, ",", &save)) {
        size_t k = a->n_context;
        if ((rc = context_load(d, p, c, &a->context[k], column, e))) {
            err_prefix(e, "context");
            break;
        }
        for (size_t i = 0; i < c->n; i++)
            a->context_values[i * cap + k] = column[i];
        a->n_context++;
    }
    free(copy);
    free(column);
    if (!rc && a->n_context == 0)
        rc = err_user(e, "context: name at least one contextual indicator, e.g. IMD19");
    /* The values were laid out cap wide; close the gap if a code was empty ("A,,B"). */
    for (size_t i = 0; !rc && cap != a->n_context && i < c->n; i++)
        memmove(&a->context_values[i * a->n_context], &a->context_values[i * cap],
                a->n_context * sizeof *a->context_values);
    return rc;
}

/* A whole-number option of at least 1, or its default when absent. */
static int count_option(const char *option, const char *text, size_t fallback, size_t *out, err *e)
{
    double v = (double)fallback;
    if (text && analysis_number(option, text, &v, e))
        return -1;
    if (v < 1 || v != floor(v) || v > 100000)
        return err_user(e, "%s: expected a whole number of peers, 1 or more, not '%.40s'", option,
                        text);
    *out = (size_t)v;
    return 0;
}

/* The options other than the peers, checked before anything is computed. */
static int check_request(db *d, const opportunity_request *req, opportunity_analysis *a,
                         peer_options *opt, err *e)
{
    const cross_section *c = &a->c;
    const char *t = c->indicator.type;
    if (strcmp(t, "proportion") == 0)
        opt->measure = PEER_PROPORTION;
    else if (strcmp(t, "rate") == 0 || strcmp(t, "ratio") == 0)
        opt->measure = PEER_RATE;
    else
        return err_user(e, "%s is a %s; peer opportunity needs a proportion, rate or ratio",
                        c->indicator.code, t);
    if (strcmp(c->indicator.polarity, "neutral") == 0)
        return err_user(e,
                        "%s has neutral polarity: no direction is better, so there is no "
                        "opportunity to size",
                        c->indicator.code);
    if (!find(c, req->org, &a->target))
        return err_user(e, "org: %s has no %s value in %s", req->org, c->indicator.code, c->period);
    if (req->peers && req->context)
        return err_user(e, "give the peers either by name (peers) or by similarity (context), not "
                           "both");
    if (req->nearest && !req->context)
        return err_user(e, "nearest: the nearest peers are chosen by context; say which "
                           "contextual indicators, e.g. context=IMD19");
    if (req->unit_cost && analysis_number("unit_cost", req->unit_cost, &opt->unit_cost, e))
        return -1;
    if (count_option("best", req->best, 5, &a->n_best, e) ||
        count_option("nearest", req->nearest, 10, &a->n_nearest, e))
        return -1;
    return req->context ? load_context(d, req, a, e) : choose_peers(req, a, e);
}

int analysis_opportunity(db *d, const opportunity_request *req, opportunity_analysis *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (!req->indicator || !req->period || !req->org)
        return err_user(e, "say what to assess: an indicator, a period and an organisation");
    if (cross_section_load(d, req->indicator, req->period, NULL, &out->c, e))
        return -1;
    const cross_section *c = &out->c;
    peer_options opt;
    peer_options_init(&opt);
    if (check_request(d, req, out, &opt, e)) {
        analysis_opportunity_free(out);
        return -1;
    }
    peer_org *orgs = xcalloc(c->n, sizeof *orgs);
    for (size_t i = 0; i < c->n; i++)
        orgs[i] = (peer_org){c->rows[i].name, c->rows[i].numerator, c->rows[i].denominator,
                             out->n_context ? &out->context_values[i * out->n_context] : NULL};
    const char **names = xcalloc(out->n_context + 1, sizeof *names);
    for (size_t k = 0; k < out->n_context; k++)
        names[k] = out->context[k].name;
    opt.target = out->target;
    opt.peers = out->n_context ? NULL : out->peers;
    opt.n_peers = out->n_peers;
    opt.n_nearest = out->n_nearest;
    opt.n_best = out->n_best;
    opt.n_context = out->n_context;
    opt.context_names = names;
    opt.polarity = analysis_polarity(c->indicator.polarity);
    opt.multiplier = c->indicator.multiplier;
    int rc = peer_opportunity(orgs, c->n, &opt, &out->r, e);
    free(names);
    free(orgs);
    if (rc)
        analysis_opportunity_free(out);
    return rc;
}

/* How the peers were chosen, with the assessed organisation's own context. */
static json_t *method_json(const opportunity_analysis *a)
{
    const peer_result *r = &a->r;
    json_t *context = json_array();
    for (size_t k = 0; k < a->n_context; k++)
        json_array_append_new(
            context,
            json_pack("{s:s, s:s, s:o}", "code", a->context[k].code, "name", a->context[k].name,
                      "value",
                      analysis_json_number(a->context_values[a->target * a->n_context + k])));
    return json_pack("{s:s, s:o, s:o, s:i, s:s}", "peers",
                     r->nearest       ? "nearest"
                     : a->named_peers ? "named"
                                      : "all",
                     "context", context, "nearest",
                     r->nearest ? json_integer((json_int_t)a->n_nearest) : json_null(), "best",
                     (int)a->n_best, "benchmark", "mean of the best peers' values");
}

/* Every peer: its value, how far its context is from the assessed organisation's, and whether
 * it is one of the best. */
static json_t *peer_details_json(const opportunity_analysis *a)
{
    const peer_result *r = &a->r;
    json_t *peers = json_array();
    for (size_t i = 0; i < r->n_peers; i++) {
        const cross_row *row = &a->c.rows[r->peers[i]];
        int best = 0;
        for (size_t b = 0; b < r->n_best; b++)
            best |= r->best[b] == r->peers[i];
        json_array_append_new(peers, json_pack("{s:s, s:s, s:f, s:o, s:b}", "org", row->org, "name",
                                               row->name, "value", row->value, "distance",
                                               analysis_json_number(r->distance[i]), "best", best));
    }
    return peers;
}

json_t *analysis_opportunity_json(const opportunity_analysis *a)
{
    const cross_section *c = &a->c;
    const peer_result *r = &a->r;
    json_t *peers = json_array(), *best = json_array();
    for (size_t i = 0; i < r->n_peers; i++)
        json_array_append_new(peers, json_string(c->rows[r->peers[i]].org));
    for (size_t i = 0; i < r->n_best; i++)
        json_array_append_new(best, json_string(c->rows[r->best[i]].org));
    json_t *j = json_pack(
        "{s:s, s:s, s:s, s:f, s:o, s:o, s:f, s:f, s:f, s:b, s:b, s:f, s:o, s:s}", "indicator",
        c->indicator.code, "period", c->period, "org", c->rows[a->target].org, "value", r->own_rate,
        "peers", peers, "best_peers", best, "benchmark", r->benchmark, "difference", r->difference,
        "se_difference", r->se_difference, "worse", r->worse, "significant", r->significant,
        "opportunity", r->opportunity, "opportunity_cost",
        analysis_json_number(r->opportunity_cost), "description", r->description);
    json_object_set_new(j, "method", method_json(a));
    json_object_set_new(j, "peer_details", peer_details_json(a));
    return j;
}

void analysis_opportunity_free(opportunity_analysis *a)
{
    cross_section_free(&a->c);
    free(a->peers);
    free(a->context);
    free(a->context_values);
    peer_result_free(&a->r);
    memset(a, 0, sizeof *a);
}
