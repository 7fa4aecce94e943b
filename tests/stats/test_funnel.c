/* Tests for src/stats/funnel.c.
 * References:
 * - PHEindicatormethods' sigma_adjustment() (R/Funnels.R), the Fingertips proportion funnel,
 *   evaluated by hand (Python) for p = 0.1, n = 100: 0.041201080463798 to 0.158798919536202 at
 *   95%, identical to p +/- z sqrt(p(1-p)/n).
 * - The phe_funnel_significance() documentation example: areas A-D with numerators 10232, 12321,
 *   15123, 13213 and denominators 15232, 16123, 17932, 18475 (average 75.0996133526165%), limits
 *   from that formula at 30 digits in mpmath.
 * - Exact Poisson funnel limits: mpmath (30 digits, bisection on the gamma shape), and the
 *   equivalent exact test P(X >= O | E) for whole counts. */
#include "stats/funnel.h"

#include "stats/intervals.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

Test(stats_funnel, proportion_limits_match_phe_formula)
{
    const double x[] = {10}, n[] = {100};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, x, n, NULL, 1, 1.0, &r, &e), 0, "%s", e.msg);
    cr_assert_float_eq(r.average, 0.1, 1e-15);
    cr_assert_float_eq(r.orgs[0].limit95_low, 0.041201080463798376, 1e-14);
    cr_assert_float_eq(r.orgs[0].limit95_high, 0.15879891953620162, 1e-14);
    /* 99.8%: 0.1 -/+ 3.090232306 * 0.03 = 0.00729303 and 0.19270697. */
    cr_assert_float_eq(r.orgs[0].limit998_low, 0.1 - 3.090232306167813 * 0.03, 1e-14);
    cr_assert_float_eq(r.orgs[0].limit998_high, 0.1 + 3.090232306167813 * 0.03, 1e-14);
    /* Its own Wilson interval, 0.0552 to 0.1744. */
    cr_assert_float_eq(r.orgs[0].ci95_low, 0.0552291370606751, 1e-13);
    cr_assert_float_eq(r.orgs[0].ci95_high, 0.174365661504913, 1e-13);
    cr_assert_eq(r.orgs[0].significance, FUNNEL_NOT_SIGNIFICANT);
    funnel_result_free(&r);
}

Test(stats_funnel, phe_documented_example)
{
    const double x[] = {10232, 12321, 15123, 13213};
    const double n[] = {15232, 16123, 17932, 18475};
    const char *names[] = {"A", "B", "C", "D"};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, x, n, names, 4, 100, &r, &e), 0, "%s", e.msg);
    cr_assert_float_eq(r.average, 75.0996133526165, 1e-11);
    struct {
        double value, l95, h95, l998, h998;
        funnel_significance sig;
    } want[] = {
        {67.1743697478992, 74.4128746535646, 75.7863520516685, 74.0168474801589, 76.1823792250741,
         FUNNEL_LOW_0_001},
        {76.4187806239534, 74.4321198233935, 75.7671068818395, 74.0471909181059, 76.1520357871271,
         FUNNEL_HIGH_0_001},
        {84.3352665625697, 74.4666834390035, 75.7325432662295, 74.1016866141587, 76.0975400910743,
         FUNNEL_HIGH_0_001},
        {71.5182679296346, 74.4760540489402, 75.7231726562928, 74.116461049701, 76.082765655532,
         FUNNEL_LOW_0_001},
    };
    for (size_t i = 0; i < 4; i++) {
        const funnel_org *o = &r.orgs[i];
        cr_assert_float_eq(o->value, want[i].value, 1e-11, "%s", names[i]);
        cr_assert_float_eq(o->limit95_low, want[i].l95, 1e-11, "%s", names[i]);
        cr_assert_float_eq(o->limit95_high, want[i].h95, 1e-11, "%s", names[i]);
        cr_assert_float_eq(o->limit998_low, want[i].l998, 1e-11, "%s", names[i]);
        cr_assert_float_eq(o->limit998_high, want[i].h998, 1e-11, "%s", names[i]);
        cr_assert_eq(o->significance, want[i].sig, "%s: %s", names[i],
                     funnel_significance_name(o->significance));
    }
    funnel_result_free(&r);
}

/* One band each: a large organisation fixes the average near 20%, three small ones sit in the
 * high 0.025, high 0.001 and low 0.025 bands. */
Test(stats_funnel, proportion_bands)
{
    /* Big org: 20000 of 100000. Others tiny relative to it, so p = (20000 + a + b + c) / (100000 +
     * 300) stays close to 0.2; limits at n = 100: 0.2 +/- 1.96 x 0.04 = 0.1216..0.2784 (95%),
     * 0.2 +/- 3.09 x 0.04 = 0.0764..0.3236 (99.8%), up to the small shift in p. */
    const double x[] = {20000, 30, 34, 10}, n[] = {100000, 100, 100, 100};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, x, n, NULL, 4, 100, &r, &e), 0);
    double p = 20074.0 / 100300.0;
    cr_assert_float_eq(r.average, p * 100, 1e-12);
    cr_assert_float_eq(r.orgs[1].limit95_high,
                       100 * (p + 1.959963984540054 * sqrt(p * (1 - p) / 100)), 1e-10);
    cr_assert_eq(r.orgs[0].significance, FUNNEL_NOT_SIGNIFICANT);
    cr_assert_eq(r.orgs[1].significance, FUNNEL_HIGH_0_025); /* 30% > 27.8%, < 32.4% */
    cr_assert_eq(r.orgs[2].significance, FUNNEL_HIGH_0_001); /* 34% > 32.4% */
    cr_assert_eq(r.orgs[3].significance, FUNNEL_LOW_0_025);  /* 10% < 12.2%, > 7.6% */
    funnel_result_free(&r);
}

Test(stats_funnel, proportion_limits_clip_and_tiny_denominators)
{
    /* Average 0.5 (3 of 6 overall); at n = 1 the limits 0.5 +/- 0.98 clip to 0 and 100%: an
     * organisation with 0 of 1 or 1 of 1 is not significant. */
    const double x[] = {0, 1, 2}, n[] = {1, 1, 4};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, x, n, NULL, 3, 100, &r, &e), 0);
    cr_assert_float_eq(r.average, 50.0, 1e-12);
    cr_assert_float_eq(r.orgs[0].limit95_low, 0.0, 0);
    cr_assert_float_eq(r.orgs[0].limit95_high, 100.0, 0);
    cr_assert_eq(r.orgs[0].significance, FUNNEL_NOT_SIGNIFICANT);
    cr_assert_eq(r.orgs[1].significance, FUNNEL_NOT_SIGNIFICANT);
    funnel_result_free(&r);
}

Test(stats_funnel, proportion_zero_and_hundred_percent_everywhere)
{
    /* All 0%: the average is 0, the limits collapse to 0 and nobody is significant. */
    const double zero[] = {0, 0}, n[] = {10, 50};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, zero, n, NULL, 2, 100, &r, &e), 0);
    cr_assert_float_eq(r.average, 0.0, 0);
    cr_assert_float_eq(r.orgs[1].limit998_high, 0.0, 0);
    cr_assert_eq(r.orgs[0].significance, FUNNEL_NOT_SIGNIFICANT);
    cr_assert_eq(r.orgs[0].ci95_low, 0.0);
    funnel_result_free(&r);
    /* All 100%. */
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, n, n, NULL, 2, 100, &r, &e), 0);
    cr_assert_float_eq(r.average, 100.0, 0);
    cr_assert_float_eq(r.orgs[0].limit95_low, 100.0, 0);
    cr_assert_eq(r.orgs[1].significance, FUNNEL_NOT_SIGNIFICANT);
    cr_assert_eq(r.orgs[1].ci95_high, 100.0);
    funnel_result_free(&r);
}

/* Outside the funnel exactly when the organisation's own Wilson interval excludes the average. */
Test(stats_funnel, proportion_significance_equals_wilson_excluding_average)
{
    double x[41], n[41];
    for (int i = 0; i <= 40; i++) {
        x[i] = i;
        n[i] = 40;
    }
    /* A big org sets p = 0.3 (pooled with these, p = (3000 + 820) / (10000 + 1640)). */
    x[0] = 3000;
    n[0] = 10000;
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, x, n, NULL, 41, 1, &r, &e), 0);
    for (int i = 1; i <= 40; i++) {
        ci_interval ci;
        cr_assert_eq(ci_wilson(x[i], n[i], 0.95, &ci, &e), 0);
        int excluded = r.centre < ci.lower || r.centre > ci.upper;
        int flagged = r.orgs[i].significance != FUNNEL_NOT_SIGNIFICANT;
        cr_assert_eq(flagged, excluded, "%d of 40: ci %g..%g, centre %g", i, ci.lower, ci.upper,
                     r.centre);
    }
    funnel_result_free(&r);
}

Test(stats_funnel, ratio_limits_exact_poisson)
{
    /* Expected 10, 2, 100 and 0.5 events; observed equal to expected (ratio 1). mpmath: */
    const double o[] = {10, 2, 100, 0.5}, ex[] = {10, 2, 100, 0.5};
    const struct {
        double l95, h95, l998, h998;
    } want[] = {
        {0.383361612156208, 1.71271588169662, 0.137147684558633, 2.15706002121961},
        {0.0, 2.82916753081307, 0.0, 4.03118924154996},
        {0.803905506959343, 1.20557965455378, 0.700766601662842, 1.32781300392072},
        {0.0, 5.43138178491004, 0.0, 8.49904488486845},
    };
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, o, ex, NULL, 4, 1, &r, &e), 0, "%s", e.msg);
    cr_assert_float_eq(r.average, 1.0, 0);
    for (size_t i = 0; i < 4; i++) {
        cr_assert_float_eq(r.orgs[i].limit95_low, want[i].l95, 1e-9, "E=%g", ex[i]);
        cr_assert_float_eq(r.orgs[i].limit95_high, want[i].h95, 1e-9, "E=%g", ex[i]);
        cr_assert_float_eq(r.orgs[i].limit998_low, want[i].l998, 1e-9, "E=%g", ex[i]);
        cr_assert_float_eq(r.orgs[i].limit998_high, want[i].h998, 1e-9, "E=%g", ex[i]);
        cr_assert_eq(r.orgs[i].significance, FUNNEL_NOT_SIGNIFICANT);
    }
    funnel_result_free(&r);
}

/* With 10 expected: P(X >= 17) = 0.0270 (not significant at 0.025), P(X >= 18) = 0.0143 (high at
 * 0.025), P(X >= 21) = 0.00159 (still not 0.001), P(X >= 22) = 0.00070 (high at 0.001); and 0
 * observed against 10 expected (P(X = 0) = 4.5e-5) is low at 0.001. */
Test(stats_funnel, ratio_significance_is_the_exact_test)
{
    const double o[] = {17, 18, 21, 22, 0, 4}, ex[] = {10, 10, 10, 10, 10, 10};
    const funnel_significance want[] = {FUNNEL_NOT_SIGNIFICANT, FUNNEL_HIGH_0_025,
                                        FUNNEL_HIGH_0_025,      FUNNEL_HIGH_0_001,
                                        FUNNEL_LOW_0_001,       FUNNEL_NOT_SIGNIFICANT};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, o, ex, NULL, 6, 100, &r, &e), 0);
    cr_assert_float_eq(r.average, 100.0, 0); /* an SMR-style multiplier of 100 */
    for (size_t i = 0; i < 6; i++)
        cr_assert_eq(r.orgs[i].significance, want[i], "O=%g: %s", o[i],
                     funnel_significance_name(r.orgs[i].significance));
    /* Values and intervals in units: 18 / 10 x 100 = 180; the exact 95% interval of 18 events is
     * 10.668 to 28.448 (mpmath: 10.6679407803995 and 28.4477602675280), / 10 x 100. */
    cr_assert_float_eq(r.orgs[1].value, 180.0, 1e-12);
    cr_assert_float_eq(r.orgs[1].ci95_low, 106.679407803995, 1e-8);
    cr_assert_float_eq(r.orgs[1].ci95_high, 284.477602675280, 1e-8);
    /* 4 of 10 expected: P(X <= 4) = 0.0293 > 0.025: not significantly low (last row above). */
    funnel_result_free(&r);
}

Test(stats_funnel, zero_events_with_tiny_expected)
{
    /* Expected 2: even 0 events is not significantly low (0 <= e^-2 = 0.135); the lower limit is 0.
     */
    const double o[] = {0}, ex[] = {2};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, o, ex, NULL, 1, 1, &r, &e), 0);
    cr_assert_float_eq(r.orgs[0].limit95_low, 0.0, 0);
    cr_assert_eq(r.orgs[0].significance, FUNNEL_NOT_SIGNIFICANT);
    cr_assert_float_eq(r.orgs[0].ci95_low, 0.0, 0);
    cr_assert_float_eq(r.orgs[0].ci95_high, 3.68887945411394 / 2, 1e-11);
    funnel_result_free(&r);
}

Test(stats_funnel, rate_centres_on_overall_rate)
{
    /* 30 events in 10,000 and 10 in 10,000: overall 40 / 20,000 = 0.002 = 200 per 100,000.
     * Expected for each: 20 events. Limits = exact Poisson limits at E = 20 x 0.002 / 20. */
    const double o[] = {30, 10}, pop[] = {10000, 10000};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_RATE, o, pop, NULL, 2, 100000, &r, &e), 0);
    cr_assert_float_eq(r.average, 200.0, 1e-10);
    cr_assert_float_eq(r.orgs[0].value, 300.0, 1e-10);
    funnel_result ratio;
    const double o2[] = {20}, ex[] = {20};
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, o2, ex, NULL, 1, 1, &ratio, &e), 0);
    cr_assert_float_eq(r.orgs[0].limit95_high, ratio.orgs[0].limit95_high * 200.0, 1e-8);
    cr_assert_float_eq(r.orgs[1].limit998_low, ratio.orgs[0].limit998_low * 200.0, 1e-8);
    /* P(X >= 30 | 20) = 0.0218 < 0.025: high at 0.025; P(X <= 10 | 20) = 0.0108: low at 0.025. */
    cr_assert_eq(r.orgs[0].significance, FUNNEL_HIGH_0_025);
    cr_assert_eq(r.orgs[1].significance, FUNNEL_LOW_0_025);
    funnel_result_free(&ratio);
    funnel_result_free(&r);
}

Test(stats_funnel, limits_at_any_denominator)
{
    const double x[] = {10}, n[] = {100};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, x, n, NULL, 1, 100, &r, &e), 0);
    double lo, hi;
    /* p = 0.1 at n = 400: 10 -/+ 1.96 x sqrt(0.09 / 400) x 100 = 7.06 .. 12.94. */
    funnel_limits_at(&r, 400, 0.95, &lo, &hi);
    cr_assert_float_eq(lo, 10 - 100 * 1.959963984540054 * 0.015, 1e-11);
    cr_assert_float_eq(hi, 10 + 100 * 1.959963984540054 * 0.015, 1e-11);
    funnel_limits_at(&r, 0, 0.95, &lo, &hi);
    cr_assert(isnan(lo) && isnan(hi));
    funnel_result_free(&r);
}

Test(stats_funnel, bad_rows_are_named)
{
    funnel_result r;
    err e = {0};
    const char *names[] = {"A81001", "A81002"};
    const double x[] = {5, 11}, n[] = {10, 10};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, x, n, names, 2, 100, &r, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert(strstr(e.msg, "A81002") && strstr(e.msg, "larger than its denominator"), "%s", e.msg);
    /* For a ratio, more observed than expected is fine. */
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, x, n, names, 2, 1, &r, &e), 0);
    funnel_result_free(&r);
    const double zero[] = {10, 0};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, x, zero, NULL, 2, 100, &r, &e), -1);
    cr_assert(strstr(e.msg, "row 2") && strstr(e.msg, "denominator 0"), "%s", e.msg);
    const double neg[] = {-1, 1};
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, neg, n, NULL, 2, 1, &r, &e), -1);
    const double nan_[] = {NAN, 1};
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, nan_, n, NULL, 2, 1, &r, &e), -1);
    cr_assert(strstr(e.msg, "not a number"), "%s", e.msg);
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, x, n, NULL, 0, 1, &r, &e), -1);
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, x, n, NULL, 2, 0, &r, &e), -1);
    funnel_result_free(&r);
}

Test(stats_funnel, names)
{
    cr_assert_str_eq(funnel_significance_name(FUNNEL_HIGH_0_001), "high_0.001");
    cr_assert_str_eq(funnel_significance_name(FUNNEL_HIGH_0_025), "high_0.025");
    cr_assert_str_eq(funnel_significance_name(FUNNEL_NOT_SIGNIFICANT), "not_significant");
    cr_assert_str_eq(funnel_significance_name(FUNNEL_LOW_0_025), "low_0.025");
    cr_assert_str_eq(funnel_significance_name(FUNNEL_LOW_0_001), "low_0.001");
    funnel_type t;
    err e = {0};
    cr_assert_eq(funnel_type_parse("ratio", &t, &e), 0);
    cr_assert_eq(t, FUNNEL_RATIO);
    cr_assert_str_eq(funnel_type_name(t), "ratio");
    cr_assert_eq(funnel_type_parse("percent", &t, &e), -1);
    cr_assert_float_eq(funnel_default_multiplier(FUNNEL_PROPORTION), 100.0, 0);
    cr_assert_float_eq(funnel_default_multiplier(FUNNEL_RATIO), 1.0, 0);
}
