/* Tests for src/stats/compare.c. The comparison rules are Fingertips' (technical guidance:
 * "similar" when the benchmark lies inside the area's 95% interval, five tiers adding 99.8%);
 * numbers are worked by hand in the comments. Spine positions follow fingertipscharts'
 * spine_rescaler(): benchmark in the middle, the further extreme at the edge, low-is-good turned
 * round. */
#include "stats/compare.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

static ci_interval ci(double lo, double hi)
{
    ci_interval c = {lo, hi};
    return c;
}

Test(stats_compare, three_tier_by_polarity)
{
    /* Area 10% of 100: Wilson 95% 5.52..17.44 (percent). */
    ci_interval c = ci(5.52, 17.44);
    cr_assert_eq(compare_three_tier(c, 12.0, COMPARE_HIGH_IS_GOOD), COMPARE_SIMILAR);
    cr_assert_eq(compare_three_tier(c, 20.0, COMPARE_HIGH_IS_GOOD), COMPARE_WORSE);
    cr_assert_eq(compare_three_tier(c, 20.0, COMPARE_LOW_IS_GOOD), COMPARE_BETTER);
    cr_assert_eq(compare_three_tier(c, 3.0, COMPARE_HIGH_IS_GOOD), COMPARE_BETTER);
    cr_assert_eq(compare_three_tier(c, 3.0, COMPARE_LOW_IS_GOOD), COMPARE_WORSE);
    cr_assert_eq(compare_three_tier(c, 3.0, COMPARE_NO_JUDGEMENT), COMPARE_HIGHER);
    cr_assert_eq(compare_three_tier(c, 20.0, COMPARE_NO_JUDGEMENT), COMPARE_LOWER);
    cr_assert_eq(compare_three_tier(c, 20.0, COMPARE_NEUTRAL), COMPARE_NOT_COMPARED);
}

Test(stats_compare, benchmark_on_the_interval_edge_is_similar)
{
    ci_interval c = ci(5.0, 10.0);
    cr_assert_eq(compare_three_tier(c, 5.0, COMPARE_HIGH_IS_GOOD), COMPARE_SIMILAR);
    cr_assert_eq(compare_three_tier(c, 10.0, COMPARE_HIGH_IS_GOOD), COMPARE_SIMILAR);
}

Test(stats_compare, missing_values_are_not_compared)
{
    /* A suppressed DSR (fewer than 10 events) has NaN limits. */
    cr_assert_eq(compare_three_tier(ci(NAN, NAN), 5.0, COMPARE_HIGH_IS_GOOD), COMPARE_NOT_COMPARED);
    cr_assert_eq(compare_three_tier(ci(1, 2), NAN, COMPARE_HIGH_IS_GOOD), COMPARE_NOT_COMPARED);
    cr_assert_eq(compare_five_tier(ci(1, 2), ci(NAN, NAN), 5.0, COMPARE_HIGH_IS_GOOD),
                 COMPARE_NOT_COMPARED);
}

Test(stats_compare, five_tier)
{
    /* 10 of 100: 95% 5.52..17.44, 99.8% 3.97..23.01. */
    ci_interval c95 = ci(5.52, 17.44), c998 = ci(3.97, 23.01);
    struct {
        double bench;
        compare_polarity pol;
        compare_outcome want;
    } cases[] = {
        {12.0, COMPARE_HIGH_IS_GOOD, COMPARE_SIMILAR},
        {20.0, COMPARE_HIGH_IS_GOOD, COMPARE_WORSE_95},   /* outside 95%, inside 99.8% */
        {25.0, COMPARE_HIGH_IS_GOOD, COMPARE_WORSE_99_8}, /* outside both */
        {20.0, COMPARE_LOW_IS_GOOD, COMPARE_BETTER_95},
        {25.0, COMPARE_LOW_IS_GOOD, COMPARE_BETTER_99_8},
        {5.0, COMPARE_HIGH_IS_GOOD, COMPARE_BETTER_95},
        {3.0, COMPARE_HIGH_IS_GOOD, COMPARE_BETTER_99_8},
        {3.0, COMPARE_LOW_IS_GOOD, COMPARE_WORSE_99_8},
        {5.0, COMPARE_LOW_IS_GOOD, COMPARE_WORSE_95},
        {3.0, COMPARE_NO_JUDGEMENT, COMPARE_HIGHER_99_8},
        {5.0, COMPARE_NO_JUDGEMENT, COMPARE_HIGHER_95},
        {20.0, COMPARE_NO_JUDGEMENT, COMPARE_LOWER_95},
        {25.0, COMPARE_NO_JUDGEMENT, COMPARE_LOWER_99_8},
        {25.0, COMPARE_NEUTRAL, COMPARE_NOT_COMPARED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        compare_outcome got = compare_five_tier(c95, c998, cases[i].bench, cases[i].pol);
        cr_assert_eq(got, cases[i].want, "case %zu: got %s, want %s", i, compare_outcome_name(got),
                     compare_outcome_name(cases[i].want));
    }
}

Test(stats_compare, names)
{
    cr_assert_str_eq(compare_outcome_name(COMPARE_NOT_COMPARED), "not_compared");
    cr_assert_str_eq(compare_outcome_name(COMPARE_SIMILAR), "similar");
    cr_assert_str_eq(compare_outcome_name(COMPARE_BETTER), "better");
    cr_assert_str_eq(compare_outcome_name(COMPARE_WORSE), "worse");
    cr_assert_str_eq(compare_outcome_name(COMPARE_HIGHER), "higher");
    cr_assert_str_eq(compare_outcome_name(COMPARE_LOWER), "lower");
    cr_assert_str_eq(compare_outcome_name(COMPARE_BETTER_99_8), "better_99.8");
    cr_assert_str_eq(compare_outcome_name(COMPARE_WORSE_95), "worse_95");
    cr_assert_str_eq(compare_outcome_name(COMPARE_LOWER_99_8), "lower_99.8");
    compare_polarity p;
    err e = {0};
    cr_assert_eq(compare_polarity_parse("low_is_good", &p, &e), 0);
    cr_assert_eq(p, COMPARE_LOW_IS_GOOD);
    cr_assert_str_eq(compare_polarity_name(p), "low_is_good");
    cr_assert_eq(compare_polarity_parse("neutral", &p, &e), 0);
    cr_assert_eq(p, COMPARE_NEUTRAL);
    cr_assert_eq(compare_polarity_parse("lower", &p, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
}

static void expect_groups(const double *x, size_t n, int groups, int invert, const int *want)
{
    int got[16];
    compare_quantiles(x, n, groups, invert, got);
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(got[i], want[i], "%d groups%s: value %g in %d, not %d", groups,
                     invert ? " inverted" : "", x[i], got[i], want[i]);
}

Test(stats_compare, quantiles_by_phe_method)
{
    /* Ten values, 3 twice, unsorted. Sorted 1 2 3 3 5 6 7 8 9 10; ranks (ties share the lowest)
     * 1 2 3 3 5 6 7 8 9 10; n = 10. Quartiles: 5 - ceil((11 - rank) x 4 / 10): ranks 1, 2, 3 give
     * ceil(4, 3.6, 3.2) = 4 -> 1; rank 5 ceil(2.4) = 3 -> 2; ranks 6, 7, 8 ceil(2, 1.6, 1.2) = 2 ->
     * 3; ranks 9, 10 ceil(0.8, 0.4) = 1 -> 4. The tie pulls 3 into group 1, so group 2 has one. */
    const double x[] = {5, 1, 3, 9, 3, 7, 2, 10, 8, 6};
    const int q4[] = {2, 1, 1, 4, 1, 3, 1, 4, 3, 3};
    expect_groups(x, 10, 4, 0, q4);
    cr_expect_eq(compare_quantiles(x, 10, 4, 0, (int[10]){0}), 10);
    /* Quintiles: 6 - ceil((11 - rank) / 2): 1, 2 -> 1; the 3s (rank 3, ceil 4) -> 2; 5, 6 -> 3;
     * 7, 8 -> 4; 9, 10 -> 5. */
    const int q5[] = {3, 1, 2, 5, 2, 4, 1, 5, 4, 3};
    expect_groups(x, 10, 5, 0, q5);
    /* Inverted (low is good: the highest values are the worst, group 1): ranks by the highest,
     * 10 -> 1, 9 -> 2, ... 5 -> 6, the 3s -> 7, 2 -> 9, 1 -> 10; 6 - ceil((11 - rank) / 2). */
    const int q5i[] = {3, 5, 4, 1, 4, 2, 5, 1, 2, 3};
    expect_groups(x, 10, 5, 1, q5i);

    /* Fewer values than groups: PHE assigns none. A value that is not a number is left out. */
    const double few[] = {1, 2, 3, 4};
    const int none[] = {0, 0, 0, 0};
    expect_groups(few, 4, 5, 0, none);
    cr_expect_eq(compare_quantiles(few, 4, 5, 0, (int[4]){0}), 0);
    const double gap[] = {1, NAN, 2, 3, 4};
    const int gap4[] = {1, 0, 2, 3, 4};
    expect_groups(gap, 5, 4, 0, gap4);
    /* All equal: every one ranks 1, ceil(n x q / n) = q, so all are in group 1. */
    const double same[] = {5, 5, 5, 5, 5};
    const int ones[] = {1, 1, 1, 1, 1};
    expect_groups(same, 5, 5, 0, ones);
    expect_groups(same, 5, 5, 1, ones);
    cr_expect_eq(compare_quantile_invert(COMPARE_LOW_IS_GOOD), 1);
    cr_expect_eq(compare_quantile_invert(COMPARE_HIGH_IS_GOOD), 0);
    cr_expect_eq(compare_quantile_invert(COMPARE_NEUTRAL), 0);
}

Test(stats_compare, quantile_cut_points_as_fingertips)
{
    /* 1..50: Fingertips' own QuartilesCalculator test gives 1, 13.25, 25.5, 37.75, 50. */
    double v[50];
    for (int i = 0; i < 50; i++)
        v[i] = i + 1;
    double c4[5], c5[6];
    cr_assert_eq(compare_quantile_cuts(v, 50, 4, c4), 0);
    const double want4[] = {1, 13.25, 25.5, 37.75, 50};
    for (int k = 0; k < 5; k++)
        cr_expect_float_eq(c4[k], want4[k], 1e-12, "cut %d", k);
    /* The ten values above, sorted 1 2 3 3 5 6 7 8 9 10: h = 9 f; 0.2 -> 2 + 0.8 = 2.8; 0.4 ->
     * 3 + 0.6 x 2 = 4.2; 0.6 -> 6 + 0.4 = 6.4; 0.8 -> 8 + 0.2 = 8.2. */
    const double x[] = {5, 1, 3, 9, 3, 7, 2, 10, 8, 6};
    cr_assert_eq(compare_quantile_cuts(x, 10, 5, c5), 0);
    const double want5[] = {1, 2.8, 4.2, 6.4, 8.2, 10};
    for (int k = 0; k < 6; k++)
        cr_expect_float_eq(c5[k], want5[k], 1e-12, "cut %d", k);
    /* Too few for quintiles: no cut points. */
    cr_assert_eq(compare_quantile_cuts(x, 4, 5, c5), -1);
    cr_expect(isnan(c5[0]) && isnan(c5[5]));
}

Test(stats_compare, spine_high_is_good)
{
    /* Values 2, 4, 6, 8, 20; benchmark 8; area 6. Quartiles (type 7): 4 and 8, median 6.
     * Half-width = max(8 - 2, 20 - 8) = 12: axis runs -4..20.
     * Positions: worst 2 -> 0.5 + (2 - 8) / 24 = 0.25; q25 4 -> 0.3333; q75 8 -> 0.5;
     * best 20 -> 1; area 6 -> 0.41667. */
    const double v[] = {8, 2, 20, 6, 4};
    compare_spine s;
    err e = {0};
    cr_assert_eq(compare_spine_data(v, 5, 6, 8, COMPARE_HIGH_IS_GOOD, &s, &e), 0);
    cr_assert_float_eq(s.min, 2, 0);
    cr_assert_float_eq(s.q25, 4, 1e-15);
    cr_assert_float_eq(s.median, 6, 1e-15);
    cr_assert_float_eq(s.q75, 8, 1e-15);
    cr_assert_float_eq(s.max, 20, 0);
    cr_assert_float_eq(s.pos_worst, 0.25, 1e-15);
    cr_assert_float_eq(s.pos_worst_quartile, 1.0 / 3.0, 1e-15);
    cr_assert_float_eq(s.pos_best_quartile, 0.5, 1e-15);
    cr_assert_float_eq(s.pos_best, 1.0, 1e-15);
    cr_assert_float_eq(s.pos_value, 5.0 / 12.0, 1e-15);
}

Test(stats_compare, spine_low_is_good_turns_round)
{
    /* Same values, low is good: worst is 20 (position 1 - 1 = 0), best 2 (1 - 0.25 = 0.75),
     * worst quartile 8 (0.5), best quartile 4 (0.6667), area 6 (0.5833). */
    const double v[] = {8, 2, 20, 6, 4};
    compare_spine s;
    err e = {0};
    cr_assert_eq(compare_spine_data(v, 5, 6, 8, COMPARE_LOW_IS_GOOD, &s, &e), 0);
    cr_assert_float_eq(s.worst, 20, 0);
    cr_assert_float_eq(s.best, 2, 0);
    cr_assert_float_eq(s.worst_quartile, 8, 1e-15);
    cr_assert_float_eq(s.pos_worst, 0.0, 1e-15);
    cr_assert_float_eq(s.pos_best, 0.75, 1e-15);
    cr_assert_float_eq(s.pos_worst_quartile, 0.5, 1e-15);
    cr_assert_float_eq(s.pos_best_quartile, 2.0 / 3.0, 1e-15);
    cr_assert_float_eq(s.pos_value, 7.0 / 12.0, 1e-15);
    /* Another area's 14 on the same spine: 1 - (0.5 + 6 / 24) = 0.25; and NaN stays NaN. */
    cr_assert_float_eq(compare_spine_position(&s, 14, COMPARE_LOW_IS_GOOD), 0.25, 1e-15);
    cr_assert_float_eq(compare_spine_position(&s, 6, COMPARE_LOW_IS_GOOD), s.pos_value, 0);
    cr_assert(isnan(compare_spine_position(&s, NAN, COMPARE_LOW_IS_GOOD)));
}

Test(stats_compare, spine_edge_cases)
{
    const double same[] = {5, 5, 5};
    compare_spine s;
    err e = {0};
    cr_assert_eq(compare_spine_data(same, 3, 5, 5, COMPARE_HIGH_IS_GOOD, &s, &e), 0);
    cr_assert_float_eq(s.pos_worst, 0.5, 0);
    cr_assert_float_eq(s.pos_value, 0.5, 0);
    cr_assert_eq(compare_spine_data(same, 3, NAN, 5, COMPARE_HIGH_IS_GOOD, &s, &e), 0);
    cr_assert(isnan(s.pos_value));
    const double none[] = {NAN};
    cr_assert_eq(compare_spine_data(none, 1, 1, 5, COMPARE_HIGH_IS_GOOD, &s, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert_eq(compare_spine_data(same, 3, 1, NAN, COMPARE_HIGH_IS_GOOD, &s, &e), -1);
}
