/* rx ppu: see ppu.h. Practice x presentation totals go into a hash keyed by the pair (a month's
 * rows need not be grouped), then pairs are sorted by substitution set and price to read each
 * set's 10th percentile. */
#include "rx/ppu.h"

#include "rx/measure.h"
#include "stats/percentile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct pair {
    uint64_t key; /* practice * nbnf + bnf, + 1 (0 = empty slot) */
    double cost, units;
} pair;

double rx_ppu_minimum(int level)
{
    return level == RX_PRACTICE ? 10.0 : 200.0;
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

typedef struct ref {
    uint32_t set;
    double ppu;
} ref;

static int by_set_ppu(const void *a, const void *b)
{
    const ref *x = a, *y = b;
    if (x->set != y->set)
        return x->set < y->set ? -1 : 1;
    return (x->ppu > y->ppu) - (x->ppu < y->ppu);
}

static int by_saving(const void *a, const void *b)
{
    const rx_ppu_row *x = a, *y = b;
    if (x->saving != y->saving)
        return x->saving < y->saving ? 1 : -1;
    int c = strcmp(x->org, y->org);
    return c ? c : strcmp(x->bnf_code, y->bnf_code);
}

static const int level_col[RX_NLEVELS] = {RX_P_CODE, RX_P_SUB_ICB, RX_P_ICB, RX_P_REGION};
static const int level_name_col[RX_NLEVELS] = {RX_P_NAME, RX_P_SUB_ICB_NAME, RX_P_ICB_NAME,
                                               RX_P_REGION_NAME};

int rx_ppu_compute(rx_month *m, int level, const char *org, rx_ppu_result *out, err *e)
{
    memset(out, 0, sizeof *out);
    out->month = m->month;
    out->level = level;
    size_t np = m->practices.count, nb = m->bnf.count;
    size_t nslots = 1024, used = 0;
    pair *h = xcalloc(nslots, sizeof *h);
    int r;
    if (rx_month_rewind(m, e))
        goto fail;
    while ((r = rx_month_next_block(m, e)) == 1) {
        for (uint32_t i = 0; i < m->n; i++) {
            if (used * 2 >= nslots) {
                pair *old = h;
                size_t on = nslots;
                nslots *= 2;
                h = xcalloc(nslots, sizeof *h);
                for (size_t k = 0; k < on; k++)
                    if (old[k].key)
                        for (size_t j = mix(old[k].key) & (nslots - 1);; j = (j + 1) & (nslots - 1))
                            if (!h[j].key) {
                                h[j] = old[k];
                                break;
                            }
                free(old);
            }
            uint64_t key = (uint64_t)m->practice[i] * nb + m->bnf_idx[i] + 1;
            size_t j = mix(key) & (nslots - 1);
            while (h[j].key && h[j].key != key)
                j = (j + 1) & (nslots - 1);
            if (!h[j].key) {
                h[j].key = key;
                used++;
            }
            h[j].cost += m->num[RX_NIC][i];
            h[j].units += m->num[RX_TOTAL_QUANTITY][i];
        }
    }
    if (r < 0)
        goto fail;
    /* Substitution sets: chemical (1-9) + generic strength and formulation (14-15). */
    rx_dict sets;
    rx_dict_init(&sets, 1);
    uint32_t *bset = xmalloc((nb ? nb : 1) * sizeof *bset);
    for (size_t b = 0; b < nb; b++) {
        const char *c = rx_dict_col(&m->bnf, b, 0);
        char key[12];
        size_t len = strlen(c);
        snprintf(key, sizeof key, "%.9s%.2s", c, len >= 15 ? c + 13 : "");
        long k = rx_dict_find(&sets, key, strlen(key));
        const char *kp = key;
        bset[b] = k >= 0 ? (uint32_t)k : rx_dict_add(&sets, &kp);
    }
    ref *refs = xmalloc((used ? used : 1) * sizeof *refs);
    size_t nr = 0;
    for (size_t j = 0; j < nslots; j++)
        if (h[j].key && h[j].units > 0)
            refs[nr++] = (ref){bset[(h[j].key - 1) % nb], h[j].cost / h[j].units};
    qsort(refs, nr, sizeof *refs, by_set_ppu);
    double *target = xmalloc((sets.count ? sets.count : 1) * sizeof *target);
    double *vals = xmalloc((nr ? nr : 1) * sizeof *vals);
    for (size_t s = 0; s < sets.count; s++)
        target[s] = 0;
    for (size_t a = 0; a < nr;) {
        size_t b = a;
        while (b < nr && refs[b].set == refs[a].set) {
            vals[b - a] = refs[b].ppu;
            b++;
        }
        target[refs[a].set] = pctl_cont_sorted(vals, b - a, 0.1);
        a = b;
    }
    free(vals);
    free(refs);
    /* Totals per organisation of the level and presentation. */
    rx_dict orgs;
    rx_dict_init(&orgs, 1);
    uint32_t *porg = xmalloc((np ? np : 1) * sizeof *porg);
    uint32_t *pfirst = xmalloc((np ? np : 1) * sizeof *pfirst);
    for (size_t p = 0; p < np; p++) {
        const char *c = rx_dict_col(&m->practices, p, level_col[level]);
        long k = rx_dict_find(&orgs, c, strlen(c));
        if (k < 0) {
            k = rx_dict_add(&orgs, &c);
            pfirst[k] = (uint32_t)p;
        }
        porg[p] = (uint32_t)k;
    }
    long want = org ? rx_dict_find(&orgs, org, strlen(org)) : -2;
    pair *t = NULL;
    size_t tslots = 0;
    if (level == RX_PRACTICE) {
        t = h; /* the practice totals are already the organisation totals */
        tslots = nslots;
        h = NULL;
    } else {
        tslots = 1024;
        size_t tused = 0;
        t = xcalloc(tslots, sizeof *t);
        for (size_t j = 0; j < nslots; j++) {
            if (!h[j].key)
                continue;
            uint64_t p = (h[j].key - 1) / nb, b = (h[j].key - 1) % nb;
            uint64_t key = (uint64_t)porg[p] * nb + b + 1;
            if (tused * 2 >= tslots) {
                pair *old = t;
                size_t on = tslots;
                tslots *= 2;
                t = xcalloc(tslots, sizeof *t);
                for (size_t k = 0; k < on; k++)
                    if (old[k].key)
                        for (size_t q = mix(old[k].key) & (tslots - 1);; q = (q + 1) & (tslots - 1))
                            if (!t[q].key) {
                                t[q] = old[k];
                                break;
                            }
                free(old);
            }
            size_t q = mix(key) & (tslots - 1);
            while (t[q].key && t[q].key != key)
                q = (q + 1) & (tslots - 1);
            if (!t[q].key) {
                t[q].key = key;
                tused++;
            }
            t[q].cost += h[j].cost;
            t[q].units += h[j].units;
        }
    }
    double min = rx_ppu_minimum(level);
    size_t cap = 0;
    for (size_t j = 0; j < tslots; j++) {
        if (!t[j].key || t[j].units <= 0)
            continue;
        uint64_t o = (t[j].key - 1) / nb, b = (t[j].key - 1) % nb;
        if (level == RX_PRACTICE)
            o = porg[o];
        if (want != -2 && (long)o != want)
            continue;
        const char *ocode = rx_dict_col(&orgs, o, 0);
        if (!ocode[0])
            continue;
        double tg = target[bset[b]];
        double saving = t[j].cost - t[j].units * tg;
        if (!(saving >= min))
            continue;
        if (out->n == cap) {
            cap = cap ? 2 * cap : 64;
            out->rows = xrealloc(out->rows, cap * sizeof *out->rows);
        }
        out->rows[out->n++] =
            (rx_ppu_row){.org = ocode,
                         .org_name = rx_dict_col(&m->practices, pfirst[o], level_name_col[level]),
                         .bnf_code = rx_dict_col(&m->bnf, b, 0),
                         .bnf_name = rx_dict_col(&m->bnf, b, 1),
                         .cost = t[j].cost,
                         .units = t[j].units,
                         .price_per_unit = t[j].cost / t[j].units,
                         .target = tg,
                         .saving = saving};
        out->total += saving;
    }
    /* The org strings came from the level dictionary: point them at the month's instead. */
    for (size_t i = 0; i < out->n; i++) {
        const char *c = out->rows[i].org;
        long k = rx_dict_find(&orgs, c, strlen(c));
        out->rows[i].org = rx_dict_col(&m->practices, pfirst[k], level_col[level]);
    }
    if (out->n > 1)
        qsort(out->rows, out->n, sizeof *out->rows, by_saving);
    free(t);
    free(porg);
    free(pfirst);
    free(target);
    free(bset);
    rx_dict_free(&orgs);
    rx_dict_free(&sets);
    free(h);
    if (org && want < 0) {
        rx_ppu_free(out);
        return err_not_found(e, "no %s '%s' in the prescribing for %06d", rx_level_name(level), org,
                             m->month);
    }
    return 0;
fail:
    free(h);
    return -1;
}

void rx_ppu_free(rx_ppu_result *r)
{
    free(r->rows);
    memset(r, 0, sizeof *r);
}
