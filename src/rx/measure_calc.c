/* rx measure calculation: one pass over a month's blocks sums every measure's numerator and
 * denominator per practice, then practices roll up to each level (sums of sums, as
 * OpenPrescribing's ratios of totals), then values, ranks, deciles and savings (see measure.h). */
#include "rx/measure.h"

#include "stats/percentile.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int matches(const rx_filter *f, const char *code)
{
    if (f->list_size)
        return 0;
    int in = 0;
    for (size_t i = 0; i < f->ncodes && !in; i++)
        in = starts(code, f->codes[i]);
    for (size_t i = 0; i < f->nexclude && in; i++)
        in = !starts(code, f->exclude[i]);
    return in;
}

/* Per practice and measure: numerator value, numerator cost, denominator value, denominator cost.
 */
enum { A_NUM, A_NUM_COST, A_DEN, A_DEN_COST, A_N };

static const int level_col[RX_NLEVELS] = {RX_P_CODE, RX_P_SUB_ICB, RX_P_ICB, RX_P_REGION};
static const int level_name_col[RX_NLEVELS] = {RX_P_NAME, RX_P_SUB_ICB_NAME, RX_P_ICB_NAME,
                                               RX_P_REGION_NAME};

typedef struct org_ref {
    const char *code, *name;
    size_t idx; /* position in the level's dictionary */
} org_ref;

static int by_code(const void *a, const void *b)
{
    return strcmp(((const org_ref *)a)->code, ((const org_ref *)b)->code);
}

static void finish(rx_result *r, const double *acc, size_t norgs, const org_ref *order,
                   const rx_measure_def *d)
{
    /* drop organisations without a code (the older layout's missing ICB) */
    r->orgs = xcalloc(norgs ? norgs : 1, sizeof *r->orgs);
    double *vals = xmalloc((norgs ? norgs : 1) * sizeof *vals);
    double *ranks = xmalloc((norgs ? norgs : 1) * sizeof *ranks);
    double scale = d->den.list_size ? 1000.0 : d->is_percentage ? 100.0 : 1.0;
    double g_num_cost = 0, g_num = 0, g_other_cost = 0, g_other = 0;
    size_t n = 0;
    for (size_t k = 0; k < norgs; k++) {
        if (!order[k].code[0])
            continue;
        const double *a = acc + order[k].idx * A_N;
        rx_org_value *o = &r->orgs[n];
        o->code = order[k].code;
        o->name = order[k].name;
        o->num = a[A_NUM];
        o->den = a[A_DEN];
        o->num_cost = a[A_NUM_COST];
        o->den_cost = a[A_DEN_COST];
        o->value = o->den > 0 ? o->num / o->den * scale : NAN;
        vals[n++] = o->value;
        g_num_cost += o->num_cost;
        g_num += o->num;
        g_other_cost += o->den_cost - o->num_cost;
        g_other += o->den - o->num;
    }
    r->n = n;
    pctl_percent_ranks(vals, n, ranks);
    pctl_deciles(vals, n, r->deciles);
    double cost_per_num = g_num > 0 ? g_num_cost / g_num : NAN;
    double cost_per_den = g_other != 0 ? g_other_cost / g_other : NAN;
    for (int k = 0; k < 9; k++)
        r->total_savings[k] = d->is_cost_based ? 0 : NAN;
    for (size_t i = 0; i < n; i++) {
        rx_org_value *o = &r->orgs[i];
        o->percentile = ranks[i];
        for (int k = 0; k < 9; k++) {
            double s = NAN;
            if (d->is_cost_based && isfinite(o->value) && isfinite(r->deciles[k])) {
                double p = r->deciles[k] / scale;
                if (d->den.list_size) {
                    s = o->num - p * o->den;
                } else {
                    /* Each side at its own cost per unit (the practice's, or the level's when
                     * the practice has none of it): the cost at the decile's proportion. */
                    double num_cpu = o->num > 0 ? o->num_cost / o->num : cost_per_num;
                    double other = o->den - o->num;
                    double other_cpu =
                        other != 0 ? (o->den_cost - o->num_cost) / other : cost_per_den;
                    s = o->den_cost - (p * o->den * num_cpu + (o->den - p * o->den) * other_cpu);
                }
                if (s > 0)
                    r->total_savings[k] += s;
            }
            o->savings[k] = s;
        }
    }
    free(vals);
    free(ranks);
}

int rx_measures_compute(rx_month *m, const double *list_size, const rx_measure_def *defs,
                        size_t ndefs, rx_result *out, err *e)
{
    size_t np = m->practices.count, nb = m->bnf.count, nm = ndefs;
    /* For each presentation, the (measure, side) pairs it counts towards. */
    uint32_t *start = xcalloc(nb + 1, sizeof *start);
    size_t cap = 256, used = 0;
    uint32_t *pairs = xmalloc(cap * sizeof *pairs);
    for (size_t b = 0; b < nb; b++) {
        const char *code = rx_dict_col(&m->bnf, b, 0);
        start[b] = (uint32_t)used;
        for (size_t d = 0; d < nm; d++)
            for (int side = 0; side < 2; side++)
                if (matches(side ? &defs[d].den : &defs[d].num, code)) {
                    if (used == cap)
                        pairs = xrealloc(pairs, (cap *= 2) * sizeof *pairs);
                    pairs[used++] = (uint32_t)(d * 2 + (size_t)side);
                }
    }
    start[nb] = (uint32_t)used;
    double *acc = xcalloc(np * nm * A_N, sizeof *acc);
    int rc = rx_month_rewind(m, e), r = 0;
    while (!rc && (r = rx_month_next_block(m, e)) == 1) {
        const double *cost = m->num[RX_ACTUAL_COST];
        for (uint32_t i = 0; i < m->n; i++) {
            uint32_t b = m->bnf_idx[i];
            for (uint32_t k = start[b]; k < start[b + 1]; k++) {
                uint32_t d = pairs[k] >> 1, side = pairs[k] & 1;
                const rx_filter *f = side ? &defs[d].den : &defs[d].num;
                double *a = acc + ((size_t)m->practice[i] * nm + d) * A_N + side * 2;
                a[0] += m->num[f->field][i];
                a[1] += cost[i];
            }
        }
    }
    if (r < 0)
        rc = -1;
    free(start);
    free(pairs);
    if (rc) {
        free(acc);
        return -1;
    }
    for (size_t p = 0; p < np; p++)
        for (size_t d = 0; d < nm; d++)
            if (defs[d].den.list_size)
                acc[(p * nm + d) * A_N + A_DEN] =
                    list_size && isfinite(list_size[p]) ? list_size[p] : 0;
    for (int l = 0; l < RX_NLEVELS; l++) {
        /* the level's organisations, and each practice's among them */
        rx_dict orgs;
        rx_dict_init(&orgs, 2);
        size_t *porg = xmalloc((np ? np : 1) * sizeof *porg);
        for (size_t p = 0; p < np; p++) {
            const char *vals[2] = {rx_dict_col(&m->practices, p, level_col[l]),
                                   rx_dict_col(&m->practices, p, level_name_col[l])};
            long k = rx_dict_find(&orgs, vals[0], strlen(vals[0]));
            porg[p] = k >= 0 ? (size_t)k : rx_dict_add(&orgs, vals);
        }
        size_t no = orgs.count;
        org_ref *order = xmalloc((no ? no : 1) * sizeof *order);
        for (size_t k = 0; k < no; k++) {
            order[k].idx = k;
            /* point at the month's strings, which outlive the result */
            order[k].code = NULL;
        }
        for (size_t p = 0; p < np; p++) {
            org_ref *o = &order[porg[p]];
            if (!o->code) {
                o->code = rx_dict_col(&m->practices, p, level_col[l]);
                o->name = rx_dict_col(&m->practices, p, level_name_col[l]);
            }
        }
        qsort(order, no, sizeof *order, by_code);
        double *lacc = xmalloc((no ? no : 1) * A_N * sizeof *lacc);
        for (size_t d = 0; d < nm; d++) {
            memset(lacc, 0, (no ? no : 1) * A_N * sizeof *lacc);
            for (size_t p = 0; p < np; p++)
                for (int c = 0; c < A_N; c++)
                    lacc[porg[p] * A_N + (size_t)c] += acc[(p * nm + d) * A_N + (size_t)c];
            rx_result *res = &out[d * RX_NLEVELS + (size_t)l];
            memset(res, 0, sizeof *res);
            res->def = &defs[d];
            res->month = m->month;
            res->level = l;
            finish(res, lacc, no, order, &defs[d]);
        }
        free(lacc);
        free(order);
        free(porg);
        rx_dict_free(&orgs);
    }
    free(acc);
    return 0;
}

void rx_result_free(rx_result *r)
{
    free(r->orgs);
    memset(r, 0, sizeof *r);
}
