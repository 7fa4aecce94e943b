/* Hostile input everywhere a request carries text: SQL-injection and path-traversal payloads
 * in every path parameter and every query parameter of every route in the route table (so a
 * route added later is covered without a change here), as the admin, who may reach them all;
 * and traversal payloads against the static file paths. Nothing may answer 500 or leak what
 * the payloads reach for (a file outside the web root, the accounts table), nothing may be
 * changed or removed by them, and a filter with an injection finds nothing rather than
 * everything. */
#include "http/router.h"
#include "support/server.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Percent-encoded as a client would send them in a path segment or a query value. */
static const char *const PAYLOADS[] = {
    "%27%20OR%20%271%27%3D%271",                   /* ' OR '1'='1 */
    "1%3B%20DROP%20TABLE%20organisations%3B%20--", /* 1; DROP TABLE organisations; -- */
    "%22%20OR%201%3D1%20--",                       /* " OR 1=1 -- */
    "x%27%20UNION%20SELECT%20email%2C%20password_hash%20FROM%20users%20--",
    "%27%7C%7C(SELECT%20sqlite_version())%7C%7C%27", /* '||(SELECT sqlite_version())||' */
    "admin%27--",
    "..%2F..%2F..%2F..%2Fetc%2Fpasswd", /* ../../../../etc/passwd */
    "%2e%2e%2f%2e%2e%2fMakefile",       /* ../../Makefile */
    "..%5C..%5Cetc%5Cpasswd",           /* ..\..\etc\passwd */
    "%252e%252e%252fetc%252fpasswd",    /* double-encoded ../etc/passwd */
    "%00",                              /* NUL */
    "%E2%80%AE%F0%9F%92%A5%C3%A9",      /* RLO, an emoji, é */
};
#define NPAYLOADS (sizeof PAYLOADS / sizeof PAYLOADS[0])

/* What a payload reaching its target would show: a line of /etc/passwd, a password hash (an
 * error message may repeat a payload, so nothing here is text of the payloads themselves),
 * the Makefile. */
static const char *const LEAKS[] = {"root:x:0:0", "$argon2", "CFLAGS"};

static test_server *srv;
static api_session admin;

static void start(void)
{
    srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    cr_assert_eq(api_sign_in(srv, TEST_ADMIN_EMAIL, TEST_PASSWORD, &admin), 200);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_payloads, .init = start, .fini = stop, .timeout = 300);

/* The route's pattern with every {capture} replaced by payload (a suffix such as ".svg" kept). */
static void fill(const char *pattern, const char *payload, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = pattern; *p && n + 1 < size;) {
        if (*p == '{') {
            n += (size_t)snprintf(out + n, size - n, "%s", payload);
            p = strchr(p, '}') + 1;
        } else {
            out[n++] = *p++;
        }
    }
    out[n < size ? n : size - 1] = '\0';
}

/* Counts that a payload must not change. */
static long long total_of(const char *path)
{
    api_response r = api_call(srv, "GET", path, NULL, NULL, &admin);
    cr_assert_eq(r.status, 200, "%s: %s", path, r.body);
    long long n = json_is_array(json_object_get(r.json, "items"))
                      ? json_integer_value(json_object_get(r.json, "total"))
                      : (long long)json_array_size(r.json);
    api_response_free(&r);
    return n;
}

static int checked;

static void send_one(const char *method, const char *path)
{
    const char *body = strcmp(method, "GET") == 0 || strcmp(method, "DELETE") == 0 ? NULL : "{}";
    api_response r = api_call(srv, method, path, body, NULL, &admin);
    cr_expect(r.status >= 200 && r.status < 500, "%s %s: %ld %.300s", method, path, r.status,
              r.body ? r.body : "");
    for (size_t l = 0; l < sizeof LEAKS / sizeof LEAKS[0]; l++)
        cr_expect(!r.body || !strstr(r.body, LEAKS[l]), "%s %s leaked '%s'", method, path,
                  LEAKS[l]);
    api_response_free(&r);
    checked++;
}

Test(api_payloads, every_parameter_of_every_route_takes_hostile_text_safely)
{
    const char *counted[] = {"/api/v1/organisations?limit=1", "/api/v1/sites?limit=1",
                             "/api/v1/people?limit=1", "/api/v1/users"};
    long long before[4];
    for (int i = 0; i < 4; i++)
        before[i] = total_of(counted[i]);

    for (int i = 0; i < http_route_total(); i++) {
        const http_route *rt = http_route_at(i);
        /* Signing out or in would end the admin's session; their own tests cover them. */
        if (strcmp(rt->pattern, "/api/v1/session") == 0)
            continue;
        int has_params = strchr(rt->pattern, '{') != NULL;
        for (size_t k = 0; k < NPAYLOADS; k++) {
            char path[1024];
            if (has_params) {
                fill(rt->pattern, PAYLOADS[k], path, sizeof path);
                send_one(rt->method, path);
            }
            /* Each query parameter the route takes, on GET routes (a write's query is a
             * filename or a year, checked as the GET ones are). */
            if (strcmp(rt->method, "GET") != 0 || !rt->query || !*rt->query)
                continue;
            char names[256];
            snprintf(names, sizeof names, "%s", rt->query);
            char *save = NULL;
            for (char *q = strtok_r(names, ",", &save); q; q = strtok_r(NULL, ",", &save)) {
                if (strcmp(q, "*") == 0)
                    continue;
                char base[512];
                fill(rt->pattern, "RNV", base, sizeof base);
                snprintf(path, sizeof path, "%s?%s=%s", base, q, PAYLOADS[k]);
                send_one("GET", path);
            }
        }
    }
    cr_log_info("%d hostile requests", checked);
    cr_assert_gt(checked, 500, "only %d requests: the route table is not being walked", checked);

    for (int i = 0; i < 4; i++)
        cr_assert_eq(total_of(counted[i]), before[i], "%s changed", counted[i]);
}

Test(api_payloads, an_injected_filter_finds_nothing_rather_than_everything)
{
    for (size_t k = 0; k < NPAYLOADS; k++) {
        char path[512];
        snprintf(path, sizeof path, "/api/v1/organisations?name=%s", PAYLOADS[k]);
        api_response r = api_call(srv, "GET", path, NULL, NULL, &admin);
        cr_assert_eq(r.status, 200, "%s: %s", path, r.body);
        cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 0, "%s: %s", path,
                     r.body);
        api_response_free(&r);
    }
}

Test(api_payloads, hostile_text_in_a_body_is_stored_as_written)
{
    const char *name = "Robert'); DROP TABLE sites; -- \\\" <script>x</script>";
    json_t *site = json_pack("{s:s, s:s, s:s, s:i}", "code", "S-BOBBY", "name", name,
                             "organisation", "RNV", "gross_internal_m2", 100);
    char *body = json_dumps(site, 0);
    json_decref(site);
    api_response r = api_call(srv, "POST", "/api/v1/sites", body, NULL, &admin);
    free(body);
    cr_assert_eq(r.status, 201, "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/sites/S-BOBBY", NULL, NULL, &admin);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "name")), name);
    api_response_free(&r);
    cr_assert_gt(total_of("/api/v1/sites?limit=1"), 1, "the sites are all still there");
}

Test(api_payloads, static_paths_stay_inside_the_web_root)
{
    static const char *const paths[] = {
        "/../../../../etc/passwd",
        "/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/web/..%2F..%2FMakefile",
        "/..%5C..%5CMakefile",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/index.html%00.png",
        "/public/..%2F..%2F..%2Fetc%2Fpasswd",
        "/public/programmes/..%2F..%2F..%2Fetc%2Fpasswd",
        "//etc/passwd",
        "/.git/config",
        "/node_modules/../../Makefile",
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        api_response r = api_send(srv, &(api_request){.path = paths[i], .path_as_is = 1});
        cr_expect(r.status == 400 || r.status == 403 || r.status == 404, "%s: %ld %.200s", paths[i],
                  r.status, r.body ? r.body : "");
        for (size_t l = 0; l < sizeof LEAKS / sizeof LEAKS[0]; l++)
            cr_expect(!r.body || !strstr(r.body, LEAKS[l]), "%s leaked '%s'", paths[i], LEAKS[l]);
        cr_expect(!r.body || !strstr(r.body, "[core]"), "%s served .git/config", paths[i]);
        api_response_free(&r);
    }
}
