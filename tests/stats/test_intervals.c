/* Tests for src/stats/intervals.c. References:
 * - Wilson: NHS-DATA.md / PHEindicatormethods (10 of 100 at 95% gives 0.0552 to 0.1744), more
 *   digits from the closed form evaluated in mpmath at 30 digits.
 * - Exact Poisson: the classic table of Poisson confidence limits (e.g. Breslow & Day 1987,
 *   Table; 0 -> 0 to 3.689, 1 -> 0.0253 to 5.572, 2 -> 0.242 to 7.225, 5 -> 1.624 to 11.668,
 *   10 -> 4.795 to 18.390), more digits from mpmath (gamma quantiles at 30 digits).
 * - Byar: the formula evaluated by hand/mpmath; it should sit close to the exact limits.
 * - DSR: a two-band example worked by hand below. */
#include "stats/intervals.h"

#include <criterion/criterion.h>
#include <math.h>

Test(stats_intervals, wilson_published_example)
{
    ci_interval ci;
    err e = {0};
    cr_assert_eq(ci_wilson(10, 100, 0.95, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 0.0552, 5e-5);
    cr_assert_float_eq(ci.upper, 0.1744, 5e-5);
    cr_assert_float_eq(ci.lower, 0.0552291370606751, 1e-13);
    cr_assert_float_eq(ci.upper, 0.174365661504913, 1e-13);
}

Test(stats_intervals, wilson_998_and_half)
{
    ci_interval ci;
    err e = {0};
    cr_assert_eq(ci_wilson(10, 100, 0.998, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 0.0396781026978607, 1e-13);
    cr_assert_float_eq(ci.upper, 0.230058647126104, 1e-13);
    /* 50 of 100 is symmetric about 0.5. */
    cr_assert_eq(ci_wilson(50, 100, 0.95, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 0.403831530365996, 1e-13);
    cr_assert_float_eq(ci.upper, 0.596168469634004, 1e-13);
    cr_assert_float_eq(ci.lower + ci.upper, 1.0, 1e-15);
}

Test(stats_intervals, wilson_zero_and_hundred_percent)
{
    ci_interval ci;
    err e = {0};
    /* 0 of 10: lower exactly 0, upper z^2 / (n + z^2) = 3.8415 / 13.8415 = 0.277532799862889. */
    cr_assert_eq(ci_wilson(0, 10, 0.95, &ci, &e), 0);
    cr_assert_eq(ci.lower, 0.0);
    cr_assert_float_eq(ci.upper, 0.277532799862889, 1e-13);
    /* 10 of 10 mirrors it: 0.722467200137111 to exactly 1. */
    cr_assert_eq(ci_wilson(10, 10, 0.95, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 0.722467200137111, 1e-13);
    cr_assert_eq(ci.upper, 1.0);
}

Test(stats_intervals, wilson_tiny_denominator)
{
    ci_interval ci;
    err e = {0};
    /* 1 of 2 at 95%: mpmath 0.0945312057342307 to 0.905468794265769. */
    cr_assert_eq(ci_wilson(1, 2, 0.95, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 0.0945312057342307, 1e-13);
    cr_assert_float_eq(ci.upper, 0.905468794265769, 1e-13);
    /* 0 of 1 still gives a proper interval inside [0, 1]. */
    cr_assert_eq(ci_wilson(0, 1, 0.998, &ci, &e), 0);
    cr_assert_eq(ci.lower, 0.0);
    cr_assert(ci.upper > 0.9 && ci.upper <= 1.0);
}

Test(stats_intervals, wilson_rejects_bad_input)
{
    ci_interval ci;
    err e = {0};
    cr_assert_eq(ci_wilson(11, 10, 0.95, &ci, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert(strstr(e.msg, "larger than its denominator") != NULL, "%s", e.msg);
    cr_assert_eq(ci_wilson(1, 0, 0.95, &ci, &e), -1);
    cr_assert(strstr(e.msg, "denominator 0") != NULL, "%s", e.msg);
    cr_assert_eq(ci_wilson(-1, 10, 0.95, &ci, &e), -1);
    cr_assert_eq(ci_wilson(NAN, 10, 0.95, &ci, &e), -1);
    cr_assert_eq(ci_wilson(1, 10, 95, &ci, &e), -1);
    cr_assert(strstr(e.msg, "confidence level 95") != NULL, "%s", e.msg);
}

Test(stats_intervals, byar_values)
{
    ci_interval ci;
    err e = {0};
    /* x = 10 at 95%: 10(1 - 1/90 - 1.96/(3 sqrt 10))^3 = 4.78744991396756, 11(1 - 1/99 +
     * 1.96/(3 sqrt 11))^3 = 18.3914586057565; within 0.01 of the exact 4.795 and 18.390. */
    cr_assert_eq(ci_byar(10, 0.95, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 4.78744991396756, 1e-12);
    cr_assert_float_eq(ci.upper, 18.3914586057565, 1e-12);
    cr_assert_eq(ci_byar(10, 0.998, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 2.91631837469569, 1e-12);
    cr_assert_float_eq(ci.upper, 24.1937249278805, 1e-12);
    cr_assert_eq(ci_byar(100, 0.95, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 81.3621054905279, 1e-11);
    cr_assert_float_eq(ci.upper, 121.627937579206, 1e-11);
}

Test(stats_intervals, byar_zero_and_negative_lower)
{
    ci_interval ci;
    err e = {0};
    /* Zero events: lower 0, upper (1 - 1/9 + 1.96/3)^3 = 3.66801183217375. */
    cr_assert_eq(ci_byar(0, 0.95, &ci, &e), 0);
    cr_assert_eq(ci.lower, 0.0);
    cr_assert_float_eq(ci.upper, 3.66801183217375, 1e-12);
    /* One event at 99.8%: the formula gives -0.0028; PHEindicatormethods returns NA, we clip at 0.
     */
    cr_assert_eq(ci_byar(1, 0.998, &ci, &e), 0);
    cr_assert_eq(ci.lower, 0.0);
    cr_assert_float_eq(ci.upper, 9.36218021790837, 1e-12);
    cr_assert_eq(ci_byar(-1, 0.95, &ci, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
}

Test(stats_intervals, poisson_exact_table)
{
    /* Breslow & Day table / mpmath. */
    const struct {
        double x, lower, upper;
    } rows[] = {
        {0, 0.0, 3.68887945411394},
        {1, 0.0253178079842899, 5.5716433909389},
        {2, 0.242209278543965, 7.22468766772396},
        {5, 1.62348639011842, 11.6683320793227},
        {10, 4.79538869613243, 18.3903560420178},
        {100, 81.3639912509231, 121.626793792426},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        ci_interval ci;
        err e = {0};
        cr_assert_eq(ci_poisson_exact(rows[i].x, 0.95, &ci, &e), 0);
        cr_assert_float_eq(ci.lower, rows[i].lower, 1e-10 * (1 + rows[i].lower), "x=%g", rows[i].x);
        cr_assert_float_eq(ci.upper, rows[i].upper, 1e-10 * rows[i].upper, "x=%g", rows[i].x);
    }
}

Test(stats_intervals, poisson_exact_998_and_fractional)
{
    ci_interval ci;
    err e = {0};
    /* 0 events at 99.8%: upper = -ln(0.001) = 6.90775527898214. */
    cr_assert_eq(ci_poisson_exact(0, 0.998, &ci, &e), 0);
    cr_assert_eq(ci.lower, 0.0);
    cr_assert_float_eq(ci.upper, 6.90775527898214, 1e-11);
    cr_assert_eq(ci_poisson_exact(10, 0.998, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 2.96052037274376, 1e-10);
    cr_assert_float_eq(ci.upper, 24.1339711454176, 1e-10);
    /* A weighted count of 2.5 (mpmath): 0.415605806743331 to 8.00638213731466. */
    cr_assert_eq(ci_poisson_exact(2.5, 0.95, &ci, &e), 0);
    cr_assert_float_eq(ci.lower, 0.415605806743331, 1e-10);
    cr_assert_float_eq(ci.upper, 8.00638213731466, 1e-10);
    cr_assert_eq(ci_poisson_exact(INFINITY, 0.95, &ci, &e), -1);
}

Test(stats_intervals, dsr_two_bands_by_hand)
{
    /* Band 1: 20 events in 10,000 people, standard population 60,000: 0.002 * 60,000 = 120.
     * Band 2: 30 events in 5,000, standard 40,000: 0.006 * 40,000 = 240.
     * DSR = 360 / 100,000 = 360 per 100,000.
     * var = (20 * 6^2 + 30 * 8^2) / 100,000^2 = 2640 / 1e10 = 2.64e-7.
     * Byar for O = 50 at 95%: 37.1081004090342 to 65.9201566939577.
     * Lower = (0.0036 + sqrt(2.64e-7 / 50) * (37.1081 - 50)) * 1e5 = 266.322805532215;
     * upper = (0.0036 + sqrt(2.64e-7 / 50) * (65.9202 - 50)) * 1e5 = 475.681603324197. */
    const double events[] = {20, 30}, pop[] = {10000, 5000}, std[] = {60000, 40000};
    ci_dsr_result r;
    err e = {0};
    cr_assert_eq(ci_dsr(events, pop, std, 2, 0.95, 100000, &r, &e), 0);
    cr_assert_eq(r.suppressed, 0);
    cr_assert_float_eq(r.total_events, 50, 0);
    cr_assert_float_eq(r.total_population, 15000, 0);
    cr_assert_float_eq(r.value, 360.0, 1e-10);
    cr_assert_float_eq(r.ci.lower, 266.322805532215, 1e-9);
    cr_assert_float_eq(r.ci.upper, 475.681603324197, 1e-9);
}

Test(stats_intervals, dsr_suppressed_below_ten)
{
    /* 9 events in all: PHEindicatormethods returns NA for value and limits. */
    const double events[] = {4, 5}, pop[] = {1000, 1000}, std[] = {1, 1};
    ci_dsr_result r;
    err e = {0};
    cr_assert_eq(ci_dsr(events, pop, std, 2, 0.95, 100000, &r, &e), 0);
    cr_assert_eq(r.suppressed, 1);
    cr_assert(isnan(r.value) && isnan(r.ci.lower) && isnan(r.ci.upper));
    cr_assert_float_eq(r.total_events, 9, 0);
    /* Exactly 10 is shown. */
    const double ten[] = {5, 5};
    cr_assert_eq(ci_dsr(ten, pop, std, 2, 0.95, 100000, &r, &e), 0);
    cr_assert_eq(r.suppressed, 0);
    cr_assert_float_eq(r.value, 500.0, 1e-10);
}

Test(stats_intervals, dsr_rejects_bad_strata)
{
    const double events[] = {20, 30}, pop[] = {10000, 0}, std[] = {60000, 40000};
    ci_dsr_result r;
    err e = {0};
    cr_assert_eq(ci_dsr(events, pop, std, 2, 0.95, 100000, &r, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert(strstr(e.msg, "stratum 2") != NULL, "%s", e.msg);
    const double zero_std[] = {0, 0}, pop2[] = {10, 10};
    cr_assert_eq(ci_dsr(events, pop2, zero_std, 2, 0.95, 100000, &r, &e), -1);
    cr_assert_eq(ci_dsr(events, pop2, std, 0, 0.95, 100000, &r, &e), -1);
}
