/* normal: the standard normal distribution, for the z values every interval and limit needs.
 *
 * Pure functions on doubles; nothing is allocated. The quantile is Wichura's algorithm AS 241
 * (PPND16, Applied Statistics 37:477-484, 1988), good to about 1e-16 relative; the CDF uses the C
 * library's erfc, which keeps full relative precision far into both tails. */
#ifndef UNLOCK_STATS_NORMAL_H
#define UNLOCK_STATS_NORMAL_H

/* P(Z <= x) for a standard normal Z. normal_cdf(-INFINITY) = 0, normal_cdf(INFINITY) = 1, NaN in
 * gives NaN out. */
double normal_cdf(double x);

/* The x with P(Z <= x) = p, for 0 < p < 1; -INFINITY at p = 0, INFINITY at p = 1, NaN outside
 * [0, 1] or for NaN. normal_quantile(0.975) = 1.959963984540054. */
double normal_quantile(double p);

/* The two-sided critical value for a confidence level in (0, 1): normal_quantile((1 + c) / 2).
 * normal_z(0.95) = 1.959964, normal_z(0.998) = 3.090232. NaN outside (0, 1). */
double normal_z(double confidence);

#endif
