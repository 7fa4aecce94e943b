/* The alert routes against a real server: follows made over HTTP, an import over HTTP that
 * plants a shift alerts the indicator's follower once and nobody else, an unchanged import
 * raises nothing, and each user reads and marks only their own alerts. */
#include "support/server.h"

#include "util/strbuf.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static test_server *srv;
static api_session admin, commissioner, provider;

static void expect(api_response r, long status)
{
    cr_assert_eq(r.status, status, "%s", r.body);
    api_response_free(&r);
}

static void import(const char *kind, const char *csv)
{
    char path[64];
    snprintf(path, sizeof path, "/api/v1/import/%s", kind);
    expect(api_call(srv, "POST", path, csv, "text/csv", &admin), 200);
}

/* 20 months around 20 for both trusts; then `shifted` months at 30 for RNV. */
static char *observations(int shifted)
{
    static const int wobble[20] = {19, 21, 20, 22, 18, 21, 19, 20, 21, 19,
                                   22, 18, 20, 21, 19, 21, 18, 22, 20, 19};
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "indicator,organisation,period,numerator,denominator\n");
    for (int i = 0; i < 20 + shifted; i++)
        strbuf_addf(&sb, "WAIT,RNV,%04d-%02d,%d,100\n", 2025 + i / 12, i % 12 + 1,
                    i < 20 ? wobble[i] : 30);
    for (int i = 0; i < 20; i++)
        strbuf_addf(&sb, "WAIT,RNM,%04d-%02d,%d,100\n", 2025 + i / 12, i % 12 + 1, wobble[i]);
    return strbuf_detach(&sb, NULL);
}

static void start(void)
{
    srv = test_server_start(&(test_server_opts){.users = 1});
    cr_assert_eq(api_sign_in(srv, TEST_ADMIN_EMAIL, TEST_PASSWORD, &admin), 200);
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &commissioner), 200);
    cr_assert_eq(api_sign_in(srv, TEST_PROVIDER_EMAIL, TEST_PASSWORD, &provider), 200);
    import("organisations", "code,name,kind\nRNV,Northvale Hospital,acute_trust\n"
                            "RNM,Millbrook Hospital,acute_trust\n");
    import("indicators", "code,name,domain,type,polarity\n"
                         "WAIT,Waits over 18 weeks,effectiveness,proportion,low_is_good\n");
    char *base = observations(0);
    import("observations", base);
    free(base);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_alerts, .init = start, .fini = stop, .timeout = 120);

static json_t *inbox(const api_session *who)
{
    api_response r = api_call(srv, "GET", "/api/v1/alerts", NULL, NULL, who);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *j = json_incref(r.json);
    api_response_free(&r);
    return j;
}

Test(api_alerts, a_shift_imported_over_http_alerts_the_follower_once)
{
    expect(api_call(srv, "POST", "/api/v1/follows", "{\"kind\":\"indicator\",\"code\":\"WAIT\"}",
                    NULL, &commissioner),
           201);
    expect(api_call(srv, "POST", "/api/v1/follows", "{\"kind\":\"indicator\",\"code\":\"WAIT\"}",
                    NULL, &commissioner),
           200);
    expect(api_call(srv, "POST", "/api/v1/follows", "{\"kind\":\"organisation\",\"code\":\"RNM\"}",
                    NULL, &provider),
           201);
    char *base = observations(0), *shift = observations(8);
    import("observations", base); /* no change: nothing */
    json_t *in = inbox(&commissioner);
    cr_assert_eq(json_integer_value(json_object_get(in, "unread")), 0, "%s", json_dumps(in, 0));
    json_decref(in);

    import("observations", shift);
    import("observations", shift); /* again: nothing more */
    free(base);
    free(shift);
    in = inbox(&commissioner);
    json_t *items = json_object_get(in, "items");
    cr_assert_eq(json_array_size(items), 1, "%s", json_dumps(in, 0));
    cr_assert_eq(json_integer_value(json_object_get(in, "unread")), 1);
    json_t *a = json_array_get(items, 0);
    cr_assert_str_eq(json_string_value(json_object_get(a, "kind")), "special_cause");
    cr_assert(strstr(json_string_value(json_object_get(a, "reason")),
                     "Waits over 18 weeks for Northvale Hospital (RNV) in 2027-04 is a special "
                     "cause of concern"),
              "%s", json_string_value(json_object_get(a, "reason")));
    cr_assert_str_eq(json_string_value(json_object_get(a, "link")),
                     "/indicator.html?code=WAIT&org=RNV");
    long long id = json_integer_value(json_object_get(a, "id"));
    json_decref(in);

    in = inbox(&provider);
    cr_assert_eq(json_array_size(json_object_get(in, "items")), 0, "%s", json_dumps(in, 0));
    json_decref(in);

    /* Only its owner can mark it read; to anyone else it does not exist. */
    char path[64];
    snprintf(path, sizeof path, "/api/v1/alerts/%lld/read", id);
    expect(api_call(srv, "POST", path, NULL, NULL, &provider), 404);
    expect(api_call(srv, "POST", path, NULL, NULL, NULL), 401);
    expect(api_call(srv, "POST", path, NULL, NULL, &commissioner), 200);
    expect(api_call(srv, "POST", "/api/v1/alerts/x/read", NULL, NULL, &commissioner), 404);
    in = inbox(&commissioner);
    cr_assert_eq(json_integer_value(json_object_get(in, "unread")), 0);
    cr_assert(json_is_string(
        json_object_get(json_array_get(json_object_get(in, "items"), 0), "read_at")));
    json_decref(in);
}

Test(api_alerts, follows_are_listed_checked_and_removed)
{
    expect(api_call(srv, "POST", "/api/v1/follows", "{\"kind\":\"indicator\",\"code\":\"WAIT\"}",
                    NULL, &commissioner),
           201);
    api_response r = api_call(srv, "GET", "/api/v1/follows", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *items = json_object_get(r.json, "items");
    cr_assert_eq(json_array_size(items), 1, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 0), "name")),
                     "Waits over 18 weeks");
    api_response_free(&r);

    r = api_call(srv, "POST", "/api/v1/follows", "{\"kind\":\"ward\",\"code\":\"WAIT\"}", NULL,
                 &commissioner);
    cr_assert_eq(r.status, 422, "%s", r.body);
    cr_assert(strstr(api_error_message(&r), "follow an organisation, an indicator or a measure"),
              "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "POST", "/api/v1/follows", "{\"kind\":\"indicator\",\"code\":\"NOPE\"}", NULL,
                 &commissioner);
    cr_assert_eq(r.status, 404, "%s", r.body);
    api_response_free(&r);
    expect(api_call(srv, "POST", "/api/v1/follows",
                    "{\"kind\":\"indicator\",\"code\":\"WAIT\",\"why\":1}", NULL, &commissioner),
           422);

    expect(api_call(srv, "DELETE", "/api/v1/follows/indicator/WAIT", NULL, NULL, &commissioner),
           204);
    r = api_call(srv, "GET", "/api/v1/follows", NULL, NULL, &commissioner);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 0, "%s", r.body);
    api_response_free(&r);
    expect(api_call(srv, "GET", "/api/v1/follows", NULL, NULL, NULL), 401);
}
