/* The conversation pack's data, gathered once: the organisation (and service), its key
 * indicators with their peers, its opportunities, and the conversations the viewer may see. */
#include "report/pack_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies column 0 and (if wanted) 1 of the one row `sql` finds for `code`; 0 when none. */
static int lookup(db *d, const char *sql, const char *code, char *a, size_t na, char *b, size_t nb,
                  int *found, err *e)
{
    db_stmt *s;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_bind_text(s, 1, code, e);
    if (!rc)
        rc = db_step(s, e);
    *found = rc == DB_ROW;
    if (*found) {
        snprintf(a, na, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
        if (b)
            snprintf(b, nb, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int load_subject(db *d, const pack_request *req, pack_data *p, err *e)
{
    int found;
    if (lookup(d, "SELECT name, kind FROM organisations WHERE code = ?", req->org, p->org_name,
               sizeof p->org_name, p->org_kind, sizeof p->org_kind, &found, e))
        return -1;
    if (!found)
        return err_not_found(e, "no organisation with code '%.40s'", req->org);
    if (!req->service)
        return 0;
    char provider[33];
    if (lookup(d, "SELECT name, provider_code FROM services WHERE code = ?", req->service,
               p->service_name, sizeof p->service_name, provider, sizeof provider, &found, e))
        return -1;
    if (!found || strcmp(provider, req->org) != 0)
        return err_not_found(e, "service: %.40s has no service with code '%.40s'", req->org,
                             req->service);
    return 0;
}

/* Specials of concern first, then other special causes, then common cause: what most needs
 * talking about leads. */
static int rank(const spc_analysis *a)
{
    switch (a->r.variation) {
    case SPC_VARIATION_CONCERN_HIGH:
    case SPC_VARIATION_CONCERN_LOW:
        return 0;
    case SPC_VARIATION_NEUTRAL_HIGH:
    case SPC_VARIATION_NEUTRAL_LOW:
        return 1;
    case SPC_VARIATION_IMPROVEMENT_HIGH:
    case SPC_VARIATION_IMPROVEMENT_LOW:
        return 2;
    case SPC_VARIATION_COMMON_CAUSE:
    default:
        return 3 + (a->r.assurance == SPC_ASSURANCE_FAIL ? -1 : 0);
    }
}

static int by_rank(const void *x, const void *y)
{
    const pack_indicator *a = x, *b = y;
    int d = rank(&a->spc) - rank(&b->spc);
    return d ? d : strcmp(a->spc.s.indicator.code, b->spc.s.indicator.code);
}

/* Where the subject's latest point sits among its peers; no peers is not an error (a trust
 * is not in the practices' funnel). */
static void load_peers(db *d, const char *subject, pack_indicator *pi)
{
    const series *s = &pi->spc.s;
    funnel_request fr = {.indicator = s->indicator.code, .period = s->periods[s->n - 1]};
    err ignored = {0};
    if (analysis_funnel(d, &fr, &pi->funnel, &ignored)) {
        analysis_funnel_free(&pi->funnel);
        return;
    }
    for (size_t i = 0; i < pi->funnel.n; i++)
        if (strcmp(pi->funnel.orgs[i], subject) == 0 && pi->funnel.n >= 3) {
            pi->has_peers = 1;
            pi->at = i;
            return;
        }
    analysis_funnel_free(&pi->funnel);
}

static int load_indicators(db *d, const char *subject, pack_data *p, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT DISTINCT indicator_code FROM observations"
                   " WHERE organisation_code = ?1 OR service_code = ?1 ORDER BY 1",
                   &s, e))
        return -1;
    size_t cap = 8, n = 0;
    pack_indicator *all = xcalloc(cap, sizeof *all);
    int rc = db_bind_text(s, 1, subject, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        rc = 0;
        if (n == cap)
            all = xrealloc(all, (cap *= 2) * sizeof *all);
        memset(&all[n], 0, sizeof all[n]);
        spc_request sr = {.indicator = db_col_text(s, 0), .subject = subject};
        err one = {0};
        if (analysis_spc(d, &sr, &all[n].spc, &one) == 0)
            n++;
        else if (one.kind != ERR_USER) /* a series too short to chart is left out */
            rc = -1, *e = one;
    }
    db_finalize(s);
    if (rc >= 0) {
        rc = 0;
        qsort(all, n, sizeof *all, by_rank);
        p->n_observed = n;
        p->n_ind = n < PACK_MAX_INDICATORS ? n : PACK_MAX_INDICATORS;
        for (size_t i = 0; i < p->n_ind; i++) {
            p->ind[i] = all[i];
            load_peers(d, subject, &p->ind[i]);
        }
    }
    for (size_t i = rc ? 0 : p->n_ind; i < n; i++)
        analysis_spc_free(&all[i].spc);
    if (rc)
        p->n_ind = 0;
    free(all);
    return rc;
}

static int subject_has_observations(db *d, const char *code, int *yes, err *e)
{
    char ignored[8];
    return lookup(d, "SELECT 1 FROM observations WHERE service_code = ? LIMIT 1", code, ignored,
                  sizeof ignored, NULL, 0, yes, e);
}

static int load_conversations(db *d, const pack_request *req, pack_data *p, err *e)
{
    conversation_filter f = {
        .org = req->org, .service = req->service, .limit = PACK_MAX_CONVERSATIONS};
    json_t *list;
    if (conversation_list(d, &f, &req->viewer, &list, e))
        return -1;
    p->n_conversations = (long)json_integer_value(json_object_get(list, "total"));
    p->conversations = json_array();
    size_t i;
    json_t *item;
    int rc = 0;
    json_array_foreach(json_object_get(list, "items"), i, item)
    {
        json_t *full;
        int64_t id = (int64_t)json_integer_value(json_object_get(item, "id"));
        if ((rc = conversation_get(d, id, &req->viewer, &full, e)) != 0)
            break;
        json_array_append_new(p->conversations, full);
    }
    json_decref(list);
    return rc;
}

int pack_data_load(db *d, const pack_request *req, pack_data *p, err *e)
{
    memset(p, 0, sizeof *p);
    p->req = req;
    if (load_subject(d, req, p, e))
        return -1;
    int service_observed = 0;
    if (req->service && subject_has_observations(d, req->service, &service_observed, e))
        return -1;
    opportunity_filter of = {.org = req->org};
    if (load_indicators(d, service_observed ? req->service : req->org, p, e) ||
        opportunities_build(d, &of, &p->opps, e) || load_conversations(d, req, p, e)) {
        pack_data_free(p);
        return -1;
    }
    return 0;
}

void pack_data_free(pack_data *p)
{
    for (size_t i = 0; i < p->n_ind; i++) {
        analysis_spc_free(&p->ind[i].spc);
        if (p->ind[i].has_peers)
            analysis_funnel_free(&p->ind[i].funnel);
    }
    opportunity_list_free(&p->opps);
    json_decref(p->conversations);
    memset(p, 0, sizeof *p);
}
