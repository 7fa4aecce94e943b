/* Tests for src/stats/percentile.c. References:
 * - BigQuery's PERCENTILE_CONT documentation example: over [0, 3, NULL, 1, 2] the 0, 0.01, 0.5,
 *   0.9 and 1 percentiles are 0, 0.03, 1.5, 2.7 and 3.
 * - R's quantile(1:10) (type 7, the same interpolation): 1, 3.25, 5.5, 7.75, 10.
 * - PERCENT_RANK by hand from its SQL definition (rank - 1) / (rows - 1). */
#include "stats/percentile.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

Test(stats_percentile, bigquery_documented_example)
{
    const double x[] = {0, 3, NAN, 1, 2};
    cr_assert_float_eq(pctl_cont(x, 5, 0.0), 0.0, 1e-15);
    cr_assert_float_eq(pctl_cont(x, 5, 0.01), 0.03, 1e-15);
    cr_assert_float_eq(pctl_cont(x, 5, 0.5), 1.5, 1e-15);
    cr_assert_float_eq(pctl_cont(x, 5, 0.9), 2.7, 1e-15);
    cr_assert_float_eq(pctl_cont(x, 5, 1.0), 3.0, 1e-15);
}

Test(stats_percentile, r_quantile_type7)
{
    double x[10];
    for (int i = 0; i < 10; i++)
        x[9 - i] = i + 1; /* order must not matter */
    cr_assert_float_eq(pctl_cont(x, 10, 0.25), 3.25, 1e-15);
    cr_assert_float_eq(pctl_cont(x, 10, 0.5), 5.5, 1e-15);
    cr_assert_float_eq(pctl_cont(x, 10, 0.75), 7.75, 1e-15);
}

Test(stats_percentile, deciles)
{
    /* 0, 10, ..., 100 (11 values): decile k is exactly 10k. */
    double x[11];
    for (int i = 0; i < 11; i++)
        x[i] = 10 * i;
    double d[9];
    pctl_deciles(x, 11, d);
    for (int k = 1; k <= 9; k++)
        cr_assert_float_eq(d[k - 1], 10.0 * k, 1e-12, "decile %d", k);
    /* 1, 2, 3, 4 (and a NaN and an infinity, excluded): the 10th percentile is at h = 0.3, 1.3;
     * the 90th at h = 2.7, 3.7. */
    const double y[] = {4, NAN, 1, INFINITY, 3, 2};
    pctl_deciles(y, 6, d);
    cr_assert_float_eq(d[0], 1.3, 1e-15);
    cr_assert_float_eq(d[4], 2.5, 1e-15);
    cr_assert_float_eq(d[8], 3.7, 1e-15);
}

Test(stats_percentile, edge_cases)
{
    const double one[] = {7};
    cr_assert_float_eq(pctl_cont(one, 1, 0.1), 7.0, 0);
    cr_assert_float_eq(pctl_cont(one, 1, 0.9), 7.0, 0);
    const double none[] = {NAN, NAN};
    cr_assert(isnan(pctl_cont(none, 2, 0.5)));
    cr_assert(isnan(pctl_cont(none, 0, 0.5)));
    double d[9];
    pctl_deciles(none, 2, d);
    cr_assert(isnan(d[0]) && isnan(d[8]));
    const double x[] = {1, 2};
    cr_assert(isnan(pctl_cont(x, 2, -0.1)));
    cr_assert(isnan(pctl_cont(x, 2, 1.1)));
    cr_assert(isnan(pctl_cont(x, 2, NAN)));
}

Test(stats_percentile, percent_rank_with_ties)
{
    /* 10, 20, 20, 30, 40: SQL ranks 1, 2, 2, 4, 5; (rank - 1) / 4 x 100 = 0, 25, 25, 75, 100. */
    const double x[] = {30, 20, 10, 40, 20};
    double r[5];
    pctl_percent_ranks(x, 5, r);
    const double want[] = {75, 25, 0, 100, 25};
    for (int i = 0; i < 5; i++)
        cr_assert_float_eq(r[i], want[i], 1e-12, "value %g", x[i]);
    cr_assert_float_eq(pctl_percent_rank(x, 5, 20), 25.0, 1e-12);
    cr_assert_float_eq(pctl_percent_rank(x, 5, 40), 100.0, 1e-12);
    /* A value above all of them caps at 100. */
    cr_assert_float_eq(pctl_percent_rank(x, 5, 99), 100.0, 1e-12);
}

Test(stats_percentile, percent_rank_excludes_null_and_nan)
{
    /* OpenPrescribing ranks only rows with a value; the others get a NULL (NaN) percentile.
     * Finite values 1, 2, 3: ranks 0, 50, 100. */
    const double x[] = {3, NAN, 1, INFINITY, 2};
    double r[5];
    pctl_percent_ranks(x, 5, r);
    cr_assert_float_eq(r[0], 100.0, 1e-12);
    cr_assert(isnan(r[1]));
    cr_assert_float_eq(r[2], 0.0, 1e-12);
    cr_assert(isnan(r[3]));
    cr_assert_float_eq(r[4], 50.0, 1e-12);
    /* One organisation: rank 0. None: NaN. */
    const double one[] = {5};
    cr_assert_float_eq(pctl_percent_rank(one, 1, 5), 0.0, 0);
    cr_assert(isnan(pctl_percent_rank(x + 1, 1, 5)));
    cr_assert(isnan(pctl_percent_rank(x, 5, NAN)));
}

Test(stats_percentile, sorted_helper)
{
    const double x[] = {3, NAN, -1, 2};
    size_t m;
    double *s = pctl_sorted(x, 4, &m);
    cr_assert_eq(m, 3);
    cr_assert_float_eq(s[0], -1.0, 0);
    cr_assert_float_eq(s[2], 3.0, 0);
    /* -1, 2, 3 at 0.25: h = 0.5, -1 + 0.5 x (2 - -1) = 0.5. */
    cr_assert_float_eq(pctl_cont_sorted(s, m, 0.25), 0.5, 1e-15);
    free(s);
    s = pctl_sorted(x, 0, &m);
    cr_assert_eq(m, 0);
    free(s);
}
