/* opportunity_rx: see opportunity_rx.h. Months are read one at a time (a month's results point
 * at its names), so what a row needs is copied into the accumulators below. */
#include "domain/opportunity_rx.h"

#include "rx/measure.h"
#include "rx/months.h"
#include "rx/ppu.h"
#include "util/strbuf.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One organisation's saving under one measure (or ppu), summed over the months. */
typedef struct acc {
    rx_dict orgs; /* code, name */
    double *gbp;
    int *positive_months;
    size_t cap;
} acc;

static void acc_add(acc *a, const char *code, const char *name, double gbp)
{
    long i = rx_dict_find(&a->orgs, code, strlen(code));
    if (i < 0) {
        i = rx_dict_add(&a->orgs, (const char *const[]){code, name});
        if (a->orgs.count > a->cap) {
            a->cap = a->orgs.count * 2;
            a->gbp = xrealloc(a->gbp, a->cap * sizeof *a->gbp);
            a->positive_months = xrealloc(a->positive_months, a->cap * sizeof(int));
        }
        a->gbp[i] = 0;
        a->positive_months[i] = 0;
    }
    if (gbp > 0) {
        a->gbp[i] += gbp;
        a->positive_months[i]++;
    }
}

static void acc_free(acc *a)
{
    rx_dict_free(&a->orgs);
    free(a->gbp);
    free(a->positive_months);
}

static void month_name(int m, char out[16])
{
    snprintf(out, 16, "%04d-%02d", m / 100 % 10000, m % 100);
}

/* The rows of one accumulator (measure def, or NULL for ppu). */
static void emit(const acc *a, const rx_measure_def *def, const char *level, int nmonths,
                 size_t norgs, const char *period, int (*keep)(const void *ctx, const char *code),
                 const void *ctx, opportunity_list *l, size_t *cap)
{
    double scale = 12.0 / nmonths;
    for (size_t i = 0; i < a->orgs.count; i++) {
        const char *code = rx_dict_col(&a->orgs, i, 0), *name = rx_dict_col(&a->orgs, i, 1);
        if (a->gbp[i] <= 0 || !keep(ctx, code))
            continue;
        opportunity *o = opportunity_push(l, cap);
        snprintf(o->id, sizeof o->id, "prescribing:%s:%s", def ? def->id : "ppu", code);
        o->kind = "prescribing";
        snprintf(o->org, sizeof o->org, "%s", code);
        snprintf(o->org_name, sizeof o->org_name, "%s", name);
        snprintf(o->level, sizeof o->level, "%s", level);
        snprintf(o->subject, sizeof o->subject, "%s", def ? def->id : "ppu");
        snprintf(o->subject_name, sizeof o->subject_name, "%s", def ? def->name : "Price per unit");
        snprintf(o->period, sizeof o->period, "%s", period);
        o->gbp = a->gbp[i] * scale;
        int low = nmonths < 12 || norgs < OPPORTUNITY_RX_MIN_ORGS;
        o->credibility = low ? "low_data"
                         : !def || a->positive_months[i] >= OPPORTUNITY_RX_SIGN_MONTHS
                             ? "significant"
                             : "not_significant";
        char gbp[32];
        opportunity_grouped(o->gbp, gbp, sizeof gbp);
        strbuf b = STRBUF_INIT;
        if (def)
            strbuf_addf(&b,
                        "%s: %s; prescribing like the median %s would save about \xc2\xa3%s a "
                        "year.",
                        name, def->name, strcmp(level, "practice") == 0 ? "practice" : "sub-ICB",
                        gbp);
        else
            strbuf_addf(&b,
                        "%s: medicines bought above the price most pay for the same thing; "
                        "paying the 10th centile price would save about \xc2\xa3%s a year.",
                        name, gbp);
        o->what = strbuf_detach(&b, NULL);
        b = (strbuf)STRBUF_INIT;
        if (def)
            strbuf_addf(&b,
                        "Cost-based measure %s at %s level: the saving at the 50th percentile "
                        "(OpenPrescribing's method) in each of %d months, positive months only "
                        "(%d of %d), summed x 12 / %d; compared with the %zu organisations of "
                        "the level.",
                        def->id, level, nmonths, a->positive_months[i], nmonths, nmonths, norgs);
        else
            strbuf_addf(&b,
                        "Price per unit (NIC / units) against the 10th centile of substitutable "
                        "presentations across practices, per %s, from \xc2\xa3%.0f a month; "
                        "%d months summed x 12 / %d.",
                        level, rx_ppu_minimum(rx_level_parse(level)), nmonths, nmonths);
        o->method = strbuf_detach(&b, NULL);
    }
}

static int dir_exists(const char *path)
{
    DIR *d = opendir(path);
    if (d)
        closedir(d);
    return d != NULL;
}

int opportunity_prescribing_rows(db *d, const char *level,
                                 int (*keep)(const void *ctx, const char *code), const void *ctx,
                                 opportunity_list *l, size_t *cap, err *e)
{
    int lv = rx_level_parse(level);
    int months[12], nm;
    if (rx_latest_months(d, 12, months, &nm, e))
        return -1;
    const char *mdir = rx_measures_dir(NULL);
    char *store = nm ? rx_store_dir_of(d, e) : NULL;
    if (!store || !dir_exists(mdir)) {
        free(store);
        return e->kind ? -1 : 0;
    }
    rx_measure_def *defs = NULL;
    size_t ndefs = 0;
    if (rx_measures_load(mdir, &defs, &ndefs, e)) {
        free(store);
        return -1;
    }
    acc *accs = xcalloc(ndefs + 1, sizeof *accs); /* the last is ppu */
    for (size_t i = 0; i <= ndefs; i++)
        rx_dict_init(&accs[i].orgs, 2);
    rx_result *res = xcalloc(ndefs * RX_NLEVELS + 1, sizeof *res);
    size_t norgs = 0;
    int rc = 0;
    for (int k = 0; k < nm && !rc; k++) {
        rx_month *m = NULL;
        double *ls = NULL;
        rx_ppu_result ppu = {0};
        if (rx_month_open(store, months[k], &m, e) || rx_list_sizes_for(d, m, &ls, e) ||
            rx_measures_compute(m, ls, defs, ndefs, res, e)) {
            rc = -1;
        } else {
            for (size_t i = 0; i < ndefs; i++) {
                const rx_result *r = &res[i * RX_NLEVELS + (size_t)lv];
                if (r->n > norgs)
                    norgs = r->n;
                for (size_t j = 0; defs[i].is_cost_based && j < r->n; j++)
                    if (isfinite(r->orgs[j].savings[4]))
                        acc_add(&accs[i], r->orgs[j].code, r->orgs[j].name, r->orgs[j].savings[4]);
            }
            for (size_t i = 0; i < ndefs * RX_NLEVELS; i++)
                rx_result_free(&res[i]);
            rc = rx_ppu_compute(m, lv, NULL, &ppu, e);
            for (size_t j = 0; !rc && j < ppu.n; j++)
                acc_add(&accs[ndefs], ppu.rows[j].org, ppu.rows[j].org_name, ppu.rows[j].saving);
            if (!rc)
                rx_ppu_free(&ppu);
        }
        free(ls);
        rx_month_close(m);
    }
    if (!rc) {
        char first[16], last[16], period[40];
        month_name(months[0], first);
        month_name(months[nm - 1], last);
        if (nm == 1)
            snprintf(period, sizeof period, "%s", last);
        else
            snprintf(period, sizeof period, "%s to %s", first, last);
        for (size_t i = 0; i < ndefs; i++)
            if (defs[i].is_cost_based)
                emit(&accs[i], &defs[i], level, nm, norgs, period, keep, ctx, l, cap);
        emit(&accs[ndefs], NULL, level, nm, norgs, period, keep, ctx, l, cap);
    }
    for (size_t i = 0; i <= ndefs; i++)
        acc_free(&accs[i]);
    free(accs);
    free(res);
    rx_measures_free(defs, ndefs);
    free(store);
    return rc;
}
