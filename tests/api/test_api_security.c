/* The browser-facing protections every answer carries, and sessions an attacker cannot fix in
 * advance: against the real server over HTTP. */
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

TestSuite(api_security, .init = start, .fini = stop, .timeout = 120);

Test(api_security, every_kind_of_answer_carries_the_security_headers)
{
    static const struct {
        const char *method, *path;
        int signed_in;
        long status;
    } cases[] = {
        {"GET", "/index.html", 0, 200},                                /* a static page */
        {"GET", "/app.js", 0, 200},                                    /* a script */
        {"GET", "/api/v1/organisations/RNV", 1, 200},                  /* JSON */
        {"GET", "/api/v1/indicators/FFT-POS/spc.svg?org=RNV", 1, 200}, /* a chart */
        {"GET", "/public/index.html", 0, 200},                         /* the public site */
        {"GET", "/api/v1/organisations", 0, 401},                      /* not signed in */
        {"GET", "/api/v1/no-such-thing", 1, 404},                      /* an error */
        {"DELETE", "/api/v1/openapi.json", 1, 405},                    /* a wrong method */
        {"GET", "/no-such-file.html", 0, 404},                         /* a missing file */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        api_response r = api_call(srv, cases[i].method, cases[i].path, NULL, NULL,
                                  cases[i].signed_in ? &commissioner : NULL);
        const char *what = cases[i].path;
        cr_expect_eq(r.status, cases[i].status, "%s: %ld %.200s", what, r.status, r.body);
        const char *nosniff = api_header(&r, "X-Content-Type-Options");
        const char *frame = api_header(&r, "X-Frame-Options");
        const char *referrer = api_header(&r, "Referrer-Policy");
        const char *csp = api_header(&r, "Content-Security-Policy");
        cr_expect(nosniff && strcmp(nosniff, "nosniff") == 0, "%s: X-Content-Type-Options %s", what,
                  nosniff ? nosniff : "missing");
        cr_expect(frame && strcmp(frame, "DENY") == 0, "%s: X-Frame-Options %s", what,
                  frame ? frame : "missing");
        cr_expect(referrer && strcmp(referrer, "same-origin") == 0, "%s: Referrer-Policy %s", what,
                  referrer ? referrer : "missing");
        cr_expect(csp && strstr(csp, "default-src 'self'") &&
                      strstr(csp, "frame-ancestors 'none'") && !strstr(csp, "unsafe-inline") &&
                      !strstr(csp, "unsafe-eval"),
                  "%s: Content-Security-Policy %s", what, csp ? csp : "missing");
        api_response_free(&r);
    }
}

/* The session cookie's value from a Set-Cookie header, into out. */
static void cookie_value(const api_response *r, char *out, size_t size)
{
    const char *set = api_header(r, "Set-Cookie");
    cr_assert(set && strncmp(set, "unlock_session=", 15) == 0, "%s", set ? set : "no cookie");
    snprintf(out, size, "%.*s", (int)strcspn(set + 15, ";"), set + 15);
}

static api_response sign_in_with_cookie(const char *cookie)
{
    char header[200];
    snprintf(header, sizeof header, "Cookie: unlock_session=%s", cookie);
    const char *headers[] = {header, NULL};
    json_t *body = json_pack("{s:s, s:s}", "email", TEST_PROVIDER_EMAIL, "password", TEST_PASSWORD);
    char *text = json_dumps(body, 0);
    json_decref(body);
    api_response r = api_send(
        srv, &(api_request){
                 .method = "POST", .path = "/api/v1/session", .body = text, .headers = headers});
    free(text);
    return r;
}

static long whoami(const char *cookie)
{
    char header[200];
    snprintf(header, sizeof header, "Cookie: unlock_session=%s", cookie);
    const char *headers[] = {header, NULL};
    api_response r = api_send(srv, &(api_request){.path = "/api/v1/session", .headers = headers});
    long status = r.status;
    api_response_free(&r);
    return status;
}

Test(api_security, a_session_id_planted_before_sign_in_is_never_the_one_signed_in)
{
    /* An attacker sets the victim's cookie to a value of their choosing, then waits. */
    const char *planted = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    api_response r = sign_in_with_cookie(planted);
    cr_assert_eq(r.status, 200, "%s", r.body);
    char issued[128];
    cookie_value(&r, issued, sizeof issued);
    api_response_free(&r);
    cr_assert_str_neq(issued, planted, "the server took the attacker's session id");
    cr_assert_eq(whoami(planted), 401, "the planted id is not signed in");
    cr_assert_eq(whoami(issued), 200);

    /* Signing in again over a live session gives a new id as well. */
    r = sign_in_with_cookie(issued);
    cr_assert_eq(r.status, 200, "%s", r.body);
    char again[128];
    cookie_value(&r, again, sizeof again);
    api_response_free(&r);
    cr_assert_str_neq(again, issued, "a second sign-in kept the session id");
    cr_assert_eq(whoami(again), 200);
}
