#include "stats/peer.h"

#include "stats/intervals.h"
#include "stats/normal.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void peer_options_init(peer_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->n_nearest = 10;
    opt->n_best = 5;
    opt->measure = PEER_PROPORTION;
    opt->polarity = COMPARE_LOW_IS_GOOD;
    opt->multiplier = 1.0;
    opt->unit_cost = NAN;
}

void peer_result_free(peer_result *r)
{
    if (!r)
        return;
    free(r->peers);
    free(r->distance);
    free(r->best);
    free(r->description);
    memset(r, 0, sizeof *r);
}

static const char *org_name(const peer_org *orgs, size_t i, char *buf, size_t size)
{
    if (orgs[i].name && orgs[i].name[0])
        return orgs[i].name;
    snprintf(buf, size, "organisation %zu", i + 1);
    return buf;
}

/* A rate for people: fewer decimals as it grows. */
static void fmt_rate(double v, char *buf, size_t size)
{
    double a = fabs(v);
    if (a >= 100)
        snprintf(buf, size, "%.0f", v);
    else if (a >= 10)
        snprintf(buf, size, "%.1f", v);
    else if (a >= 1)
        snprintf(buf, size, "%.2f", v);
    else
        snprintf(buf, size, "%.3g", v);
}

/* A whole number with thousands separators: 12345.6 -> "12,346". */
static void fmt_count(double v, char *buf, size_t size)
{
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t nd = strlen(digits), k = 0;
    if (v < 0 && k + 1 < size && strcmp(digits, "0") != 0)
        buf[k++] = '-';
    for (size_t i = 0; i < nd && k + 2 < size; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
}

static int check_org(const peer_org *orgs, size_t i, peer_measure measure, err *e)
{
    char buf[48];
    const char *who = org_name(orgs, i, buf, sizeof buf);
    double x = orgs[i].numerator, d = orgs[i].denominator;
    if (!isfinite(x) || !isfinite(d))
        return err_user(e, "%s: numerator and denominator must be numbers", who);
    if (!(d > 0.0))
        return err_user(e, "%s: denominator %g must be greater than 0", who, d);
    if (x < 0.0)
        return err_user(e, "%s: numerator %g must not be negative", who, x);
    if (measure == PEER_PROPORTION && x > d)
        return err_user(e, "%s: numerator %g is larger than its denominator %g", who, x, d);
    return 0;
}

static int has_context(const peer_org *o, size_t n_context)
{
    if (!o->context)
        return 0;
    for (size_t k = 0; k < n_context; k++)
        if (!isfinite(o->context[k]))
            return 0;
    return 1;
}

typedef struct ranked {
    size_t index;
    double key;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* The n_nearest organisations most like the target: standardised Euclidean distance over the
 * contextual variables, each variable's mean and (sample) standard deviation taken over every
 * organisation with that value; a variable that does not vary is ignored. */
static int choose_nearest(const peer_org *orgs, size_t n, const peer_options *opt, peer_result *out,
                          err *e)
{
    char buf[48];
    size_t t = opt->target;
    if (opt->n_context == 0)
        return err_user(e, "choosing similar peers needs at least one contextual indicator, or "
                           "give the peer group explicitly");
    if (!has_context(&orgs[t], opt->n_context))
        return err_user(e,
                        "%s has no value for every contextual indicator, so its most similar "
                        "peers cannot be found; give the peer group explicitly",
                        org_name(orgs, t, buf, sizeof buf));

    double *mean = xcalloc(opt->n_context, sizeof *mean);
    double *sd = xcalloc(opt->n_context, sizeof *sd);
    for (size_t k = 0; k < opt->n_context; k++) {
        double sum = 0.0, sq = 0.0;
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (orgs[i].context && isfinite(orgs[i].context[k])) {
                sum += orgs[i].context[k];
                m++;
            }
        mean[k] = sum / (double)m; /* m >= 1: the target has it */
        for (size_t i = 0; i < n; i++)
            if (orgs[i].context && isfinite(orgs[i].context[k])) {
                double dv = orgs[i].context[k] - mean[k];
                sq += dv * dv;
            }
        sd[k] = m > 1 ? sqrt(sq / (double)(m - 1)) : 0.0;
    }

    ranked *cand = xmalloc(n * sizeof *cand);
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == t || !has_context(&orgs[i], opt->n_context))
            continue;
        double d2 = 0.0;
        for (size_t k = 0; k < opt->n_context; k++) {
            if (!(sd[k] > 0.0))
                continue;
            double dz = (orgs[i].context[k] - orgs[t].context[k]) / sd[k];
            d2 += dz * dz;
        }
        cand[nc].index = i;
        cand[nc].key = sqrt(d2);
        nc++;
    }
    free(mean);
    free(sd);
    if (nc == 0) {
        free(cand);
        return err_user(e,
                        "no other organisation has every contextual indicator, so %s has no "
                        "peers",
                        org_name(orgs, t, buf, sizeof buf));
    }
    qsort(cand, nc, sizeof *cand, cmp_ranked);
    size_t take = opt->n_nearest && opt->n_nearest < nc ? opt->n_nearest : nc;
    out->n_peers = take;
    out->peers = xmalloc(take * sizeof *out->peers);
    out->distance = xmalloc(take * sizeof *out->distance);
    for (size_t i = 0; i < take; i++) {
        out->peers[i] = cand[i].index;
        out->distance[i] = cand[i].key;
    }
    free(cand);
    out->nearest = 1;
    return 0;
}

static int take_explicit(const peer_org *orgs, size_t n, const peer_options *opt, peer_result *out,
                         err *e)
{
    (void)orgs;
    out->peers = xmalloc((opt->n_peers ? opt->n_peers : 1) * sizeof *out->peers);
    out->distance = xmalloc((opt->n_peers ? opt->n_peers : 1) * sizeof *out->distance);
    size_t k = 0;
    for (size_t i = 0; i < opt->n_peers; i++) {
        size_t p = opt->peers[i];
        if (p >= n)
            return err_user(e, "peer %zu is not one of the %zu organisations", p + 1, n);
        if (p == opt->target)
            continue;
        int seen = 0;
        for (size_t j = 0; j < k; j++)
            seen |= out->peers[j] == p;
        if (seen)
            continue;
        out->peers[k] = p;
        out->distance[k] = NAN;
        k++;
    }
    out->n_peers = k;
    if (k == 0)
        return err_user(e, "the peer group has no organisation other than the one assessed");
    return 0;
}

/* The organisation's rate (fraction) and its 95% interval (fractions). */
static int rate_interval(const peer_org *o, peer_measure measure, double *rate, ci_interval *ci,
                         err *e)
{
    *rate = o->numerator / o->denominator;
    if (measure == PEER_PROPORTION)
        return ci_wilson(o->numerator, o->denominator, 0.95, ci, e);
    if (ci_poisson_exact(o->numerator, 0.95, ci, e))
        return -1;
    ci->lower /= o->denominator;
    ci->upper /= o->denominator;
    return 0;
}

static void list_names(strbuf *b, const peer_org *orgs, const size_t *idx, size_t k)
{
    char buf[48];
    for (size_t i = 0; i < k; i++)
        strbuf_addf(b, "%s%s", i ? ", " : "", org_name(orgs, idx[i], buf, sizeof buf));
}

/* One sentence naming the peers, the method and the finding. */
static char *describe(const peer_org *orgs, const peer_options *opt, const peer_result *r)
{
    strbuf b = STRBUF_INIT;
    char who_buf[48], own[32], bench[32], diff[32], count[48], cost[48];
    const char *unit = opt->unit && opt->unit[0] ? opt->unit : "events";
    const char *who = org_name(orgs, opt->target, who_buf, sizeof who_buf);
    fmt_rate(r->own_rate, own, sizeof own);
    fmt_rate(r->benchmark, bench, sizeof bench);
    fmt_rate(fabs(r->difference), diff, sizeof diff);

    if (r->nearest) {
        strbuf_addf(&b, "%s was compared with its %zu most similar organisations (", who,
                    r->n_peers);
        list_names(&b, orgs, r->peers, r->n_peers);
        strbuf_addf(&b, "), chosen by standardised, equally weighted distance on ");
        if (opt->context_names) {
            for (size_t k = 0; k < opt->n_context; k++)
                strbuf_addf(&b, "%s%s",
                            k == 0                    ? ""
                            : k + 1 == opt->n_context ? " and "
                                                      : ", ",
                            opt->context_names[k] ? opt->context_names[k] : "?");
        } else {
            strbuf_addf(&b, "%zu contextual indicator%s", opt->n_context,
                        opt->n_context == 1 ? "" : "s");
        }
    } else {
        strbuf_addf(&b, "%s was compared with its peer group of %zu (", who, r->n_peers);
        list_names(&b, orgs, r->peers, r->n_peers);
        strbuf_addf(&b, ")");
    }
    strbuf_addf(&b, "; the benchmark of %s is the mean of the best %zu (", bench, r->n_best);
    list_names(&b, orgs, r->best, r->n_best);
    strbuf_addf(&b, ")");

    const char *allowing = "allowing for the uncertainty in both its own rate and its peers' rates";
    if (r->difference == 0.0) {
        strbuf_addf(&b, "; %s's %s equals the benchmark, so there is no opportunity.", who, own);
    } else if (!r->worse) {
        strbuf_addf(&b, "; %s's %s is better than the benchmark, so there is no opportunity.", who,
                    own);
    } else if (!r->significant) {
        strbuf_addf(&b,
                    "; %s's %s is worse by %s, but that is not significant at 95%% %s, so no "
                    "opportunity is counted.",
                    who, own, diff, allowing);
    } else {
        fmt_count(r->opportunity, count, sizeof count);
        strbuf_addf(&b, "; %s's %s is worse by %s, significant at 95%% %s: an opportunity of %s %s",
                    who, own, diff, allowing, count, unit);
        if (isfinite(r->opportunity_cost)) {
            fmt_count(r->opportunity_cost, cost, sizeof cost);
            strbuf_addf(&b, " (\xc2\xa3%s)", cost);
        }
        strbuf_addf(&b, ".");
    }
    return strbuf_detach(&b, NULL);
}

int peer_opportunity(const peer_org *orgs, size_t n, const peer_options *opt, peer_result *out,
                     err *e)
{
    memset(out, 0, sizeof *out);
    peer_options defaults;
    if (!opt) {
        peer_options_init(&defaults);
        opt = &defaults;
    }
    if (opt->target >= n)
        return err_user(e, "the organisation assessed (%zu) is not one of the %zu organisations",
                        opt->target + 1, n);
    if (opt->polarity != COMPARE_HIGH_IS_GOOD && opt->polarity != COMPARE_LOW_IS_GOOD)
        return err_user(e,
                        "peer opportunity needs to know whether high or low is good (polarity "
                        "high_is_good or low_is_good); got %s",
                        compare_polarity_name(opt->polarity));
    if (opt->n_best == 0)
        return err_user(e, "the benchmark needs at least 1 best peer");
    if (!isfinite(opt->multiplier) || !(opt->multiplier > 0.0))
        return err_user(e, "multiplier %g must be greater than 0", opt->multiplier);
    if (opt->measure != PEER_PROPORTION && opt->measure != PEER_RATE)
        return err_internal(e, "unknown peer measure %d", (int)opt->measure);

    int rc =
        opt->peers ? take_explicit(orgs, n, opt, out, e) : choose_nearest(orgs, n, opt, out, e);
    if (rc)
        goto fail;
    if (check_org(orgs, opt->target, opt->measure, e))
        goto fail;
    for (size_t i = 0; i < out->n_peers; i++)
        if (check_org(orgs, out->peers[i], opt->measure, e))
            goto fail;

    /* The best K peers by rate. */
    int high_good = opt->polarity == COMPARE_HIGH_IS_GOOD;
    ranked *by_rate = xmalloc(out->n_peers * sizeof *by_rate);
    for (size_t i = 0; i < out->n_peers; i++) {
        const peer_org *p = &orgs[out->peers[i]];
        by_rate[i].index = i; /* position in out->peers keeps similarity order for ties */
        by_rate[i].key = (high_good ? -1.0 : 1.0) * p->numerator / p->denominator;
    }
    qsort(by_rate, out->n_peers, sizeof *by_rate, cmp_ranked);
    out->n_best = opt->n_best < out->n_peers ? opt->n_best : out->n_peers;
    out->best = xmalloc(out->n_best * sizeof *out->best);
    for (size_t i = 0; i < out->n_best; i++)
        out->best[i] = out->peers[by_rate[i].index];
    free(by_rate);

    /* Rates, benchmark and the uncertainty of the difference, as fractions. */
    double z = normal_z(0.95);
    double own;
    ci_interval own_ci;
    if (rate_interval(&orgs[opt->target], opt->measure, &own, &own_ci, e))
        goto fail;
    double sum = 0.0;
    for (size_t i = 0; i < out->n_best; i++)
        sum += orgs[out->best[i]].numerator / orgs[out->best[i]].denominator;
    double bench = sum / (double)out->n_best;
    int above = own > bench;
    double se_own = (above ? own - own_ci.lower : own_ci.upper - own) / z;
    double var_peers = 0.0;
    for (size_t i = 0; i < out->n_best; i++) {
        double r;
        ci_interval c;
        if (rate_interval(&orgs[out->best[i]], opt->measure, &r, &c, e))
            goto fail;
        double se = (above ? c.upper - r : r - c.lower) / z;
        var_peers += se * se;
    }
    double se_bench = sqrt(var_peers) / (double)out->n_best;
    double se_diff = sqrt(se_own * se_own + se_bench * se_bench);
    double diff = own - bench;

    out->own_rate = own * opt->multiplier;
    out->benchmark = bench * opt->multiplier;
    out->difference = diff * opt->multiplier;
    out->se_difference = se_diff * opt->multiplier;
    out->worse = high_good ? own < bench : own > bench;
    out->significant = fabs(diff) > z * se_diff;
    out->opportunity =
        out->worse && out->significant ? fabs(diff) * orgs[opt->target].denominator : 0.0;
    out->opportunity_cost =
        isfinite(opt->unit_cost) && opt->unit_cost > 0.0 ? out->opportunity * opt->unit_cost : NAN;
    out->description = describe(orgs, opt, out);
    return 0;

fail:
    peer_result_free(out);
    return -1;
}
