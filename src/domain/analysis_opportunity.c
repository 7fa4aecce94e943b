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

/* Explicit peers from "A,B,C", or everyone else compared. */
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

int analysis_opportunity(db *d, const opportunity_request *req, opportunity_analysis *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (!req->indicator || !req->period || !req->org)
        return err_user(e, "say what to assess: an indicator, a period and an organisation");
    if (cross_section_load(d, req->indicator, req->period, NULL, &out->c, e))
        return -1;
    const cross_section *c = &out->c;
    const char *t = c->indicator.type;
    peer_options opt;
    peer_options_init(&opt);
    int rc = 0;
    if (strcmp(t, "proportion") == 0)
        opt.measure = PEER_PROPORTION;
    else if (strcmp(t, "rate") == 0 || strcmp(t, "ratio") == 0)
        opt.measure = PEER_RATE;
    else
        rc = err_user(e, "%s is a %s; peer opportunity needs a proportion, rate or ratio",
                      c->indicator.code, t);
    if (!rc && strcmp(c->indicator.polarity, "neutral") == 0)
        rc = err_user(e,
                      "%s has neutral polarity: no direction is better, so there is no "
                      "opportunity to size",
                      c->indicator.code);
    if (!rc && !find(c, req->org, &out->target))
        rc = err_user(e, "org: %s has no %s value in %s", req->org, c->indicator.code, c->period);
    if (!rc)
        rc = choose_peers(req, out, e);
    if (!rc && req->unit_cost)
        rc = analysis_number("unit_cost", req->unit_cost, &opt.unit_cost, e);
    double best = 5;
    if (!rc && req->best && !(rc = analysis_number("best", req->best, &best, e)) &&
        (best < 1 || best != floor(best)))
        rc = err_user(e, "best: expected a whole number of peers, 1 or more");
    if (rc) {
        analysis_opportunity_free(out);
        return -1;
    }
    peer_org *orgs = xcalloc(c->n, sizeof *orgs);
    for (size_t i = 0; i < c->n; i++)
        orgs[i] = (peer_org){c->rows[i].name, c->rows[i].numerator, c->rows[i].denominator, NULL};
    opt.target = out->target;
    opt.peers = out->peers;
    opt.n_peers = out->n_peers;
    opt.n_best = (size_t)best;
    opt.polarity = analysis_polarity(c->indicator.polarity);
    opt.multiplier = c->indicator.multiplier;
    rc = peer_opportunity(orgs, c->n, &opt, &out->r, e);
    free(orgs);
    if (rc)
        analysis_opportunity_free(out);
    return rc;
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
    return json_pack("{s:s, s:s, s:s, s:f, s:o, s:o, s:f, s:f, s:f, s:b, s:b, s:f, s:o, s:s}",
                     "indicator", c->indicator.code, "period", c->period, "org",
                     c->rows[a->target].org, "value", r->own_rate, "peers", peers, "best_peers",
                     best, "benchmark", r->benchmark, "difference", r->difference, "se_difference",
                     r->se_difference, "worse", r->worse, "significant", r->significant,
                     "opportunity", r->opportunity, "opportunity_cost",
                     analysis_json_number(r->opportunity_cost), "description", r->description);
}

void analysis_opportunity_free(opportunity_analysis *a)
{
    cross_section_free(&a->c);
    free(a->peers);
    peer_result_free(&a->r);
    memset(a, 0, sizeof *a);
}
