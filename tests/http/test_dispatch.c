/* Routing, sessions, roles and CSRF in-process, without a socket: a request
 * built by hand goes through http_dispatch against a temporary database. */
#include "domain/user.h"
#include "http/dispatch.h"
#include "http/session.h"

#include "support/support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PASSWORD "a-long-password"

static char *dir;
static db *d;
static http_settings settings = {.session_ttl = 3600, .max_body = 1 << 20};

static void setup(void)
{
    setenv("UNLOCK_PWHASH_FAST", "1", 1);
    dir = tmpdir_make();
    char *path = path_join(dir, "t.db");
    err e = {0};
    cr_assert_eq(db_open(path, &d, &e), 0, "%s", e.msg);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    cr_assert_eq(db_exec(d,
                         "INSERT INTO organisations (code, name, kind) VALUES "
                         "('P1', 'Provider One', 'acute_trust')",
                         &e),
                 0, "%s", e.msg);
    user_account u;
    cr_assert_eq(user_create(d, "admin@x.nhs.uk", "admin", NULL, PASSWORD, "test", &u, &e), 0, "%s",
                 e.msg);
    cr_assert_eq(user_create(d, "p@x.nhs.uk", "provider", "P1", PASSWORD, "test", &u, &e), 0, "%s",
                 e.msg);
    free(path);
}

static void teardown(void)
{
    db_close(d);
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(http_dispatch, .init = setup, .fini = teardown, .timeout = 30);

typedef struct call {
    http_context ctx;
    http_kv headers[4];
    http_response resp;
    json_t *json;
} call;

static void call_free(call *c)
{
    strbuf_free(&c->resp.body);
    strbuf_free(&c->resp.headers);
    json_decref(c->json);
    memset(c, 0, sizeof *c);
}

/* cookie and csrf may be NULL; origin too. */
static void run(call *c, const char *method, const char *path, const char *body, const char *cookie,
                const char *csrf, const char *origin, db *conn)
{
    memset(c, 0, sizeof *c);
    int n = 0;
    c->headers[n++] = (http_kv){"Host", "localhost:8080"};
    if (cookie)
        c->headers[n++] = (http_kv){"Cookie", cookie};
    if (csrf)
        c->headers[n++] = (http_kv){"X-CSRF-Token", csrf};
    if (origin)
        c->headers[n++] = (http_kv){"Origin", origin};
    c->ctx.settings = &settings;
    c->ctx.headers = c->headers;
    c->ctx.nheaders = n;
    strcpy(c->ctx.client_addr, "127.0.0.1");
    http_request req = {.method = method,
                        .path = path,
                        .body = body ? body : "",
                        .body_len = body ? strlen(body) : 0,
                        .db = conn};
    http_dispatch(&req, &c->ctx, &c->resp);
    c->json = json_loads(strbuf_str(&c->resp.body), 0, NULL);
}

/* Signs in; fills "unlock_session=..." and the CSRF token. */
static void sign_in(const char *email, char cookie[128], char csrf[65])
{
    call c;
    char body[256];
    snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}", email, PASSWORD);
    run(&c, "POST", "/api/v1/session", body, NULL, NULL, NULL, d);
    cr_assert_eq(c.resp.status, 200, "%s", strbuf_str(&c.resp.body));
    const char *h = strstr(strbuf_str(&c.resp.headers), "Set-Cookie: ");
    cr_assert(h);
    h += strlen("Set-Cookie: ");
    size_t n = strcspn(h, ";");
    cr_assert_lt(n, 128);
    memcpy(cookie, h, n);
    cookie[n] = '\0';
    snprintf(csrf, 65, "%s", json_string_value(json_object_get(c.json, "csrf_token")));
    cr_expect(c.ctx.signed_in);
    cr_expect_str_eq(c.ctx.user.email, email);
    call_free(&c);
}

Test(http_dispatch, anonymous_callers_get_401_and_no_store)
{
    call c;
    run(&c, "GET", "/api/v1/users", NULL, NULL, NULL, NULL, d);
    cr_expect_eq(c.resp.status, 401);
    cr_expect(strstr(strbuf_str(&c.resp.headers), "Cache-Control: no-store\r\n"));
    cr_expect(!c.ctx.signed_in);
    call_free(&c);
    run(&c, "GET", "/api/v1/users", NULL, "unlock_session=not-a-token", NULL, NULL, d);
    cr_expect_eq(c.resp.status, 401);
    call_free(&c);
    char forged[128];
    snprintf(forged, sizeof forged, "unlock_session=%064d", 0);
    run(&c, "GET", "/api/v1/users", NULL, forged, NULL, NULL, d);
    cr_expect_eq(c.resp.status, 401);
    call_free(&c);
}

Test(http_dispatch, sessions_roles_and_csrf)
{
    char admin[128], admin_csrf[65], prov[128], prov_csrf[65];
    sign_in("admin@x.nhs.uk", admin, admin_csrf);
    sign_in("p@x.nhs.uk", prov, prov_csrf);
    call c;
    run(&c, "GET", "/api/v1/users", NULL, admin, NULL, NULL, d);
    cr_expect_eq(c.resp.status, 200);
    cr_expect_eq(json_array_size(json_object_get(c.json, "items")), 2);
    cr_expect_eq(c.ctx.user.role, ROLE_ADMIN);
    call_free(&c);
    run(&c, "HEAD", "/api/v1/users", NULL, admin, NULL, NULL, d);
    cr_expect_eq(c.resp.status, 200, "HEAD is answered by GET");
    call_free(&c);
    run(&c, "GET", "/api/v1/users", NULL, prov, NULL, NULL, d);
    cr_expect_eq(c.resp.status, 403);
    cr_expect_eq(c.ctx.user.role, ROLE_PROVIDER);
    cr_expect_str_eq(c.ctx.user.org, "P1");
    call_free(&c);

    const char *body = "{\"email\":\"c@x.nhs.uk\",\"role\":\"commissioner\","
                       "\"password\":\"" PASSWORD "\"}";
    run(&c, "POST", "/api/v1/users", body, admin, NULL, NULL, d);
    cr_expect_eq(c.resp.status, 403, "no token");
    call_free(&c);
    run(&c, "POST", "/api/v1/users", body, admin, prov_csrf, NULL, d);
    cr_expect_eq(c.resp.status, 403, "another session's token");
    call_free(&c);
    run(&c, "POST", "/api/v1/users", body, admin, admin_csrf, "http://localhost:8081", d);
    cr_expect_eq(c.resp.status, 403, "another origin");
    call_free(&c);
    run(&c, "POST", "/api/v1/users", body, admin, admin_csrf, "http://LOCALHOST:8080", d);
    cr_expect_eq(c.resp.status, 201, "%s", strbuf_str(&c.resp.body));
    call_free(&c);

    /* Signing in again replaces the session the request came with. */
    char again[128], again_csrf[65];
    run(&c, "POST", "/api/v1/session",
        "{\"email\":\"admin@x.nhs.uk\",\"password\":\"" PASSWORD "\"}", admin, NULL, NULL, d);
    cr_expect_eq(c.resp.status, 200);
    call_free(&c);
    run(&c, "GET", "/api/v1/session", NULL, admin, NULL, NULL, d);
    cr_expect_eq(c.resp.status, 401);
    call_free(&c);
    sign_in("admin@x.nhs.uk", again, again_csrf);
    run(&c, "DELETE", "/api/v1/session", NULL, again, again_csrf, NULL, d);
    cr_expect_eq(c.resp.status, 204);
    cr_expect_eq(c.resp.body.len, 0);
    call_free(&c);
    run(&c, "GET", "/api/v1/session", NULL, again, NULL, NULL, d);
    cr_expect_eq(c.resp.status, 401);
    call_free(&c);
}

Test(http_dispatch, expired_sessions_and_no_database)
{
    char token[SESSION_HEX_LEN + 1], csrf[SESSION_HEX_LEN + 1], hash[SESSION_HEX_LEN + 1];
    err e = {0};
    user_account u;
    int found = 0;
    cr_assert_eq(user_find_email(d, "admin@x.nhs.uk", &u, &found, &e), 0);
    /* A session that ended a second ago. */
    cr_assert_eq(session_create(d, u.id, 10, time(NULL) - 11, token, csrf, &e), 0, "%s", e.msg);
    http_user who;
    cr_assert_eq(session_find(d, token, time(NULL), &who, csrf, hash, &found, &e), 0);
    cr_expect(!found);
    cr_assert_eq(session_find(d, token, time(NULL) - 5, &who, csrf, hash, &found, &e), 0);
    cr_expect(found);
    cr_expect_str_eq(who.email, "admin@x.nhs.uk");

    call c;
    run(&c, "GET", "/api/v1/session", NULL, NULL, NULL, NULL, NULL);
    cr_expect_eq(c.resp.status, 500);
    call_free(&c);
    run(&c, "GET", "/api/v2/nothing", NULL, NULL, NULL, NULL, NULL);
    cr_expect_eq(c.resp.status, 404, "routing comes first: %s", strbuf_str(&c.resp.body));
    call_free(&c);
}
