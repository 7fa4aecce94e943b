/* Tests for src/stats/normal.c. Reference quantiles are from Wichura (1988) AS 241's own test
 * values and standard normal tables, cross-checked to 16 digits with mpmath 1.3.0 (erfc, solved by
 * Newton's method at 50 digits). */
#include "stats/normal.h"

#include <criterion/criterion.h>
#include <math.h>

Test(stats_normal, quantile_central_values)
{
    /* Standard table values: z(0.975) = 1.959963984540054, z(0.999) = 3.090232306167813. */
    cr_assert_float_eq(normal_quantile(0.975), 1.959963984540054, 1e-14);
    cr_assert_float_eq(normal_quantile(0.025), -1.959963984540054, 1e-14);
    cr_assert_float_eq(normal_quantile(0.999), 3.090232306167813, 1e-14);
    cr_assert_float_eq(normal_quantile(0.001), -3.090232306167813, 1e-14);
    cr_assert_float_eq(normal_quantile(0.5), 0.0, 1e-16);
    /* mpmath: Phi^-1(0.6) = 0.25334710313579974, Phi^-1(0.1) = -1.2815515655446004. */
    cr_assert_float_eq(normal_quantile(0.6), 0.25334710313579974, 1e-15);
    cr_assert_float_eq(normal_quantile(0.1), -1.2815515655446004, 1e-15);
}

Test(stats_normal, quantile_tails_use_all_three_branches)
{
    /* |q| > 0.425 with r <= 5 and with r > 5 (p below about 1.4e-11). mpmath references. */
    cr_assert_float_eq(normal_quantile(1e-5), -4.2648907939228246, 1e-13);
    cr_assert_float_eq(normal_quantile(1e-10), -6.3613409024040562, 1e-13);
    cr_assert_float_eq(normal_quantile(1e-20), -9.2623400897984076, 1e-12);
    cr_assert_float_eq(normal_quantile(1e-300), -37.047096299361199, 1e-11);
    cr_assert_float_eq(normal_quantile(1.0 - 1e-12), 7.0344869100478352, 1e-9);
}

Test(stats_normal, quantile_edges)
{
    cr_assert(isinf(normal_quantile(0.0)) && normal_quantile(0.0) < 0);
    cr_assert(isinf(normal_quantile(1.0)) && normal_quantile(1.0) > 0);
    cr_assert(isnan(normal_quantile(-0.1)));
    cr_assert(isnan(normal_quantile(1.1)));
    cr_assert(isnan(normal_quantile(NAN)));
}

Test(stats_normal, cdf_values)
{
    /* Table values: Phi(0) = 0.5, Phi(1.96) = 0.9750021048517795, Phi(-3) = 0.0013498980316301. */
    cr_assert_float_eq(normal_cdf(0.0), 0.5, 1e-16);
    cr_assert_float_eq(normal_cdf(1.96), 0.9750021048517795, 1e-15);
    cr_assert_float_eq(normal_cdf(-3.0), 0.0013498980316300946, 1e-17);
    /* Deep lower tail keeps relative precision: Phi(-10) = 7.619853024160526e-24. */
    cr_assert_float_eq(normal_cdf(-10.0) / 7.619853024160526e-24, 1.0, 1e-13);
    cr_assert_float_eq(normal_cdf(-INFINITY), 0.0, 0.0);
    cr_assert_float_eq(normal_cdf(INFINITY), 1.0, 0.0);
    cr_assert(isnan(normal_cdf(NAN)));
}

Test(stats_normal, cdf_inverts_quantile)
{
    for (double p = 0.0005; p < 1.0; p += 0.0137)
        cr_assert_float_eq(normal_cdf(normal_quantile(p)), p, 1e-14, "p = %g", p);
}

Test(stats_normal, z_for_confidence_levels)
{
    /* The two levels the NHS uses: 95% and 99.8% (Fingertips, funnel plots). */
    cr_assert_float_eq(normal_z(0.95), 1.959963984540054, 1e-14);
    cr_assert_float_eq(normal_z(0.998), 3.090232306167813, 1e-13);
    cr_assert(isnan(normal_z(0.0)));
    cr_assert(isnan(normal_z(1.0)));
    cr_assert(isnan(normal_z(95.0)));
}
