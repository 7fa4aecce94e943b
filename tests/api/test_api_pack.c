/* GET /api/v1/organisations/{code}/pack: the conversation pack as HTML, with the conversations
 * each role may see, its own Content-Security-Policy, and named mistakes. */
#include "support/server.h"

#include <criterion/criterion.h>
#include <string.h>

static test_server *srv;
static api_session commissioner, provider, community;

#define COMMUNITY_EMAIL "community.provider@test.nhs.uk"

static void start(void)
{
    srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    test_server_add_user(srv, COMMUNITY_EMAIL, "provider", "RNC");
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &commissioner), 200);
    cr_assert_eq(api_sign_in(srv, TEST_PROVIDER_EMAIL, TEST_PASSWORD, &provider), 200);
    cr_assert_eq(api_sign_in(srv, COMMUNITY_EMAIL, TEST_PASSWORD, &community), 200);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_pack, .init = start, .fini = stop, .timeout = 120);

#define RNC_PACK "/api/v1/organisations/RNC/pack?today=2026-12-02"

Test(api_pack, html_with_its_own_policy_and_no_caching)
{
    api_response r = api_call(srv, "GET", RNC_PACK, NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(api_header(&r, "Content-Type"), "text/html; charset=utf-8");
    cr_assert_str_eq(api_header(&r, "Content-Security-Policy"),
                     "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                     "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    cr_assert_str_eq(api_header(&r, "Cache-Control"), "no-store");
    cr_assert(strstr(r.body, "<h1>Conversation pack: Northvale Community Health NHS Trust</h1>"));
    cr_assert(strstr(r.body, "Prepared 2 December 2026"));
    api_response_free(&r);

    /* Other answers keep the server's own policy. */
    r = api_call(srv, "GET", "/api/v1/summary", NULL, NULL, &commissioner);
    cr_assert(strncmp(api_header(&r, "Content-Security-Policy"), "default-src 'self'", 18) == 0);
    api_response_free(&r);
}

Test(api_pack, each_role_sees_only_its_conversations)
{
    /* The commissioner: the commissioners-only referral criteria conversation is there. */
    api_response r = api_call(srv, "GET", RNC_PACK, NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200);
    cr_assert(strstr(r.body, "Draft referral criteria for the January contract variation"));
    api_response_free(&r);

    /* The community trust's own user: what is shared with it, never that one. */
    r = api_call(srv, "GET", RNC_PACK, NULL, NULL, &community);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_null(strstr(r.body, "referral criteria"));
    cr_assert(strstr(r.body, "Fellside Memorial: space nobody uses"));
    cr_assert(strstr(r.body, "4 recorded; the latest 3:"));
    api_response_free(&r);

    /* The acute trust's user: only the conversation shared with both trusts. */
    r = api_call(srv, "GET", RNC_PACK, NULL, NULL, &provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(strstr(r.body, "1 recorded; the latest 1:"));
    cr_assert_null(strstr(r.body, "Fellside Memorial: space nobody uses"));
    api_response_free(&r);

    /* Nobody signed in: nothing. */
    r = api_call(srv, "GET", RNC_PACK, NULL, NULL, NULL);
    cr_assert_eq(r.status, 401);
    cr_assert_null(strstr(r.body, "Conversation pack"));
    api_response_free(&r);
}

Test(api_pack, mistakes_are_named)
{
    api_response r =
        api_call(srv, "GET", "/api/v1/organisations/NOPE/pack", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 404);
    cr_assert_str_eq(api_error_message(&r), "no organisation with code 'NOPE'");
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/organisations/RNC/pack?today=tomorrow", NULL, NULL,
                 &commissioner);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
                     "today");
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/organisations/RNC/pack?servce=X", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 400);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/organisations/RNC/pack?service=SVC-UEC-ED", NULL, NULL,
                 &commissioner);
    cr_assert_eq(r.status, 404);
    api_response_free(&r);
}
