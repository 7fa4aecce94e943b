/* The router: which route answers, what it captures, 404 and 405. */
#include "http/router.h"
#include "http/routes.h"

#include <criterion/criterion.h>
#include <string.h>

static int h(const http_request *req, http_response *resp)
{
    (void)req;
    (void)resp;
    return 0;
}

static const http_route routes[] = {
    {"GET", "/api/v1/{kind}", h, ROLE_PROVIDER, "list", 0, NO_QUERY},
    {"POST", "/api/v1/{kind}", h, ROLE_COMMISSIONER, "create", 0, NO_QUERY},
    {"GET", "/api/v1/{kind}/{key}", h, ROLE_PROVIDER, "get", 0, NO_QUERY},
    {"PUT", "/api/v1/{kind}/{key}", h, ROLE_COMMISSIONER, "update", 0, NO_QUERY},
    {"DELETE", "/api/v1/{kind}/{key}", h, ROLE_COMMISSIONER, "delete", 0, NO_QUERY},
    {"GET", "/api/v1/observations/{indicator}/{subject}/{period}", h, ROLE_PROVIDER, "obs", 0,
     NO_QUERY},
    {"GET", "/api/v1/indicators/{code}/spc", h, ROLE_PROVIDER, "spc", 0, NO_QUERY},
    {"GET", "/api/v1/indicators/{code}/spc.svg", h, ROLE_PROVIDER, "spc svg", 0, NO_QUERY},
    {"GET", "/api/v1/charts/{code}.svg", h, ROLE_PROVIDER, "suffixed", 0, NO_QUERY},
    {"GET", "/api/v1/charts/{code}", h, ROLE_PROVIDER, "plain", 0, NO_QUERY},
    {"GET", "/api/v1/a/{b}/{c}/{d}/{e}/{f}", h, ROLE_PROVIDER, "too many captures", 0, NO_QUERY},
};
static const http_route first[] = {
    {"GET", "/api/v1/users", h, ROLE_ADMIN, "users", 0, NO_QUERY},
};

static http_match m;

static int find(const char *method, const char *path)
{
    const http_route_table tables[] = {{first, 1},
                                       {routes, (int)(sizeof routes / sizeof routes[0])}};
    http_match_free(&m);
    return http_router_find(tables, 2, method, path, &m);
}

static void done(void)
{
    http_match_free(&m);
}

TestSuite(http_router, .fini = done);

Test(http_router, captures_one_segment_per_name)
{
    cr_assert_eq(find("GET", "/api/v1/organisations/QNV"), 0);
    cr_expect_str_eq(m.route->summary, "get");
    cr_assert_eq(m.nparams, 2);
    cr_expect_str_eq(m.params[0], "organisations");
    cr_expect_str_eq(m.params[1], "QNV");

    cr_assert_eq(find("GET", "/api/v1/observations/FFT/RWX/2024-04"), 0);
    cr_expect_str_eq(m.route->summary, "obs");
    cr_assert_eq(m.nparams, 3);
    cr_expect_str_eq(m.params[2], "2024-04");

    cr_assert_eq(find("POST", "/api/v1/sites"), 0);
    cr_expect_str_eq(m.route->summary, "create");
}

Test(http_router, literals_beat_captures)
{
    cr_assert_eq(find("GET", "/api/v1/users"), 0);
    cr_expect_str_eq(m.route->summary, "users");
    cr_assert_eq(find("GET", "/api/v1/indicators/FFT/spc"), 0);
    cr_expect_str_eq(m.route->summary, "spc");
    cr_expect_str_eq(m.params[0], "FFT");
    cr_assert_eq(find("GET", "/api/v1/indicators/FFT/spc.svg"), 0);
    cr_expect_str_eq(m.route->summary, "spc svg");
    cr_assert_eq(m.nparams, 1);
    /* Elsewhere the generic three-segment routes do not exist: 404. */
    cr_expect_eq(find("GET", "/api/v1/indicators/FFT/funnel"), 404);
}

Test(http_router, a_suffixed_capture_takes_the_part_before_the_suffix)
{
    cr_assert_eq(find("GET", "/api/v1/charts/FFT.svg"), 0);
    cr_expect_str_eq(m.route->summary, "suffixed");
    cr_expect_str_eq(m.params[0], "FFT");
    cr_assert_eq(find("GET", "/api/v1/charts/FFT"), 0);
    cr_expect_str_eq(m.route->summary, "plain");
    /* The capture must not be empty. */
    cr_assert_eq(find("GET", "/api/v1/charts/.svg"), 0);
    cr_expect_str_eq(m.route->summary, "plain");
    cr_expect_str_eq(m.params[0], ".svg");
}

Test(http_router, unknown_paths_are_404)
{
    const char *paths[] = {"/api/v1/organisations/QNV/x/y/z",
                           "/api/v1/",
                           "/api/v1",
                           "/api/v1/organisations/",
                           "/api/v1//QNV",
                           "",
                           "api/v1/users",
                           "/api/v1/a/1/2/3/4/5"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        cr_expect_eq(find("GET", paths[i]), 404, "%s", paths[i]);
        cr_expect_null(m.route);
    }
    char deep[200] = "";
    for (int i = 0; i < 40; i++)
        strcat(deep, "/a");
    cr_expect_eq(find("GET", deep), 404);
}

Test(http_router, a_known_path_with_another_method_is_405_with_allow)
{
    cr_assert_eq(find("PATCH", "/api/v1/organisations/QNV"), 405);
    cr_expect_null(m.route);
    cr_expect_str_eq(m.allow, "GET, HEAD, PUT, DELETE");
    cr_assert_eq(find("DELETE", "/api/v1/users"), 405);
    cr_expect_str_eq(m.allow, "GET, HEAD", "the literal resource, not /api/v1/{kind}");
    cr_assert_eq(find("OPTIONS", "/api/v1/sites"), 405);
    cr_expect_str_eq(m.allow, "GET, HEAD, POST");
}

Test(http_router, head_is_answered_by_get)
{
    cr_assert_eq(find("HEAD", "/api/v1/sites/S1"), 0);
    cr_expect_str_eq(m.route->summary, "get");
}

Test(http_router, the_server_tables_list_every_route)
{
    int total = http_route_total();
    cr_assert_eq(total, auth_route_count + api_route_count);
    cr_expect_null(http_route_at(total));
    cr_expect_null(http_route_at(-1));
    int session = 0;
    for (int i = 0; i < total; i++) {
        const http_route *r = http_route_at(i);
        cr_assert(r && r->method && r->pattern && r->fn && r->summary, "route %d", i);
        session += strcmp(r->pattern, "/api/v1/session") == 0;
        /* Anonymous callers reach only the session, the API's description, the public site and
         * API (which read through the public view alone) and the public story form (its choices,
         * and telling a story). */
        if (r->min_role == ROLE_ANONYMOUS)
            cr_expect(strcmp(r->pattern, "/api/v1/session") == 0 ||
                          strcmp(r->pattern, "/api/v1/openapi.json") == 0 ||
                          strcmp(r->pattern, "/api/v1/story-form") == 0 ||
                          strncmp(r->pattern, "/public/", 8) == 0 ||
                          strncmp(r->pattern, "/api/v1/public/", 15) == 0,
                      "%s %s is open to anonymous callers", r->method, r->pattern);
        if (strncmp(r->pattern, "/api/v1/users", 13) == 0)
            cr_expect_eq(r->min_role, ROLE_ADMIN);
    }
    cr_expect_eq(session, 3);
    http_match_free(&m);
    cr_assert_eq(http_router_match("GET", "/api/v1/session", &m), 0);
    cr_expect_str_eq(m.route->method, "GET");
}
