/* Prescribing measures: where each followed organisation stands among its peers in the latest
 * stored month. The worst and best deciles are OpenPrescribing's (percentile 90 and above, or
 * 10 and below, turned by the measure's low_is_good); a measure that says neither direction is
 * better has no worst or best, and raises nothing. */
#include "domain/alert_internal.h"

#include "rx/measure.h"
#include "rx/months.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct follow_row {
    char kind[16], code[72];
} follow_row;

/* The follows that may cover a measure's organisation: measures and organisations. */
static int load_follows(detector *dt, follow_row **out, size_t *n, err *e)
{
    db_stmt *s;
    *out = NULL;
    *n = 0;
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT f.kind, f.code FROM follows f WHERE f.kind <> 'indicator'%s",
             alert_follow_filter(dt));
    if (db_prepare(dt->d, sql, &s, e))
        return -1;
    int rc = alert_bind_filter(dt, s, e);
    size_t cap = 0;
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        if (*n == cap)
            *out = xrealloc(*out, (cap = cap ? cap * 2 : 8) * sizeof **out);
        snprintf((*out)[*n].kind, sizeof(*out)[*n].kind, "%s", db_col_text(s, 0));
        snprintf((*out)[*n].code, sizeof(*out)[*n].code, "%s", db_col_text(s, 1));
        (*n)++;
        rc = 0;
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

/* A measure's follow covers the commissioners' levels (sub-ICBs and ICBs); an organisation's,
 * that organisation at whatever level it prescribes. */
static int covered(const follow_row *f, size_t n, const char *measure, int level, const char *org)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(f[i].kind, "measure") == 0 && strcmp(f[i].code, measure) == 0 &&
            (level == RX_SUB_ICB || level == RX_ICB))
            return 1;
        if (strcmp(f[i].kind, "organisation") == 0 && strcmp(f[i].code, org) == 0)
            return 1;
    }
    return 0;
}

static int judge_org(detector *dt, const rx_result *r, const rx_org_value *v, int month, err *e)
{
    const rx_measure_def *def = r->def;
    if (!isfinite(v->percentile))
        return 0;
    int high = v->percentile >= 90, low = v->percentile <= 10;
    int worst = def->low_is_good ? high : low, best = def->low_is_good ? low : high;
    const char *band = worst ? "worst" : best ? "best" : "middle";
    char key[160], state[64], reason[1024], link[256], period[16];
    snprintf(period, sizeof period, "%04d-%02d", month / 100 % 10000, month % 100);
    snprintf(key, sizeof key, "%.60s/%.40s/%s", def->id, v->code, rx_level_name(r->level));
    snprintf(state, sizeof state, "%s@%s", band, period);
    if (worst || best)
        snprintf(reason, sizeof reason,
                 "%.200s (%.40s) is in the %s decile for %.300s in %s: %.4g, at percentile %.0f.",
                 v->name, v->code, band, def->name, period, v->value, v->percentile);
    else
        snprintf(reason, sizeof reason,
                 "%.200s (%.40s) has moved out of the best or worst decile for %.300s in %s: "
                 "%.4g, at percentile %.0f.",
                 v->name, v->code, def->name, period, v->value, v->percentile);
    snprintf(link, sizeof link, "/measure.html?id=%.60s&level=%s&org=%.40s", def->id,
             rx_level_name(r->level), v->code);
    raised news = {"decile", key, state, reason, link, .needs_before = !(worst || best)};
    return alert_judge(dt, "decile", key, band, &news, &(audience){"measure", def->id, v->code, 0},
                       e);
}

/* Fewer organisations than this at a level and its deciles are a ranking of a handful: the one
 * ICB of a system is always at percentile 0, which is no news. */
#define RX_DECILE_MIN_ORGS 10

static size_t valued(const rx_result *r)
{
    size_t n = 0;
    for (size_t j = 0; j < r->n; j++)
        n += isfinite(r->orgs[j].percentile) != 0;
    return n;
}

static int dir_exists(const char *path)
{
    DIR *d = opendir(path);
    if (d)
        closedir(d);
    return d != NULL;
}

int alert_rx_deciles(detector *dt, err *e)
{
    if (!dt->prescribing || (dt->kind && strcmp(dt->kind, "indicator") == 0))
        return 0;
    follow_row *follows;
    size_t nf;
    int month, nm;
    if (load_follows(dt, &follows, &nf, e) || rx_latest_months(dt->d, 1, &month, &nm, e)) {
        free(follows);
        return -1;
    }
    const char *mdir = rx_measures_dir(NULL);
    char *store = nf && nm ? rx_store_dir_of(dt->d, e) : NULL;
    if (!store || !dir_exists(mdir)) {
        free(store);
        free(follows);
        return e->kind ? -1 : 0; /* nothing followed, or no prescribing yet */
    }
    rx_measure_def *defs = NULL;
    size_t ndefs = 0;
    rx_month *m = NULL;
    double *ls = NULL;
    rx_result *res = NULL;
    int rc = rx_measures_load(mdir, &defs, &ndefs, e);
    if (!rc)
        rc = rx_month_open(store, month, &m, e) || rx_list_sizes_for(dt->d, m, &ls, e) ? -1 : 0;
    if (!rc) {
        res = xcalloc(ndefs * RX_NLEVELS + 1, sizeof *res);
        rc = rx_measures_compute(m, ls, defs, ndefs, res, e);
    }
    for (size_t i = 0; !rc && i < ndefs * RX_NLEVELS; i++) {
        const rx_result *r = &res[i];
        if (r->def->low_is_good < 0 || valued(r) < RX_DECILE_MIN_ORGS)
            continue;
        for (size_t j = 0; !rc && j < r->n; j++)
            if (covered(follows, nf, r->def->id, r->level, r->orgs[j].code))
                rc = judge_org(dt, r, &r->orgs[j], month, e);
    }
    for (size_t i = 0; res && i < ndefs * RX_NLEVELS; i++)
        rx_result_free(&res[i]);
    free(res);
    free(ls);
    rx_month_close(m);
    rx_measures_free(defs, ndefs);
    free(store);
    free(follows);
    return rc;
}
