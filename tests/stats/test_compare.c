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

Test(stats_compare, quartiles_and_quintiles)
{
    /* 1..10: quartile cut points (type 7) 3.25, 5.5, 7.75. */
    double x[10];
    for (int i = 0; i < 10; i++)
        x[i] = i + 1;
    const int want4[] = {1, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    for (int i = 0; i < 10; i++)
        cr_assert_eq(compare_quantile_group(x, 10, x[i], 4), want4[i], "value %g", x[i]);
    /* Quintile cut points 2.8, 4.6, 6.4, 8.2: two values in each group. */
    for (int i = 0; i < 10; i++)
        cr_assert_eq(compare_quantile_group(x, 10, x[i], 5), i / 2 + 1, "value %g", x[i]);
    /* On a cut point: 1..5 has quartile cut points 2, 3, 4 exactly: 3 is in group 2. */
    cr_assert_eq(compare_quantile_group(x, 5, 3.0, 4), 2);
    cr_assert_eq(compare_quantile_group(x, 10, NAN, 4), 0);
    cr_assert_eq(compare_quantile_group(x, 0, 1.0, 4), 0);
    cr_assert_eq(compare_quantile_group(x, 10, 1.0, 1), 0);
    /* Ties all land together. */
    const double ties[] = {5, 5, 5, 5, 5};
    cr_assert_eq(compare_quantile_group(ties, 5, 5.0, 5), 1);
    /* Polarity: with low is good the highest quintile is the worst (1). */
    cr_assert_eq(compare_quantile_rank_by_polarity(5, 5, COMPARE_LOW_IS_GOOD), 1);
    cr_assert_eq(compare_quantile_rank_by_polarity(5, 5, COMPARE_HIGH_IS_GOOD), 5);
    cr_assert_eq(compare_quantile_rank_by_polarity(2, 4, COMPARE_NO_JUDGEMENT), 2);
    cr_assert_eq(compare_quantile_rank_by_polarity(0, 4, COMPARE_HIGH_IS_GOOD), 0);
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
