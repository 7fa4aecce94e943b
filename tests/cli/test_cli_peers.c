/* `unlock opportunity --context`: the nearest peers by standardised contextual
 * indicators, on six practices worked by hand, and on the demo system. */
#include "support/server.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

#define RUN(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, NULL})

static void import(const char *kind, const char *name, const char *text)
{
    char *path = path_join(dir, name);
    file_write(path, text);
    run_result r = RUN("import", kind, name, "--db", "n.db");
    cr_assert_eq(r.status, 0, "%s: %s", name, r.err);
    run_result_free(&r);
    free(path);
}

/* Six practices. X (low is good) in 2026-03: P1 30%, P2 10%, P3 15%, P4 20%, P5 5%, P6 6%, each
 * of 1,000. The context C: P1 20, P2 21, P4 18 in 2026-03; P3 50 in 2024-01 then 25 in 2026-01
 * (the latest at or before the period counts: 25); P5 40 in 2025-01 and 10 in 2026-06 (after the
 * period, so 40); P6 none. */
static void setup(void)
{
    dir = tmpdir_make();
    run_result r = RUN("init", "--db", "n.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    import("organisations", "o.csv",
           "code,name,kind,parent\nQX,Test ICB,icb,\nP1,Practice One,practice,QX\n"
           "P2,Practice Two,practice,QX\nP3,Practice Three,practice,QX\n"
           "P4,Practice Four,practice,QX\nP5,Practice Five,practice,QX\n"
           "P6,Practice Six,practice,QX\n");
    import("indicators", "i.csv",
           "code,name,domain,type,multiplier,polarity,patient_reported,source,definition\n"
           "X,Something avoidable,safety,proportion,100,low_is_good,false,test,test\n"
           "C,Deprivation score,population_health,mean,1,neutral,false,test,test\n");
    import("observations", "b.csv",
           "indicator,organisation,service,period,numerator,denominator,value,note\n"
           "X,P1,,2026-03,300,1000,,\nX,P2,,2026-03,100,1000,,\nX,P3,,2026-03,150,1000,,\n"
           "X,P4,,2026-03,200,1000,,\nX,P5,,2026-03,50,1000,,\nX,P6,,2026-03,60,1000,,\n"
           "C,P1,,2026-03,,,20,\nC,P2,,2026-03,,,21,\nC,P3,,2024-01,,,50,\nC,P3,,2026-01,,,25,\n"
           "C,P4,,2026-03,,,18,\nC,P5,,2025-01,,,40,\nC,P5,,2026-06,,,10,\n");
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(cli_peers, .init = setup, .fini = teardown, .timeout = 120);

static json_t *run_json(const char *const *args)
{
    return run_result_json(unlock_run(dir, NULL, args));
}

static const char *str_at(json_t *array, size_t i)
{
    return json_string_value(json_array_get(array, i));
}

Test(cli_peers, nearest_by_context_worked_by_hand)
{
    json_t *j = run_json((const char *const[]){
        "opportunity", "--indicator", "X", "--period", "2026-03", "--org", "P1", "--context", "C",
        "--nearest", "3", "--best", "2", "--json", "--db", "n.db", NULL});
    /* C over the five with a value: 20, 21, 25, 18, 40; mean 24.8, sample sd sqrt(314.8 / 4) =
     * 8.871302. Distances from P1's 20: P2 1/sd = 0.112723, P4 2/sd = 0.225446, P3 5/sd =
     * 0.563615, P5 20/sd. The nearest 3 are P2, P4, P3; P5 (5%) and P6 (no context) are not. */
    json_t *peers = json_object_get(j, "peers");
    cr_assert_eq(json_array_size(peers), 3);
    cr_expect_str_eq(str_at(peers, 0), "P2");
    cr_expect_str_eq(str_at(peers, 1), "P4");
    cr_expect_str_eq(str_at(peers, 2), "P3");
    json_t *details = json_object_get(j, "peer_details");
    cr_expect_float_eq(json_number_value(json_object_get(json_array_get(details, 0), "distance")),
                       0.112723, 1e-6);
    cr_expect_float_eq(json_number_value(json_object_get(json_array_get(details, 1), "distance")),
                       0.225446, 1e-6);
    cr_expect_float_eq(json_number_value(json_object_get(json_array_get(details, 2), "distance")),
                       0.563615, 1e-6);
    cr_expect(json_is_false(json_object_get(json_array_get(details, 1), "best")));
    /* The best 2 peers (low is good): P2 10% and P3 15%, so the benchmark is 12.5%; P1's 30% is
     * 17.5 points worse, which over 1,000 people is 175 events. */
    json_t *best = json_object_get(j, "best_peers");
    cr_expect_str_eq(str_at(best, 0), "P2");
    cr_expect_str_eq(str_at(best, 1), "P3");
    cr_expect_float_eq(json_number_value(json_object_get(j, "benchmark")), 12.5, 1e-9);
    cr_expect_float_eq(json_number_value(json_object_get(j, "opportunity")), 175.0, 1e-9);
    json_t *method = json_object_get(j, "method");
    cr_expect_str_eq(json_string_value(json_object_get(method, "peers")), "nearest");
    cr_expect_eq(json_integer_value(json_object_get(method, "nearest")), 3);
    cr_expect_eq(json_integer_value(json_object_get(method, "best")), 2);
    json_t *ctx = json_array_get(json_object_get(method, "context"), 0);
    cr_expect_str_eq(json_string_value(json_object_get(ctx, "code")), "C");
    cr_expect_float_eq(json_number_value(json_object_get(ctx, "value")), 20.0, 1e-12);
    cr_expect_str_eq(json_string_value(json_object_get(j, "description")),
                     "Practice One was compared with its 3 most similar organisations (Practice "
                     "Two, Practice Four, Practice Three), chosen by standardised, equally "
                     "weighted distance on Deprivation score; the benchmark of 12.5 is the mean "
                     "of the best 2 (Practice Two, Practice Three); Practice One's 30.0 is worse "
                     "by 17.5, significant at 95% allowing for the uncertainty in both its own "
                     "rate and its peers' rates: an opportunity of 175 events.");
    json_decref(j);

    /* Without context every other practice is a peer: the best 2 are P5 and P6, 5.5%. */
    j = run_json((const char *const[]){"opportunity", "--indicator", "X", "--period", "2026-03",
                                       "--org", "P1", "--best", "2", "--json", "--db", "n.db",
                                       NULL});
    cr_expect_float_eq(json_number_value(json_object_get(j, "benchmark")), 5.5, 1e-9);
    cr_expect_str_eq(json_string_value(json_object_get(json_object_get(j, "method"), "peers")),
                     "all");
    json_decref(j);
}

Test(cli_peers, default_nearest_takes_all_with_context_when_fewer_than_ten)
{
    json_t *j = run_json((const char *const[]){"opportunity", "--indicator", "X", "--period",
                                               "2026-03", "--org", "P1", "--context", "C", "--json",
                                               "--db", "n.db", NULL});
    /* N = 10 but only four others have C; K = 5 but only four peers: P5 5%, P2 10%, P3 15%, P4
     * 20%, mean 12.5%. */
    cr_expect_eq(json_array_size(json_object_get(j, "peers")), 4);
    cr_expect_eq(json_array_size(json_object_get(j, "best_peers")), 4);
    cr_expect_float_eq(json_number_value(json_object_get(j, "benchmark")), 12.5, 1e-9);
    json_decref(j);
}

Test(cli_peers, refusals)
{
    static const struct {
        const char *const args[16];
        const char *message;
    } cases[] = {
        {{"opportunity", "--indicator", "X", "--period", "2026-03", "--org", "P1", "--context",
          "NOPE", "--db", "n.db"},
         "unlock: context: no indicator 'NOPE' (see `unlock list indicators`)\n"},
        {{"opportunity", "--indicator", "X", "--period", "2026-03", "--org", "P1", "--context", "C",
          "--peers", "P2", "--db", "n.db"},
         "unlock: give the peers either by name (peers) or by similarity (context), not both\n"},
        {{"opportunity", "--indicator", "X", "--period", "2026-03", "--org", "P1", "--nearest", "3",
          "--db", "n.db"},
         "unlock: nearest: the nearest peers are chosen by context; say which contextual "
         "indicators, e.g. context=IMD19\n"},
        {{"opportunity", "--indicator", "X", "--period", "2026-03", "--org", "P1", "--context", "C",
          "--nearest", "2.5", "--db", "n.db"},
         "unlock: nearest: expected a whole number of peers, 1 or more, not '2.5'\n"},
        {{"opportunity", "--indicator", "X", "--period", "2026-03", "--org", "P6", "--context", "C",
          "--db", "n.db"},
         "unlock: Practice Six has no value for every contextual indicator, so its most similar "
         "peers cannot be found; give the peer group explicitly\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_result r = unlock_run(dir, NULL, cases[i].args);
        cr_expect_eq(r.status, 1, "case %zu: %s", i, r.err);
        cr_expect_str_eq(r.err, cases[i].message, "case %zu", i);
        run_result_free(&r);
    }
}

static double num_at(json_t *array, size_t i)
{
    return json_number_value(json_array_get(array, i));
}

static json_t *org_row(json_t *j, const char *org)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(j, "orgs"), i, o)
    {
        if (strcmp(json_string_value(json_object_get(o, "org")), org) == 0)
            return o;
    }
    cr_assert_fail("no %s", org);
    return NULL;
}

Test(cli_peers, compare_quantiles_and_spine_worked_by_hand)
{
    json_t *j = run_json((const char *const[]){"compare", "--indicator", "X", "--period", "2026-03",
                                               "--json", "--svg", "c.svg", "--db", "n.db", NULL});
    /* Low is good, so the highest values rank first: 30 (P1) 1, 20 (P4) 2, 15 (P3) 3, 10 (P2) 4,
     * 6 (P6) 5, 5 (P5) 6, n = 6. Quartile 5 - ceil((7 - rank) 4 / 6): 1, 1, 2, 3, 3, 4.
     * Quintile 6 - ceil((7 - rank) 5 / 6): 1, 1, 2, 3, 4, 5. */
    static const struct {
        const char *org;
        int quartile, quintile;
    } want[] = {{"P1", 1, 1}, {"P4", 1, 1}, {"P3", 2, 2}, {"P2", 3, 3}, {"P6", 3, 4}, {"P5", 4, 5}};
    for (size_t i = 0; i < 6; i++) {
        json_t *o = org_row(j, want[i].org);
        cr_expect_eq(json_integer_value(json_object_get(o, "quartile")), want[i].quartile, "%s",
                     want[i].org);
        cr_expect_eq(json_integer_value(json_object_get(o, "quintile")), want[i].quintile, "%s",
                     want[i].org);
    }
    /* Cut points over 5 6 10 15 20 30 (h = 5 f): 7, 12.5, 18.75 between the extremes. */
    json_t *q = json_object_get(j, "quantiles");
    cr_expect_str_eq(json_string_value(json_object_get(q, "group_1")), "worst");
    json_t *cuts = json_object_get(q, "quartile_cuts");
    const double want_cuts[] = {5, 7, 12.5, 18.75, 30};
    for (size_t k = 0; k < 5; k++)
        cr_expect_float_eq(num_at(cuts, k), want_cuts[k], 1e-12, "cut %zu", k);
    /* The spine: benchmark the pooled 860 / 6000 = 14.333%; half-width max(14.333 - 5, 30 -
     * 14.333) = 15.667; turned for low is good, 30 sits at 0 and 5 at 1 - (0.5 - 9.333 /
     * 31.333) = 0.797872. */
    json_t *spine = json_object_get(j, "spine");
    cr_expect_float_eq(json_number_value(json_object_get(spine, "benchmark")), 860.0 / 60.0, 1e-9);
    cr_expect_float_eq(json_number_value(json_object_get(spine, "worst")), 30, 0);
    cr_expect_float_eq(json_number_value(json_object_get(spine, "worst_quartile")), 18.75, 1e-12);
    cr_expect_float_eq(json_number_value(json_object_get(spine, "best_quartile")), 7, 1e-12);
    cr_expect_float_eq(json_number_value(json_object_get(spine, "best")), 5, 0);
    cr_expect_float_eq(json_number_value(json_object_get(org_row(j, "P1"), "spine_position")), 0,
                       1e-12);
    cr_expect_float_eq(json_number_value(json_object_get(org_row(j, "P5"), "spine_position")),
                       1.0 - (0.5 - (860.0 / 60.0 - 5) / (2 * (30 - 860.0 / 60.0))), 1e-12);
    json_decref(j);

    char *path = path_join(dir, "c.svg");
    char *svg = file_read(path, NULL);
    cr_assert_not_null(svg);
    cr_expect(strstr(svg, "<svg") == svg);
    cr_expect(
        strstr(svg, ">Something avoidable, 2026-03, against all practice organisations</text>") !=
        NULL);
    cr_expect(strstr(svg, ">Organisation</text>") != NULL);
    cr_expect(strstr(svg, ">P1 Practice One</text>") != NULL);
    cr_expect_eq(count_of(svg, "class=\"marker "), 6);
    cr_expect_eq(count_of(svg, "class=\"marker worse\""), 2, "P1 and P4's intervals lie above");
    free(svg);
    free(path);
}
