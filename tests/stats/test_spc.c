/* Tests for src/stats/spc.c.
 *
 * References: the NHSRplotthedots package's own test case (tests/testthat/test-ptd_spc_standard.R
 * and its snapshot _snaps/ptd_spc_standard.md: rnorm(20) with set.seed(123) gives mean 0.1416238,
 * limits -3.01138 and 3.294627; with y[15] = 10 and screening on, mean 0.6694159, limits
 * -2.383666 and 3.722497; screening off, -4.596625 and 5.935457), its 2-in-3 opposite-sides case,
 * and series designed here with every mean, moving range and limit worked by hand in the comment
 * above the test. */
#include "stats/spc.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof *(a))

/* R: set.seed(123); rnorm(20). */
static const double RNORM20[20] = {-0.56047565, -0.23017749, 1.55870831,  0.07050839,  0.12928774,
                                   1.71506499,  0.46091621,  -1.26506123, -0.68685285, -0.44566197,
                                   1.22408180,  0.35981383,  0.40077145,  0.11068272,  -0.55584113,
                                   1.78691314,  0.49785048,  -1.96661716, 0.70135590,  -0.47279141};

static spc_result run(const double *v, size_t n, const spc_options *opt)
{
    spc_result r;
    err e = {0};
    int rc = spc_xmr(v, NULL, n, opt, &r, &e);
    cr_assert_eq(rc, 0, "spc_xmr failed: %s", e.msg);
    return r;
}

/* Asserts each point's rule bits against a string like "..T.." (one letter a point: '.' none,
 * 'O' outside, 'T' trend, 'N' near (2 of 3), 'S' shift; several letters per point are not needed
 * in these series except where tested directly). */
static void assert_rules(const spc_result *r, const char *expect)
{
    cr_assert_eq(strlen(expect), r->n);
    for (size_t i = 0; i < r->n; i++) {
        unsigned want = 0;
        switch (expect[i]) {
        case 'O':
            want = SPC_RULE_OUTSIDE;
            break;
        case 'T':
            want = SPC_RULE_TREND;
            break;
        case 'N':
            want = SPC_RULE_TWO_OF_THREE;
            break;
        case 'S':
            want = SPC_RULE_SHIFT;
            break;
        default:
            want = 0;
        }
        cr_assert_eq(r->points[i].rules, want, "point %zu: rules %u, want %u (%c)", i + 1,
                     r->points[i].rules, want, expect[i]);
    }
}

Test(stats_spc, plotthedots_reference_limits)
{
    spc_options opt;
    spc_options_init(&opt);
    spc_result r = run(RNORM20, 20, &opt);
    /* The package's snapshot, to its 7 significant figures. */
    cr_assert_float_eq(r.points[0].mean, 0.1416238, 5e-8);
    cr_assert_float_eq(r.points[0].lpl, -3.01138, 5e-6);
    cr_assert_float_eq(r.points[0].upl, 3.294627, 5e-7);
    /* Hand: mean = 2.83247607 / 20 = 0.1416238035; 19 moving ranges sum to 22.52145284, amr =
     * 1.18533962; the largest (2.668) is under 3.267 amr = 3.872, so screening drops nothing and
     * the published limits are the same with screening on or off. */
    cr_assert_float_eq(r.segments[0].amr, 1.1853396231578948, 1e-12);
    cr_assert_eq(r.segments[0].n_screened, 0);
    cr_assert_float_eq(r.points[19].near_upl, 0.1416238035 + 2.0 * 2.66 / 3.0 * 1.1853396231578948,
                       1e-12);
    for (size_t i = 0; i < 20; i++)
        cr_assert_eq(r.points[i].type, SPC_COMMON_CAUSE);
    cr_assert_eq(r.variation, SPC_VARIATION_COMMON_CAUSE);
    cr_assert_eq(r.assurance, SPC_ASSURANCE_NONE);
    cr_assert_eq(r.n_warnings, 0);
    spc_result_free(&r);

    opt.screen_outliers = 0;
    r = run(RNORM20, 20, &opt);
    cr_assert_float_eq(r.points[0].lpl, -3.01138, 5e-6);
    cr_assert_float_eq(r.points[0].upl, 3.294627, 5e-7);
    spc_result_free(&r);
}

Test(stats_spc, plotthedots_reference_screening)
{
    double y[20];
    memcpy(y, RNORM20, sizeof y);
    y[14] = 10; /* the package's y[15] <- 10 */
    spc_options opt;
    spc_options_init(&opt);
    spc_result r = run(y, 20, &opt);
    cr_assert_float_eq(r.points[0].mean, 0.6694159, 5e-8);
    cr_assert_float_eq(r.points[0].lpl, -2.383666, 5e-7);
    cr_assert_float_eq(r.points[0].upl, 3.722497, 5e-7);
    /* The two moving ranges either side of the 10 (10.556, 8.213) are >= 3.267 amr (6.47). */
    cr_assert_eq(r.segments[0].n_screened, 2);
    /* Only the 10 is special: above the upper limit; neutral direction: neutral high. */
    for (size_t i = 0; i < 20; i++)
        cr_assert_eq(r.points[i].type, i == 14 ? SPC_SPECIAL_NEUTRAL_HIGH : SPC_COMMON_CAUSE,
                     "point %zu", i + 1);
    cr_assert_eq(r.points[14].rules, SPC_RULE_OUTSIDE);
    spc_result_free(&r);

    opt.screen_outliers = 0;
    r = run(y, 20, &opt);
    cr_assert_float_eq(r.points[0].lpl, -4.596625, 5e-7);
    cr_assert_float_eq(r.points[0].upl, 5.935457, 5e-7);
    cr_assert_eq(r.segments[0].n_screened, 0);
    spc_result_free(&r);
}

/* Zig-zag 3, 8 then 2, 3, 4, 5, 6, 7, 8 (7 points, each strictly higher), then 3, 8, 3.
 * mean = 82 / 16 = 5.125; moving ranges 5 x5, 6, 1 x6, 5, 5, 5 = 52, amr = 52 / 15 = 3.4667;
 * limits -4.096 to 14.346, near limits -1.023 to 11.273: nothing near or outside, no run of 7
 * on one side; only the trend. */
Test(stats_spc, trend_of_exactly_seven_is_flagged)
{
    const double y[] = {3, 8, 3, 8, 3, 8, 2, 3, 4, 5, 6, 7, 8, 3, 8, 3};
    spc_options opt;
    spc_options_init(&opt);
    opt.improvement = SPC_INCREASE;
    spc_result r = run(y, N(y), &opt);
    cr_assert_float_eq(r.points[0].mean, 5.125, 1e-12);
    cr_assert_float_eq(r.segments[0].amr, 52.0 / 15.0, 1e-12);
    assert_rules(&r, "......TTTTTTT...");
    for (size_t i = 6; i <= 12; i++)
        cr_assert_eq(r.points[i].type, SPC_SPECIAL_IMPROVEMENT, "point %zu", i + 1);
    cr_assert_eq(r.points[5].type, SPC_COMMON_CAUSE);
    cr_assert_eq(r.points[13].type, SPC_COMMON_CAUSE);
    spc_result_free(&r);
}

/* The same with the trend stopping at 6 points (2..7, then back to 3): nothing is flagged. */
Test(stats_spc, trend_of_six_is_not_flagged)
{
    const double y[] = {3, 8, 3, 8, 3, 8, 2, 3, 4, 5, 6, 7, 3, 8, 3, 8};
    spc_result r = run(y, N(y), NULL);
    assert_rules(&r, "................");
    spc_result_free(&r);
}

/* 2, 3, 4, 4, 5, 6, 7, 8: eight points rising overall, but the repeated 4 splits them into runs
 * of 3 and 5 strictly rising points, so no trend. mean 5.1875, limits -3.15 to 13.52. */
Test(stats_spc, trend_broken_by_an_equal_value)
{
    const double y[] = {3, 8, 3, 8, 3, 8, 2, 3, 4, 4, 5, 6, 7, 8, 3, 8};
    spc_result r = run(y, N(y), NULL);
    cr_assert_float_eq(r.points[0].mean, 83.0 / 16.0, 1e-12);
    assert_rules(&r, "................");
    spc_result_free(&r);
}

/* A falling trend 9, 8, 7, 6, 5, 4, 3 with lower-is-better: improvement. mean 5.875. */
Test(stats_spc, falling_trend_direction)
{
    const double y[] = {3, 8, 3, 8, 3, 8, 9, 8, 7, 6, 5, 4, 3, 8, 3, 8};
    spc_options opt;
    spc_options_init(&opt);
    opt.improvement = SPC_DECREASE;
    spc_result r = run(y, N(y), &opt);
    assert_rules(&r, "......TTTTTTT...");
    for (size_t i = 6; i <= 12; i++)
        cr_assert_eq(r.points[i].type, SPC_SPECIAL_IMPROVEMENT);
    /* Neutral: a falling trend is neutral low even where the points sit above the mean. */
    opt.improvement = SPC_NEUTRAL;
    spc_result_free(&r);
    r = run(y, N(y), &opt);
    cr_assert_gt(r.points[6].value, r.points[6].mean);
    cr_assert_eq(r.points[6].type, SPC_SPECIAL_NEUTRAL_LOW);
    spc_result_free(&r);
}

/* A peak shared by a rising and a falling trend takes the falling (later) trend's direction.
 * 2, 8, 2, 8, then 3..9 rising and 9..3 falling, then 8, 2, 8, 2: mean 115 / 21 = 5.476, moving
 * ranges 6, 6, 6, 5, 1 x12, 5, 6, 6, 6 sum 58, amr 2.9, limits -2.24 to 13.19 (none outside),
 * near limits 0.33 to 10.62 (none beyond). The 6, 7, 8, 9, 8, 7, 6 above the mean are also a
 * shift, but the trend outranks it: the 8, 7, 6 after the peak are concern although above the
 * mean, with higher is better. */
Test(stats_spc, peak_between_two_trends)
{
    const double y[] = {2, 8, 2, 8, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6, 5, 4, 3, 8, 2, 8, 2};
    spc_options opt;
    spc_options_init(&opt);
    opt.improvement = SPC_INCREASE;
    spc_result r = run(y, N(y), &opt);
    cr_assert_float_eq(r.points[0].mean, 115.0 / 21.0, 1e-12);
    cr_assert_float_eq(r.segments[0].amr, 2.9, 1e-12);
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(r.points[i].type, SPC_COMMON_CAUSE, "point %zu", i + 1);
    for (size_t i = 4; i < 10; i++)
        cr_assert_eq(r.points[i].type, SPC_SPECIAL_IMPROVEMENT, "point %zu", i + 1);
    for (size_t i = 10; i < 17; i++)
        cr_assert_eq(r.points[i].type, SPC_SPECIAL_CONCERN, "point %zu", i + 1);
    for (size_t i = 17; i < 21; i++)
        cr_assert_eq(r.points[i].type, SPC_COMMON_CAUSE, "point %zu", i + 1);
    cr_assert_eq(r.points[10].rules, SPC_RULE_TREND | SPC_RULE_SHIFT);
    cr_assert_eq(r.points[12].rules, SPC_RULE_TREND | SPC_RULE_SHIFT);
    cr_assert_gt(r.points[12].value, r.points[12].mean);
    cr_assert_eq(r.points[14].rules, SPC_RULE_TREND);
    spc_result_free(&r);
}

/* 8, 9 x7 below then 12, 11 x7 above: mean 140 / 14 = 10 exactly. Moving ranges 1 x6, 4, 1 x6:
 * amr = 16 / 13 = 1.2308 (4 < 3.267 amr = 4.02, kept). Near limits 7.817 and 12.183, so 8 and 12
 * are inside them. Two runs of exactly 7 on each side of the mean: all 14 flagged. */
Test(stats_spc, shift_of_exactly_seven_each_side)
{
    const double y[] = {8, 9, 8, 9, 8, 9, 8, 12, 11, 12, 11, 12, 11, 12};
    spc_options opt;
    spc_options_init(&opt);
    opt.improvement = SPC_INCREASE;
    spc_result r = run(y, N(y), &opt);
    cr_assert_float_eq(r.points[0].mean, 10.0, 0);
    cr_assert_float_eq(r.segments[0].amr, 16.0 / 13.0, 1e-12);
    cr_assert_float_eq(r.points[0].near_upl, 10.0 + 2.0 * 2.66 / 3.0 * 16.0 / 13.0, 1e-12);
    assert_rules(&r, "SSSSSSSSSSSSSS");
    for (size_t i = 0; i < 7; i++)
        cr_assert_eq(r.points[i].type, SPC_SPECIAL_CONCERN);
    for (size_t i = 7; i < 14; i++)
        cr_assert_eq(r.points[i].type, SPC_SPECIAL_IMPROVEMENT);
    cr_assert_eq(r.variation, SPC_VARIATION_IMPROVEMENT_HIGH);
    spc_result_free(&r);
}

/* 6 below, one exactly on the mean (10 = 130 / 13), 6 above: no run reaches 7. */
Test(stats_spc, six_each_side_with_a_tie_on_the_mean)
{
    const double y[] = {6, 9, 6, 9, 6, 9, 10, 14, 11, 14, 11, 14, 11};
    spc_result r = run(y, N(y), NULL);
    cr_assert_float_eq(r.points[6].mean, 10.0, 0);
    cr_assert_float_eq(r.points[6].value, r.points[6].mean, 0);
    assert_rules(&r, ".............");
    spc_result_free(&r);
}

/* Seven points below the mean but the fourth is exactly on it (mean 130 / 13 = 10): a point on
 * the mean breaks the run into 3 and 3. */
Test(stats_spc, tie_on_the_mean_breaks_a_shift)
{
    const double y[] = {6, 9, 6, 10, 9, 6, 9, 14, 11, 14, 11, 14, 11};
    spc_result r = run(y, N(y), NULL);
    cr_assert_float_eq(r.points[3].value, r.points[3].mean, 0);
    assert_rules(&r, ".............");
    spc_result_free(&r);
}

/* 6 below then 7 above (mean 134 / 13 = 10.31): only the 7 are a shift. */
Test(stats_spc, six_below_then_seven_above)
{
    const double y[] = {6, 9, 6, 9, 6, 9, 14, 11, 14, 11, 14, 11, 14};
    spc_options opt;
    spc_options_init(&opt);
    opt.improvement = SPC_DECREASE;
    spc_result r = run(y, N(y), &opt);
    assert_rules(&r, "......SSSSSSS");
    cr_assert_eq(r.points[12].type, SPC_SPECIAL_CONCERN);
    cr_assert_eq(r.variation, SPC_VARIATION_CONCERN_HIGH);
    spc_result_free(&r);
}

/* Alternating 1, -1 (16 points) with the 13th and 15th set to 8: mean = 14 / 16 = 0.875;
 * moving ranges 2 x11 and 9 x4 = 58, amr = 3.8667 (9 < 3.267 amr = 12.63); near upper limit
 * 0.875 + 1.7733 x 3.8667 = 7.732, upper limit 11.160. The two 8s are 2 of 3 beyond the same near
 * limit: those two are flagged, the -1 between them is not. */
Test(stats_spc, two_of_three_beyond_near_limit)
{
    double y[16];
    for (int i = 0; i < 16; i++)
        y[i] = i % 2 ? -1 : 1;
    y[12] = y[14] = 8;
    spc_options opt;
    spc_options_init(&opt);
    opt.improvement = SPC_INCREASE;
    spc_result r = run(y, 16, &opt);
    cr_assert_float_eq(r.points[0].mean, 0.875, 0);
    cr_assert_float_eq(r.points[0].near_upl, 0.875 + 2.0 * 2.66 / 3.0 * 58.0 / 15.0, 1e-12);
    assert_rules(&r, "............N.N.");
    cr_assert_eq(r.points[12].type, SPC_SPECIAL_IMPROVEMENT);
    cr_assert_eq(r.points[13].type, SPC_COMMON_CAUSE);
    cr_assert_eq(r.points[15].type, SPC_COMMON_CAUSE);
    cr_assert_eq(r.variation, SPC_VARIATION_COMMON_CAUSE);
    spc_result_free(&r);

    /* Only one 8: 1 of 3, nothing flagged. */
    y[14] = 1;
    r = run(y, 16, &opt);
    assert_rules(&r, "................");
    spc_result_free(&r);
}

/* NHSRplotthedots' own case (test-ptd_spc_standard.R): rep(c(1, -1), 8) with the 15th = 5.5 and
 * 16th = -5.5; the two are near opposite limits, so neither is special cause. */
Test(stats_spc, two_of_three_opposite_sides_not_flagged)
{
    double y[16];
    for (int i = 0; i < 16; i++)
        y[i] = i % 2 ? -1 : 1;
    y[14] = 5.5;
    y[15] = -5.5;
    spc_result r = run(y, 16, NULL);
    /* Hand: mean 0; amr (26 + 6.5) / 14 = 2.3214 after screening the 11; near 4.117, upper 6.175.
     */
    cr_assert_eq(r.segments[0].n_screened, 1);
    cr_assert(r.points[14].value > r.points[14].near_upl && r.points[14].value < r.points[14].upl);
    cr_assert_eq(r.points[14].type, SPC_COMMON_CAUSE);
    cr_assert_eq(r.points[15].type, SPC_COMMON_CAUSE);
    spc_result_free(&r);
}

/* Priority: 12 zig-zag points (5, 7) below the mean, then 20, 16, 12, 10, 8, 6, 4 (a falling
 * trend whose first two points are above the upper limit), then 7, 5, 7.
 * mean = 167 / 22 = 7.5909; moving ranges sum 58 over 21 (amr 2.762), the 13 (7 -> 20) is
 * >= 3.267 amr = 9.02 and is screened: amr = 45 / 20 = 2.25; limits 1.606 to 13.576, near limits
 * 3.601 to 11.581. Higher is better:
 *   - the 12 zig-zag points are a shift below the mean: concern;
 *   - 20 and 16 are above the upper limit (rule 1 beats the trend): improvement;
 *   - 12 is part of the trend and 2 of 3 beyond the near limit: the trend (rule 2) wins, falling:
 *     concern; 10, 8, 6, 4 are the rest of the trend: concern. */
Test(stats_spc, rule_priority)
{
    const double y[] = {5, 7, 5, 7, 5, 7, 5, 7, 5, 7, 5, 7, 20, 16, 12, 10, 8, 6, 4, 7, 5, 7};
    spc_options opt;
    spc_options_init(&opt);
    opt.improvement = SPC_INCREASE;
    spc_result r = run(y, N(y), &opt);
    cr_assert_float_eq(r.points[0].mean, 167.0 / 22.0, 1e-12);
    cr_assert_float_eq(r.segments[0].amr, 2.25, 1e-12);
    cr_assert_eq(r.segments[0].n_screened, 1);
    cr_assert_float_eq(r.points[0].upl, 167.0 / 22.0 + 2.66 * 2.25, 1e-12);
    for (size_t i = 0; i < 12; i++) {
        cr_assert_eq(r.points[i].rules, SPC_RULE_SHIFT);
        cr_assert_eq(r.points[i].type, SPC_SPECIAL_CONCERN);
    }
    cr_assert_eq(r.points[12].rules, SPC_RULE_OUTSIDE | SPC_RULE_TREND | SPC_RULE_TWO_OF_THREE);
    cr_assert_eq(r.points[12].type, SPC_SPECIAL_IMPROVEMENT);
    cr_assert_eq(r.points[13].type, SPC_SPECIAL_IMPROVEMENT);
    cr_assert_eq(r.points[14].rules, SPC_RULE_TREND | SPC_RULE_TWO_OF_THREE);
    cr_assert_eq(r.points[14].type, SPC_SPECIAL_CONCERN);
    for (size_t i = 15; i <= 18; i++)
        cr_assert_eq(r.points[i].type, SPC_SPECIAL_CONCERN);
    for (size_t i = 19; i < 22; i++)
        cr_assert_eq(r.points[i].type, SPC_COMMON_CAUSE);
    spc_result_free(&r);
}

/* A point beyond the process limit also counts as beyond the near limit for rule 3: the 16 (above
 * the upper limit) and the 12 (between near and upper limits) in the series above are 2 of 3, so
 * the 12 is flagged by rule 3 even when it is not part of a trend. */
Test(stats_spc, outside_point_counts_towards_two_of_three)
{
    const double y[] = {5, 7, 5, 7, 5, 7, 5, 7, 5, 7, 5, 7, 5, 16, 12, 6, 7, 5, 7, 5, 7, 5};
    spc_result r = run(y, N(y), NULL);
    cr_assert(r.points[13].value > r.points[13].upl, "16 should be outside: upl %g",
              r.points[13].upl);
    cr_assert(r.points[14].value > r.points[14].near_upl && r.points[14].value < r.points[14].upl,
              "12 should be near: %g..%g", r.points[14].near_upl, r.points[14].upl);
    cr_assert_eq(r.points[13].rules, SPC_RULE_OUTSIDE | SPC_RULE_TWO_OF_THREE);
    cr_assert_eq(r.points[14].rules, SPC_RULE_TWO_OF_THREE);
    cr_assert_eq(r.points[14].type, SPC_SPECIAL_NEUTRAL_HIGH);
    spc_result_free(&r);
}

/* 4, 6 x5 then 9, 11 x5. As one segment: mean 7.5, amr 39 / 19 = 2.0526; every point is part of a
 * 10-point shift. Rebased at the 11th point: each segment has its own mean (5 and 10) and amr
 * (2 and 2), limits 5 +/- 5.32 and 10 +/- 5.32, and nothing is special. Both segments are shorter
 * than 13 points: two warnings. */
Test(stats_spc, rebase_gives_each_segment_its_own_limits)
{
    double y[20];
    for (int i = 0; i < 20; i++)
        y[i] = i < 10 ? (i % 2 ? 6 : 4) : (i % 2 ? 11 : 9);
    spc_result r = run(y, 20, NULL);
    cr_assert_float_eq(r.points[0].mean, 7.5, 0);
    cr_assert_float_eq(r.segments[0].amr, 39.0 / 19.0, 1e-12);
    for (size_t i = 0; i < 20; i++)
        cr_assert_eq(r.points[i].rules, SPC_RULE_SHIFT);
    cr_assert_eq(r.n_warnings, 0);
    spc_result_free(&r);

    const char *periods[20];
    char names[20][16];
    for (unsigned i = 0; i < 20; i++) {
        snprintf(names[i], sizeof names[i], "2024-%02u", i + 1);
        periods[i] = names[i];
    }
    spc_options opt;
    spc_options_init(&opt);
    size_t at[] = {10};
    opt.rebase_at = at;
    opt.n_rebase = 1;
    err e = {0};
    cr_assert_eq(spc_xmr(y, periods, 20, &opt, &r, &e), 0);
    cr_assert_eq(r.n_segments, 2);
    cr_assert_eq(r.segments[1].start, 10);
    cr_assert_eq(r.segments[1].n, 10);
    cr_assert_float_eq(r.points[9].mean, 5.0, 0);
    cr_assert_float_eq(r.points[10].mean, 10.0, 0);
    cr_assert_float_eq(r.points[9].upl, 5.0 + 2.66 * 2.0, 1e-12);
    cr_assert_float_eq(r.points[10].lpl, 10.0 - 2.66 * 2.0, 1e-12);
    cr_assert_eq(r.points[10].segment, 1);
    for (size_t i = 0; i < 20; i++)
        cr_assert_eq(r.points[i].type, SPC_COMMON_CAUSE);
    cr_assert_eq(r.n_warnings, 2);
    cr_assert(strstr(r.warnings[1], "segment 2 has only 10 points (2024-11 to 2024-20)") != NULL,
              "%s", r.warnings[1]);
    spc_result_free(&r);
}

/* Rebase indexes in any order, with duplicates and 0, are cleaned up. */
Test(stats_spc, rebase_indexes_are_normalised)
{
    double y[20];
    for (int i = 0; i < 20; i++)
        y[i] = i % 3;
    spc_options opt;
    spc_options_init(&opt);
    size_t at[] = {15, 0, 5, 15};
    opt.rebase_at = at;
    opt.n_rebase = 4;
    spc_result r = run(y, 20, &opt);
    cr_assert_eq(r.n_segments, 3);
    cr_assert_eq(r.segments[1].start, 5);
    cr_assert_eq(r.segments[2].start, 15);
    cr_assert_eq(r.segments[2].n, 5);
    spc_result_free(&r);
}

/* Fixing the baseline after 12 points: the mean and limits come from the first 12 values only
 * (mean 2.33015502 / 12 = 0.19417934, 11 moving ranges sum 11.58547770, amr 1.05322525) and hold
 * for the 8 points after. */
Test(stats_spc, fixed_baseline)
{
    spc_options opt;
    spc_options_init(&opt);
    opt.fix_after = 12;
    spc_result r = run(RNORM20, 20, &opt);
    cr_assert_eq(r.segments[0].baseline, 12);
    for (size_t i = 0; i < 20; i++) {
        cr_assert_float_eq(r.points[i].mean, 0.19417934, 1e-8);
        cr_assert_float_eq(r.points[i].upl, 0.19417934 + 2.66 * 1.0532252454545452, 1e-8);
    }
    spc_result_free(&r);

    /* A fix point past the end of the series uses every point. */
    opt.fix_after = 50;
    r = run(RNORM20, 20, &opt);
    cr_assert_float_eq(r.points[0].mean, 0.1416238035, 1e-10);
    spc_result_free(&r);
}

/* Fixing applies within each rebased segment: 4, 6 x5 then 9, 11, 9, 11, then 30, 30... after
 * fixing on 4 points the second segment's mean is (9 + 11 + 9 + 11) / 4 = 10. */
Test(stats_spc, fixed_baseline_per_segment)
{
    const double y[] = {4, 6, 4, 6, 4, 6, 9, 11, 9, 11, 30, 30};
    spc_options opt;
    spc_options_init(&opt);
    opt.fix_after = 4;
    size_t at[] = {6};
    opt.rebase_at = at;
    opt.n_rebase = 1;
    spc_result r = run(y, N(y), &opt);
    cr_assert_float_eq(r.points[0].mean, 5.0, 0);
    cr_assert_float_eq(r.points[11].mean, 10.0, 0);
    cr_assert_float_eq(r.points[11].upl, 10.0 + 2.66 * 2.0, 1e-12);
    cr_assert_eq(r.points[10].rules & SPC_RULE_OUTSIDE, SPC_RULE_OUTSIDE);
    spc_result_free(&r);
}

Test(stats_spc, flat_series_is_common_cause)
{
    /* All equal: amr 0, limits on the mean, every point on the mean; nothing special, no NaN. */
    const double y[] = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
    spc_result r = run(y, N(y), NULL);
    for (size_t i = 0; i < N(y); i++) {
        cr_assert_eq(r.points[i].type, SPC_COMMON_CAUSE);
        cr_assert_float_eq(r.points[i].upl, 3.0, 0);
        cr_assert_float_eq(r.points[i].lpl, 3.0, 0);
    }
    spc_result_free(&r);
}

Test(stats_spc, flat_series_of_an_inexact_decimal_is_common_cause)
{
    /* 32.7 has no exact binary form: 36 of them summed plainly and divided give
     * 32.70000000000002, which would put every point below the mean (a shift) and outside the
     * zero-width limits. The mean must be exactly the value. */
    double y[36];
    for (size_t i = 0; i < N(y); i++)
        y[i] = 32.7;
    spc_result r = run(y, N(y), NULL);
    for (size_t i = 0; i < N(y); i++) {
        cr_assert_eq(r.points[i].mean, 32.7, "point %zu", i);
        cr_assert_eq(r.points[i].type, SPC_COMMON_CAUSE, "point %zu", i);
    }
    cr_assert_eq(r.variation, SPC_VARIATION_COMMON_CAUSE);
    spc_result_free(&r);
}

Test(stats_spc, two_points_is_the_minimum)
{
    /* mean 2, amr 2, limits 2 +/- 5.32; one warning (fewer than 13 points). */
    const double y[] = {1, 3};
    spc_result r = run(y, 2, NULL);
    cr_assert_float_eq(r.points[1].upl, 2.0 + 5.32, 1e-12);
    cr_assert_eq(r.n_warnings, 1);
    cr_assert(strstr(r.warnings[0], "only 2 points (point 1 to point 2)") != NULL, "%s",
              r.warnings[0]);
    spc_result_free(&r);
}

Test(stats_spc, twelve_points_warn_thirteen_do_not)
{
    double y[13];
    for (int i = 0; i < 13; i++)
        y[i] = i % 2;
    spc_result r = run(y, 12, NULL);
    cr_assert_eq(r.n_warnings, 1);
    spc_result_free(&r);
    r = run(y, 13, NULL);
    cr_assert_eq(r.n_warnings, 0);
    spc_result_free(&r);
}

/* Assurance uses the last segment's limits. rnorm(20): limits -3.01138 to 3.294627. */
Test(stats_spc, assurance)
{
    spc_options opt;
    spc_options_init(&opt);
    opt.has_target = 1;
    struct {
        spc_direction dir;
        double target;
        spc_assurance want;
    } cases[] = {
        /* Higher is better and the target is above the upper limit: never reached. */
        {SPC_INCREASE, 4.0, SPC_ASSURANCE_FAIL},
        /* ... below the lower limit: always met. */
        {SPC_INCREASE, -4.0, SPC_ASSURANCE_PASS},
        {SPC_INCREASE, 0.0, SPC_ASSURANCE_INCONSISTENT},
        {SPC_DECREASE, 4.0, SPC_ASSURANCE_PASS},
        {SPC_DECREASE, -4.0, SPC_ASSURANCE_FAIL},
        {SPC_DECREASE, 3.29, SPC_ASSURANCE_INCONSISTENT},
        {SPC_NEUTRAL, 4.0, SPC_ASSURANCE_NONE},
    };
    for (size_t i = 0; i < N(cases); i++) {
        opt.improvement = cases[i].dir;
        opt.target = cases[i].target;
        spc_result r = run(RNORM20, 20, &opt);
        cr_assert_eq(r.assurance, cases[i].want, "case %zu", i);
        /* A target with a neutral direction earns a warning instead. */
        cr_assert_eq(r.n_warnings, cases[i].dir == SPC_NEUTRAL ? 1u : 0u);
        spc_result_free(&r);
    }
    /* No target: none. */
    opt.has_target = 0;
    opt.improvement = SPC_INCREASE;
    spc_result r = run(RNORM20, 20, &opt);
    cr_assert_eq(r.assurance, SPC_ASSURANCE_NONE);
    cr_assert_null(spc_assurance_name(r.assurance));
    spc_result_free(&r);
}

Test(stats_spc, assurance_uses_last_segment)
{
    /* First segment around 5 (limits about -0.3 to 10.3), second around 10: a target of 12 with
     * higher-is-better sits inside the second segment's limits (4.7 to 15.3): inconsistent. */
    double y[20];
    for (int i = 0; i < 20; i++)
        y[i] = i < 10 ? (i % 2 ? 6 : 4) : (i % 2 ? 11 : 9);
    spc_options opt;
    spc_options_init(&opt);
    size_t at[] = {10};
    opt.rebase_at = at;
    opt.n_rebase = 1;
    opt.improvement = SPC_INCREASE;
    opt.has_target = 1;
    opt.target = 12;
    spc_result r = run(y, 20, &opt);
    cr_assert_eq(r.assurance, SPC_ASSURANCE_INCONSISTENT);
    spc_result_free(&r);
    opt.target = -1; /* below the second segment's lower limit 4.68: always met */
    r = run(y, 20, &opt);
    cr_assert_eq(r.assurance, SPC_ASSURANCE_PASS);
    spc_result_free(&r);
}

Test(stats_spc, variation_from_last_point)
{
    /* The shift series: last point above the mean in a shift. */
    const double y[] = {8, 9, 8, 9, 8, 9, 8, 12, 11, 12, 11, 12, 11, 12};
    const double down[] = {12, 11, 12, 11, 12, 11, 12, 8, 9, 8, 9, 8, 9, 8};
    struct {
        const double *v;
        spc_direction dir;
        spc_variation want;
    } cases[] = {
        {y, SPC_INCREASE, SPC_VARIATION_IMPROVEMENT_HIGH},
        {y, SPC_DECREASE, SPC_VARIATION_CONCERN_HIGH},
        {y, SPC_NEUTRAL, SPC_VARIATION_NEUTRAL_HIGH},
        {down, SPC_INCREASE, SPC_VARIATION_CONCERN_LOW},
        {down, SPC_DECREASE, SPC_VARIATION_IMPROVEMENT_LOW},
        {down, SPC_NEUTRAL, SPC_VARIATION_NEUTRAL_LOW},
        {RNORM20, SPC_INCREASE, SPC_VARIATION_COMMON_CAUSE},
    };
    for (size_t i = 0; i < N(cases); i++) {
        spc_options opt;
        spc_options_init(&opt);
        opt.improvement = cases[i].dir;
        spc_result r = run(cases[i].v, cases[i].v == RNORM20 ? 20 : 14, &opt);
        cr_assert_eq(r.variation, cases[i].want, "case %zu: %s", i,
                     spc_variation_name(r.variation));
        spc_result_free(&r);
    }
}

Test(stats_spc, bad_input_names_the_point)
{
    spc_result r;
    err e = {0};
    const double one[] = {1};
    cr_assert_eq(spc_xmr(one, NULL, 1, NULL, &r, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert(strstr(e.msg, "at least 2 points; got 1") != NULL, "%s", e.msg);
    spc_result_free(&r);

    const double bad[] = {1, 2, NAN, 4};
    const char *periods[] = {"2024-01", "2024-02", "2024-03", "2024-04"};
    cr_assert_eq(spc_xmr(bad, periods, 4, NULL, &r, &e), -1);
    cr_assert(strstr(e.msg, "2024-03") != NULL, "%s", e.msg);
    cr_assert_eq(spc_xmr(bad, NULL, 4, NULL, &r, &e), -1);
    cr_assert(strstr(e.msg, "point 3") != NULL, "%s", e.msg);

    const double ok[] = {1, 2, 3, 4};
    spc_options opt;
    spc_options_init(&opt);
    size_t at[] = {3};
    opt.rebase_at = at;
    opt.n_rebase = 1;
    cr_assert_eq(spc_xmr(ok, periods, 4, &opt, &r, &e), -1);
    cr_assert(strstr(e.msg, "2024-04") != NULL && strstr(e.msg, "1 point") != NULL, "%s", e.msg);
    at[0] = 1;
    cr_assert_eq(spc_xmr(ok, periods, 4, &opt, &r, &e), -1);
    cr_assert(strstr(e.msg, "2024-02") != NULL, "%s", e.msg);
    at[0] = 9;
    cr_assert_eq(spc_xmr(ok, periods, 4, &opt, &r, &e), -1);
    cr_assert(strstr(e.msg, "past the last") != NULL, "%s", e.msg);

    spc_options_init(&opt);
    opt.fix_after = 1;
    cr_assert_eq(spc_xmr(ok, NULL, 4, &opt, &r, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    spc_result_free(&r);
}

Test(stats_spc, names)
{
    cr_assert_str_eq(spc_point_type_name(SPC_COMMON_CAUSE), "common_cause");
    cr_assert_str_eq(spc_point_type_name(SPC_SPECIAL_IMPROVEMENT), "special_cause_improvement");
    cr_assert_str_eq(spc_point_type_name(SPC_SPECIAL_CONCERN), "special_cause_concern");
    cr_assert_str_eq(spc_point_type_name(SPC_SPECIAL_NEUTRAL_HIGH), "special_cause_neutral_high");
    cr_assert_str_eq(spc_point_type_name(SPC_SPECIAL_NEUTRAL_LOW), "special_cause_neutral_low");
    cr_assert_str_eq(spc_variation_name(SPC_VARIATION_COMMON_CAUSE), "common_cause");
    cr_assert_str_eq(spc_variation_name(SPC_VARIATION_IMPROVEMENT_HIGH), "improvement_high");
    cr_assert_str_eq(spc_variation_name(SPC_VARIATION_IMPROVEMENT_LOW), "improvement_low");
    cr_assert_str_eq(spc_variation_name(SPC_VARIATION_CONCERN_HIGH), "concern_high");
    cr_assert_str_eq(spc_variation_name(SPC_VARIATION_CONCERN_LOW), "concern_low");
    cr_assert_str_eq(spc_variation_name(SPC_VARIATION_NEUTRAL_HIGH), "neutral_high");
    cr_assert_str_eq(spc_variation_name(SPC_VARIATION_NEUTRAL_LOW), "neutral_low");
    cr_assert_str_eq(spc_assurance_name(SPC_ASSURANCE_PASS), "consistent_pass");
    cr_assert_str_eq(spc_assurance_name(SPC_ASSURANCE_FAIL), "consistent_fail");
    cr_assert_str_eq(spc_assurance_name(SPC_ASSURANCE_INCONSISTENT), "inconsistent");
    cr_assert_str_eq(spc_direction_name(SPC_DECREASE), "decrease");

    spc_direction d;
    err e = {0};
    cr_assert_eq(spc_direction_parse("increase", &d, &e), 0);
    cr_assert_eq(d, SPC_INCREASE);
    cr_assert_eq(spc_direction_parse("neutral", &d, &e), 0);
    cr_assert_eq(d, SPC_NEUTRAL);
    cr_assert_eq(spc_direction_parse("up", &d, &e), -1);
    cr_assert(strstr(e.msg, "\"up\"") != NULL, "%s", e.msg);
}
