/* Tests for src/stats/gammainc.c. References: closed forms (P(1, x) = 1 - e^-x;
 * P(1/2, x) = erf(sqrt x)), Poisson sums worked by hand, and mpmath 1.3.0 gammainc(regularized)
 * at 40 digits. */
#include "stats/gammainc.h"

#include <criterion/criterion.h>
#include <math.h>

Test(stats_gammainc, closed_forms)
{
    for (double x = 0.01; x < 60.0; x *= 1.7) {
        cr_assert_float_eq(gammainc_p(1.0, x), 1.0 - exp(-x), 1e-14, "x = %g", x);
        cr_assert_float_eq(gammainc_q(1.0, x) / exp(-x), 1.0, 1e-12, "x = %g", x);
        cr_assert_float_eq(gammainc_p(0.5, x), erf(sqrt(x)), 1e-14, "x = %g", x);
    }
}

Test(stats_gammainc, poisson_tail_by_hand)
{
    /* P(X >= 3) for X ~ Poisson(2) = 1 - e^-2 (1 + 2 + 2) = 1 - 5e^-2 = 0.32332358381693654. */
    cr_assert_float_eq(gammainc_p(3.0, 2.0), 1.0 - 5.0 * exp(-2.0), 1e-15);
    /* P(X <= 4) for X ~ Poisson(10) = e^-10 (1 + 10 + 50 + 166.67 + 416.67) = 0.029252688076961. */
    double by_hand = exp(-10.0) * (1.0 + 10.0 + 50.0 + 1000.0 / 6.0 + 10000.0 / 24.0);
    cr_assert_float_eq(gammainc_q(5.0, 10.0), by_hand, 1e-15);
}

Test(stats_gammainc, against_mpmath)
{
    /* mpmath: gammainc(10.5, 0, 3, regularized=True) = 0.000573820528343589 and others. */
    cr_assert_float_eq(gammainc_p(10.5, 3.0) / 5.738205283435889e-4, 1.0, 1e-12);
    cr_assert_float_eq(gammainc_p(100.0, 120.0), 0.97213626010947934, 1e-12);
    cr_assert_float_eq(gammainc_q(1000.0, 900.0), 0.99945009773428822, 1e-10);
}

Test(stats_gammainc, invalid_arguments)
{
    cr_assert(isnan(gammainc_p(0.0, 1.0)));
    cr_assert(isnan(gammainc_p(-1.0, 1.0)));
    cr_assert(isnan(gammainc_p(1.0, -1.0)));
    cr_assert(isnan(gammainc_q(NAN, 1.0)));
    cr_assert_float_eq(gammainc_p(2.0, 0.0), 0.0, 0.0);
    cr_assert_float_eq(gammainc_q(2.0, 0.0), 1.0, 0.0);
    cr_assert_float_eq(gammainc_p(2.0, INFINITY), 1.0, 0.0);
}

Test(stats_gammainc, inverse_round_trips)
{
    const double shapes[] = {0.5, 1.0, 2.0, 5.0, 10.5, 100.0, 1000.0};
    const double ps[] = {1e-10, 0.001, 0.025, 0.5, 0.975, 0.999, 1.0 - 1e-10};
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
        for (size_t j = 0; j < sizeof ps / sizeof *ps; j++) {
            double x = gammainc_p_inv(shapes[i], ps[j]);
            double back = ps[j] > 0.5 ? 1.0 - gammainc_q(shapes[i], x) : gammainc_p(shapes[i], x);
            double tail = ps[j] > 0.5 ? 1.0 - ps[j] : ps[j];
            cr_assert(fabs(back - ps[j]) <= 1e-9 * tail, "a = %g p = %g x = %g back = %.17g",
                      shapes[i], ps[j], x, back);
        }
}

Test(stats_gammainc, inverse_chi_square_table)
{
    /* Chi-square table: chi2(0.95, 1 df) = 3.841458820694124, chi2(0.025, 10 df) = 3.246972780. */
    cr_assert_float_eq(2.0 * gammainc_p_inv(0.5, 0.95), 3.841458820694124, 1e-12);
    cr_assert_float_eq(2.0 * gammainc_p_inv(5.0, 0.025), 3.2469727802368, 1e-11);
    /* Exponential: P(1, x) = p gives x = -ln(1 - p); the exact Poisson upper limit for 0 events at
     * 95% is -ln(0.025) = 3.6888794541139363. */
    cr_assert_float_eq(gammainc_p_inv(1.0, 0.975), -log(0.025), 1e-13);
    cr_assert_float_eq(gammainc_p_inv(3.0, 0.0), 0.0, 0.0);
    cr_assert(isinf(gammainc_p_inv(3.0, 1.0)));
    cr_assert(isnan(gammainc_p_inv(3.0, 1.5)));
    cr_assert(isnan(gammainc_p_inv(0.0, 0.5)));
}

Test(stats_gammainc, shape_inverse)
{
    /* The shape whose exact-Poisson upper limit is exactly 18.3903560420178 is 11 (= 10 events
     * + 1): mpmath's exact upper 95% limit for 10 events. */
    cr_assert_float_eq(gammainc_shape_inv(18.3903560420178, 0.975, 1.0), 11.0, 1e-9);
    /* And the shape whose lower limit is 4.79538869613243 is 10. */
    cr_assert_float_eq(gammainc_shape_inv(4.79538869613243, 0.025, 1e-9), 10.0, 1e-9);
    /* P(1, 1) = 0.632 < 0.975 already at the minimum shape: the answer is the minimum. */
    cr_assert_float_eq(gammainc_shape_inv(1.0, 0.975, 1.0), 1.0, 0.0);
    cr_assert(isnan(gammainc_shape_inv(0.0, 0.5, 1.0)));
    cr_assert(isnan(gammainc_shape_inv(1.0, 1.0, 1.0)));
}
