/* The contract review view: one contract's value and services beside its provider's quality,
 * domain by domain. Nothing new is computed here: each indicator's SPC icons come from
 * signals_for_subject (as the provider scorecard's), its funnel position from analysis_funnel
 * and its Fingertips-style comparison from analysis_compare, so the numbers are the same as
 * the charts' in the workbench. */
#include "domain/review.h"

#include "domain/analysis.h"
#include "domain/row_json.h"
#include "domain/signals.h"

#include <string.h>

/* Quality first, always shown; then the domains shown when the provider has indicators in them. */
static const char *const QUALITY[] = {"safety", "effectiveness", "experience"};
static const char *const SYSTEM[] = {"innovation", "productivity", "integration"};
#define NQ (sizeof QUALITY / sizeof QUALITY[0])
#define NS (sizeof SYSTEM / sizeof SYSTEM[0])

/* Where the provider's latest value sits in the funnel of that period, or null when the
 * indicator has no funnel (a mean, a count) or the provider is not in it. */
static json_t *funnel_position(db *d, const char *indicator, const char *period,
                               const char *provider)
{
    funnel_request req = {.indicator = indicator, .period = period};
    funnel_analysis a;
    err ignored = {0};
    if (analysis_funnel(d, &req, &a, &ignored)) {
        analysis_funnel_free(&a);
        return json_null();
    }
    json_t *j = json_null();
    for (size_t i = 0; i < a.n; i++) {
        if (strcmp(a.orgs[i], provider) != 0)
            continue;
        const funnel_org *o = &a.r.orgs[i];
        j = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:I}", "period", a.period, "value",
                      analysis_json_number(o->value), "average", analysis_json_number(a.r.average),
                      "limit95_low", analysis_json_number(o->limit95_low), "limit95_high",
                      analysis_json_number(o->limit95_high), "limit998_low",
                      analysis_json_number(o->limit998_low), "limit998_high",
                      analysis_json_number(o->limit998_high), "significance",
                      funnel_significance_name(o->significance), "peers", (json_int_t)a.n);
    }
    analysis_funnel_free(&a);
    return j;
}

/* The provider against the benchmark (all organisations compared) in that period, or null. */
static json_t *comparison(db *d, const char *indicator, const char *period, const char *provider)
{
    compare_request req = {.indicator = indicator, .period = period};
    compare_analysis a;
    err ignored = {0};
    if (analysis_compare(d, &req, &a, &ignored)) {
        analysis_compare_free(&a);
        return json_null();
    }
    json_t *j = json_null();
    for (size_t i = 0; i < a.c.n; i++) {
        const compare_row *r = &a.rows[i];
        if (strcmp(r->org, provider) != 0)
            continue;
        j = json_pack("{s:s, s:o, s:s, s:o, s:o, s:o, s:s, s:s, s:i, s:I}", "period", a.c.period,
                      "benchmark", analysis_json_number(a.benchmark), "benchmark_name",
                      a.benchmark_name, "value", analysis_json_number(r->value), "ci95_low",
                      analysis_json_number(r->ci95.lower), "ci95_high",
                      analysis_json_number(r->ci95.upper), "three", compare_outcome_name(r->three),
                      "five", compare_outcome_name(r->five), "quartile", r->quartile, "areas",
                      (json_int_t)a.c.n);
    }
    analysis_compare_free(&a);
    return j;
}

/* Every indicator observed for subject, with its icons; for the provider itself also its
 * funnel position and comparison (peers are organisations, not services). */
static int add_indicators(db *d, const char *subject, const char *provider, json_t *all, err *e)
{
    json_t *sig;
    if (signals_for_subject(d, subject, &sig, e))
        return -1;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(sig, "items"), i, it)
    {
        json_t *row = json_deep_copy(it);
        const char *ind = json_string_value(json_object_get(it, "indicator"));
        const char *period = json_string_value(json_object_get(it, "last_period"));
        int own = strcmp(subject, provider) == 0;
        json_object_set_new(row, "subject", json_string(subject));
        json_object_set_new(row, "funnel",
                            own ? funnel_position(d, ind, period, provider) : json_null());
        json_object_set_new(row, "compare",
                            own ? comparison(d, ind, period, provider) : json_null());
        json_array_append_new(all, row);
    }
    json_decref(sig);
    return 0;
}

static json_t *of_domain(json_t *all, const char *domain)
{
    json_t *out = json_array();
    size_t i;
    json_t *it;
    json_array_foreach(all, i, it)
    {
        if (strcmp(json_string_value(json_object_get(it, "domain")), domain) == 0)
            json_array_append(out, it);
    }
    return out;
}

/* Indicators of no quality or system domain (population health, finance): activity and
 * money, shown beside quality. */
static json_t *activity(json_t *all)
{
    json_t *out = json_array();
    size_t i, k;
    json_t *it;
    json_array_foreach(all, i, it)
    {
        const char *dom = json_string_value(json_object_get(it, "domain"));
        int named = 0;
        for (k = 0; k < NQ; k++)
            named |= strcmp(dom, QUALITY[k]) == 0;
        for (k = 0; k < NS; k++)
            named |= strcmp(dom, SYSTEM[k]) == 0;
        if (!named)
            json_array_append(out, it);
    }
    return out;
}

static json_t *domains(json_t *all)
{
    json_t *out = json_array();
    for (size_t k = 0; k < NQ + NS; k++) {
        const char *dom = k < NQ ? QUALITY[k] : SYSTEM[k - NQ];
        json_t *list = of_domain(all, dom);
        if (k >= NQ && json_array_size(list) == 0) {
            json_decref(list);
            continue;
        }
        json_array_append_new(out, json_pack("{s:s, s:o}", "domain", dom, "indicators", list));
    }
    return out;
}

static int latest_review(db *d, const char *contract, const conversation_viewer *v, json_t **out,
                         err *e)
{
    json_t *list;
    *out = NULL;
    if (review_list(d, contract, NULL, v, &list, e))
        return -1;
    json_t *first = json_array_get(json_object_get(list, "items"), 0);
    int rc = 0;
    if (first)
        rc = review_get(d, json_integer_value(json_object_get(first, "id")), v, out, e);
    json_decref(list);
    if (!*out && !rc)
        *out = json_null();
    return rc;
}

int review_view(db *d, const char *contract, const conversation_viewer *v, json_t **out, err *e)
{
    json_t *rows = json_array();
    const char *params[] = {contract};
    int rc = row_json_rows(
        d,
        "SELECT k.code, k.commissioner_code AS commissioner, c.name AS commissioner_name,"
        " k.provider_code AS provider, p.name AS provider_name, p.kind AS provider_kind,"
        " k.annual_value_gbp, k.start_date AS start, k.end_date AS \"end\" FROM contracts k"
        " JOIN organisations c ON c.code = k.commissioner_code"
        " JOIN organisations p ON p.code = k.provider_code WHERE k.code = ?1",
        "ssssssdss", params, 1, rows, e);
    json_t *k = json_array_get(rows, 0);
    const char *provider = k ? json_string_value(json_object_get(k, "provider")) : NULL;
    int visible = v && (v->all || (v->org && provider && strcmp(v->org, provider) == 0));
    if (!rc && (!k || !visible))
        rc = err_not_found(e, "no contract with code '%.64s'", contract);
    json_t *services = json_array(), *all = json_array(), *review = NULL;
    const char *sparams[] = {provider};
    if (!rc)
        rc = row_json_rows(d,
                           "SELECT code, name, pathway, annual_gbp FROM services"
                           " WHERE provider_code = ?1 ORDER BY code",
                           "sssd", sparams, 1, services, e);
    if (!rc)
        rc = add_indicators(d, provider, provider, all, e);
    size_t i;
    json_t *svc;
    double services_gbp = 0;
    json_array_foreach(services, i, svc)
    {
        services_gbp += json_number_value(json_object_get(svc, "annual_gbp"));
        if (!rc)
            rc = add_indicators(d, json_string_value(json_object_get(svc, "code")), provider, all,
                                e);
    }
    if (!rc)
        rc = latest_review(d, contract, v, &review, e);
    if (rc) {
        json_decref(rows);
        json_decref(services);
        json_decref(all);
        return -1;
    }
    *out = json_pack("{s:O, s:{s:O, s:f}, s:o, s:o, s:o, s:o}", "contract", k, "money",
                     "annual_value_gbp", json_object_get(k, "annual_value_gbp"), "services_gbp",
                     services_gbp, "services", services, "domains", domains(all), "activity",
                     activity(all), "latest_review", review);
    json_decref(all);
    json_decref(rows);
    return 0;
}
