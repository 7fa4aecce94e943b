/* intervals: confidence intervals for proportions, counts and directly standardised rates, by the
 * methods Public Health England / OHID use in Fingertips and the PHEindicatormethods R package.
 *
 * - Wilson score interval for x of n (proportions).
 * - Byar's approximation for a count (good from about 10 events; clipped at zero below that).
 * - Exact Poisson interval for a count (Garwood's chi-square limits, computed as gamma quantiles).
 * - Directly standardised rates by Dobson's method, suppressed below 10 events.
 *
 * A confidence level is a fraction strictly between 0 and 1: 0.95 and 0.998 in practice. The
 * functions write into caller-owned structs and allocate nothing. Rates from counts: divide a count
 * interval by the denominator (and multiply by the indicator's multiplier). */
#ifndef UNLOCK_STATS_INTERVALS_H
#define UNLOCK_STATS_INTERVALS_H

#include "util/err.h"

#include <stddef.h>

typedef struct ci_interval {
    double lower;
    double upper;
} ci_interval;

/* Wilson score interval for a proportion of x events in n, as fractions (0..1):
 * (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)). 10 of 100 at 95% gives 0.0552 to
 * 0.1744. Needs 0 <= x <= n, n > 0; otherwise a user error naming the values. */
int ci_wilson(double x, double n, double confidence, ci_interval *out, err *e);

/* Byar's approximation to the exact Poisson interval for a count x >= 0:
 * lower x(1 - 1/(9x) - z/(3 sqrt x))^3 (0 when x = 0 or when the formula goes negative, as it does
 * for very small counts at 99.8%), upper (x+1)(1 - 1/(9(x+1)) + z/(3 sqrt(x+1)))^3. */
int ci_byar(double x, double confidence, ci_interval *out, err *e);

/* Exact (Garwood) Poisson interval for a count x >= 0: lower = chi2((1-c)/2, 2x) / 2 (0 when
 * x = 0), upper = chi2((1+c)/2, 2x + 2) / 2. x need not be whole (weighted counts). */
int ci_poisson_exact(double x, double confidence, ci_interval *out, err *e);

/* The count below which PHEindicatormethods suppresses a directly standardised rate. */
#define CI_DSR_MIN_EVENTS 10

typedef struct ci_dsr_result {
    double total_events;     /* sum of events over the strata */
    double total_population; /* sum of the local populations */
    int suppressed;          /* 1 when total_events < CI_DSR_MIN_EVENTS: value and limits NaN */
    double value;            /* sum(events_i * std_i / pop_i) / sum(std_i) * multiplier */
    ci_interval ci;          /* Dobson limits, same units as value */
} ci_dsr_result;

/* Directly standardised rate over n strata (e.g. age bands): local events and populations, and the
 * standard population (e.g. the European Standard Population 2013) for each stratum. Dobson's
 * method: value + sqrt(var / O) * (O_limit - O) * multiplier, where O is the total count, O_limit
 * its Byar limit and var = sum(events_i * (std_i / pop_i)^2) / sum(std_i)^2. User errors (naming
 * the stratum) for negative or non-finite events, populations <= 0, negative standard populations
 * or a standard population summing to 0. */
int ci_dsr(const double *events, const double *population, const double *std_population, size_t n,
           double confidence, double multiplier, ci_dsr_result *out, err *e);

#endif
