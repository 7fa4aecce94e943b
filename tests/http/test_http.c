/* The handler interface: requests, responses, the error shape, JSON bodies,
 * cookies, roles and the access log line. */
#include "http/access_log.h"
#include "http/context.h"

#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(http);

static json_t *parse(const http_response *resp)
{
    json_t *j = json_loads(strbuf_str(&resp->body), 0, NULL);
    cr_assert(j, "not JSON: %s", strbuf_str(&resp->body));
    return j;
}

static void free_resp(http_response *resp)
{
    strbuf_free(&resp->body);
    strbuf_free(&resp->headers);
}

Test(http, roles_have_names_and_order)
{
    cr_expect_str_eq(http_role_name(ROLE_ANONYMOUS), "anonymous");
    cr_expect_str_eq(http_role_name(ROLE_PROVIDER), "provider");
    cr_expect_str_eq(http_role_name(ROLE_COMMISSIONER), "commissioner");
    cr_expect_str_eq(http_role_name(ROLE_ADMIN), "admin");
    cr_expect_str_eq(http_role_name((http_role)9), "unknown");
    http_role r = ROLE_ANONYMOUS;
    cr_expect_eq(http_role_parse("commissioner", &r), 0);
    cr_expect_eq(r, ROLE_COMMISSIONER);
    cr_expect_eq(http_role_parse("admin", &r), 0);
    cr_expect_eq(r, ROLE_ADMIN);
    cr_expect_eq(http_role_parse("anonymous", &r), -1, "nobody is given 'anonymous'");
    cr_expect_eq(http_role_parse("Admin", &r), -1);
    cr_expect_eq(http_role_parse("", &r), -1);
    cr_expect_eq(http_role_parse(NULL, &r), -1);
    cr_expect(ROLE_ANONYMOUS < ROLE_PROVIDER && ROLE_PROVIDER < ROLE_COMMISSIONER &&
              ROLE_COMMISSIONER < ROLE_ADMIN);
}

Test(http, errors_have_one_shape)
{
    http_response resp = {0};
    cr_expect_eq(http_error(&resp, 422, "kind", "'%s' is not a kind", "widgets"), 0);
    cr_expect_eq(resp.status, 422);
    cr_expect_str_eq(resp.content_type, "application/json");
    cr_expect_str_eq(strbuf_str(&resp.body),
                     "{\"error\":{\"status\":422,\"message\":\"'widgets' is not a kind\","
                     "\"field\":\"kind\"}}");
    http_error(&resp, 404, NULL, "no such row");
    json_t *j = parse(&resp);
    cr_expect(json_is_null(json_object_get(json_object_get(j, "error"), "field")));
    cr_expect_eq(json_integer_value(json_object_get(json_object_get(j, "error"), "status")), 404);
    json_decref(j);
    /* A message quoting bytes that are not UTF-8 still makes JSON. */
    http_error(&resp, 400, NULL, "bad value '%s'", "\xff\xfe");
    j = parse(&resp);
    cr_expect_str_eq(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
                     "bad value '?"
                     "?'");
    json_decref(j);
    free_resp(&resp);
}

Test(http, errors_from_err, .init = cr_redirect_stderr)
{
    http_response resp = {0};
    err e = {0};
    err_user(&e, "line 3: column 'kind': not a kind");
    http_error_from(&resp, 422, &e);
    cr_expect_eq(resp.status, 422);
    cr_expect(strstr(strbuf_str(&resp.body), "line 3: column 'kind'"));
    err_internal(&e, "disk on fire at /var/secret");
    http_error_from(&resp, 422, &e);
    cr_expect_eq(resp.status, 500);
    cr_expect(!strstr(strbuf_str(&resp.body), "/var/secret"), "internals stay in the log");
    free_resp(&resp);
    fflush(stderr);
    cr_expect_stderr_eq_str("unlock: internal error: disk on fire at /var/secret\n");
}

Test(http, error_objects_can_be_extended)
{
    json_t *o = http_error_object(422, "code", "duplicate code");
    json_object_set_new(json_object_get(o, "error"), "line", json_integer(7));
    http_response resp = {0};
    http_json(&resp, 422, o);
    cr_expect_str_eq(strbuf_str(&resp.body), "{\"error\":{\"status\":422,\"message\":"
                                             "\"duplicate code\",\"field\":\"code\",\"line\":7}}");
    free_resp(&resp);
}

Test(http, bodies_and_headers)
{
    http_response resp = {0};
    http_json(&resp, 201, json_pack("{s:f}", "x", 0.1));
    cr_expect_eq(resp.status, 201);
    cr_expect_str_eq(strbuf_str(&resp.body), "{\"x\":0.10000000000000001}");
    http_body(&resp, 200, "image/svg+xml", "<svg/>", 6);
    cr_expect_str_eq(resp.content_type, "image/svg+xml");
    cr_expect_str_eq(strbuf_str(&resp.body), "<svg/>");
    http_body(&resp, 204, NULL, NULL, 0);
    cr_expect_eq(resp.body.len, 0);
    http_add_header(&resp, "Set-Cookie", "a=b");
    http_add_header(&resp, "X-Evil", "1\r\nSet-Cookie: c=d");
    cr_expect_str_eq(strbuf_str(&resp.headers),
                     "Set-Cookie: a=b\r\nX-Evil: 1  Set-Cookie: c=d\r\n");
    free_resp(&resp);
}

static http_kv query[] = {{"limit", "50"}, {"sort", "-name"}, {"flag", ""}, {"limit", "9"}};
static http_kv headers[] = {{"Host", "localhost:8080"}, {"x-csrf-token", "abc"}};

static http_request make_request(http_context *ctx, const char *body)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->query = query;
    ctx->nquery = 4;
    ctx->headers = headers;
    ctx->nheaders = 2;
    strcpy(ctx->client_addr, "127.0.0.1");
    http_request req = {
        .method = "POST", .path = "/api/v1/x", .body = body, .body_len = strlen(body)};
    http_context_attach(&req, ctx);
    return req;
}

static int count_args(void *ctx, const char *k, const char *v)
{
    (void)k;
    (void)v;
    return ++*(int *)ctx == 2 ? 7 : 0;
}

Test(http, query_headers_and_address)
{
    http_context ctx;
    http_request req = make_request(&ctx, "");
    cr_expect_str_eq(http_query(&req, "limit"), "50", "the first of repeated arguments");
    cr_expect_str_eq(http_query(&req, "flag"), "");
    cr_expect_null(http_query(&req, "offset"));
    int n = 0;
    cr_expect_eq(http_query_each(&req, count_args, &n), 7, "stops when fn says so");
    cr_expect_eq(n, 2);
    cr_expect_str_eq(http_header(&req, "X-CSRF-Token"), "abc", "names without case");
    cr_expect_null(http_header(&req, "Origin"));
    cr_expect_str_eq(http_client_address(&req), "127.0.0.1");
}

Test(http, cookies)
{
    char v[65];
    cr_expect(http_cookie_find("unlock_session=abc", "unlock_session", v, sizeof v));
    cr_expect_str_eq(v, "abc");
    cr_expect(http_cookie_find("a=1; unlock_session=xyz; b=2", "unlock_session", v, sizeof v));
    cr_expect_str_eq(v, "xyz");
    cr_expect(http_cookie_find("a=1;unlock_session=\"q\"", "unlock_session", v, sizeof v));
    cr_expect_str_eq(v, "q");
    cr_expect(
        http_cookie_find("x_unlock_session=1; unlock_session=2", "unlock_session", v, sizeof v));
    cr_expect_str_eq(v, "2", "the name must match exactly");
    cr_expect(!http_cookie_find("unlock_session_x=1", "unlock_session", v, sizeof v));
    cr_expect(!http_cookie_find("", "unlock_session", v, sizeof v));
    cr_expect(!http_cookie_find(NULL, "unlock_session", v, sizeof v));
    cr_expect(!http_cookie_find("unlock_session", "unlock_session", v, sizeof v));
    char small[4];
    cr_expect(!http_cookie_find("unlock_session=toolong", "unlock_session", small, sizeof small));
    cr_expect(http_cookie_find("unlock_session=", "unlock_session", v, sizeof v));
    cr_expect_str_eq(v, "");
}

static int body_status(const char *body, json_t **out, http_response *resp)
{
    http_context ctx;
    http_request req = make_request(&ctx, body);
    strbuf_reset(&resp->body);
    resp->status = 0;
    int rc = http_json_body(&req, resp, out);
    cr_expect_eq(rc == 0, resp->status == 0, "rc %d, status %d", rc, resp->status);
    return rc ? resp->status : 0;
}

/* depth copies of the one-character open, then as many of close. */
static char *nest(int depth, char open, char close)
{
    char *s = malloc((size_t)depth * 2 + 1);
    memset(s, open, (size_t)depth);
    memset(s + depth, close, (size_t)depth);
    s[depth * 2] = '\0';
    return s;
}

Test(http, json_bodies)
{
    http_response resp = {0};
    json_t *j = NULL;
    cr_expect_eq(body_status("{\"a\":[1,{\"b\":null}]}", &j, &resp), 0);
    cr_expect(json_is_object(j));
    json_decref(j);
    cr_expect_eq(body_status("", &j, &resp), 400);
    cr_expect_null(j);
    cr_expect_eq(body_status("  \n", &j, &resp), 400);
    cr_expect_eq(body_status("[]", &j, &resp), 400);
    cr_expect_eq(body_status("\"x\"", &j, &resp), 400);
    cr_expect_eq(body_status("{\"a\":1,\"a\":2}", &j, &resp), 400);
    cr_expect_eq(body_status("{\"a\":1} {}", &j, &resp), 400);
    cr_expect_eq(body_status("{\n\"a\": tru\n}", &j, &resp), 400);
    cr_expect(strstr(strbuf_str(&resp.body), "malformed JSON at line 2"), "%s",
              strbuf_str(&resp.body));
    cr_expect_eq(body_status("{\"a\":\"\xff\"}", &j, &resp), 400);
    free_resp(&resp);
}

Test(http, json_nesting_is_limited_to_32)
{
    http_response resp = {0};
    json_t *j = NULL;
    /* {"a":{"a":...}} with 32 objects is fine, 33 is not. */
    char *s32 = calloc(1, 32 * 6 + 4), *s33 = calloc(1, 33 * 6 + 4);
    for (int i = 0; i < 31; i++)
        strcat(s32, "{\"a\":");
    strcat(s32, "{}");
    for (int i = 0; i < 31; i++)
        strcat(s32, "}");
    for (int i = 0; i < 32; i++)
        strcat(s33, "{\"a\":");
    strcat(s33, "{}");
    for (int i = 0; i < 32; i++)
        strcat(s33, "}");
    cr_expect_eq(body_status(s32, &j, &resp), 0);
    json_decref(j);
    cr_expect_eq(body_status(s33, &j, &resp), 400);
    cr_expect(
        strstr(strbuf_str(&resp.body), "nested more than 32 levels deep at line 1, column 161"),
        "%s", strbuf_str(&resp.body));
    /* Arrays count too; brackets inside strings do not. */
    char *arrays = nest(40, '[', ']');
    arrays[0] = '{';
    cr_expect_eq(body_status(arrays, &j, &resp), 400);
    cr_expect_eq(body_status("{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[[\"}",
                             &j, &resp),
                 0);
    json_decref(j);
    /* A million brackets cost one pass and no allocation. */
    char *huge = nest(1000000, '[', ']');
    cr_expect_eq(body_status(huge, &j, &resp), 400);
    free(huge);
    free(arrays);
    free(s32);
    free(s33);
    free_resp(&resp);
}

Test(http, unknown_fields_are_rejected)
{
    static const char *const allowed[] = {"email", "password", NULL};
    http_response resp = {0};
    json_t *o = json_pack("{s:s, s:s}", "email", "a", "password", "b");
    cr_expect_eq(http_reject_unknown(o, allowed, &resp), 0);
    json_object_set_new(o, "admin", json_true());
    cr_expect_eq(http_reject_unknown(o, allowed, &resp), -1);
    cr_expect_eq(resp.status, 422);
    cr_expect_str_eq(strbuf_str(&resp.body),
                     "{\"error\":{\"status\":422,\"message\":\"unknown field 'admin' (expected: "
                     "email, password)\",\"field\":\"admin\"}}");
    json_decref(o);
    free_resp(&resp);
}

Test(http, access_log_lines)
{
    setenv("UNLOCK_NOW", "2026-01-02T03:04:05Z", 1);
    char line[256];
    size_t n = http_access_format(line, sizeof line, "GET", "/api/v1/session", 200, 147, 2271,
                                  "a@b.nhs.uk");
    cr_expect_str_eq(line, "2026-01-02T03:04:05Z GET /api/v1/session 200 147 2271 a@b.nhs.uk\n");
    cr_expect_eq(n, strlen(line));
    http_access_format(line, sizeof line, "GET", "/a b\n2026 GET /forged 200", 404, 0, 5, NULL);
    cr_expect_str_eq(line,
                     "2026-01-02T03:04:05Z GET /a%20b%0A2026%20GET%20/forged%20200 404 0 5 -\n");
    char small[40];
    http_access_format(small, sizeof small, "GET", "/a/very/long/path/indeed/more/more", 200, 0, 1,
                       "");
    cr_expect_eq(strlen(small), sizeof small - 1);
    unsetenv("UNLOCK_NOW");
}
