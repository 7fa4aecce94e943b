/* funnel: funnel plot limits and per-organisation significance, as in Public Health England's
 * Fingertips technical guidance and the PHEindicatormethods R package (phe_funnels,
 * phe_funnel_significance).
 *
 * - Proportions (x of n): the limits at denominator n are the observed proportions whose Wilson
 *   score interval just reaches the overall average p = sum x / sum n. Solving Wilson's equation
 *   for the observed value gives exactly p +/- z sqrt(p(1 - p) / n) (PHEindicatormethods'
 *   sigma_adjustment() is this same root, written out at length). Clipped to 0..1. An organisation
 *   outside the limits is one whose own Wilson interval excludes the average.
 * - Ratios (observed / expected, e.g. standardised ratios): exact Poisson. The limits at expected
 *   count E are the observed counts O (continuous) whose exact Poisson interval just reaches E,
 *   divided by E; for whole O this is the exact test of O against Poisson(E). Centred on 1.
 * - Rates (events per population): the same exact Poisson limits, on the expected count
 *   (overall rate x population), centred on the overall rate sum O / sum n.
 * Limits are two-sided at 95% (0.025 each side) and 99.8% (0.001 each side). Values, intervals
 * and limits are in the indicator's units: the fraction times the multiplier (100 for percentages
 * is the usual for proportions; 1 for ratios; e.g. 100000 for a rate per 100,000).
 *
 * funnel_compute() allocates out->orgs; release it with funnel_result_free(). The name functions
 * return static strings (the JSON contract's spellings). */
#ifndef UNLOCK_STATS_FUNNEL_H
#define UNLOCK_STATS_FUNNEL_H

#include "util/err.h"

#include <stddef.h>

typedef enum funnel_type {
    FUNNEL_PROPORTION = 0, /* numerator of denominator, 0 <= x <= n */
    FUNNEL_RATIO,          /* observed events of expected events */
    FUNNEL_RATE,           /* events per population */
} funnel_type;

typedef enum funnel_significance {
    FUNNEL_NOT_SIGNIFICANT = 0,
    FUNNEL_HIGH_0_025, /* above the 95% limit, within the 99.8% one */
    FUNNEL_HIGH_0_001, /* above the 99.8% limit */
    FUNNEL_LOW_0_025,
    FUNNEL_LOW_0_001,
} funnel_significance;

typedef struct funnel_org {
    double numerator, denominator;
    double value;               /* numerator / denominator x multiplier */
    double ci95_low, ci95_high; /* the organisation's own 95% interval (Wilson / exact Poisson) */
    double limit95_low, limit95_high;
    double limit998_low, limit998_high;
    funnel_significance significance;
} funnel_org;

typedef struct funnel_result {
    funnel_type type;
    double multiplier;
    double centre;  /* the centre line as a fraction: average proportion, 1, or overall rate */
    double average; /* centre x multiplier: the JSON "average" */
    size_t n;
    funnel_org *orgs;
} funnel_result;

/* Computes values, intervals, limits and significance for n organisations. names (may be NULL)
 * name organisations in messages ("row N" otherwise). User errors: no organisations, a multiplier
 * <= 0, a numerator or denominator that is not a finite number, a denominator <= 0, a negative
 * numerator, or (proportions) a numerator larger than its denominator. */
int funnel_compute(funnel_type type, const double *numerators, const double *denominators,
                   const char *const *names, size_t n, double multiplier, funnel_result *out,
                   err *e);

/* The limits, in indicator units, at any denominator > 0 for a funnel already computed: what a
 * chart draws as the funnel's curves. confidence is 0.95 or 0.998 (any value in (0, 1) works). */
void funnel_limits_at(const funnel_result *r, double denominator, double confidence, double *low,
                      double *high);

void funnel_result_free(funnel_result *r);

/* 100 for proportions (percentages), 1 for ratios and rates. */
double funnel_default_multiplier(funnel_type type);

/* "high_0.001", "high_0.025", "not_significant", "low_0.025", "low_0.001". */
const char *funnel_significance_name(funnel_significance s);
/* "proportion", "ratio", "rate". */
const char *funnel_type_name(funnel_type t);
/* Parses the names above; user error otherwise. */
int funnel_type_parse(const char *s, funnel_type *out, err *e);

#endif
