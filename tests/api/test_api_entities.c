/* The entity, import, statistics and description routes against a real server
 * holding the demo system. */
#include "db/db.h"
#include "http/route_query.h"
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
             "{\"name\":\"API Clinic\",\"organisation\":\"RNV\",\"gross_internal_m2\":300,"
             "\"version\":1}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_real_value(json_object_get(r.json, "gross_internal_m2")), 300);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "version")), 2, "%s", r.body);
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

/* A number straight from the server's database. */
static int64_t stored_count(const char *sql)
{
    db *d;
    err e = {0};
    cr_assert_eq(db_open(srv->db_path, &d, &e), 0, "%s", e.msg);
    int64_t n = -1;
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s", e.msg);
    db_close(d);
    return n;
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
    /* Named, with counts a test can check against the data (demo's sites of RNV). */
    cr_expect(strstr(api_error_message(&r), "organisation 'RNV' is referred to by "), "%s", r.body);
    char sites[64];
    snprintf(sites, sizeof sites, "%lld sites (organisation)",
             (long long)stored_count("SELECT COUNT(*) FROM sites WHERE organisation_code = 'RNV'"));
    cr_expect(strstr(api_error_message(&r), sites), "%s lacks %s", r.body, sites);
    cr_expect(strstr(api_error_message(&r), "services (provider)"), "%s", r.body);
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

/* The i-th member of the import error's list of row errors. */
static json_t *row_error(const api_response *r, size_t i)
{
    return json_array_get(json_object_get(json_object_get(r->json, "error"), "errors"), i);
}

Test(api_entities, an_import_lists_every_row_error)
{
    /* Three bad rows (lines 3, 4 and 6) among good ones: all named, nothing kept. */
    const char *csv = "code,name,organisation,gross_internal_m2\n"
                      "S-M1,Many one,RNV,100\n"
                      "S-M2,Many two,RNV,lots\n"
                      "S-M3,Many three,NOWHERE,100\n"
                      "S-M4,Many four,RNV,200\n"
                      "S-M1,Many one again,RNV,100\n";
    api_response r = api_call(srv, "POST", "/api/v1/import/sites?filename=many.csv", csv,
                              "text/csv", &commissioner);
    cr_assert_eq(r.status, 422, "%s", r.body);
    json_t *e = json_object_get(r.json, "error");
    cr_expect_eq(json_integer_value(json_object_get(e, "error_count")), 3, "%s", r.body);
    cr_assert_eq(json_array_size(json_object_get(e, "errors")), 3, "%s", r.body);
    const struct {
        long line;
        const char *field, *says;
    } want[] = {
        {3, "gross_internal_m2", "many.csv:3: column 'gross_internal_m2': value 'lots'"},
        {4, "organisation", "many.csv:4: column 'organisation': value 'NOWHERE': no organisation"},
        {6, NULL, "many.csv:6: site 'S-M1' is already on line 2 of this file"},
    };
    for (size_t i = 0; i < 3; i++) {
        json_t *row = row_error(&r, i);
        cr_expect_str_eq(json_string_value(json_object_get(row, "file")), "many.csv");
        cr_expect_eq(json_integer_value(json_object_get(row, "line")), want[i].line, "%zu", i);
        if (want[i].field)
            cr_expect_str_eq(json_string_value(json_object_get(row, "field")), want[i].field);
        else
            cr_expect(json_is_null(json_object_get(row, "field")), "%s", r.body);
        const char *msg = json_string_value(json_object_get(row, "message"));
        cr_expect(msg && strncmp(msg, want[i].says, strlen(want[i].says)) == 0, "%s", msg);
    }
    /* The summary is the first, counting the rest. */
    cr_expect(strstr(api_error_message(&r), "(and 2 more problems; nothing was imported)"), "%s",
              r.body);
    cr_expect_eq(json_integer_value(json_object_get(e, "line")), 3);
    api_response_free(&r);
    cr_expect_eq(
        stored_count("SELECT COUNT(*) FROM sites WHERE code IN ('S-M1', 'S-M2', 'S-M3', 'S-M4')"),
        0);
}

/* An import the session may not make: 403, the message saying why. */
static void expect_refused(const api_session *who, const char *kind, const char *csv,
                           const char *says)
{
    char path[64];
    snprintf(path, sizeof path, "/api/v1/import/%s", kind);
    api_response r = api_call(srv, "POST", path, csv, "text/csv", who);
    cr_expect_eq(r.status, 403, "%s", r.body);
    cr_expect(strstr(api_error_message(&r), says), "%s lacks %s", r.body, says);
    api_response_free(&r);
}

Test(api_entities, a_provider_imports_only_its_own_organisations_rows)
{
    api_session provider;
    cr_assert_eq(api_sign_in(srv, TEST_PROVIDER_EMAIL, TEST_PASSWORD, &provider), 200);
    /* Its own rows go in. */
    api_response r = api_call(srv, "POST", "/api/v1/import/sites",
                              "code,name,organisation,gross_internal_m2\nS-PV1,Own,RNV,100\n",
                              "text/csv", &provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    api_response_free(&r);
    /* One row of another organisation refuses the whole file, naming that row. */
    r = api_call(srv, "POST", "/api/v1/import/sites",
                 "code,name,organisation,gross_internal_m2\nS-PV2,Own,RNV,100\n"
                 "S-PV3,Theirs,RNM,100\n",
                 "text/csv", &provider);
    cr_assert_eq(r.status, 403, "%s", r.body);
    cr_expect_str_eq(api_error_message(&r),
                     "upload.csv:3: column 'organisation': value 'RNM': a provider may import only "
                     "its own organisation's rows (RNV)");
    cr_expect_eq(json_integer_value(json_object_get(row_error(&r, 0), "line")), 3);
    api_response_free(&r);
    cr_expect_eq(stored_count("SELECT COUNT(*) FROM sites WHERE code IN ('S-PV2', 'S-PV3')"), 0);
    /* Kinds no organisation owns are not a provider's to import at all. */
    expect_refused(&provider, "indicators", "code,name\nX,Y\n",
                   "indicators belong to no organisation");
    /* An observation about another organisation's service is theirs too. */
    expect_refused(&provider, "observations",
                   "indicator,service,period,numerator,denominator\n"
                   "FFT-POS,SVC-MH-CMHT,2031-01,1,2\n",
                   "column 'service'");
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

/* The "in": "query" parameters of an operation, comma-joined in order. */
static void query_names(json_t *params, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    size_t i;
    json_t *p;
    json_array_foreach(params, i, p)
    {
        if (strcmp(json_string_value(json_object_get(p, "in")), "query") == 0 && n < size)
            n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "",
                                  json_string_value(json_object_get(p, "name")));
    }
}

static void expect_query_described(const http_route *route, json_t *params)
{
    char described[256], expected[256] = "";
    query_names(params, described, sizeof described);
    /* The route's list without "*" (which is no parameter's name). */
    snprintf(expected, sizeof expected, "%s", route->query ? route->query : "");
    char *star = strstr(expected, ",*");
    if (star)
        *star = '\0';
    cr_expect_str_eq(described, expected, "%s %s", route->method, route->pattern);
}

/* A concrete path for a pattern: {kind} becomes organisations (the entity list
 * judges its own filters, so it needs a real kind), any other {name} X. */
static void concrete(const char *pattern, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = pattern; *p && n + 16 < size; p++) {
        if (strncmp(p, "{kind}", 6) == 0) {
            n += (size_t)snprintf(out + n, size - n, "organisations");
            p += 5;
        } else if (*p == '{') {
            out[n++] = 'X';
            p = strchr(p, '}');
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

Test(api_entities, every_route_rejects_unknown_query_parameters)
{
    api_session admin;
    cr_assert_eq(api_sign_in(srv, TEST_ADMIN_EMAIL, TEST_PASSWORD, &admin), 200);
    for (int i = 0; i < http_route_total(); i++) {
        const http_route *route = http_route_at(i);
        char path[256], url[300];
        concrete(route->pattern, path, sizeof path);
        snprintf(url, sizeof url, "%s?colour=red", path);
        api_response r = api_call(srv, route->method, url, NULL, NULL, &admin);
        cr_expect_eq(r.status, 400, "%s %s: %s", route->method, url, r.body);
        cr_expect_str_eq(error_field(&r), "colour", "%s %s: %s", route->method, url, r.body);
        cr_expect(strstr(api_error_message(&r), "unknown query parameter 'colour'"), "%s %s: %s",
                  route->method, url, r.body);
        api_response_free(&r);
        /* Every parameter a GET route lists gets past the check to the handler. */
        if (strcmp(route->method, "GET") != 0 || !route->query)
            continue;
        char list[256];
        snprintf(list, sizeof list, "%s", route->query);
        for (char *name = strtok(list, ","); name; name = strtok(NULL, ",")) {
            if (strcmp(name, "*") == 0)
                continue;
            snprintf(url, sizeof url, "%s?%s=1", path, name);
            r = api_call(srv, "GET", url, NULL, NULL, &admin);
            cr_expect(!strstr(api_error_message(&r), "unknown query parameter"), "%s: %s", url,
                      r.body);
            api_response_free(&r);
        }
    }
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
        expect_query_described(route, json_object_get(op, "parameters"));
    }
    /* And nothing is described that is not served. */
    size_t ops = 0;
    const char *path;
    json_t *item;
    json_object_foreach(paths, path, item) ops += json_object_size(item);
    cr_assert_eq((int)ops, described);
    api_response_free(&r);
}

/* The version stored now for a row, read as a client would. */
static long long stored_version(const char *path)
{
    api_response r = call("GET", path, NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    long long v = json_integer_value(json_object_get(r.json, "version"));
    api_response_free(&r);
    return v;
}

Test(api_entities, a_change_names_the_version_it_was_made_to)
{
    const char *path = "/api/v1/sites/S-NGH";
    long long v = stored_version(path);
    cr_assert_geq(v, 1);
    enum { LEFT_OUT, AS_TEXT, GIVEN };
    static const struct {
        int how;           /* how the version is sent */
        long long version; /* GIVEN: this; AS_TEXT: the stored one, quoted */
        long delta;        /* GIVEN with version 0: the stored version plus this */
        long status;
        const char *message; /* a part of the error message */
    } cases[] = {
        {GIVEN, 0, 0, 200, NULL}, /* first, so that there is an older version to send */
        {LEFT_OUT, 0, 0, 428, "version: required"},
        {AS_TEXT, 0, 0, 428, "version: required"},
        {GIVEN, -3, 0, 428, "version: required"},
        {GIVEN, 0, -1, 409, "is at version"},
        {GIVEN, 0, +5, 409, "is at version"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char version[64] = "", body[256];
        long long sent = cases[i].version ? cases[i].version : v + cases[i].delta;
        if (cases[i].how == AS_TEXT)
            snprintf(version, sizeof version, ",\"version\":\"%lld\"", v);
        else if (cases[i].how == GIVEN)
            snprintf(version, sizeof version, ",\"version\":%lld", sent);
        snprintf(body, sizeof body,
                 "{\"name\":\"Case %zu\",\"organisation\":\"RNV\",\"gross_internal_m2\":"
                 "96500%s}",
                 i, version);
        api_response r = call("PUT", path, body);
        cr_assert_eq(r.status, cases[i].status, "case %zu (%s): %s", i, body, r.body);
        if (cases[i].message) {
            cr_assert_str_eq(error_field(&r), "version", "%s", r.body);
            const char *msg =
                json_string_value(json_object_get(json_object_get(r.json, "error"), "message"));
            cr_assert(strstr(msg, cases[i].message), "case %zu: %s", i, msg);
            if (cases[i].status == 409) {
                /* It names the version to read again, and nothing was written. */
                char now[64];
                snprintf(now, sizeof now, "at version %lld now", v);
                cr_assert(strstr(msg, now), "case %zu: %s", i, msg);
            }
            cr_assert_eq(stored_version(path), v, "a refused change left the version alone");
        } else {
            cr_assert_eq(json_integer_value(json_object_get(r.json, "version")), v + 1);
            v++;
        }
        api_response_free(&r);
    }
    cr_assert_eq(stored_version(path), v);
    api_response r = call("GET", path, NULL);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "name")), "Case 0", "%s", r.body);
    api_response_free(&r);

    /* An import is a change too: an edit prepared before it is stale after it. */
    r = api_call(srv, "POST", "/api/v1/import/sites",
                 "code,name,organisation,gross_internal_m2\nS-NGH,Imported name,RNV,96500\n",
                 "text/csv", &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    api_response_free(&r);
    cr_assert_eq(stored_version(path), v + 1);
    char body[200];
    snprintf(body, sizeof body,
             "{\"name\":\"Edited before the import\",\"organisation\":\"RNV\","
             "\"gross_internal_m2\":96500,\"version\":%lld}",
             v);
    r = call("PUT", path, body);
    cr_assert_eq(r.status, 409, "%s", r.body);
    api_response_free(&r);
    r = call("GET", path, NULL);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "name")), "Imported name");
    api_response_free(&r);
}

Test(api_entities, cached_statistics_follow_every_write)
{
    /* Asked twice, the second answer may come from the cache; after a write it must not. */
    const char *path = "/api/v1/indicators/FFT-POS/spc?org=RNV";
    api_response before = call("GET", path, NULL), again = call("GET", path, NULL);
    cr_assert_eq(before.status, 200, "%s", before.body);
    cr_assert_str_eq(again.body, before.body);
    api_response read = call("GET", "/api/v1/observations/FFT-POS/RNV/2026-03", NULL);
    char body[128];
    snprintf(body, sizeof body, "{\"numerator\":10,\"denominator\":1000,\"version\":%lld}",
             (long long)json_integer_value(json_object_get(read.json, "version")));
    api_response_free(&read);
    api_response w = call("PUT", "/api/v1/observations/FFT-POS/RNV/2026-03", body);
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
