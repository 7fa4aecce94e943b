/* gammainc: the regularised incomplete gamma function and its inverses, which give exact Poisson
 * confidence limits (the chi-square quantiles of Garwood 1936, written as gamma quantiles) and
 * exact Poisson funnel limits.
 *
 * Pure functions on doubles; nothing is allocated. P(a, x) is the lower regularised incomplete
 * gamma function, the probability that a Gamma(a, 1) variable is at most x; for whole a it is also
 * the probability that a Poisson(x) count is at least a. Q(a, x) = 1 - P(a, x). Accuracy is about
 * 1e-14 relative (series for x < a + 1, Lentz's continued fraction otherwise). */
#ifndef UNLOCK_STATS_GAMMAINC_H
#define UNLOCK_STATS_GAMMAINC_H

/* P(a, x) for a > 0, x >= 0; NaN for other arguments. */
double gammainc_p(double a, double x);

/* Q(a, x) = 1 - P(a, x), computed without cancellation; NaN for invalid arguments. */
double gammainc_q(double a, double x);

/* The x >= 0 with P(a, x) = p, for a > 0 and 0 <= p <= 1 (0 gives 0, 1 gives INFINITY); NaN for
 * invalid arguments. The p quantile of the chi-square distribution with k degrees of freedom is
 * 2 * gammainc_p_inv(k / 2, p). */
double gammainc_p_inv(double a, double p);

/* The shape a >= a_min with P(a, x) = p, for x > 0, 0 < p < 1 and a_min > 0. P(a, x) falls as
 * a grows, so the answer is unique; when even P(a_min, x) <= p the answer is a_min. Used to solve
 * "which (continuous) observed count has an exact Poisson limit at exactly x". NaN for invalid
 * arguments. */
double gammainc_shape_inv(double x, double p, double a_min);

#endif
