/* percentile: percentiles and percent ranks across organisations, computed the way OpenPrescribing
 * does in BigQuery.
 *
 * - pctl_cont(): PERCENTILE_CONT, linear interpolation between closest ranks: for the fraction f
 *   of m sorted values, h = (m - 1) f and the result is x[floor h] + (h - floor h)(x[floor h + 1] -
 *   x[floor h]). (Also R's quantile() type 7, used by Fingertips for quartiles.)
 * - pctl_percent_rank(): PERCENT_RANK() x 100 = (rank - 1) / (m - 1) x 100, where rank is 1 + the
 *   number of values strictly lower (ties share the lowest rank) and m the number of values; 0
 *   when m = 1.
 * Values that are NaN or infinite (a NULL, or a division by zero) are left out of both, and an
 * organisation whose own value is left out gets NaN (OpenPrescribing gives it a NULL percentile).
 *
 * Pure functions; pctl_sorted() returns an array the caller frees; nothing else is allocated
 * beyond the call. */
#ifndef UNLOCK_STATS_PERCENTILE_H
#define UNLOCK_STATS_PERCENTILE_H

#include <stddef.h>

/* The finite values among values[0..n), sorted ascending, in a new array the caller frees (never
 * NULL; *m is set to their count, possibly 0). */
double *pctl_sorted(const double *values, size_t n, size_t *m);

/* PERCENTILE_CONT of m already sorted finite values at fraction f in [0, 1]; NaN when m = 0 or f is
 * outside [0, 1]. */
double pctl_cont_sorted(const double *sorted, size_t m, double f);

/* How many of m sorted values are strictly below v (1 + this is v's rank, ties sharing the
 * lowest). */
size_t pctl_count_below(const double *sorted, size_t m, double v);

/* PERCENTILE_CONT at fraction f (0.5 = median) over the finite values among values[0..n). */
double pctl_cont(const double *values, size_t n, double f);

/* The nine deciles (f = 0.1 ... 0.9) into out[0..9); all NaN when there are no finite values. */
void pctl_deciles(const double *values, size_t n, double out[9]);

/* PERCENT_RANK x 100 of value among the finite values of values[0..n). value is normally one of
 * them; if not, its rank is still 1 + the count strictly below, capped at 100. NaN when value is
 * not finite or there are no finite values. */
double pctl_percent_rank(const double *values, size_t n, double value);

/* PERCENT_RANK x 100 of every element, into out[0..n) (NaN where the value is not finite), in
 * O(n log n). */
void pctl_percent_ranks(const double *values, size_t n, double *out);

#endif
