/* Signing in and out, who is signed in, and the checks on every API request. */
#include "http/auth.h"

#include "domain/user.h"
#include "http/login_limit.h"
#include "http/routes.h"
#include "http/session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static int session_post(const http_request *req, http_response *resp);
static int session_get(const http_request *req, http_response *resp);
static int session_delete(const http_request *req, http_response *resp);

const http_route auth_routes[] = {
    {"POST", "/api/v1/session", session_post, ROLE_ANONYMOUS,
     "Sign in with email and password; sets the session cookie", 0, NO_QUERY},
    {"GET", "/api/v1/session", session_get, ROLE_ANONYMOUS,
     "Who is signed in, and the session's CSRF token", 0, NO_QUERY},
    {"DELETE", "/api/v1/session", session_delete, ROLE_PROVIDER, "Sign out", 0, NO_QUERY},
    {"GET", "/api/v1/users", http_users_list, ROLE_ADMIN, "List accounts", 0, NO_QUERY},
    {"POST", "/api/v1/users", http_users_create, ROLE_ADMIN, "Create an account", 0, NO_QUERY},
    {"PUT", "/api/v1/users/{id}", http_users_update, ROLE_ADMIN,
     "Change an account's role, organisation or disabled flag", 0, NO_QUERY},
};
const int auth_route_count = sizeof auth_routes / sizeof auth_routes[0];

int http_route_is_sign_in(const http_route *route)
{
    return route && route->fn == session_post;
}

int http_is_write(const char *method)
{
    return strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
           strcmp(method, "PATCH") == 0 || strcmp(method, "DELETE") == 0;
}

int http_authenticate(http_request *req, http_context *ctx, err *e)
{
    ctx->signed_in = 0;
    req->user = NULL;
    char token[SESSION_HEX_LEN + 1];
    int have = 0;
    /* A browser sends one Cookie header, but nothing stops a client sending several. */
    for (int i = 0; i < ctx->nheaders && !have; i++)
        if (strcasecmp(ctx->headers[i].name, "Cookie") == 0)
            have =
                http_cookie_find(ctx->headers[i].value, HTTP_SESSION_COOKIE, token, sizeof token);
    if (!have)
        return 0;
    int found = 0;
    int rc = session_find(req->db, token, (int64_t)time(NULL), &ctx->user, ctx->csrf,
                          ctx->session_hash, &found, e);
    sodium_memzero(token, sizeof token);
    if (rc)
        return -1;
    if (found) {
        ctx->signed_in = 1;
        req->user = &ctx->user;
    }
    return 0;
}

static int forbidden(http_response *resp, const char *msg)
{
    http_error(resp, 403, NULL, "%s", msg);
    return -1;
}

/* Whether url is this server's own origin (exactly, or as the start of a URL when whole is 0:
 * a Referer names the page, not just the origin). */
static int ours(const http_request *req, const char *url, int whole)
{
    const http_context *ctx = http_context_of(req);
    const char *host = http_header(req, "Host");
    const char *scheme = ctx->settings && ctx->settings->secure_cookies ? "https://" : "http://";
    size_t slen = strlen(scheme), hlen = host ? strlen(host) : 0;
    if (!host || strncasecmp(url, scheme, slen) != 0 || strncasecmp(url + slen, host, hlen) != 0)
        return 0;
    char next = url[slen + hlen];
    return whole ? next == '\0' : next == '\0' || next == '/';
}

int http_check_write(const http_request *req, const http_route *route, http_response *resp)
{
    const http_context *ctx = http_context_of(req);
    const char *origin = http_header(req, "Origin");
    if (origin && !ours(req, origin, 1))
        return forbidden(resp, "this write comes from another site (its Origin header does "
                               "not match this server)");
    if (http_route_is_sign_in(route))
        return 0;
    /* An anonymous write (a story told through the public form) has no session, so no CSRF
     * token to prove that the page sending it is ours. The browser's Origin header proves it
     * instead: a page on another site cannot set it to ours. Browsers that leave Origin out
     * send Referer; a write with neither is refused, so that another site's form cannot post
     * in a visitor's name. */
    if (route->min_role == ROLE_ANONYMOUS) {
        const char *referer = http_header(req, "Referer");
        if (origin || (referer && ours(req, referer, 0)))
            return 0;
        return forbidden(resp, "this form must be sent from this site's own page (the Origin "
                               "or Referer header must name this server)");
    }
    const char *token = http_header(req, "X-CSRF-Token");
    if (!ctx->signed_in || !token || strlen(token) != SESSION_HEX_LEN ||
        sodium_memcmp(token, ctx->csrf, SESSION_HEX_LEN) != 0)
        return forbidden(resp, "a write needs the X-CSRF-Token header with this session's token "
                               "(GET /api/v1/session gives it)");
    return 0;
}

static void set_cookie(const http_request *req, http_response *resp, const char *value,
                       long max_age)
{
    const http_context *ctx = http_context_of(req);
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s",
             HTTP_SESSION_COOKIE, value, max_age,
             ctx->settings && ctx->settings->secure_cookies ? "; Secure" : "");
    http_add_header(resp, "Set-Cookie", cookie);
    sodium_memzero(cookie, sizeof cookie);
}

static json_t *session_json(const http_user *u, const char *csrf)
{
    return json_pack("{s:{s:s, s:s, s:o}, s:s}", "user", "email", u->email, "role",
                     http_role_name(u->role), "org", u->org[0] ? json_string(u->org) : json_null(),
                     "csrf_token", csrf);
}

static const char *string_member(json_t *obj, const char *name)
{
    return json_string_value(json_object_get(obj, name));
}

static int too_many(http_response *resp, int64_t now, int64_t retry_at, int by_account)
{
    char when[32], secs[32];
    time_t t = (time_t)retry_at;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%H:%M:%S UTC", &tm);
    snprintf(secs, sizeof secs, "%lld", (long long)(retry_at - now));
    http_add_header(resp, "Retry-After", secs);
    return http_error(
        resp, 429, NULL, "too many failed sign-ins %s; try again in %lld minute%s (after %s)",
        by_account ? "for this account" : "from this address",
        (long long)((retry_at - now + 59) / 60), (retry_at - now + 59) / 60 == 1 ? "" : "s", when);
}

static int session_post(const http_request *req, http_response *resp)
{
    static const char *const fields[] = {"email", "password", NULL};
    http_context *ctx = http_context_of(req);
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    int rc = 0;
    err e = {0};
    const char *email_in = string_member(body, "email");
    json_t *pw = json_object_get(body, "password");
    const char *password = json_string_value(pw);
    if (http_reject_unknown(body, fields, resp))
        goto done;
    if (!email_in) {
        http_error(resp, 422, "email", "email is required (a string)");
        goto done;
    }
    if (!password) {
        http_error(resp, 422, "password", "password is required (a string)");
        goto done;
    }
    char email[USER_EMAIL_MAX + 1];
    err ignored = {0};
    if (user_check_email(email_in, email, &ignored))
        snprintf(email, sizeof email, "%s", email_in); /* counted against what was typed */
    int64_t now = (int64_t)time(NULL), retry_at = 0;
    int by_account = 0;
    if (login_limit_check(req->db, email, ctx->client_addr, now, &retry_at, &by_account, &e)) {
        http_error_from(resp, 500, &e);
        goto done;
    }
    if (retry_at) {
        too_many(resp, now, retry_at, by_account);
        goto done;
    }
    user_account acct;
    int ok = 0;
    if (user_authenticate(req->db, email, password, &acct, &ok, &e)) {
        http_error_from(resp, 500, &e);
        goto done;
    }
    if (!ok || acct.disabled) {
        if (login_limit_fail(req->db, email, ctx->client_addr, now, &e)) {
            http_error_from(resp, 500, &e);
            goto done;
        }
        http_error(resp, 401, NULL, "%s",
                   ok ? "this account is disabled; ask an administrator"
                      : "wrong email or password");
        goto done;
    }
    /* A session that came with the request is replaced, not kept (session fixation). */
    if (ctx->signed_in && session_revoke(req->db, ctx->session_hash, &e)) {
        http_error_from(resp, 500, &e);
        goto done;
    }
    char token[SESSION_HEX_LEN + 1], csrf[SESSION_HEX_LEN + 1];
    long ttl = ctx->settings ? ctx->settings->session_ttl : HTTP_SESSION_TTL_DEFAULT;
    if (login_limit_clear(req->db, acct.email, &e) ||
        session_create(req->db, acct.id, ttl, now, token, csrf, &e)) {
        http_error_from(resp, 500, &e);
        goto done;
    }
    set_cookie(req, resp, token, ttl);
    if (session_hash(token, ctx->session_hash))
        ctx->session_hash[0] = '\0';
    sodium_memzero(token, sizeof token);
    http_user u = {.id = acct.id, .role = ROLE_ANONYMOUS};
    snprintf(u.email, sizeof u.email, "%s", acct.email);
    snprintf(u.org, sizeof u.org, "%s", acct.org);
    if (http_role_parse(acct.role, &u.role)) {
        err_internal(&e, "account %s has an unknown role '%s'", acct.email, acct.role);
        http_error_from(resp, 500, &e);
        goto done;
    }
    http_json(resp, 200, session_json(&u, csrf));
    /* From here this request is the new session's (the access log names the user). */
    ctx->user = u;
    ctx->signed_in = 1;
    snprintf(ctx->csrf, sizeof ctx->csrf, "%s", csrf);
done:
    if (password)
        sodium_memzero((char *)password, json_string_length(pw));
    json_decref(body);
    return rc;
}

static int session_get(const http_request *req, http_response *resp)
{
    const http_context *ctx = http_context_of(req);
    if (!ctx->signed_in)
        return http_error(resp, 401, NULL, "not signed in");
    http_json(resp, 200, session_json(&ctx->user, ctx->csrf));
    return 0;
}

static int session_delete(const http_request *req, http_response *resp)
{
    const http_context *ctx = http_context_of(req);
    err e = {0};
    if (ctx->signed_in && session_revoke(req->db, ctx->session_hash, &e))
        return http_error_from(resp, 500, &e);
    set_cookie(req, resp, "", 0);
    http_body(resp, 204, NULL, NULL, 0);
    return 0;
}
