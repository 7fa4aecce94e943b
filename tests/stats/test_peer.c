/* Tests for src/stats/peer.c. Every number below is worked by hand (the arithmetic done in Python
 * with the closed-form Wilson interval, z = 1.959963984540054), shown in the comments:
 *
 * Seven organisations, two contextual indicators (deprivation, % aged 65+), proportions of 1000:
 *   A 300 (20, 15)   B 200 (21, 15.5)   C 220 (19, 14)   D 250 (25, 16)
 *   E 180 (40, 15)   F 260 (20, 25)     G 150 (35, 22)
 * Means 25.7143 and 17.5, sample SDs 8.40068 and 4.23281. Standardised distances from A:
 *   B 0.167701  C 0.264545  D 0.640363  F 2.362498  E 2.380760  G 2.433751
 * (Unstandardised, G at 16.55 would come before E at 20: standardising matters.) */
#include "stats/peer.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

static const double CTX[7][2] = {{20, 15}, {21, 15.5}, {19, 14}, {25, 16},
                                 {40, 15}, {20, 25},   {35, 22}};
static const char *const NAMES[7] = {"A", "B", "C", "D", "E", "F", "G"};
static const double NUM[7] = {300, 200, 220, 250, 180, 260, 150};
static const char *const CTX_NAMES[2] = {"deprivation", "age 65+"};

static void make_orgs(peer_org *orgs)
{
    for (int i = 0; i < 7; i++) {
        orgs[i].name = NAMES[i];
        orgs[i].numerator = NUM[i];
        orgs[i].denominator = 1000;
        orgs[i].context = CTX[i];
    }
}

static void base_options(peer_options *opt)
{
    peer_options_init(opt);
    opt->n_context = 2;
    opt->context_names = CTX_NAMES;
    opt->n_nearest = 3;
    opt->n_best = 2;
    opt->multiplier = 100;
}

Test(stats_peer, nearest_by_standardised_distance)
{
    peer_org orgs[7];
    make_orgs(orgs);
    peer_options opt;
    base_options(&opt);
    opt.n_nearest = 5;
    peer_result r;
    err e = {0};
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.nearest, 1);
    cr_assert_eq(r.n_peers, 5);
    const size_t want[] = {1, 2, 3, 5, 4}; /* B C D F E: E before G */
    const double dist[] = {0.16770071215687482, 0.26454488083159355, 0.6403631513712521,
                           2.362497692874473, 2.3807595834800255};
    for (size_t i = 0; i < 5; i++) {
        cr_assert_eq(r.peers[i], want[i], "peer %zu is %s", i, NAMES[r.peers[i]]);
        cr_assert_float_eq(r.distance[i], dist[i], 1e-12);
    }
    /* Best 2 of B C D F E with low is good: E (18%) then B (20%). */
    cr_assert_eq(r.best[0], 4);
    cr_assert_eq(r.best[1], 1);
    cr_assert_float_eq(r.benchmark, 19.0, 1e-12);
    peer_result_free(&r);
}

/* N = 3: peers B, C, D; best 2 are B (20%) and C (22%): benchmark 21%. A is 30%, 9 points worse.
 * se(A) = (0.3 - Wilson lower 0.2724068) / z = 0.0140784; se of each best peer from its Wilson
 * upper end (B 0.2259427, C 0.2468848); se(benchmark) = sqrt(se_B^2 + se_C^2) / 2 = 0.00949643;
 * se(difference) = 0.01698186; z = 0.09 / 0.01698 = 5.30 > 1.96: significant.
 * Opportunity = 0.09 x 1000 = 90 events; at 150 pounds each, 13,500 pounds. */
Test(stats_peer, opportunity_when_worse_and_significant)
{
    peer_org orgs[7];
    make_orgs(orgs);
    peer_options opt;
    base_options(&opt);
    opt.unit_cost = 150;
    opt.unit = "admissions";
    peer_result r;
    err e = {0};
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.n_peers, 3);
    cr_assert_eq(r.best[0], 1);
    cr_assert_eq(r.best[1], 2);
    cr_assert_float_eq(r.own_rate, 30.0, 1e-12);
    cr_assert_float_eq(r.benchmark, 21.0, 1e-12);
    cr_assert_float_eq(r.difference, 9.0, 1e-12);
    cr_assert_float_eq(r.se_difference, 1.6981857882751073, 1e-10);
    cr_assert_eq(r.worse, 1);
    cr_assert_eq(r.significant, 1);
    cr_assert_float_eq(r.opportunity, 90.0, 1e-9);
    cr_assert_float_eq(r.opportunity_cost, 13500.0, 1e-6);
    cr_assert_str_eq(r.description,
                     "A was compared with its 3 most similar organisations (B, C, D), chosen by "
                     "standardised, equally weighted distance on deprivation and age 65+; the "
                     "benchmark of 21.0 is the mean of the best 2 (B, C); A's 30.0 is worse by "
                     "9.00, significant at 95% allowing for the uncertainty in both its own rate "
                     "and its peers' rates: an opportunity of 90 admissions (\xc2\xa3"
                     "13,500).");
    peer_result_free(&r);
}

/* Dropkin's point: A has 5 of 100 (5%); its explicit peers X and Y had 0 of 20 and 0 of 25, so the
 * benchmark is 0%. A's own Wilson interval (2.15% to 11.2%) excludes 0, so ignoring the peers'
 * uncertainty would call A significantly worse. Their Wilson upper ends (16.1%, 13.3%) give
 * se(benchmark) = 5.33%, se(difference) = 5.53%, z = 0.90: not significant, no opportunity. */
Test(stats_peer, peers_uncertainty_prevents_a_false_opportunity)
{
    peer_org orgs[3] = {{"A", 5, 100, NULL}, {"X", 0, 20, NULL}, {"Y", 0, 25, NULL}};
    size_t peers[] = {1, 2};
    peer_options opt;
    peer_options_init(&opt);
    opt.peers = peers;
    opt.n_peers = 2;
    opt.multiplier = 100;
    peer_result r;
    err e = {0};
    cr_assert_eq(peer_opportunity(orgs, 3, &opt, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.nearest, 0);
    cr_assert(isnan(r.distance[0]));
    cr_assert_float_eq(r.benchmark, 0.0, 0);
    cr_assert_float_eq(r.se_difference, 5.527082649470617, 1e-10);
    cr_assert_eq(r.worse, 1);
    cr_assert_eq(r.significant, 0);
    cr_assert_float_eq(r.opportunity, 0.0, 0);
    cr_assert(isnan(r.opportunity_cost));
    cr_assert(strstr(r.description, "A was compared with its peer group of 2 (X, Y)") != NULL, "%s",
              r.description);
    cr_assert(strstr(r.description, "not significant at 95%") != NULL, "%s", r.description);
    cr_assert(strstr(r.description, "no opportunity is counted") != NULL, "%s", r.description);
    peer_result_free(&r);
}

Test(stats_peer, better_than_benchmark_has_no_opportunity)
{
    peer_org orgs[7];
    make_orgs(orgs);
    peer_options opt;
    base_options(&opt);
    opt.target = 6; /* G, 15%: better than any peer when low is good */
    peer_result r;
    err e = {0};
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.worse, 0);
    cr_assert_float_eq(r.opportunity, 0.0, 0);
    cr_assert(strstr(r.description, "better than the benchmark") != NULL, "%s", r.description);
    peer_result_free(&r);
}

/* High is good (e.g. vaccination uptake): the best peers are the highest. Explicit peers B, C, D,
 * F for G (15%): best 2 are F (26%) and D (25%), benchmark 25.5%; G is 10.5 points worse:
 * opportunity 0.105 x 1000 = 105. */
Test(stats_peer, high_is_good)
{
    peer_org orgs[7];
    make_orgs(orgs);
    size_t peers[] = {1, 2, 3, 5, 6, 3}; /* the target and a duplicate are ignored */
    peer_options opt;
    peer_options_init(&opt);
    opt.target = 6;
    opt.peers = peers;
    opt.n_peers = 6;
    opt.n_best = 2;
    opt.polarity = COMPARE_HIGH_IS_GOOD;
    peer_result r;
    err e = {0};
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.n_peers, 4);
    cr_assert_eq(r.best[0], 5);
    cr_assert_eq(r.best[1], 3);
    cr_assert_float_eq(r.benchmark, 0.255, 1e-12);
    cr_assert_eq(r.worse, 1);
    cr_assert_eq(r.significant, 1);
    cr_assert_float_eq(r.opportunity, 105.0, 1e-9);
    cr_assert(strstr(r.description, "an opportunity of 105 events.") != NULL, "%s", r.description);
    peer_result_free(&r);
}

/* Fewer peers than K: the benchmark is the mean of all of them. */
Test(stats_peer, fewer_peers_than_best_k)
{
    peer_org orgs[7];
    make_orgs(orgs);
    peer_options opt;
    base_options(&opt);
    opt.n_nearest = 2; /* B, C */
    opt.n_best = 5;
    peer_result r;
    err e = {0};
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.n_best, 2);
    cr_assert_float_eq(r.benchmark, 21.0, 1e-12);
    peer_result_free(&r);
}

/* Rates use exact Poisson intervals: A 60 events in 10,000, peers 20 and 25 in 10,000 each;
 * benchmark (0.002 + 0.0025) / 2 = 0.00225 per person = 22.5 per 10,000; A is 37.5 worse per
 * 10,000: opportunity 0.00375 x 10,000 = 37.5 events. A's exact lower limit for 60 events is
 * 45.7863; the peers' upper limits 30.8884 and 36.9049 (exact Poisson tables; mpmath digits). */
Test(stats_peer, rates_use_exact_poisson)
{
    peer_org orgs[3] = {{"A", 60, 10000, NULL}, {"P", 20, 10000, NULL}, {"Q", 25, 10000, NULL}};
    size_t peers[] = {1, 2};
    peer_options opt;
    peer_options_init(&opt);
    opt.peers = peers;
    opt.n_peers = 2;
    opt.measure = PEER_RATE;
    opt.multiplier = 10000;
    peer_result r;
    err e = {0};
    cr_assert_eq(peer_opportunity(orgs, 3, &opt, &r, &e), 0, "%s", e.msg);
    cr_assert_float_eq(r.benchmark, 22.5, 1e-10);
    cr_assert_float_eq(r.difference, 37.5, 1e-10);
    double z = 1.959963984540054;
    double se_own = (60 - 45.786320950007266) / z, se_p = (30.8883779026746 - 20) / z,
           se_q = (36.90493169753037 - 25) / z;
    double se = sqrt(se_own * se_own + (se_p * se_p + se_q * se_q) / 4);
    cr_assert_float_eq(r.se_difference, se, 1e-9);
    cr_assert_eq(r.significant, 1);
    cr_assert_float_eq(r.opportunity, 37.5, 1e-9);
    peer_result_free(&r);
}

Test(stats_peer, errors)
{
    peer_org orgs[7];
    make_orgs(orgs);
    peer_options opt;
    base_options(&opt);
    peer_result r;
    err e = {0};

    opt.target = 7;
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    opt.target = 0;

    opt.polarity = COMPARE_NEUTRAL;
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), -1);
    cr_assert(strstr(e.msg, "high_is_good or low_is_good") != NULL, "%s", e.msg);
    opt.polarity = COMPARE_LOW_IS_GOOD;

    /* The target lacks a contextual value. */
    const double missing[2] = {NAN, 15};
    orgs[0].context = missing;
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), -1);
    cr_assert(strstr(e.msg, "A has no value for every contextual indicator") != NULL, "%s", e.msg);
    orgs[0].context = CTX[0];

    /* A peer with a missing value is simply not a candidate. */
    orgs[1].context = missing;
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.peers[0], 2);
    peer_result_free(&r);
    orgs[1].context = CTX[1];

    /* A bad numerator in a peer names it. */
    orgs[2].numerator = 2000;
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), -1);
    cr_assert(strstr(e.msg, "C: numerator 2000 is larger") != NULL, "%s", e.msg);
    orgs[2].numerator = 220;

    /* Explicit peers out of range, or only the target. */
    size_t bad[] = {9};
    opt.peers = bad;
    opt.n_peers = 1;
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), -1);
    size_t self[] = {0};
    opt.peers = self;
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), -1);
    cr_assert(strstr(e.msg, "no organisation other") != NULL, "%s", e.msg);
    opt.peers = NULL;

    opt.n_context = 0;
    cr_assert_eq(peer_opportunity(orgs, 7, &opt, &r, &e), -1);
    peer_result_free(&r);
}
