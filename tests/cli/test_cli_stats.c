/* unlock funnel, compare and opportunity: the real binary, on files worked by
 * hand and on the demo system. */
#include "support/server.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void)
{
    dir = test_demo_dir();
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(cli_stats, .init = setup, .fini = teardown, .timeout = 120);

#define RUN(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, NULL})

static json_t *run_json(const char *const *args)
{
    return run_result_json(unlock_run(dir, NULL, args));
}

static json_t *org_in(json_t *j, const char *org)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(j, "orgs"), i,
                       o) if (strcmp(json_string_value(json_object_get(o, "org")), org) ==
                              0) return o;
    cr_assert_fail("no %s in the answer", org);
    return NULL;
}

static double num(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

Test(cli_stats, funnel_from_csv_matches_a_hand_calculation)
{
    char *path = path_join(dir, "f.csv");
    file_write(path, "org,numerator,denominator\nA,10,100\nB,30,200\nC,50,200\n");
    json_t *j = run_json((const char *const[]){"funnel", "--csv", "f.csv", "--json", NULL});
    /* Average 90/500 = 18%. At n = 100 the 95% limits are 0.18 ± 1.959964 √(0.18·0.82/100)
     * = 10.47% to 25.53%, 99.8% (z 3.090232) 6.13% to 29.87%: A's 10% is low at 0.025 only.
     * At n = 200, 95% upper 23.33%, 99.8% upper 26.39%: C's 25% is high at 0.025. */
    cr_assert_float_eq(num(j, "average"), 18.0, 1e-9);
    json_t *a = org_in(j, "A"), *b = org_in(j, "B"), *c = org_in(j, "C");
    cr_assert_float_eq(num(a, "limit95_low"), 10.4700, 1e-3);
    cr_assert_float_eq(num(a, "limit95_high"), 25.5300, 1e-3);
    cr_assert_float_eq(num(a, "limit998_low"), 6.1280, 1e-3);
    cr_assert_str_eq(str(a, "significance"), "low_0.025");
    cr_assert_str_eq(str(b, "significance"), "not_significant");
    cr_assert_float_eq(num(c, "limit95_high"), 23.3248, 1e-3);
    cr_assert_float_eq(num(c, "limit998_high"), 26.3947, 1e-3);
    cr_assert_str_eq(str(c, "significance"), "high_0.025");
    json_decref(j);
    free(path);
}

Test(cli_stats, funnel_from_the_database_writes_svg)
{
    json_t *j =
        run_json((const char *const[]){"funnel", "--indicator", "GP-DNA", "--period", "2026-03",
                                       "--svg", "f.svg", "--json", "--db", "d.db", NULL});
    cr_assert_str_eq(str(j, "type"), "proportion");
    cr_assert_gt(json_array_size(json_object_get(j, "orgs")), 1);
    json_decref(j);
    char *path = path_join(dir, "f.svg");
    char *svg = file_read(path, NULL);
    cr_assert_not_null(svg);
    cr_assert(strstr(svg, "<svg") == svg, "%.100s", svg);
    cr_assert(strstr(svg, "GP appointments not attended") != NULL);
    free(svg);
    free(path);
}

Test(cli_stats, compare_judges_by_polarity)
{
    /* Antibiotic items per 1,000 (low is good) in the demo's last month: X81004's 95%
     * interval lies wholly below the pooled rate of all practices, X81001's above it. */
    json_t *j = run_json((const char *const[]){"compare", "--indicator", "ABX", "--period",
                                               "2026-03", "--json", "--db", "d.db", NULL});
    cr_assert_str_eq(str(j, "polarity"), "low_is_good");
    double bench = num(json_object_get(j, "benchmark"), "value");
    json_t *good = org_in(j, "X81004"), *bad = org_in(j, "X81001");
    cr_assert_lt(num(good, "ci95_high"), bench);
    cr_assert_str_eq(str(good, "three_tier"), "better");
    cr_assert_gt(num(bad, "ci95_low"), bench);
    cr_assert_str_eq(str(bad, "three_tier"), "worse");
    /* Quintiles count from the worst: the worst practice is in quintile 1. */
    cr_assert_eq(json_integer_value(json_object_get(bad, "quintile")), 1);
    json_decref(j);
}

Test(cli_stats, opportunity_only_when_worse_and_significant)
{
    /* X81017 had its antibiotic prescribing planted high from 2025-01. */
    json_t *j = run_json((const char *const[]){"opportunity", "--indicator", "ABX", "--period",
                                               "2026-03", "--org", "X81017", "--unit-cost", "3.5",
                                               "--json", "--db", "d.db", NULL});
    cr_assert(json_is_true(json_object_get(j, "worse")));
    cr_assert(json_is_true(json_object_get(j, "significant")));
    double opp = num(j, "opportunity");
    cr_assert_gt(opp, 0);
    cr_assert_float_eq(num(j, "opportunity_cost"), opp * 3.5, 1e-6);
    cr_assert(strstr(str(j, "description"), "the mean of the best 5") != NULL, "%s",
              str(j, "description"));
    json_t *best = json_object_get(j, "best_peers");
    const char *best_org = json_string_value(json_array_get(best, 0));
    char best_code[16];
    snprintf(best_code, sizeof best_code, "%s", best_org);
    json_decref(j);

    /* The best peer itself has nothing to gain. */
    j = run_json((const char *const[]){"opportunity", "--indicator", "ABX", "--period", "2026-03",
                                       "--org", best_code, "--json", "--db", "d.db", NULL});
    cr_assert_eq(num(j, "opportunity"), 0);
    cr_assert(json_is_false(json_object_get(j, "worse")) ||
              json_is_false(json_object_get(j, "significant")));
    json_decref(j);
}

Test(cli_stats, statistics_refuse_what_they_cannot_do)
{
    run_result r = RUN("funnel", "--indicator", "ACU-LOS", "--period", "2026-03", "--db", "d.db");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: ACU-LOS is a mean; a funnel plot needs a proportion, rate or "
                            "ratio with numerators and denominators\n");
    run_result_free(&r);
    r = RUN("opportunity", "--indicator", "ACU-LOS", "--period", "2026-03", "--org", "RNV", "--db",
            "d.db");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "ACU-LOS is a mean") != NULL, "%s", r.err);
    run_result_free(&r);
    r = RUN("compare", "--indicator", "NOPE", "--period", "2026-03", "--db", "d.db");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: no indicator 'NOPE' (see `unlock list indicators`)\n");
    run_result_free(&r);
    r = RUN("spc", "--indicator", "ABX", "--org", "X81017", "--target", "lots", "--db", "d.db");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: target: expected a number, not 'lots'\n");
    run_result_free(&r);
}

Test(cli_stats, opportunity_nearest_peers_on_the_demo_deprivation_score)
{
    json_t *j = run_json((const char *const[]){"opportunity", "--indicator", "ABX", "--period",
                                               "2026-03", "--org", "X81017", "--context", "IMD19",
                                               "--json", "--db", "d.db", NULL});
    /* Ten practices (N's default) by their deprivation score, most alike first; five of them
     * (K's default) make the benchmark. */
    json_t *details = json_object_get(j, "peer_details");
    cr_assert_eq(json_array_size(details), 10);
    cr_expect_eq(json_array_size(json_object_get(j, "best_peers")), 5);
    double last = 0;
    size_t i;
    json_t *p;
    json_array_foreach(details, i, p)
    {
        double d = num(p, "distance");
        cr_expect_geq(d, last, "peer %zu is nearer than the one before", i);
        cr_expect_neq(strcmp(str(p, "org"), "X81017"), 0);
        last = d;
    }
    cr_expect_str_eq(str(json_object_get(j, "method"), "peers"), "nearest");
    cr_expect(strstr(str(j, "description"),
                     "10 most similar organisations (Ashgrove Surgery, Harbourside Medical "
                     "Centre,") != NULL,
              "%s", str(j, "description"));
    cr_expect(strstr(str(j, "description"), "distance on Deprivation score (IMD 2019)") != NULL);
    json_decref(j);
}

Test(cli_stats, spc_of_the_unchanging_deprivation_score_is_flat)
{
    /* 36 months of the same 2019 snapshot (32.7, not exact in binary): no special cause. */
    json_t *j = run_json((const char *const[]){"spc", "--indicator", "IMD19", "--org", "X81017",
                                               "--json", "--db", "d.db", NULL});
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(j, "points"), i, p)
    {
        cr_expect_str_eq(str(p, "type"), "common_cause", "point %zu", i);
        cr_expect_eq(num(p, "mean"), 32.7, "point %zu", i);
    }
    cr_expect_eq(i, 36);
    cr_expect_str_eq(str(j, "variation"), "common_cause");
    json_decref(j);
}
