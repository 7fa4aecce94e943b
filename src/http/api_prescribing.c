/* api_prescribing: see api_prescribing.h. Each request opens the month files it needs: a month
 * of the demo is read in milliseconds, and answers are cached until the data change. */
#include "http/api_prescribing.h"

#include "domain/opportunity.h"
#include "http/api_stats.h"
#include "report/chart_deciles.h"
#include "rx/measure.h"
#include "rx/months.h"
#include "rx/ppu.h"
#include "rx/series.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The definitions, and the one named id (NULL for none asked). 0, or an error answered. */
static int load_defs(http_response *resp, const char *id, rx_measure_def **defs, size_t *n,
                     const rx_measure_def **def)
{
    err e = {0};
    if (rx_measures_load(rx_measures_dir(NULL), defs, n, &e)) {
        http_error_from(resp, 404, &e);
        return -1;
    }
    for (size_t i = 0; id && i < *n; i++)
        if (strcmp((*defs)[i].id, id) == 0)
            *def = &(*defs)[i];
    if (id && !*def) {
        rx_measures_free(*defs, *n);
        http_error(resp, 404, NULL, "no measure '%.60s' (GET /api/v1/measures lists them)", id);
        return -1;
    }
    return 0;
}

/* ?month= (YYYYMM), else the latest stored. 0, or an error answered. */
static int month_of(const http_request *req, http_response *resp, int *month)
{
    const char *s = http_query(req, "month");
    if (s && s[0]) {
        char *end;
        long v = strtol(s, &end, 10);
        if (strlen(s) != 6 || *end || v % 100 < 1 || v % 100 > 12) {
            http_error(resp, 400, "month", "month: expected YYYYMM, got '%.20s'", s);
            return -1;
        }
        *month = (int)v;
        return 0;
    }
    err e = {0};
    int n;
    if (rx_latest_months(req->db, 1, month, &n, &e)) {
        http_error_from(resp, 500, &e);
        return -1;
    }
    if (!n) {
        http_error(resp, 404, "month",
                   "no prescribing is stored: import it with `unlock import prescribing FILE`");
        return -1;
    }
    return 0;
}

/* ?level=, default practice. */
static int level_of(const http_request *req, http_response *resp, int *level)
{
    const char *s = http_query(req, "level");
    *level = s && s[0] ? rx_level_parse(s) : RX_PRACTICE;
    if (*level < 0) {
        http_error(resp, 400, "level", "level: expected practice, sub_icb, icb or region");
        return -1;
    }
    return 0;
}

/* What the routes about one measure share: ?level= and ?org= (empty means none), and the
 * measure named in the path. 0, or an error answered. */
typedef struct measure_req {
    int level;
    const char *org;
    rx_measure_def *defs;
    size_t n;
    const rx_measure_def *def;
} measure_req;

static int measure_req_parse(const http_request *req, http_response *resp, measure_req *m)
{
    memset(m, 0, sizeof *m);
    if (level_of(req, resp, &m->level))
        return -1;
    m->org = http_query(req, "org");
    if (m->org && !m->org[0])
        m->org = NULL;
    return load_defs(resp, req->params[0], &m->defs, &m->n, &m->def);
}

/* ?limit=, from 1 to max, else dflt. */
static int limit_of(const http_request *req, http_response *resp, long dflt, long max, long *out)
{
    const char *s = http_query(req, "limit");
    *out = dflt;
    if (!s || !s[0])
        return 0;
    char *end;
    *out = strtol(s, &end, 10);
    if (*end || *out < 1 || *out > max) {
        http_error(resp, 400, "limit", "limit: expected a whole number from 1 to %ld", max);
        return -1;
    }
    return 0;
}

/* The month's file, list sizes and every level of defs[0..n). */
typedef struct computed {
    rx_month *m;
    double *ls;
    rx_result *res;
    size_t n;
} computed;

static void computed_free(computed *c)
{
    for (size_t i = 0; c->res && i < c->n * RX_NLEVELS; i++)
        rx_result_free(&c->res[i]);
    free(c->res);
    free(c->ls);
    rx_month_close(c->m);
}

static int compute(db *d, int month, const rx_measure_def *defs, size_t n, computed *c, err *e)
{
    memset(c, 0, sizeof *c);
    char *store = rx_store_dir_of(d, e);
    if (!store)
        return e->kind ? -1 : err_not_found(e, "no prescribing store for this database");
    int rc = rx_month_open(store, month, &c->m, e) || rx_list_sizes_for(d, c->m, &c->ls, e);
    free(store);
    if (!rc) {
        c->res = xcalloc(n * RX_NLEVELS + 1, sizeof *c->res);
        rc = rx_measures_compute(c->m, c->ls, defs, n, c->res, e);
        if (!rc)
            c->n = n;
    }
    if (rc) {
        computed_free(c);
        return -1;
    }
    return 0;
}

int api_measures(const http_request *req, http_response *resp)
{
    rx_measure_def *defs;
    size_t n;
    const rx_measure_def *none = NULL;
    if (load_defs(resp, NULL, &defs, &n, &none))
        return 0;
    json_t *items = json_array(), *months = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, rx_measure_def_json(&defs[i]));
    rx_measures_free(defs, n);
    int ms[RX_SERIES_MAX_MONTHS], nm = 0;
    err e = {0};
    if (rx_latest_months(req->db, RX_SERIES_MAX_MONTHS, ms, &nm, &e)) {
        json_decref(items);
        json_decref(months);
        return http_error_from(resp, 500, &e);
    }
    for (int i = 0; i < nm; i++)
        json_array_append_new(months, json_integer(ms[i]));
    http_json(resp, 200, json_pack("{s:o, s:o}", "items", items, "months", months));
    return 0;
}

int api_measure(const http_request *req, http_response *resp)
{
    int month;
    measure_req q;
    if (month_of(req, resp, &month) || measure_req_parse(req, resp, &q))
        return 0;
    int level = q.level;
    const char *org = q.org;
    err e = {0};
    computed c;
    if (compute(req->db, month, q.def, 1, &c, &e)) {
        rx_measures_free(q.defs, q.n);
        return http_error_from(resp, 400, &e);
    }
    const rx_result *r = &c.res[level];
    int found = !org;
    for (size_t i = 0; !found && i < r->n; i++)
        found = strcmp(r->orgs[i].code, org) == 0;
    if (!found) {
        http_error(resp, 404, "org", "no %s '%.40s' in the prescribing for %06d",
                   rx_level_name(level), org, month);
    } else {
        strbuf sb = STRBUF_INIT;
        rx_result_json(&sb, r, org);
        http_body(resp, 200, "application/json", sb.buf, sb.len);
        strbuf_free(&sb);
    }
    computed_free(&c);
    rx_measures_free(q.defs, q.n);
    return 0;
}

static int deciles_common(const http_request *req, http_response *resp, int svg)
{
    measure_req q;
    if (measure_req_parse(req, resp, &q))
        return 0;
    const rx_measure_def *def = q.def;
    int level = q.level;
    const char *org = q.org;
    err e = {0};
    rx_series *s = xmalloc(sizeof *s);
    if (rx_measure_series(req->db, def, level, org, s, &e)) {
        http_error_from(resp, 400, &e);
    } else if (org && !s->org[0]) {
        http_error(resp, 404, "org", "no %s '%.40s' in the stored prescribing",
                   rx_level_name(level), org);
    } else if (svg) {
        strbuf out = STRBUF_INIT;
        if (chart_deciles_svg(s, &out, &e))
            http_error_from(resp, 404, &e);
        else
            http_body(resp, 200, "image/svg+xml", out.buf, out.len);
        strbuf_free(&out);
    } else {
        strbuf sb = STRBUF_INIT;
        strbuf_adds(&sb, "{\"measure\": ");
        rx_json_str(&sb, def->id);
        strbuf_adds(&sb, ", \"name\": ");
        rx_json_str(&sb, def->name);
        strbuf_addf(&sb, ", \"level\": \"%s\", \"org\": ", rx_level_name(level));
        if (s->org[0]) {
            rx_json_str(&sb, s->org);
            strbuf_adds(&sb, ", \"org_name\": ");
            rx_json_str(&sb, s->org_name);
        } else {
            strbuf_adds(&sb, "null, \"org_name\": null");
        }
        strbuf_adds(&sb, ", \"months\": [");
        for (size_t i = 0; i < s->n; i++) {
            strbuf_addf(&sb, "%s{\"month\": %d, \"deciles\": ", i ? ", " : "", s->points[i].month);
            rx_json_deciles(&sb, s->points[i].deciles);
            strbuf_adds(&sb, ", \"value\": ");
            rx_json_num(&sb, s->points[i].value);
            strbuf_addc(&sb, '}');
        }
        strbuf_adds(&sb, "]}");
        http_body(resp, 200, "application/json", sb.buf, sb.len);
        strbuf_free(&sb);
    }
    free(s);
    rx_measures_free(q.defs, q.n);
    return 0;
}

int api_measure_deciles(const http_request *req, http_response *resp)
{
    return deciles_common(req, resp, 0);
}

int api_measure_deciles_svg(const http_request *req, http_response *resp)
{
    return deciles_common(req, resp, 1);
}

/* The level an organisation has prescribing at (rx_orgs), or -1. */
static int org_level(db *d, const char *code, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT level FROM rx_orgs WHERE code = ? ORDER BY CASE level WHEN 'practice'"
                   " THEN 0 WHEN 'sub_icb' THEN 1 WHEN 'icb' THEN 2 ELSE 3 END LIMIT 1",
                   &s, e))
        return -2;
    int level = -1;
    if (db_bind_text(s, 1, code, e) == 0 && db_step(s, e) == DB_ROW)
        level = rx_level_parse(db_col_text(s, 0));
    db_finalize(s);
    return e->kind ? -2 : level;
}

typedef struct ranked {
    const rx_measure_def *def;
    const rx_org_value *v;
    double median;
} ranked;

static int cmp_saving(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    double sa = a->def->is_cost_based ? a->v->savings[4] : NAN;
    double sb = b->def->is_cost_based ? b->v->savings[4] : NAN;
    if (isfinite(sa) != isfinite(sb))
        return isfinite(sa) ? -1 : 1;
    if (isfinite(sa) && sa != sb)
        return sa > sb ? -1 : 1;
    return strcmp(a->def->id, b->def->id);
}

int api_org_measures(const http_request *req, http_response *resp)
{
    const char *code = req->params[0];
    err e = {0};
    int level = org_level(req->db, code, &e), month;
    if (level == -2)
        return http_error_from(resp, 500, &e);
    if (level < 0)
        return http_error(resp, 404, NULL, "no prescribing for an organisation '%.40s'", code);
    if (month_of(req, resp, &month))
        return 0;
    rx_measure_def *defs;
    size_t n;
    const rx_measure_def *none = NULL;
    if (load_defs(resp, NULL, &defs, &n, &none))
        return 0;
    computed c;
    if (compute(req->db, month, defs, n, &c, &e)) {
        rx_measures_free(defs, n);
        return http_error_from(resp, 400, &e);
    }
    ranked *rows = xcalloc(n + 1, sizeof *rows);
    size_t nr = 0;
    const char *name = code;
    for (size_t i = 0; i < n; i++) {
        const rx_result *r = &c.res[i * RX_NLEVELS + (size_t)level];
        for (size_t j = 0; j < r->n; j++)
            if (strcmp(r->orgs[j].code, code) == 0 && isfinite(r->orgs[j].value)) {
                rows[nr++] = (ranked){&defs[i], &r->orgs[j], r->deciles[4]};
                name = r->orgs[j].name;
            }
    }
    qsort(rows, nr, sizeof *rows, cmp_saving);
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "{\"org\": ");
    rx_json_str(&sb, code);
    strbuf_adds(&sb, ", \"name\": ");
    rx_json_str(&sb, name);
    strbuf_addf(&sb, ", \"level\": \"%s\", \"month\": %d, \"items\": [", rx_level_name(level),
                month);
    double total = 0;
    for (size_t i = 0; i < nr; i++) {
        const ranked *k = &rows[i];
        strbuf_adds(&sb, i ? ",\n  {\"measure\": " : "\n  {\"measure\": ");
        rx_json_str(&sb, k->def->id);
        strbuf_adds(&sb, ", \"name\": ");
        rx_json_str(&sb, k->def->name);
        strbuf_adds(&sb, ", \"why_it_matters\": ");
        rx_json_str(&sb, k->def->why);
        strbuf_addf(
            &sb, ", \"is_cost_based\": %s, \"value\": ", k->def->is_cost_based ? "true" : "false");
        rx_json_num(&sb, k->v->value);
        strbuf_adds(&sb, ", \"percentile\": ");
        rx_json_num(&sb, k->v->percentile);
        strbuf_adds(&sb, ", \"median\": ");
        rx_json_num(&sb, k->median);
        strbuf_adds(&sb, ", \"saving_at_median\": ");
        double saving = k->def->is_cost_based ? k->v->savings[4] : NAN;
        rx_json_num(&sb, saving);
        if (isfinite(saving) && saving > 0)
            total += saving;
        strbuf_addc(&sb, '}');
    }
    strbuf_adds(&sb, "],\n \"total_saving_at_median\": ");
    rx_json_num(&sb, total);
    strbuf_addc(&sb, '}');
    http_body(resp, 200, "application/json", sb.buf, sb.len);
    strbuf_free(&sb);
    free(rows);
    computed_free(&c);
    rx_measures_free(defs, n);
    return 0;
}

int api_ppu(const http_request *req, http_response *resp)
{
    int month, level;
    if (month_of(req, resp, &month) || level_of(req, resp, &level))
        return 0;
    const char *org = http_query(req, "org");
    if (org && !org[0])
        org = NULL;
    long limit;
    if (limit_of(req, resp, 50, 100000, &limit))
        return 0;
    err e = {0};
    char *store = rx_store_dir_of(req->db, &e);
    rx_month *m = NULL;
    rx_ppu_result r = {0};
    if (!store || rx_month_open(store, month, &m, &e) || rx_ppu_compute(m, level, org, &r, &e)) {
        free(store);
        rx_month_close(m);
        if (!e.kind)
            err_not_found(&e, "no prescribing store for this database");
        return http_error_from(resp, 400, &e);
    }
    json_t *rows = json_array();
    for (size_t i = 0; i < r.n && (long)i < limit; i++) {
        const rx_ppu_row *p = &r.rows[i];
        json_array_append_new(
            rows, json_pack("{s:s, s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:f}", "org", p->org,
                            "org_name", p->org_name, "bnf_code", p->bnf_code, "bnf_name",
                            p->bnf_name, "cost", p->cost, "units", p->units, "price_per_unit",
                            p->price_per_unit, "target", p->target, "saving", p->saving));
    }
    http_json(resp, 200,
              json_pack("{s:i, s:s, s:o, s:f, s:f, s:I, s:o}", "month", month, "level",
                        rx_level_name(level), "org", org ? json_string(org) : json_null(),
                        "minimum", rx_ppu_minimum(level), "total", r.total, "count",
                        (json_int_t)r.n, "rows", rows));
    rx_ppu_free(&r);
    rx_month_close(m);
    free(store);
    return 0;
}

int api_prescribing_savings(const http_request *req, http_response *resp)
{
    long limit;
    if (limit_of(req, resp, 5, 1000, &limit))
        return 0;
    opportunity_filter f = {.kind = "prescribing", .level = http_query(req, "level")};
    if (f.level && !f.level[0])
        f.level = NULL;
    err e = {0};
    opportunity_list l;
    if (opportunities_build(req->db, &f, &l, &e))
        return http_error_from(resp, 400, &e);
    json_t *all = opportunities_json(&l, &f);
    json_t *items = json_object_get(all, "items");
    while ((long)json_array_size(items) > limit)
        json_array_remove(items, json_array_size(items) - 1);
    json_object_del(all, "levels");
    opportunity_list_free(&l);
    http_json(resp, 200, all);
    return 0;
}
