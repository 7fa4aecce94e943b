/* Contract reviews over HTTP, on the demo: who may see and write what, the view, the pack, and
 * a stale write refused with 409. */
#include "support/server.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static test_server *srv;
static api_session commissioner, provider, other_provider;

#define OTHER_PROVIDER_EMAIL "other.provider@test.nhs.uk"
#define OWN_CONTRACT "C-2025-ACU"  /* provided by TEST_PROVIDER_ORG, RNV */
#define OTHER_CONTRACT "C-2024-MH" /* provided by TEST_OTHER_ORG, RNM */

static void start(void)
{
    srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    test_server_add_user(srv, OTHER_PROVIDER_EMAIL, "provider", TEST_OTHER_ORG);
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &commissioner), 200);
    cr_assert_eq(api_sign_in(srv, TEST_PROVIDER_EMAIL, TEST_PASSWORD, &provider), 200);
    cr_assert_eq(api_sign_in(srv, OTHER_PROVIDER_EMAIL, TEST_PASSWORD, &other_provider), 200);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_reviews, .init = start, .fini = stop, .timeout = 180);

static long long record(const char *contract, const char *held_on)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"contract\":\"%s\",\"held_on\":\"%s\",\"attendees\":[{\"person\":\"p-0018\"}],"
             "\"findings\":[{\"domain\":\"safety\",\"finding\":\"Falls falling\","
             "\"assurance\":\"assured\"}],\"actions\":[{\"description\":\"Ward data\","
             "\"owner\":\"p-0018\",\"due\":\"2027-01-31\"}],\"next_review\":\"2027-03-01\"}",
             contract, held_on);
    api_response r = api_call(srv, "POST", "/api/v1/reviews", body, NULL, &commissioner);
    cr_assert_eq(r.status, 201, "%s", r.body);
    long long id = json_integer_value(json_object_get(r.json, "id"));
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "contract")), contract);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(r.json, "attendees"), 0), "name")),
                     "Dr Samuel Adeyemi");
    api_response_free(&r);
    return id;
}

static long status_of(const char *method, const char *path, const char *body,
                      const api_session *who)
{
    api_response r = api_call(srv, method, path, body, NULL, who);
    long status = r.status;
    api_response_free(&r);
    return status;
}

static int list_has(json_t *list, long long id)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(list, "items"), i, o)
    {
        if (json_integer_value(json_object_get(o, "id")) == id)
            return 1;
    }
    return 0;
}

Test(api_reviews, a_provider_sees_only_its_own_organisations_reviews)
{
    long long own = record(OWN_CONTRACT, "2026-12-01");
    long long other = record(OTHER_CONTRACT, "2026-12-02");
    api_response r = api_call(srv, "GET", "/api/v1/reviews", NULL, NULL, &provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(list_has(r.json, own));
    cr_assert(!list_has(r.json, other), "another organisation's review leaked");
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(r.json, "items"), i, o)
    {
        cr_assert_str_eq(json_string_value(json_object_get(o, "provider")), TEST_PROVIDER_ORG);
    }
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/reviews", NULL, NULL, &commissioner);
    cr_assert(list_has(r.json, own) && list_has(r.json, other));
    /* The demo's three as well. */
    cr_assert_geq(json_array_size(json_object_get(r.json, "items")), 5);
    api_response_free(&r);

    char path[96];
    snprintf(path, sizeof path, "/api/v1/reviews/%lld", own);
    cr_assert_eq(status_of("GET", path, NULL, &provider), 200);
    cr_assert_eq(status_of("GET", path, NULL, &other_provider), 404);
    cr_assert_eq(status_of("GET", path, NULL, NULL), 401);
    snprintf(path, sizeof path, "/api/v1/reviews/%lld", other);
    cr_assert_eq(status_of("GET", path, NULL, &provider), 404, "not 403: nothing is hinted");
    cr_assert_eq(status_of("GET", path, NULL, &other_provider), 200);
    cr_assert_eq(status_of("GET", "/api/v1/contracts/" OTHER_CONTRACT "/review", NULL, &provider),
                 404);
    cr_assert_eq(
        status_of("GET", "/api/v1/contracts/" OTHER_CONTRACT "/review-pack", NULL, &provider), 404);
    cr_assert_eq(status_of("GET", "/api/v1/contracts/" OWN_CONTRACT "/review", NULL, &provider),
                 200);
    /* Providers read; they do not write. */
    cr_assert_eq(status_of("POST", "/api/v1/reviews",
                           "{\"contract\":\"" OWN_CONTRACT "\",\"held_on\":\"2026-12-03\"}",
                           &provider),
                 403);
}

Test(api_reviews, a_stale_version_gets_409_and_a_missing_one_428)
{
    long long id = record(OWN_CONTRACT, "2026-12-03");
    char path[96];
    snprintf(path, sizeof path, "/api/v1/reviews/%lld", id);
    api_response r = api_call(srv, "GET", path, NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *read = json_deep_copy(r.json);
    api_response_free(&r);

    json_object_set_new(read, "summary", json_string("First change"));
    char *body = json_dumps(read, JSON_COMPACT);
    r = api_call(srv, "PUT", path, body, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "version")), 2);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "summary")), "First change");
    api_response_free(&r);
    /* The same body again names version 1, which is stale now. */
    r = api_call(srv, "PUT", path, body, NULL, &commissioner);
    cr_assert_eq(r.status, 409, "%s", r.body);
    cr_assert(strstr(r.body, "version 2"), "%s", r.body);
    api_response_free(&r);
    free(body);
    json_object_del(read, "version");
    body = json_dumps(read, JSON_COMPACT);
    cr_assert_eq(status_of("PUT", path, body, &commissioner), 428);
    free(body);
    json_decref(read);
    cr_assert_eq(status_of("PUT", "/api/v1/reviews/999999",
                           "{\"contract\":\"" OWN_CONTRACT "\",\"held_on\":\"2026-12-03\","
                           "\"version\":1}",
                           &commissioner),
                 404);
}

Test(api_reviews, bad_input_is_422_naming_the_field)
{
    api_response r = api_call(srv, "POST", "/api/v1/reviews",
                              "{\"contract\":\"" OWN_CONTRACT "\",\"held_on\":\"2026-12-03\","
                              "\"findings\":[{\"domain\":\"safety\"}]}",
                              NULL, &commissioner);
    cr_assert_eq(r.status, 422, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
                     "findings[0].finding", "%s", r.body);
    api_response_free(&r);
}

/* The demo's acute contract: its outpatient non-attendance is the special cause of concern
 * above the 99.8% funnel limit that the November review found. */
Test(api_reviews, the_view_and_the_pack_of_the_demo_acute_contract)
{
    api_response r =
        api_call(srv, "GET", "/api/v1/contracts/" OWN_CONTRACT "/review", NULL, NULL, &provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *k = json_object_get(r.json, "contract");
    cr_assert_eq(json_number_value(json_object_get(k, "annual_value_gbp")), 318000000);
    json_t *dom, *it, *dna = NULL;
    size_t i, j;
    json_array_foreach(json_object_get(r.json, "domains"), i, dom)
    {
        json_array_foreach(json_object_get(dom, "indicators"), j, it)
        {
            if (strcmp(json_string_value(json_object_get(it, "indicator")), "OP-DNA") == 0)
                dna = it;
        }
    }
    cr_assert_not_null(dna, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(dna, "domain")), "productivity");
    cr_assert_str_eq(json_string_value(json_object_get(dna, "variation")), "concern_high");
    cr_assert_str_eq(
        json_string_value(json_object_get(json_object_get(dna, "funnel"), "significance")),
        "high_0.001");
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(dna, "compare"), "three")),
                     "worse");
    api_response_free(&r);

    r = api_call(srv, "GET", "/api/v1/contracts/" OWN_CONTRACT "/review-pack?today=2026-12-03",
                 NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(strstr(api_header(&r, "Content-Type"), "text/html"));
    cr_assert(strstr(api_header(&r, "Content-Security-Policy"), "default-src 'none'"));
    cr_assert(strstr(r.body, "<h1>Contract review: Northvale Hospitals NHS Foundation Trust</h1>"));
    cr_assert(strstr(r.body, "id=\"domain-safety\""));
    cr_assert(strstr(r.body, "id=\"domain-productivity\""));
    cr_assert(strstr(r.body, "above the 99.8% funnel limit"));
    cr_assert(strstr(r.body, "overdue: due 30 November 2026"), "the audit of DNAs is overdue");
    cr_assert(!strstr(r.body, "<script"), "the pack runs nothing");
    cr_assert(!strstr(r.body, "src=\"http"), "the pack fetches nothing");
    api_response_free(&r);
    cr_assert_eq(status_of("GET", "/api/v1/contracts/" OWN_CONTRACT "/review-pack?today=soon", NULL,
                           &commissioner),
                 400);
}
