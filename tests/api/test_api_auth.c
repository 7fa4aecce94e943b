/* Sessions, accounts, roles, CSRF and the server's limits, against the real
 * server over HTTP (tests/support/server.h). */
#include "support/server.h"
#include "support/support.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

TestSuite(api_auth, .timeout = 180);

static test_server *start_users(const char *const *args)
{
    return test_server_start(&(test_server_opts){.users = 1, .args = args});
}

static void sign_in(test_server *s, const char *email, api_session *out)
{
    cr_assert_eq(api_sign_in(s, email, TEST_PASSWORD, out), 200, "sign in as %s", email);
}

#define EXPECT_STATUS(r, want)                                                                     \
    cr_expect_eq((r).status, (want), "status %ld, want %d: %s", (r).status, (want), (r).body)

/* Every error has the documented shape. */
static void expect_error_shape(const api_response *r)
{
    json_t *e = json_object_get(r->json, "error");
    cr_assert(json_is_object(e), "not an error object: %s", r->body);
    cr_expect_eq(json_integer_value(json_object_get(e, "status")), r->status);
    cr_expect(json_is_string(json_object_get(e, "message")));
    json_t *field = json_object_get(e, "field");
    cr_expect(json_is_null(field) || json_is_string(field), "%s", r->body);
}

Test(api_auth, sign_in_who_am_i_and_sign_out)
{
    test_server *s = start_users(NULL);
    json_t *body = json_pack("{s:s, s:s}", "email", "Admin@Test.NHS.uk", "password", TEST_PASSWORD);
    char *text = json_dumps(body, 0);
    json_decref(body);
    api_response r = api_call(s, "POST", "/api/v1/session", text, NULL, NULL);
    free(text);
    EXPECT_STATUS(r, 200);
    const char *cookie = api_header(&r, "Set-Cookie");
    cr_assert(cookie);
    cr_expect(strncmp(cookie, "unlock_session=", 15) == 0, "%s", cookie);
    cr_expect(strstr(cookie, "; HttpOnly") && strstr(cookie, "; SameSite=Lax") &&
                  strstr(cookie, "; Path=/"),
              "%s", cookie);
    cr_expect(!strstr(cookie, "Secure"), "not secure without --secure-cookies: %s", cookie);
    json_t *user = json_object_get(r.json, "user");
    cr_expect_str_eq(json_string_value(json_object_get(user, "email")), TEST_ADMIN_EMAIL);
    cr_expect_str_eq(json_string_value(json_object_get(user, "role")), "admin");
    cr_expect(json_is_null(json_object_get(user, "org")));
    cr_expect_eq(strlen(json_string_value(json_object_get(r.json, "csrf_token"))), 64);
    api_response_free(&r);

    api_session admin;
    sign_in(s, TEST_ADMIN_EMAIL, &admin);
    r = api_call(s, "GET", "/api/v1/session", NULL, NULL, &admin);
    EXPECT_STATUS(r, 200);
    cr_expect_str_eq(json_string_value(json_object_get(r.json, "csrf_token")), admin.csrf);
    cr_expect_str_eq(api_header(&r, "Cache-Control"), "no-store");
    api_response_free(&r);

    api_session provider;
    sign_in(s, TEST_PROVIDER_EMAIL, &provider);
    r = api_call(s, "GET", "/api/v1/session", NULL, NULL, &provider);
    json_t *org = json_object_get(json_object_get(r.json, "user"), "org");
    cr_expect_str_eq(json_string_value(org), TEST_PROVIDER_ORG);
    api_response_free(&r);

    r = api_call(s, "DELETE", "/api/v1/session", NULL, NULL, &admin);
    EXPECT_STATUS(r, 204);
    cr_expect(strstr(api_header(&r, "Set-Cookie"), "Max-Age=0"));
    api_response_free(&r);
    /* The cookie is revoked on the server, not only forgotten by the browser. */
    r = api_call(s, "GET", "/api/v1/session", NULL, NULL, &admin);
    EXPECT_STATUS(r, 401);
    expect_error_shape(&r);
    api_response_free(&r);
    r = api_call(s, "GET", "/api/v1/session", NULL, NULL, &provider);
    EXPECT_STATUS(r, 200);
    api_response_free(&r);

    /* Each line is written once its response is sent: complete after the stop. */
    char *log = NULL;
    cr_expect_eq(test_server_stop_log(s, &log), 0);
    cr_expect(strstr(log, " GET /api/v1/session 200 ") && strstr(log, " " TEST_PROVIDER_EMAIL "\n"),
              "%s", log);
    cr_expect(strstr(log, " DELETE /api/v1/session 204 0 "), "%s", log);
    cr_expect(strstr(log, " GET /api/v1/session 401 "), "%s", log);
    free(log);
}

Test(api_auth, wrong_password_and_unknown_email_are_401_alike)
{
    test_server *s = start_users(NULL);
    api_session x;
    api_response r =
        api_call(s, "POST", "/api/v1/session",
                 "{\"email\":\"admin@test.nhs.uk\",\"password\":\"not-it-at-all\"}", NULL, NULL);
    EXPECT_STATUS(r, 401);
    expect_error_shape(&r);
    cr_expect(!api_header(&r, "Set-Cookie"));
    char *first = strdup(api_error_message(&r));
    api_response_free(&r);
    cr_expect_eq(api_sign_in(s, "nobody@test.nhs.uk", TEST_PASSWORD, &x), 401);
    r = api_call(s, "POST", "/api/v1/session",
                 "{\"email\":\"nobody@test.nhs.uk\",\"password\":\"not-it-at-all\"}", NULL, NULL);
    cr_expect_str_eq(api_error_message(&r), first, "no hint which emails have accounts");
    api_response_free(&r);
    free(first);

    r = api_call(s, "POST", "/api/v1/session", "{\"email\":\"a@b.c\"}", NULL, NULL);
    EXPECT_STATUS(r, 422);
    cr_expect_str_eq(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
                     "password");
    api_response_free(&r);
    r = api_call(s, "POST", "/api/v1/session",
                 "{\"email\":\"a@b.c\",\"password\":\"x\",\"remember\":true}", NULL, NULL);
    EXPECT_STATUS(r, 422);
    cr_expect_str_eq(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
                     "remember");
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, disabled_user_cannot_sign_in_and_their_sessions_end)
{
    test_server *s = start_users(NULL);
    api_session admin, provider;
    sign_in(s, TEST_ADMIN_EMAIL, &admin);
    sign_in(s, TEST_PROVIDER_EMAIL, &provider);
    api_response r = api_call(s, "GET", "/api/v1/users", NULL, NULL, &admin);
    EXPECT_STATUS(r, 200);
    json_int_t id = 0;
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(r.json, "items"), i, u)
    {
        if (strcmp(json_string_value(json_object_get(u, "email")), TEST_PROVIDER_EMAIL) == 0)
            id = json_integer_value(json_object_get(u, "id"));
        cr_expect(!json_object_get(u, "password") && !json_object_get(u, "password_hash"));
    }
    api_response_free(&r);
    cr_assert(id > 0);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
    r = api_call(s, "PUT", path, "{\"disabled\":true}", NULL, &admin);
    EXPECT_STATUS(r, 200);
    cr_expect(json_is_true(json_object_get(r.json, "disabled")));
    api_response_free(&r);

    r = api_call(s, "GET", "/api/v1/session", NULL, NULL, &provider);
    EXPECT_STATUS(r, 401);
    api_response_free(&r);
    r = api_call(s, "POST", "/api/v1/session",
                 "{\"email\":\"" TEST_PROVIDER_EMAIL "\",\"password\":\"" TEST_PASSWORD "\"}", NULL,
                 NULL);
    EXPECT_STATUS(r, 401);
    cr_expect(strstr(api_error_message(&r), "disabled"), "%s", r.body);
    api_response_free(&r);

    r = api_call(s, "PUT", path, "{\"disabled\":false}", NULL, &admin);
    EXPECT_STATUS(r, 200);
    api_response_free(&r);
    cr_expect_eq(api_sign_in(s, TEST_PROVIDER_EMAIL, TEST_PASSWORD, &provider), 200);

    /* The command line disables too. */
    cr_assert_eq(
        test_server_unlock(s, (const char *const[]){"user", "disable", TEST_PROVIDER_EMAIL, NULL}),
        0);
    r = api_call(s, "GET", "/api/v1/session", NULL, NULL, &provider);
    EXPECT_STATUS(r, 401);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, failed_sign_ins_are_limited_per_account_and_per_address)
{
    test_server *s = start_users(NULL);
    api_session x;
    for (int i = 0; i < 5; i++)
        cr_expect_eq(api_sign_in(s, TEST_COMMISSIONER_EMAIL, "wrong-password!", &x), 401);
    /* Now even the right password is refused, with when to come back. */
    api_response r =
        api_call(s, "POST", "/api/v1/session",
                 "{\"email\":\"" TEST_COMMISSIONER_EMAIL "\",\"password\":\"" TEST_PASSWORD "\"}",
                 NULL, NULL);
    EXPECT_STATUS(r, 429);
    expect_error_shape(&r);
    cr_expect(strstr(api_error_message(&r), "try again in 15 minutes"), "%s", r.body);
    const char *retry = api_header(&r, "Retry-After");
    cr_expect(retry && atoi(retry) > 800 && atoi(retry) <= 900, "Retry-After %s", retry);
    api_response_free(&r);
    /* Other accounts are not locked out by it. */
    cr_expect_eq(api_sign_in(s, TEST_ADMIN_EMAIL, TEST_PASSWORD, &x), 200);

    /* 20 failures from one address, over any accounts, stop that address. */
    for (int i = 0; i < 15; i++) {
        char email[64];
        snprintf(email, sizeof email, "guess%d@test.nhs.uk", i);
        cr_expect_eq(api_sign_in(s, email, "wrong-password!", &x), 401);
    }
    r = api_call(s, "POST", "/api/v1/session",
                 "{\"email\":\"" TEST_ADMIN_EMAIL "\",\"password\":\"" TEST_PASSWORD "\"}", NULL,
                 NULL);
    EXPECT_STATUS(r, 429);
    cr_expect(strstr(api_error_message(&r), "from this address"), "%s", r.body);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, anonymous_is_401_and_a_low_role_is_403)
{
    test_server *s = start_users(NULL);
    api_response r = api_call(s, "GET", "/api/v1/users", NULL, NULL, NULL);
    EXPECT_STATUS(r, 401);
    expect_error_shape(&r);
    api_response_free(&r);
    r = api_call(s, "DELETE", "/api/v1/session", NULL, NULL, NULL);
    EXPECT_STATUS(r, 401);
    api_response_free(&r);

    const char *lower[] = {TEST_PROVIDER_EMAIL, TEST_COMMISSIONER_EMAIL};
    for (int i = 0; i < 2; i++) {
        api_session low;
        sign_in(s, lower[i], &low);
        r = api_call(s, "GET", "/api/v1/users", NULL, NULL, &low);
        EXPECT_STATUS(r, 403);
        expect_error_shape(&r);
        cr_expect(strstr(api_error_message(&r), "admin"), "%s", r.body);
        api_response_free(&r);
        r = api_call(s, "POST", "/api/v1/users",
                     "{\"email\":\"x@test.nhs.uk\",\"role\":\"admin\",\"password\":\"0123456789\"}",
                     NULL, &low);
        EXPECT_STATUS(r, 403);
        api_response_free(&r);
    }
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, writes_need_the_csrf_token_and_our_origin)
{
    test_server *s = start_users(NULL);
    api_session admin;
    sign_in(s, TEST_ADMIN_EMAIL, &admin);
    const char *body = "{\"email\":\"new@test.nhs.uk\",\"role\":\"commissioner\","
                       "\"password\":\"0123456789\"}";
    api_session no_token = admin;
    no_token.csrf[0] = '\0';
    api_response r = api_call(s, "POST", "/api/v1/users", body, NULL, &no_token);
    EXPECT_STATUS(r, 403);
    expect_error_shape(&r);
    cr_expect(strstr(api_error_message(&r), "X-CSRF-Token"), "%s", r.body);
    api_response_free(&r);

    api_session wrong = admin;
    wrong.csrf[0] = wrong.csrf[0] == 'a' ? 'b' : 'a';
    r = api_call(s, "POST", "/api/v1/users", body, NULL, &wrong);
    EXPECT_STATUS(r, 403);
    api_response_free(&r);

    /* Someone else's token does not do either. */
    api_session other;
    sign_in(s, TEST_ADMIN_EMAIL, &other);
    api_session mixed = admin;
    memcpy(mixed.csrf, other.csrf, sizeof mixed.csrf);
    r = api_call(s, "POST", "/api/v1/users", body, NULL, &mixed);
    EXPECT_STATUS(r, 403);
    api_response_free(&r);

    r = api_send(
        s, &(api_request){.method = "POST",
                          .path = "/api/v1/users",
                          .body = body,
                          .session = &admin,
                          .headers = (const char *const[]){"Origin: http://evil.example", NULL}});
    EXPECT_STATUS(r, 403);
    cr_expect(strstr(api_error_message(&r), "Origin"), "%s", r.body);
    api_response_free(&r);

    char origin[96];
    snprintf(origin, sizeof origin, "Origin: %s", s->base_url);
    r = api_send(s, &(api_request){.method = "POST",
                                   .path = "/api/v1/users",
                                   .body = body,
                                   .session = &admin,
                                   .headers = (const char *const[]){origin, NULL}});
    EXPECT_STATUS(r, 201);
    cr_expect_str_eq(json_string_value(json_object_get(r.json, "email")), "new@test.nhs.uk");
    api_response_free(&r);

    /* Signing in from another site is refused too (login CSRF). */
    r = api_send(
        s, &(api_request){.method = "POST",
                          .path = "/api/v1/session",
                          .body = "{\"email\":\"" TEST_ADMIN_EMAIL
                                  "\",\"password\":\"" TEST_PASSWORD "\"}",
                          .headers = (const char *const[]){"Origin: http://evil.example", NULL}});
    EXPECT_STATUS(r, 403);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, secure_cookies_and_https_origin)
{
    test_server *s = start_users((const char *const[]){"--secure-cookies", NULL});
    api_response r = api_call(
        s, "POST", "/api/v1/session",
        "{\"email\":\"" TEST_ADMIN_EMAIL "\",\"password\":\"" TEST_PASSWORD "\"}", NULL, NULL);
    EXPECT_STATUS(r, 200);
    cr_expect(strstr(api_header(&r, "Set-Cookie"), "; Secure"));
    api_response_free(&r);
    char origin[96];
    snprintf(origin, sizeof origin, "Origin: http://127.0.0.1:%d", s->port);
    r = api_send(s, &(api_request){.method = "POST",
                                   .path = "/api/v1/session",
                                   .body = "{\"email\":\"" TEST_ADMIN_EMAIL
                                           "\",\"password\":\"" TEST_PASSWORD "\"}",
                                   .headers = (const char *const[]){origin, NULL}});
    EXPECT_STATUS(r, 403); /* behind HTTPS, http:// is another origin */
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, sessions_expire)
{
    test_server *s = start_users((const char *const[]){"--session-ttl", "1", NULL});
    api_session admin;
    sign_in(s, TEST_ADMIN_EMAIL, &admin);
    sleep(2);
    api_response r = api_call(s, "GET", "/api/v1/users", NULL, NULL, &admin);
    EXPECT_STATUS(r, 401);
    expect_error_shape(&r);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, bodies_over_the_limit_are_413)
{
    test_server *s = start_users(NULL);
    api_session admin;
    sign_in(s, TEST_ADMIN_EMAIL, &admin);
    size_t n = ((size_t)10 << 20) + 1;
    char *big = malloc(n + 1);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    big[n] = '\0';
    api_response r = api_call(s, "POST", "/api/v1/users", big, NULL, &admin);
    EXPECT_STATUS(r, 413);
    expect_error_shape(&r);
    api_response_free(&r);
    /* Exactly the limit is fine (and then not a valid user). */
    big[n - 2] = '}';
    big[n - 1] = '\0';
    r = api_call(s, "POST", "/api/v1/users", big, NULL, &admin);
    EXPECT_STATUS(r, 422);
    api_response_free(&r);
    free(big);
    cr_expect_eq(test_server_stop(s), 0);

    /* A chunked body has no length to check first: it is cut off as it arrives. */
    s = start_users((const char *const[]){"--max-body", "1000", NULL});
    sign_in(s, TEST_ADMIN_EMAIL, &admin);
    char body[1501];
    memset(body, ' ', 1500);
    body[0] = '{';
    body[1499] = '}';
    body[1500] = '\0';
    r = api_send(s, &(api_request){.method = "POST",
                                   .path = "/api/v1/users",
                                   .body = body,
                                   .session = &admin,
                                   .chunked = 1});
    EXPECT_STATUS(r, 413);
    api_response_free(&r);
    r = api_send(s, &(api_request){.method = "POST",
                                   .path = "/api/v1/users",
                                   .body = body + 700,
                                   .session = &admin,
                                   .chunked = 1});
    cr_expect_neq(r.status, 413);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, unknown_routes_404_and_wrong_methods_405)
{
    test_server *s = start_users(NULL);
    api_session admin;
    sign_in(s, TEST_ADMIN_EMAIL, &admin);
    api_response r = api_call(s, "GET", "/api/v1/no-such-thing/at/all/here", NULL, NULL, &admin);
    EXPECT_STATUS(r, 404);
    expect_error_shape(&r);
    api_response_free(&r);
    r = api_call(s, "GET", "/api/v2/users", NULL, NULL, NULL);
    EXPECT_STATUS(r, 404);
    api_response_free(&r);
    r = api_call(s, "PATCH", "/api/v1/session", "{}", NULL, &admin);
    EXPECT_STATUS(r, 405);
    expect_error_shape(&r);
    cr_expect_str_eq(api_header(&r, "Allow"), "POST, GET, HEAD, DELETE");
    api_response_free(&r);
    r = api_call(s, "DELETE", "/api/v1/users/1", NULL, NULL, &admin);
    EXPECT_STATUS(r, 405);
    cr_expect_str_eq(api_header(&r, "Allow"), "PUT");
    api_response_free(&r);
    r = api_call(s, "PUT", "/api/v1/users/999", "{}", NULL, &admin);
    EXPECT_STATUS(r, 404);
    api_response_free(&r);
    r = api_call(s, "PUT", "/api/v1/users/abc", "{}", NULL, &admin);
    EXPECT_STATUS(r, 404);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

static char *nested(int depth)
{
    /* {"a":{"a":...{}...}} with depth objects */
    size_t n = (size_t)depth * 6 + 8;
    char *s = malloc(n);
    size_t len = 0;
    for (int i = 0; i < depth - 1; i++)
        len += (size_t)sprintf(s + len, "{\"a\":");
    len += (size_t)sprintf(s + len, "{}");
    for (int i = 0; i < depth - 1; i++)
        s[len++] = '}';
    s[len] = '\0';
    return s;
}

Test(api_auth, json_bodies_are_checked)
{
    test_server *s = start_users(NULL);
    api_session admin;
    sign_in(s, TEST_ADMIN_EMAIL, &admin);
    char *deep = nested(33);
    api_response r = api_call(s, "POST", "/api/v1/users", deep, NULL, &admin);
    EXPECT_STATUS(r, 400);
    expect_error_shape(&r);
    cr_expect(strstr(api_error_message(&r), "nested more than 32"), "%s", r.body);
    api_response_free(&r);
    free(deep);
    deep = nested(32);
    r = api_call(s, "POST", "/api/v1/users", deep, NULL, &admin);
    EXPECT_STATUS(r, 422); /* parsed; then "a" is not a field */
    api_response_free(&r);
    free(deep);

    r = api_call(s, "POST", "/api/v1/users", "{\n  \"email\": \"x\",\n  oops\n}", NULL, &admin);
    EXPECT_STATUS(r, 400);
    cr_expect(strstr(api_error_message(&r), "line 3"), "%s", r.body);
    api_response_free(&r);
    r = api_call(s, "POST", "/api/v1/users", "[1,2]", NULL, &admin);
    EXPECT_STATUS(r, 400);
    api_response_free(&r);
    r = api_call(s, "POST", "/api/v1/users", "{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}", NULL,
                 &admin);
    EXPECT_STATUS(r, 400);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, users_api)
{
    test_server *s = start_users(NULL);
    api_session admin;
    sign_in(s, TEST_ADMIN_EMAIL, &admin);
    api_response r =
        api_call(s, "POST", "/api/v1/users",
                 "{\"email\":\"Lead@Test.NHS.uk\",\"role\":\"provider\",\"org\":\"" TEST_OTHER_ORG
                 "\",\"password\":\"0123456789\"}",
                 NULL, &admin);
    EXPECT_STATUS(r, 201);
    cr_expect_str_eq(json_string_value(json_object_get(r.json, "email")), "lead@test.nhs.uk");
    cr_expect_str_eq(json_string_value(json_object_get(r.json, "org")), TEST_OTHER_ORG);
    cr_expect(!json_object_get(r.json, "password"));
    json_int_t id = json_integer_value(json_object_get(r.json, "id"));
    api_response_free(&r);

    struct {
        const char *body;
        int status;
        const char *field;
    } bad[] = {
        {"{\"email\":\"lead@test.nhs.uk\",\"role\":\"admin\",\"password\":\"0123456789\"}", 409,
         "email"},
        {"{\"email\":\"nope\",\"role\":\"admin\",\"password\":\"0123456789\"}", 422, "email"},
        {"{\"email\":\"a@test.nhs.uk\",\"role\":\"king\",\"password\":\"0123456789\"}", 422,
         "role"},
        {"{\"email\":\"a@test.nhs.uk\",\"role\":\"admin\",\"password\":\"short\"}", 422,
         "password"},
        {"{\"email\":\"a@test.nhs.uk\",\"role\":\"provider\",\"password\":\"0123456789\"}", 422,
         "org"},
        {"{\"email\":\"a@test.nhs.uk\",\"role\":\"provider\",\"org\":\"ZZZ\","
         "\"password\":\"0123456789\"}",
         422, "org"},
        {"{\"email\":\"a@test.nhs.uk\",\"role\":\"admin\",\"password\":\"0123456789\","
         "\"admin\":true}",
         422, "admin"},
        {"{\"email\":7,\"role\":\"admin\",\"password\":\"0123456789\"}", 422, "email"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = api_call(s, "POST", "/api/v1/users", bad[i].body, NULL, &admin);
        EXPECT_STATUS(r, bad[i].status);
        json_t *f = json_object_get(json_object_get(r.json, "error"), "field");
        cr_expect(json_is_string(f) && strcmp(json_string_value(f), bad[i].field) == 0, "%s: %s",
                  bad[i].body, r.body);
        api_response_free(&r);
    }

    char path[64];
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
    r = api_call(s, "PUT", path, "{\"role\":\"commissioner\",\"org\":null}", NULL, &admin);
    EXPECT_STATUS(r, 200);
    cr_expect_str_eq(json_string_value(json_object_get(r.json, "role")), "commissioner");
    cr_expect(json_is_null(json_object_get(r.json, "org")));
    api_response_free(&r);
    r = api_call(s, "PUT", path, "{\"role\":\"provider\"}", NULL, &admin);
    EXPECT_STATUS(r, 422); /* a provider needs an organisation */
    api_response_free(&r);
    r = api_call(s, "PUT", path, "{\"disabled\":\"yes\"}", NULL, &admin);
    EXPECT_STATUS(r, 422);
    api_response_free(&r);
    r = api_call(s, "PUT", path, "{\"password\":\"0123456789\"}", NULL, &admin);
    EXPECT_STATUS(r, 422);
    api_response_free(&r);

    /* The last enabled admin cannot be demoted or disabled. */
    r = api_call(s, "GET", "/api/v1/session", NULL, NULL, &admin);
    api_response_free(&r);
    r = api_call(s, "GET", "/api/v1/users", NULL, NULL, &admin);
    json_int_t admin_id = 0;
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(r.json, "items"), i, u)
    {
        if (strcmp(json_string_value(json_object_get(u, "role")), "admin") == 0)
            admin_id = json_integer_value(json_object_get(u, "id"));
    }
    cr_expect_eq(json_array_size(json_object_get(r.json, "items")), 4);
    api_response_free(&r);
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)admin_id);
    r = api_call(s, "PUT", path, "{\"disabled\":true}", NULL, &admin);
    EXPECT_STATUS(r, 422);
    cr_expect(strstr(api_error_message(&r), "last enabled admin"), "%s", r.body);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, static_files)
{
    test_server *s = start_users(NULL);
    char *outside = path_join(s->dir, "secret.html");
    file_write(outside, "secret");
    char *link = path_join(s->web_dir, "leak.html");
    cr_assert_eq(symlink(outside, link), 0);
    char *inside = path_join(s->web_dir, "alias.html");
    char *target = path_join(s->web_dir, "index.html");
    cr_assert_eq(symlink(target, inside), 0);
    char *sub = path_join(s->web_dir, "dir.html");
    cr_assert_eq(mkdir(sub, 0755), 0);

    struct {
        const char *path;
        int status;
        const char *type;
    } cases[] = {
        {"/", 200, "text/html; charset=utf-8"},
        {"/index.html", 200, "text/html; charset=utf-8"},
        {"/app.js", 200, "text/javascript; charset=utf-8"},
        {"/style.css", 200, "text/css; charset=utf-8"},
        {"/alias.html", 200, "text/html; charset=utf-8"},
        {"/leak.html", 404, NULL},
        {"/dir.html", 404, NULL},
        {"/../secret.html", 404, NULL},
        {"/%2e%2e/secret.html", 404, NULL},
        {"/x/../../secret.html", 404, NULL},
        {"/.hidden.html", 404, NULL},
        {"/unlock.db", 404, NULL},
        {"/server.log", 404, NULL},
        {"/missing.html", 404, NULL},
        {"/vendor/nhsuk-frontend/nhsuk.min.css", 404, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        api_response r = api_send(s, &(api_request){.path = cases[i].path, .path_as_is = 1});
        cr_expect_eq(r.status, cases[i].status, "%s: %ld", cases[i].path, r.status);
        if (cases[i].type) {
            cr_expect_str_eq(api_header(&r, "Content-Type"), cases[i].type, "%s", cases[i].path);
            cr_expect_str_eq(api_header(&r, "X-Content-Type-Options"), "nosniff");
            cr_expect_str_eq(api_header(&r, "X-Frame-Options"), "DENY");
            cr_expect(strstr(api_header(&r, "Content-Security-Policy"), "default-src 'self'"));
            cr_expect_str_eq(api_header(&r, "Referrer-Policy"), "same-origin");
        }
        if (cases[i].type && strstr(cases[i].type, "html"))
            cr_expect_str_eq(api_header(&r, "Cache-Control"), "no-cache");
        cr_expect(!strstr(r.body, "secret"), "%s", cases[i].path);
        api_response_free(&r);
    }
    api_response r = api_call(s, "POST", "/index.html", "x", "text/plain", NULL);
    EXPECT_STATUS(r, 405);
    api_response_free(&r);
    r = api_call(s, "HEAD", "/app.js", NULL, NULL, NULL);
    EXPECT_STATUS(r, 200);
    cr_expect_eq(r.len, 0);
    api_response_free(&r);
    free(outside);
    free(link);
    free(inside);
    free(target);
    free(sub);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, the_design_system_is_served_from_node_modules)
{
    char *dir = tmpdir_make();
    char *web = path_join(dir, "web");
    cr_assert_eq(mkdir(web, 0755), 0);
    char *p = path_join(web, "index.html");
    file_write(p, "<!doctype html>");
    free(p);
    const char *parts[] = {"node_modules", "node_modules/nhsuk-frontend",
                           "node_modules/nhsuk-frontend/dist"};
    for (int i = 0; i < 3; i++) {
        p = path_join(dir, parts[i]);
        cr_assert_eq(mkdir(p, 0755), 0);
        free(p);
    }
    p = path_join(dir, "node_modules/nhsuk-frontend/dist/nhsuk.min.css");
    file_write(p, ".nhsuk{}");
    free(p);
    test_server *s = test_server_start(&(test_server_opts){.web_dir = web});
    api_response r = api_call(s, "GET", "/vendor/nhsuk-frontend/nhsuk.min.css", NULL, NULL, NULL);
    EXPECT_STATUS(r, 200);
    cr_expect_str_eq(r.body, ".nhsuk{}");
    cr_expect_str_eq(api_header(&r, "Content-Type"), "text/css; charset=utf-8");
    api_response_free(&r);
    r = api_send(
        s, &(api_request){.path = "/vendor/nhsuk-frontend/../../web/index.html", .path_as_is = 1});
    EXPECT_STATUS(r, 404);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
    tmpdir_remove(dir);
    free(web);
    free(dir);
}

static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
    (void)p;
    (void)ctx;
    return size * n;
}

Test(api_auth, connections_are_kept_alive)
{
    test_server *s = test_server_start(NULL);
    CURL *c = curl_easy_init();
    char url[128];
    snprintf(url, sizeof url, "%s/api/v1/session", s->base_url);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    long connects = -1, status = 0;
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(curl_easy_perform(c), CURLE_OK);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
        cr_expect_eq(status, 401);
        if (i > 0)
            cr_expect_eq(connects, 0, "request %d opened a new connection", i + 1);
    }
    curl_easy_cleanup(c);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, sigterm_stops_cleanly_and_every_request_is_logged)
{
    test_server *s = test_server_start(NULL);
    api_response r = api_call(s, "GET", "/api/v1/session", NULL, NULL, NULL);
    api_response_free(&r);
    r = api_call(s, "GET", "/a%22b%20c%0A", NULL, NULL, NULL);
    EXPECT_STATUS(r, 404);
    api_response_free(&r);
    char *log = NULL;
    cr_expect_eq(test_server_stop_log(s, &log), 0);
    cr_expect(strstr(log, " GET /api/v1/session 401 63 "), "%s", log);
    /* A path cannot write its own log line. */
    cr_expect(strstr(log, " GET /a%22b%20c%0A 404 "), "%s", log);
    cr_expect(strstr(log, "unlock: SIGTERM: finishing requests in flight, then stopping\n"), "%s",
              log);
    cr_expect(strstr(log, "unlock: stopped\n"), "%s", log);
    free(log);
}

Test(api_auth, headers_over_the_limit_are_refused)
{
    test_server *s = test_server_start(NULL);
    char *big = malloc(40 * 1024);
    strcpy(big, "X-Big: ");
    memset(big + 7, 'a', 40 * 1024 - 8);
    big[40 * 1024 - 1] = '\0';
    /* libmicrohttpd answers these itself (so not in our JSON shape). */
    api_response r = api_send(
        s, &(api_request){.path = "/api/v1/session", .headers = (const char *const[]){big, NULL}});
    EXPECT_STATUS(r, 431);
    api_response_free(&r);
    free(big);
    /* The server carries on. */
    r = api_call(s, "GET", "/api/v1/session", NULL, NULL, NULL);
    EXPECT_STATUS(r, 401);
    api_response_free(&r);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_auth, sigterm_lets_a_request_in_flight_finish)
{
    test_server *s = start_users(NULL);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    const char *body = "{\"email\":\"" TEST_ADMIN_EMAIL "\",\"password\":\"" TEST_PASSWORD "\"}";
    char head[256];
    int n = snprintf(head, sizeof head,
                     "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                     strlen(body));
    cr_assert_eq(write(fd, head, (size_t)n), n);
    cr_assert_eq(write(fd, body, 10), 10); /* half a request... */
    usleep(300000);
    kill(s->pid, SIGTERM); /* ...when the stop comes */
    usleep(300000);
    size_t rest = strlen(body) - 10;
    cr_assert_eq(write(fd, body + 10, rest), (ssize_t)rest);
    char reply[2048];
    ssize_t got = read(fd, reply, sizeof reply - 1);
    cr_assert_gt(got, 0);
    reply[got] = '\0';
    cr_expect(strncmp(reply, "HTTP/1.1 200 ", 13) == 0, "%s", reply);
    cr_expect(strstr(reply, "Connection: close"), "%s", reply);
    close(fd);
    cr_expect_eq(test_server_stop(s), 0);
}
