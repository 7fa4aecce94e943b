/* The entity, import, statistics and description routes against a real server
 * holding the demo system. */
#include "db/db.h"
#include "http/router.h"
#include "support/server.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static test_server *srv;
static api_session commissioner;

static void start(void)
{
    srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &commissioner), 200);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_entities, .init = start, .fini = stop, .timeout = 120);

static api_response call(const char *method, const char *path, const char *body)
{
    return api_call(srv, method, path, body, NULL, &commissioner);
}

static const char *error_field(const api_response *r)
{
    return json_string_value(json_object_get(json_object_get(r->json, "error"), "field"));
}

Test(api_entities, list_filters_sorts_and_pages)
{
    api_response r = call("GET", "/api/v1/organisations?kind=place&sort=-code&limit=2", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 3);
    json_t *items = json_object_get(r.json, "items");
    cr_assert_eq(json_array_size(items), 2);
    const char *first = json_string_value(json_object_get(json_array_get(items, 0), "code"));
    const char *second = json_string_value(json_object_get(json_array_get(items, 1), "code"));
    cr_assert_gt(strcmp(first, second), 0, "%s then %s is not descending", first, second);
    api_response_free(&r);

    r = call("GET", "/api/v1/organisations?colour=red", NULL);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_field(&r), "colour");
    api_response_free(&r);
    r = call("GET", "/api/v1/organisations?limit=5000", NULL);
    cr_assert_eq(r.status, 400);
    api_response_free(&r);
    r = call("GET", "/api/v1/widgets", NULL);
    cr_assert_eq(r.status, 404);
    api_response_free(&r);
}

Test(api_entities, create_update_conflict_and_delete)
{
    const char *site = "{\"code\":\"S-API\",\"name\":\"API Clinic\",\"organisation\":\"RNV\","
                       "\"gross_internal_m2\":250,\"clinical_m2\":150,\"non_clinical_m2\":100}";
    api_response r = call("POST", "/api/v1/sites", site);
    cr_assert_eq(r.status, 201, "%s", r.body);
    cr_assert_eq(json_real_value(json_object_get(r.json, "gross_internal_m2")), 250);
    cr_assert(json_is_null(json_object_get(r.json, "empty_pct")));
    api_response_free(&r);

    r = call("POST", "/api/v1/sites", site);
    cr_assert_eq(r.status, 409, "%s", r.body);
    api_response_free(&r);

    r = call("PUT", "/api/v1/sites/S-API",
             "{\"name\":\"API Clinic\",\"organisation\":\"RNV\",\"gross_internal_m2\":300}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_real_value(json_object_get(r.json, "gross_internal_m2")), 300);
    api_response_free(&r);

    r = call("PUT", "/api/v1/sites/S-API",
             "{\"code\":\"S-OTHER\",\"name\":\"x\",\"organisation\":\"RNV\","
             "\"gross_internal_m2\":1}");
    cr_assert_eq(r.status, 422, "%s", r.body);
    cr_assert_str_eq(error_field(&r), "code");
    api_response_free(&r);

    r = call("DELETE", "/api/v1/sites/S-API", NULL);
    cr_assert_eq(r.status, 204, "%s", r.body);
    api_response_free(&r);
    r = call("GET", "/api/v1/sites/S-API", NULL);
    cr_assert_eq(r.status, 404);
    api_response_free(&r);

    /* The audit log names the user who wrote. */
    db *d;
    err e = {0};
    cr_assert_eq(db_open(srv->db_path, &d, &e), 0, "%s", e.msg);
    int64_t n;
    cr_assert_eq(db_query_int64(d,
                                "SELECT COUNT(*) FROM audit_log WHERE entity = 'site' AND "
                                "entity_key = 'S-API' AND actor = '" TEST_COMMISSIONER_EMAIL "'",
                                &n, &e),
                 0, "%s", e.msg);
    cr_assert_eq(n, 3, "create, update and delete are audited");
    db_close(d);
}

Test(api_entities, bad_bodies_name_the_field)
{
    struct {
        const char *body, *field;
        long status;
    } cases[] = {
        {"{\"code\":\"Z1\",\"name\":\"Z\",\"kind\":\"surgery\"}", "kind", 422},
        {"{\"code\":\"Z1\",\"name\":\"Z\",\"kind\":\"practice\",\"colour\":\"red\"}", "colour",
         422},
        {"{\"code\":\"Z1\",\"name\":\"Z\",\"kind\":\"practice\",\"parent\":\"NOPE\"}", "parent",
         422},
        {"{\"code\":\"Z1\",\"name\":[1],\"kind\":\"practice\"}", "name", 422},
        {"{\"code\":\"Z 1\",\"name\":\"Z\",\"kind\":\"practice\"}", "code", 422},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        api_response r = call("POST", "/api/v1/organisations", cases[i].body);
        cr_expect_eq(r.status, cases[i].status, "%s: %s", cases[i].body, r.body);
        cr_expect_str_eq(error_field(&r), cases[i].field, "%s: %s", cases[i].body, r.body);
        api_response_free(&r);
    }
    /* A row others refer to cannot go. */
    api_response r = call("DELETE", "/api/v1/organisations/RNV", NULL);
    cr_assert_eq(r.status, 409, "%s", r.body);
    api_response_free(&r);
    r = call("GET", "/api/v1/organisations/RNV", NULL);
    cr_assert_eq(r.status, 200);
    api_response_free(&r);
}

Test(api_entities, import_is_all_or_nothing_with_line_and_field)
{
    const char *csv = "code,name,organisation,gross_internal_m2\n"
                      "S-U1,Upload one,RNV,100\n"
                      "S-U2,Upload two,RNV,lots\n";
    api_response r = api_call(srv, "POST", "/api/v1/import/sites", csv, "text/csv", &commissioner);
    cr_assert_eq(r.status, 422, "%s", r.body);
    json_t *e = json_object_get(r.json, "error");
    cr_assert_eq(json_integer_value(json_object_get(e, "line")), 3);
    cr_assert_str_eq(json_string_value(json_object_get(e, "field")), "gross_internal_m2");
    cr_assert(strstr(json_string_value(json_object_get(e, "message")), "upload.csv:3:"), "%s",
              r.body);
    api_response_free(&r);
    r = call("GET", "/api/v1/sites/S-U1", NULL);
    cr_assert_eq(r.status, 404, "the good first row must not be kept: %s", r.body);
    api_response_free(&r);

    r = api_call(srv, "POST", "/api/v1/import/sites",
                 "code,name,organisation,gross_internal_m2\nS-U1,Upload one,RNV,100\n", "text/csv",
                 &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "created")), 1);
    api_response_free(&r);
}

Test(api_entities, statistics_match_the_command_line_shapes)
{
    api_response r = call("GET", "/api/v1/indicators/DIUPR/spc?org=QNV", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_array_size(json_object_get(r.json, "points")), 36);
    /* The demo planted a rise in deaths at the usual place of residence (high is good). */
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "variation")), "improvement_high");
    api_response_free(&r);

    r = call("GET", "/api/v1/indicators/DIUPR/spc.svg?org=QNV", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(api_header(&r, "Content-Type"), "image/svg+xml");
    cr_assert(strstr(r.body, "<svg") == r.body);
    api_response_free(&r);

    r = call("GET", "/api/v1/indicators/GP-DNA/funnel?period=2026-03", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_array_size(json_object_get(r.json, "orgs")), 30);
    api_response_free(&r);

    r = call("GET", "/api/v1/indicators/ABX/compare?period=2026-03", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(
        json_array_size(json_object_get(json_object_get(r.json, "quantiles"), "quintile_cuts")), 6);
    cr_assert(json_is_number(json_object_get(json_object_get(r.json, "spine"), "q25")));
    api_response_free(&r);
    r = call("GET", "/api/v1/indicators/ABX/compare.svg?period=2026-03", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(api_header(&r, "Content-Type"), "image/svg+xml");
    cr_assert(strstr(r.body, "<svg") == r.body);
    cr_assert_eq(count_of(r.body, "class=\"marker "), 30);
    api_response_free(&r);
    r = call("GET", "/api/v1/indicators/ABX/opportunity?period=2026-03&org=X81017", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(json_is_true(json_object_get(r.json, "significant")));
    api_response_free(&r);
    r = call("GET",
             "/api/v1/indicators/ABX/opportunity?period=2026-03&org=X81017&context=IMD19"
             "&nearest=6&best=3",
             NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_array_size(json_object_get(r.json, "peers")), 6);
    cr_assert_eq(json_array_size(json_object_get(r.json, "best_peers")), 3);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(r.json, "method"), "peers")),
                     "nearest");
    api_response_free(&r);
    r = call("GET", "/api/v1/indicators/ABX/opportunity?period=2026-03&org=X81017&nearest=6", NULL);
    cr_assert_eq(r.status, 400, "%s", r.body);
    api_response_free(&r);

    r = call("GET", "/api/v1/indicators/ABX/spc?org=X81017&target=lots", NULL);
    cr_assert_eq(r.status, 400);
    api_response_free(&r);
    r = call("GET", "/api/v1/indicators/NOPE/spc?org=X81017", NULL);
    cr_assert_eq(r.status, 404, "%s", r.body);
    api_response_free(&r);
    r = call("GET", "/api/v1/indicators/ABX/spc?org=X81017&tagret=5", NULL);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_field(&r), "tagret");
    api_response_free(&r);
}

Test(api_entities, signals_and_organisation_indicators)
{
    api_response r = call("GET", "/api/v1/signals", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    /* Every planted shift whose last point is special shows up, e.g. X81017's antibiotics. */
    int found = 0;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(r.json, "spc"), i, s)
    {
        if (strcmp(json_string_value(json_object_get(s, "org")), "X81017") == 0 &&
            strcmp(json_string_value(json_object_get(s, "indicator")), "ABX") == 0)
            found = strcmp(json_string_value(json_object_get(s, "variation")), "concern_high") == 0;
    }
    cr_assert(found, "X81017's antibiotic prescribing is not among the signals");
    cr_assert_gt(json_array_size(json_object_get(r.json, "outliers")), 0);
    api_response_free(&r);

    r = call("GET", "/api/v1/organisations/RNV/indicators", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_gt(json_array_size(json_object_get(r.json, "items")), 3);
    api_response_free(&r);
    r = call("GET", "/api/v1/organisations/NOPE/indicators", NULL);
    cr_assert_eq(r.status, 404, "%s", r.body);
    api_response_free(&r);
}

Test(api_entities, openapi_describes_every_route)
{
    api_response r = api_call(srv, "GET", "/api/v1/openapi.json", NULL, NULL, NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "openapi")), "3.0.3");
    json_t *paths = json_object_get(r.json, "paths");
    int described = 0;
    for (int i = 0; i < http_route_total(); i++) {
        const http_route *route = http_route_at(i);
        char method[8];
        snprintf(method, sizeof method, "%s", route->method);
        for (char *p = method; *p; p++)
            *p = (char)(*p - 'A' + 'a');
        json_t *op = json_object_get(json_object_get(paths, route->pattern), method);
        cr_expect(json_is_object(op), "%s %s is served but not described", route->method,
                  route->pattern);
        described += op != NULL;
    }
    /* And nothing is described that is not served. */
    size_t ops = 0;
    const char *path;
    json_t *item;
    json_object_foreach(paths, path, item) ops += json_object_size(item);
    cr_assert_eq((int)ops, described);
    api_response_free(&r);
}

Test(api_entities, cached_statistics_follow_every_write)
{
    /* Asked twice, the second answer may come from the cache; after a write it must not. */
    const char *path = "/api/v1/indicators/FFT-POS/spc?org=RNV";
    api_response before = call("GET", path, NULL), again = call("GET", path, NULL);
    cr_assert_eq(before.status, 200, "%s", before.body);
    cr_assert_str_eq(again.body, before.body);
    api_response w = call("PUT", "/api/v1/observations/FFT-POS/RNV/2026-03",
                          "{\"numerator\":10,\"denominator\":1000}");
    cr_assert_eq(w.status, 200, "%s", w.body);
    api_response after = call("GET", path, NULL);
    cr_assert_eq(after.status, 200);
    json_t *points = json_object_get(after.json, "points");
    json_t *last = json_array_get(points, json_array_size(points) - 1);
    cr_assert_float_eq(json_real_value(json_object_get(last, "value")), 1.0, 1e-12,
                       "10 of 1000 is 1%%: %s", after.body);
    cr_assert_str_eq(json_string_value(json_object_get(last, "type")), "special_cause_concern");
    api_response_free(&before);
    api_response_free(&again);
    api_response_free(&w);
    api_response_free(&after);
}
