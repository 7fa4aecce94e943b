/* The prescribing routes against a real server holding the demo system and its year of
 * prescribing. The values are checked against each other and against their definitions (a
 * measure's deciles rise, an organisation's month in the series is its value in that month's
 * measure, a price-per-unit saving is cost - units x target); the arithmetic itself is
 * hand-checked in tests/rx and tests/cli/test_cli_rx.c. */
#include "support/server.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static test_server *srv;
static api_session provider;

static void start(void)
{
    char measures[PATH_MAX];
    cr_assert(realpath("data/measures", measures), "run the tests from the repository root");
    setenv("UNLOCK_MEASURES", measures, 1);
    srv = test_server_start(&(test_server_opts){.demo = 1, .prescribing = 1, .users = 1});
    cr_assert_eq(api_sign_in(srv, TEST_PROVIDER_EMAIL, TEST_PASSWORD, &provider), 200);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_prescribing, .init = start, .fini = stop, .timeout = 180);

static api_response get(const char *path)
{
    return api_call(srv, "GET", path, NULL, NULL, &provider);
}

static double num(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_null(v) ? NAN : json_number_value(v);
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static void assert_rising(json_t *deciles)
{
    double prev = -INFINITY;
    for (int k = 10; k <= 90; k += 10) {
        char key[16];
        snprintf(key, sizeof key, "%d", k);
        double v = num(deciles, key);
        cr_assert(isfinite(v) && v >= prev, "decile %d = %g after %g", k, v, prev);
        prev = v;
    }
}

Test(api_prescribing, measures_list_every_definition_and_the_stored_year)
{
    api_response r = get("/api/v1/measures");
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *items = json_object_get(r.json, "items"), *months = json_object_get(r.json, "months");
    cr_assert_eq(json_array_size(items), 13);
    for (size_t i = 0; i < json_array_size(items); i++)
        cr_assert_gt(strlen(str(json_array_get(items, i), "why_it_matters")), 40);
    cr_assert_eq(json_array_size(months), 12);
    cr_assert_eq(json_integer_value(json_array_get(months, 0)), 202504);
    cr_assert_eq(json_integer_value(json_array_get(months, 11)), 202603);
    api_response_free(&r);
}

Test(api_prescribing, a_measure_for_one_month_has_the_issue_shape)
{
    api_response r = get("/api/v1/measures/branded_omeprazole?month=202603&org=X81001");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(str(r.json, "measure"), "branded_omeprazole");
    cr_assert_eq(json_integer_value(json_object_get(r.json, "month")), 202603);
    cr_assert_str_eq(str(r.json, "level"), "practice");
    assert_rising(json_object_get(r.json, "deciles"));
    json_t *orgs = json_object_get(r.json, "orgs");
    cr_assert_eq(json_array_size(orgs), 1);
    json_t *o = json_array_get(orgs, 0);
    cr_assert_str_eq(str(o, "code"), "X81001");
    cr_assert_str_eq(str(o, "name"), "Riverside Surgery");
    cr_assert_float_eq(num(o, "value"), num(o, "numerator") / num(o, "denominator") * 100, 1e-9);
    cr_assert(json_is_object(json_object_get(o, "savings")));
    double value = num(o, "value");
    api_response_free(&r);

    /* The same organisation's month in the series over months. */
    r = get("/api/v1/measures/branded_omeprazole/deciles?org=X81001");
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *months = json_object_get(r.json, "months");
    cr_assert_eq(json_array_size(months), 12);
    for (size_t i = 0; i < 12; i++)
        assert_rising(json_object_get(json_array_get(months, i), "deciles"));
    json_t *last = json_array_get(months, 11);
    cr_assert_eq(json_integer_value(json_object_get(last, "month")), 202603);
    cr_assert_float_eq(num(last, "value"), value, 1e-12);
    cr_assert_str_eq(str(r.json, "org_name"), "Riverside Surgery");
    api_response_free(&r);

    r = get("/api/v1/measures/branded_omeprazole?level=sub_icb");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_array_size(json_object_get(r.json, "orgs")), 3, "the three places");
    api_response_free(&r);
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

Test(api_prescribing, the_decile_chart_draws_nine_deciles_and_the_organisation)
{
    api_response r = get("/api/v1/measures/branded_omeprazole/deciles.svg?org=X81001");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(strstr(api_header(&r, "Content-Type"), "image/svg+xml"));
    cr_assert_eq(count(r.body, "class=\"decile "), 9);
    cr_assert_eq(count(r.body, "class=\"decile d50 median\""), 1);
    cr_assert_eq(count(r.body, "stroke-dasharray=\"4 4\""), 8, "all but the median dashed");
    cr_assert_eq(count(r.body, "class=\"org-line\""), 1);
    cr_assert_eq(count(r.body, "class=\"org-point\""), 12);
    cr_assert(strstr(r.body, "Riverside Surgery"));
    api_response_free(&r);
}

Test(api_prescribing, an_organisations_measures_are_ranked_by_saving)
{
    api_response r = get("/api/v1/organisations/X81001/measures");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(str(r.json, "level"), "practice");
    json_t *items = json_object_get(r.json, "items");
    cr_assert_gt(json_array_size(items), 8);
    double prev = INFINITY, total = 0;
    int past_costed = 0;
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *o = json_array_get(items, i);
        double s = num(o, "saving_at_median");
        if (!isfinite(s)) {
            past_costed = 1;
            cr_assert(!json_is_true(json_object_get(o, "is_cost_based")));
            continue;
        }
        cr_assert(!past_costed, "costed measures come first");
        cr_assert(s <= prev, "ranked by saving");
        prev = s;
        if (s > 0)
            total += s;
    }
    cr_assert_float_eq(num(r.json, "total_saving_at_median"), total, 1e-6);
    api_response_free(&r);

    r = get("/api/v1/organisations/QNV-RAV/measures");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(str(r.json, "level"), "sub_icb");
    api_response_free(&r);
}

Test(api_prescribing, price_per_unit_rows_are_cost_less_units_at_the_target)
{
    api_response r = get("/api/v1/ppu?month=202603&org=X81001&limit=1000");
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *rows = json_object_get(r.json, "rows");
    cr_assert_gt(json_array_size(rows), 3);
    double prev = INFINITY, total = 0;
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *o = json_array_get(rows, i);
        cr_assert_str_eq(str(o, "org"), "X81001");
        cr_assert_float_eq(num(o, "saving"), num(o, "cost") - num(o, "units") * num(o, "target"),
                           1e-6);
        cr_assert_geq(num(o, "saving"), 10, "the practice minimum");
        cr_assert_leq(num(o, "saving"), prev);
        prev = num(o, "saving");
        total += num(o, "saving");
    }
    cr_assert_float_eq(num(r.json, "total"), total, 1e-6);
    api_response_free(&r);
}

Test(api_prescribing, the_largest_savings_and_the_register_count_one_level)
{
    const char *levels[] = {"practice", "sub_icb"};
    for (int k = 0; k < 2; k++) {
        char path[128];
        snprintf(path, sizeof path, "/api/v1/prescribing/savings?limit=3&level=%s", levels[k]);
        api_response r = get(path);
        cr_assert_eq(r.status, 200, "%s", r.body);
        json_t *items = json_object_get(r.json, "items");
        cr_assert_eq(json_array_size(items), 3);
        for (size_t i = 0; i < 3; i++)
            cr_assert_str_eq(str(json_array_get(items, i), "level"), levels[k]);
        api_response_free(&r);

        snprintf(path, sizeof path, "/api/v1/opportunities?kind=prescribing&level=%s", levels[k]);
        r = get(path);
        cr_assert_eq(r.status, 200, "%s", r.body);
        items = json_object_get(r.json, "items");
        double sum = 0;
        for (size_t i = 0; i < json_array_size(items); i++) {
            cr_assert_str_eq(str(json_array_get(items, i), "level"), levels[k]);
            sum += num(json_array_get(items, i), "gbp");
        }
        cr_assert_float_eq(num(r.json, "total_gbp"), sum, 1e-6);
        api_response_free(&r);
    }
}

Test(api_prescribing, bad_requests_say_what_is_wrong)
{
    struct {
        const char *path;
        long status;
        const char *message;
    } cases[] = {
        {"/api/v1/measures/nope", 404, "no measure 'nope'"},
        {"/api/v1/measures/branded_omeprazole?month=2026-03", 400, "month: expected YYYYMM"},
        {"/api/v1/measures/branded_omeprazole?month=202001", 404,
         "no prescribing stored for 202001"},
        {"/api/v1/measures/branded_omeprazole?level=ward", 400, "level: expected practice"},
        {"/api/v1/measures/branded_omeprazole?org=NOPE", 404, "no practice 'NOPE'"},
        {"/api/v1/measures/branded_omeprazole/deciles?org=NOPE", 404, "no practice 'NOPE'"},
        {"/api/v1/organisations/NOPE/measures", 404, "no prescribing for an organisation 'NOPE'"},
        {"/api/v1/opportunities?level=icb", 400, "expected practice or sub_icb"},
        {"/api/v1/ppu?colour=red", 400, "unknown query parameter 'colour'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        api_response r = get(cases[i].path);
        cr_assert_eq(r.status, cases[i].status, "%s: %s", cases[i].path, r.body);
        cr_assert(strstr(api_error_message(&r), cases[i].message), "%s: %s", cases[i].path, r.body);
        api_response_free(&r);
    }
}
