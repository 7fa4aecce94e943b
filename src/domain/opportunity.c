#include "domain/opportunity.h"

#include "domain/audit.h"
#include "domain/estates.h"
#include "domain/estates_history.h"
#include "domain/indicator.h"
#include "domain/opportunity_memo.h"
#include "domain/opportunity_rx.h"
#include "domain/series.h"
#include "stats/peer.h"
#include "util/clock.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const statuses[] = {"new",      "in_conversation", "project",
                                       "released", "dismissed",       NULL};
static const char *const kinds[] = {"estates", "indicator", "prescribing", NULL};

int opportunity_status_valid(const char *status)
{
    for (int i = 0; status && statuses[i]; i++)
        if (strcmp(status, statuses[i]) == 0)
            return 1;
    return 0;
}

static void copy_text(char *out, size_t size, const char *text)
{
    snprintf(out, size, "%s", text ? text : "");
}

/* "1234567.8" → "1,234,568": pounds as a person reads them in a sentence. */
static void grouped(double v, char *out, size_t size)
{
    char digits[40];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t n = strlen(digits), o = 0;
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static opportunity *push(opportunity_list *l, size_t *cap)
{
    if (l->n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        l->items = xrealloc(l->items, *cap * sizeof *l->items);
    }
    opportunity *o = &l->items[l->n++];
    memset(o, 0, sizeof *o);
    strcpy(o->status, "new");
    return o;
}

/* ---- The organisations a filter covers ---------------------------------------------- */

typedef struct org_tree {
    int all;
    size_t n;
    char **codes;
} org_tree;

static void org_tree_free(org_tree *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->codes[i]);
    free(t->codes);
    memset(t, 0, sizeof *t);
}

static int org_tree_load(db *d, const char *org, org_tree *t, err *e)
{
    memset(t, 0, sizeof *t);
    if (!org) {
        t->all = 1;
        return 0;
    }
    db_stmt *s;
    if (db_prepare(
            d,
            "WITH RECURSIVE tree (code) AS (SELECT code FROM organisations WHERE code = ?"
            " UNION SELECT o.code FROM organisations o JOIN tree t ON o.parent_code = t.code)"
            " SELECT code FROM tree ORDER BY code",
            &s, e))
        return -1;
    int rc = db_bind_text(s, 1, org, e);
    size_t cap = 0;
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        if (t->n == cap) {
            cap = cap ? cap * 2 : 16;
            t->codes = xrealloc(t->codes, cap * sizeof *t->codes);
        }
        t->codes[t->n++] = xstrdup(db_col_text(s, 0));
        rc = 0;
    }
    db_finalize(s);
    if (rc < 0) {
        org_tree_free(t);
        return -1;
    }
    if (t->n == 0)
        return err_not_found(e, "org: no organisation with code '%.40s'", org);
    return 0;
}

static int org_tree_has(const org_tree *t, const char *code)
{
    if (t->all)
        return 1;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->codes[i], code) == 0)
            return 1;
    return 0;
}

/* ---- Estates -------------------------------------------------------------------------- */

static int estates_rows(db *d, const char *org, opportunity_list *l, size_t *cap, err *e)
{
    estates_set set;
    if (estates_load_trapped(d, org, &set, e))
        return -1;
    for (size_t i = 0; i < set.n; i++) {
        const estates_site *s = &set.sites[i];
        estates_metrics m;
        estates_measure(s, 1, &m);
        if (!isfinite(m.trapped_gbp) || m.trapped_gbp <= 0)
            continue;
        opportunity *o = push(l, cap);
        snprintf(o->id, sizeof o->id, "estates:%s", s->code);
        o->kind = "estates";
        copy_text(o->org, sizeof o->org, s->org);
        copy_text(o->org_name, sizeof o->org_name, s->org_name);
        strcpy(o->level, "site");
        copy_text(o->subject, sizeof o->subject, s->code);
        copy_text(o->subject_name, sizeof o->subject_name, s->name);
        o->gbp = m.trapped_gbp;
        int complete = !isnan(s->empty_pct) && !isnan(s->under_used_pct) &&
                       !isnan(s->hard_fm_gbp) && !isnan(s->soft_fm_gbp);
        o->credibility = complete ? "significant" : "low_data";
        char area[32], trapped[32], gbp[32], per[32];
        grouped(s->gross_m2, area, sizeof area);
        grouped(m.trapped_m2, trapped, sizeof trapped);
        grouped(m.trapped_gbp, gbp, sizeof gbp);
        grouped(m.cost_per_m2, per, sizeof per);
        strbuf b = STRBUF_INIT;
        strbuf_addf(&b,
                    "%s: %s m\xc2\xb2 of its %s m\xc2\xb2 is empty or under-used, holding "
                    "\xc2\xa3%s a year of facilities costs.",
                    s->name, trapped, area, gbp);
        o->what = strbuf_detach(&b, NULL);
        b = (strbuf)STRBUF_INIT;
        strbuf_addf(&b,
                    "Estates return for %s: (empty %g%% + under-used %g%%) x %s m\xc2\xb2 x "
                    "\xc2\xa3%s per m\xc2\xb2 (hard + soft FM \xc3\xb7 gross internal area)%s.",
                    s->code, isnan(s->empty_pct) ? 0 : s->empty_pct,
                    isnan(s->under_used_pct) ? 0 : s->under_used_pct, area, per,
                    complete ? "; a measured figure, so no statistical test applies"
                             : "; part of the return is missing, so this is a lower bound");
        o->method = strbuf_detach(&b, NULL);
        char year[8];
        if (site_latest_year(d, s->code, year, e)) {
            estates_set_free(&set);
            return -1;
        }
        if (year[0])
            snprintf(o->period, sizeof o->period, "%s estates return", year);
        else
            strcpy(o->period, "latest estates return");
    }
    estates_set_free(&set);
    return 0;
}

/* ---- Indicators x unit costs ----------------------------------------------------------- */

typedef struct unit_cost_row {
    char indicator[33], code[33], unit[201], activity[201];
    double gbp;
} unit_cost_row;

static int load_unit_costs(db *d, unit_cost_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT indicator_code, code, unit, activity, gbp FROM unit_costs"
                   " WHERE indicator_code IS NOT NULL ORDER BY indicator_code, code",
                   &s, e))
        return -1;
    int rc;
    size_t cap = 0;
    while ((rc = db_step(s, e)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        unit_cost_row *u = &(*out)[(*n)++];
        copy_text(u->indicator, sizeof u->indicator, db_col_text(s, 0));
        copy_text(u->code, sizeof u->code, db_col_text(s, 1));
        copy_text(u->unit, sizeof u->unit, db_col_text(s, 2));
        copy_text(u->activity, sizeof u->activity, db_col_text(s, 3));
        u->gbp = db_col_double(s, 4);
    }
    db_finalize(s);
    if (rc < 0) {
        free(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* The indicator's latest periods with organisation observations, newest first (at most
 * OPPORTUNITY_MONTHS). */
static int latest_periods(db *d, const char *indicator, char periods[][11], size_t *n, err *e)
{
    *n = 0;
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT DISTINCT period FROM observations WHERE indicator_code = ?"
                   " AND organisation_code IS NOT NULL ORDER BY period DESC",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, indicator, e);
    while (!rc && *n < OPPORTUNITY_MONTHS && (rc = db_step(s, e)) == DB_ROW) {
        copy_text(periods[(*n)++], 11, db_col_text(s, 0));
        rc = 0;
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

/* A year of one indicator across the organisations compared: numerators and denominators
 * summed over the periods, for the organisations with a numerator and denominator in every
 * one of them (so that everyone is compared over the same months). */
typedef struct year_section {
    indicator_info indicator;
    char kind[32];
    char first[11], last[11];
    size_t months, n;
    char **orgs, **names;
    double *num, *den;
} year_section;

static void year_section_free(year_section *y)
{
    for (size_t i = 0; i < y->n; i++) {
        free(y->orgs[i]);
        free(y->names[i]);
    }
    free(y->orgs);
    free(y->names);
    free(y->num);
    free(y->den);
    memset(y, 0, sizeof *y);
}

static const cross_row *find_row(const cross_section *c, const char *org)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->rows[i].org, org) == 0)
            return &c->rows[i];
    return NULL;
}

/* 0 with y->n == 0 when the indicator cannot be compared (too few organisations, or a kind
 * of indicator without a numerator and denominator). */
static int year_section_load(db *d, const char *indicator, year_section *y, err *e)
{
    memset(y, 0, sizeof *y);
    char periods[OPPORTUNITY_MONTHS][11];
    size_t np;
    if (latest_periods(d, indicator, periods, &np, e))
        return -1;
    if (np == 0)
        return 0;
    cross_section c0;
    if (cross_section_load(d, indicator, periods[0], NULL, &c0, e))
        return e->kind == ERR_USER ? (err_clear(e), 0) : -1;
    y->indicator = c0.indicator;
    copy_text(y->kind, sizeof y->kind, c0.kind);
    copy_text(y->last, sizeof y->last, periods[0]);
    copy_text(y->first, sizeof y->first, periods[np - 1]);
    y->months = np;
    int *keep = xcalloc(c0.n ? c0.n : 1, sizeof *keep);
    double *num = xcalloc(c0.n ? c0.n : 1, sizeof *num),
           *den = xcalloc(c0.n ? c0.n : 1, sizeof *den);
    for (size_t i = 0; i < c0.n; i++) {
        keep[i] = c0.rows[i].has_fraction;
        num[i] = c0.rows[i].numerator;
        den[i] = c0.rows[i].denominator;
    }
    int rc = 0;
    for (size_t p = 1; p < np && !rc; p++) {
        cross_section c;
        if (cross_section_load(d, indicator, periods[p], c0.kind, &c, e)) {
            rc = -1;
            break;
        }
        for (size_t i = 0; i < c0.n; i++) {
            const cross_row *r = find_row(&c, c0.rows[i].org);
            if (!r || !r->has_fraction) {
                keep[i] = 0;
                continue;
            }
            num[i] += r->numerator;
            den[i] += r->denominator;
        }
        cross_section_free(&c);
    }
    if (!rc) {
        y->orgs = xcalloc(c0.n ? c0.n : 1, sizeof *y->orgs);
        y->names = xcalloc(c0.n ? c0.n : 1, sizeof *y->names);
        y->num = xcalloc(c0.n ? c0.n : 1, sizeof *y->num);
        y->den = xcalloc(c0.n ? c0.n : 1, sizeof *y->den);
        for (size_t i = 0; i < c0.n; i++) {
            if (!keep[i])
                continue;
            y->orgs[y->n] = xstrdup(c0.rows[i].org);
            y->names[y->n] = xstrdup(c0.rows[i].name ? c0.rows[i].name : c0.rows[i].org);
            y->num[y->n] = num[i];
            y->den[y->n] = den[i];
            y->n++;
        }
    }
    free(keep);
    free(num);
    free(den);
    cross_section_free(&c0);
    if (rc) {
        /* A period that cannot be compared leaves the indicator out, not the register. */
        year_section_free(y);
        return e->kind == ERR_USER ? (err_clear(e), 0) : -1;
    }
    return 0;
}

static int indicator_rows(db *d, const unit_cost_row *u, const org_tree *tree, opportunity_list *l,
                          size_t *cap, err *e)
{
    year_section y;
    if (year_section_load(d, u->indicator, &y, e))
        return -1;
    const char *type = y.indicator.type, *polarity = y.indicator.polarity;
    int proportion = strcmp(type, "proportion") == 0;
    int rate = strcmp(type, "rate") == 0 || strcmp(type, "ratio") == 0;
    if (y.n < 2 || (!proportion && !rate) || strcmp(polarity, "neutral") == 0) {
        year_section_free(&y);
        return 0;
    }
    peer_org *orgs = xcalloc(y.n, sizeof *orgs);
    size_t *peers = xcalloc(y.n, sizeof *peers);
    for (size_t i = 0; i < y.n; i++)
        orgs[i] = (peer_org){y.names[i], y.num[i], y.den[i], NULL};
    char unit[210];
    snprintf(unit, sizeof unit, "%ss", u->unit);
    int rc = 0;
    for (size_t t = 0; t < y.n && !rc; t++) {
        if (!org_tree_has(tree, y.orgs[t]))
            continue;
        size_t np = 0;
        for (size_t i = 0; i < y.n; i++)
            if (i != t)
                peers[np++] = i;
        peer_options opt;
        peer_options_init(&opt);
        opt.target = t;
        opt.peers = peers;
        opt.n_peers = np;
        opt.n_best = 5;
        opt.measure = proportion ? PEER_PROPORTION : PEER_RATE;
        opt.polarity =
            strcmp(polarity, "high_is_good") == 0 ? COMPARE_HIGH_IS_GOOD : COMPARE_LOW_IS_GOOD;
        opt.multiplier = y.indicator.multiplier;
        opt.unit_cost = u->gbp;
        opt.unit = unit;
        peer_result r;
        if (peer_opportunity(orgs, y.n, &opt, &r, e)) {
            /* One organisation's unusable numbers (a zero denominator) leave it out. */
            if (e->kind == ERR_USER) {
                err_clear(e);
                continue;
            }
            rc = -1;
            break;
        }
        if (!r.worse) {
            peer_result_free(&r);
            continue;
        }
        /* Events: the gap in the indicator's own units, back to a fraction, x the denominator. */
        double events =
            r.significant ? r.opportunity : fabs(r.difference) / y.indicator.multiplier * y.den[t];
        opportunity *o = push(l, cap);
        snprintf(o->id, sizeof o->id, "indicator:%s:%s", y.indicator.code, y.orgs[t]);
        o->kind = "indicator";
        copy_text(o->org, sizeof o->org, y.orgs[t]);
        copy_text(o->org_name, sizeof o->org_name, y.names[t]);
        copy_text(o->level, sizeof o->level, y.kind);
        copy_text(o->subject, sizeof o->subject, y.indicator.code);
        copy_text(o->subject_name, sizeof o->subject_name, y.indicator.name);
        o->gbp = events * u->gbp;
        o->credibility = r.n_peers < OPPORTUNITY_MIN_PEERS || y.months < OPPORTUNITY_MONTHS
                             ? "low_data"
                         : r.significant ? "significant"
                                         : "not_significant";
        char count[32], gbp[32];
        grouped(events, count, sizeof count);
        grouped(o->gbp, gbp, sizeof gbp);
        strbuf b = STRBUF_INIT;
        strbuf_addf(&b,
                    "%s: %s %.4g against a benchmark of %.4g; matching it would save about %s "
                    "%s a year (\xc2\xa3%s at \xc2\xa3%g per %s).",
                    y.names[t], y.indicator.name, r.own_rate, r.benchmark, count, unit, gbp, u->gbp,
                    u->unit);
        o->what = strbuf_detach(&b, NULL);
        b = (strbuf)STRBUF_INIT;
        strbuf_addf(&b, "Peer opportunity over %zu months, x unit cost %s: %s", y.months, u->code,
                    r.description);
        o->method = strbuf_detach(&b, NULL);
        if (strcmp(y.first, y.last) == 0)
            copy_text(o->period, sizeof o->period, y.last);
        else
            snprintf(o->period, sizeof o->period, "%s to %s", y.first, y.last);
        peer_result_free(&r);
    }
    free(orgs);
    free(peers);
    year_section_free(&y);
    return rc;
}

/* Every organisation's indicator rows; the register keeps those its filter covers. */
static int indicator_part(db *d, const void *arg, opportunity_list *l, size_t *cap, err *e)
{
    (void)arg;
    const org_tree all = {.all = 1};
    unit_cost_row *units;
    size_t nunits;
    int rc = load_unit_costs(d, &units, &nunits, e);
    for (size_t i = 0; i < nunits && !rc; i++)
        rc = indicator_rows(d, &units[i], &all, l, cap, e);
    free(units);
    return rc;
}

/* What the indicator rows read (their audit entity names). */
static const char *const indicator_reads[] = {"indicator", "observation", "unit-cost",
                                              "organisation", NULL};

/* ---- Prescribing ----------------------------------------------------------------------- */

/* Prescribing rows come from the engine (domain/opportunity_rx.h). */
static int tree_keeps(const void *ctx, const char *code)
{
    return org_tree_has(ctx, code);
}

static int prescribing_part(db *d, const void *level, opportunity_list *l, size_t *cap, err *e)
{
    const org_tree all = {.all = 1};
    return opportunity_prescribing_rows(d, level, tree_keeps, &all, l, cap, e);
}

/* What the prescribing rows read: the months and their organisations, and list sizes. */
static const char *const prescribing_reads[] = {"prescribing", "list-sizes", NULL};

static int prescribing_rows(db *d, const char *level, const org_tree *tree, opportunity_list *l,
                            size_t *cap, err *e)
{
    int sub_icb = level && strcmp(level, "sub_icb") == 0;
    const opportunity_part part = {sub_icb ? "prescribing:sub_icb" : "prescribing:practice",
                                   prescribing_reads, prescribing_part,
                                   sub_icb ? "sub_icb" : "practice"};
    return opportunity_memo_rows(d, &part, tree_keeps, tree, l, cap, e);
}

opportunity *opportunity_push(opportunity_list *l, size_t *cap)
{
    return push(l, cap);
}

void opportunity_grouped(double v, char *out, size_t size)
{
    grouped(v, out, size);
}

/* ---- The register ---------------------------------------------------------------------- */

static int credibility_rank(const char *c)
{
    return strcmp(c, "significant") == 0 ? 0 : strcmp(c, "not_significant") == 0 ? 1 : 2;
}

static int cmp_ranked(const void *pa, const void *pb)
{
    const opportunity *a = pa, *b = pb;
    if (a->gbp != b->gbp)
        return a->gbp > b->gbp ? -1 : 1;
    int ca = credibility_rank(a->credibility), cb = credibility_rank(b->credibility);
    if (ca != cb)
        return ca - cb;
    return strcmp(a->id, b->id);
}

static int attach_statuses(db *d, opportunity_list *l, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT status, note, changed_at, changed_by FROM opportunity_status"
                   " WHERE id = ?",
                   &s, e))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l->n && !rc; i++) {
        opportunity *o = &l->items[i];
        db_reset(s);
        if ((rc = db_bind_text(s, 1, o->id, e)))
            break;
        rc = db_step(s, e);
        if (rc == DB_ROW) {
            copy_text(o->status, sizeof o->status, db_col_text(s, 0));
            o->note = db_col_text(s, 1) ? xstrdup(db_col_text(s, 1)) : NULL;
            copy_text(o->changed_at, sizeof o->changed_at, db_col_text(s, 2));
            copy_text(o->changed_by, sizeof o->changed_by, db_col_text(s, 3));
        }
        rc = rc < 0 ? -1 : 0;
    }
    db_finalize(s);
    return rc;
}

static void free_item(opportunity *o)
{
    free(o->what);
    free(o->method);
    free(o->note);
}

int opportunities_build(db *d, const opportunity_filter *f, opportunity_list *out, err *e)
{
    memset(out, 0, sizeof *out);
    opportunity_filter none = {0};
    if (!f)
        f = &none;
    if (f->kind) {
        int known = 0;
        for (int i = 0; kinds[i]; i++)
            known |= strcmp(f->kind, kinds[i]) == 0;
        if (!known)
            return err_user(e,
                            "kind: '%.40s' is not a kind of opportunity; expected estates, "
                            "indicator or prescribing",
                            f->kind);
    }
    if (f->level && strcmp(f->level, "practice") != 0 && strcmp(f->level, "sub_icb") != 0)
        return err_user(e, "level: '%.40s' is not a level; expected practice or sub_icb", f->level);
    if (!isfinite(f->min_gbp) || f->min_gbp < 0)
        return err_user(e, "min: expected pounds, 0 or more");
    org_tree tree;
    if (org_tree_load(d, f->org, &tree, e))
        return -1;
    size_t cap = 0;
    int rc = 0;
    if (!f->kind || strcmp(f->kind, "estates") == 0)
        rc = estates_rows(d, f->org, out, &cap, e);
    if (!rc && (!f->kind || strcmp(f->kind, "indicator") == 0)) {
        const opportunity_part part = {"indicator", indicator_reads, indicator_part, NULL};
        rc = opportunity_memo_rows(d, &part, tree_keeps, &tree, out, &cap, e);
    }
    if (!rc && (!f->kind || strcmp(f->kind, "prescribing") == 0))
        rc = prescribing_rows(d, f->level, &tree, out, &cap, e);
    org_tree_free(&tree);
    if (!rc) {
        /* The minimum applies to each row; what is left is what the total adds. */
        size_t k = 0;
        for (size_t i = 0; i < out->n; i++) {
            if (out->items[i].gbp >= f->min_gbp)
                out->items[k++] = out->items[i];
            else
                free_item(&out->items[i]);
        }
        out->n = k;
        if (out->n)
            qsort(out->items, out->n, sizeof *out->items, cmp_ranked);
        rc = attach_statuses(d, out, e);
    }
    if (rc) {
        opportunity_list_free(out);
        return -1;
    }
    for (size_t i = 0; i < out->n; i++)
        out->total_gbp += out->items[i].gbp;
    return 0;
}

void opportunity_list_free(opportunity_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free_item(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

json_t *opportunities_json(const opportunity_list *l, const opportunity_filter *f)
{
    json_t *items = json_array();
    double by_kind[3] = {0};
    for (size_t i = 0; i < l->n; i++) {
        const opportunity *o = &l->items[i];
        for (int k = 0; kinds[k]; k++)
            if (strcmp(o->kind, kinds[k]) == 0)
                by_kind[k] += o->gbp;
        json_t *j =
            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s, s:s, s:s, s:s}", "id",
                      o->id, "kind", o->kind, "org", o->org, "org_name", o->org_name, "level",
                      o->level, "subject", o->subject, "subject_name", o->subject_name, "what",
                      o->what, "gbp", o->gbp, "credibility", o->credibility, "method", o->method,
                      "period", o->period, "status", o->status);
        json_object_set_new(j, "note", o->note ? json_string(o->note) : json_null());
        json_object_set_new(j, "changed_at",
                            o->changed_at[0] ? json_string(o->changed_at) : json_null());
        json_object_set_new(j, "changed_by",
                            o->changed_by[0] ? json_string(o->changed_by) : json_null());
        json_array_append_new(items, j);
    }
    json_t *out = json_pack(
        "{s:{s:o, s:o, s:f}, s:f, s:I, s:{s:f, s:f, s:f}, s:s, s:o}", "filters", "org",
        f && f->org ? json_string(f->org) : json_null(), "kind",
        f && f->kind ? json_string(f->kind) : json_null(), "min_gbp", f ? f->min_gbp : 0.0,
        "total_gbp", l->total_gbp, "count", (json_int_t)l->n, "by_kind", "estates", by_kind[0],
        "indicator", by_kind[1], "prescribing", by_kind[2], "levels",
        "estates rows are counted at the site, indicator rows at the one level each indicator is "
        "compared at (e.g. practices, never also the place or ICB they sum to), prescribing rows "
        "at the one level asked for (practice unless level=sub_icb), so the total counts no "
        "pound twice",
        "items", items);
    json_object_set_new(json_object_get(out, "filters"), "level",
                        json_string(f && f->level ? f->level : "practice"));
    return out;
}

/* ---- Status ---------------------------------------------------------------------------- */

int opportunity_set_status(db *d, const char *id, const char *status, const char *note,
                           const char *actor, err *e)
{
    if (!opportunity_status_valid(status))
        return err_user(e,
                        "status: '%.40s' is not a status; expected new, in_conversation, "
                        "project, released or dismissed",
                        status ? status : "");
    if (note && !note[0])
        note = NULL;
    if (note && strlen(note) > 4000)
        return err_user(e, "note: at most 4000 bytes");
    if (strcmp(status, "dismissed") == 0 && !note)
        return err_user(e, "note: say why the opportunity is dismissed");
    /* Only an opportunity the register holds now can be given a status; prescribing rows may be
     * at either level. */
    int found = 0;
    const char *levels[] = {NULL, "sub_icb"};
    for (int k = 0; k < 2 && !found; k++) {
        opportunity_filter f = {.level = levels[k]};
        if (k && strncmp(id, "prescribing:", 12) != 0)
            break;
        opportunity_list l;
        if (opportunities_build(d, &f, &l, e))
            return -1;
        for (size_t i = 0; i < l.n && !found; i++)
            found = strcmp(l.items[i].id, id) == 0;
        opportunity_list_free(&l);
    }
    if (!found)
        return err_not_found(e, "no opportunity with id '%.100s' in the register", id);

    if (db_begin(d, e))
        return -1;
    db_stmt *s = NULL;
    char old_status[16] = "new", *old_note = NULL;
    int existed = 0,
        rc = db_prepare(d, "SELECT status, note FROM opportunity_status WHERE id = ?", &s, e);
    if (!rc)
        rc = db_bind_text(s, 1, id, e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW) {
        existed = 1;
        copy_text(old_status, sizeof old_status, db_col_text(s, 0));
        old_note = db_col_text(s, 1) ? xstrdup(db_col_text(s, 1)) : NULL;
    }
    rc = rc < 0 ? -1 : 0;
    db_finalize(s);
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    if (!rc)
        rc = db_prepare(d,
                        existed ? "UPDATE opportunity_status SET status = ?, note = ?,"
                                  " changed_at = ?, changed_by = ? WHERE id = ?"
                                : "INSERT INTO opportunity_status (status, note, changed_at,"
                                  " changed_by, id) VALUES (?, ?, ?, ?, ?)",
                        &s, e);
    if (!rc) {
        rc = db_bind_text(s, 1, status, e);
        if (!rc)
            rc = db_bind_text(s, 2, note, e);
        if (!rc)
            rc = db_bind_text(s, 3, now, e);
        if (!rc)
            rc = db_bind_text(s, 4, actor, e);
        if (!rc)
            rc = db_bind_text(s, 5, id, e);
        if (!rc)
            rc = db_step(s, e) < 0 ? -1 : 0;
        db_finalize(s);
    }
    if (!rc) {
        json_t *change =
            json_pack("{s:{s:s, s:s}, s:{s:o, s:o}}", "status", "from", old_status, "to", status,
                      "note", "from", old_note ? json_string(old_note) : json_null(), "to",
                      note ? json_string(note) : json_null());
        rc = audit_record(d, actor, existed ? "update" : "create", "opportunity", id, change, e);
        json_decref(change);
    }
    free(old_note);
    if (rc) {
        db_rollback(d);
        return -1;
    }
    return db_commit(d, e);
}
