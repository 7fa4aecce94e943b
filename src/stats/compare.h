/* compare: benchmark comparisons, quartiles/quintiles and spine-chart data the way Public Health
 * England's Fingertips shows them.
 *
 * - Three tiers: an area is "similar" when the benchmark (e.g. England's value) lies inside the
 *   area's 95% confidence interval; otherwise it is significantly higher or lower, which polarity
 *   turns into "better" or "worse". Five tiers add the 99.8% interval: better_99.8 / better_95 /
 *   similar / worse_95 / worse_99.8. With polarity "no judgement" the words are higher/lower; with
 *   a neutral polarity (not applicable) nothing is compared: "not_compared".
 * - Quantile groups (quartiles, quintiles): PHE's rank-based method (phe_quantile), with the cut
 *   points at PERCENTILE_CONT as Fingertips shows them.
 * - Spine chart: the lowest, 25th, 75th percentile and highest value of all areas, turned so that
 *   worse is on the left, and positions on a 0..1 axis with the benchmark at the centre and the
 *   further extreme at the edge (as the fingertipscharts R package scales it).
 *
 * Pure functions; nothing is allocated that the caller must free. Names are static strings. */
#ifndef UNLOCK_STATS_COMPARE_H
#define UNLOCK_STATS_COMPARE_H

#include "stats/intervals.h"
#include "util/err.h"

#include <stddef.h>

typedef enum compare_polarity {
    COMPARE_HIGH_IS_GOOD = 0,
    COMPARE_LOW_IS_GOOD,
    COMPARE_NO_JUDGEMENT, /* significantly higher/lower, no colour of good or bad */
    COMPARE_NEUTRAL,      /* not compared at all */
} compare_polarity;

typedef enum compare_outcome {
    COMPARE_NOT_COMPARED = 0,
    COMPARE_SIMILAR,
    /* three tiers */
    COMPARE_BETTER,
    COMPARE_WORSE,
    COMPARE_HIGHER,
    COMPARE_LOWER,
    /* five tiers */
    COMPARE_BETTER_95,
    COMPARE_BETTER_99_8,
    COMPARE_WORSE_95,
    COMPARE_WORSE_99_8,
    COMPARE_HIGHER_95,
    COMPARE_HIGHER_99_8,
    COMPARE_LOWER_95,
    COMPARE_LOWER_99_8,
} compare_outcome;

/* Three tiers from the area's 95% interval and the benchmark value. not_compared when the
 * polarity is neutral or the interval or benchmark is missing (NaN), e.g. a suppressed value. */
compare_outcome compare_three_tier(ci_interval ci95, double benchmark, compare_polarity polarity);

/* Five tiers from the 95% and 99.8% intervals. */
compare_outcome compare_five_tier(ci_interval ci95, ci_interval ci998, double benchmark,
                                  compare_polarity polarity);

/* "not_compared", "similar", "better", "worse", "higher", "lower", "better_95", "better_99.8",
 * "worse_95", "worse_99.8", "higher_95", "higher_99.8", "lower_95", "lower_99.8". */
const char *compare_outcome_name(compare_outcome o);

/* "high_is_good", "low_is_good", "no_judgement", "neutral". */
const char *compare_polarity_name(compare_polarity p);
/* Parses the names above; user error otherwise. */
int compare_polarity_parse(const char *s, compare_polarity *out, err *e);

/* Quantile groups (4: quartiles, 5: quintiles) by PHE's method, PHEindicatormethods'
 * phe_quantile() and OHID's "assigning deprivation categories": the n finite values are ranked
 * 1..n (ties share the lowest rank; with invert the highest value is ranked 1) and
 *     group = (groups + 1) - ceil((n + 1 - rank) / (n / groups)),
 * a 0 becoming 1; worked in whole numbers, so no rounding can move an area. Ties stay together,
 * so groups can be unequal. out[i] is 0 for a value that is not finite, and for every value when
 * there are fewer finite values than groups (PHE assigns none then). Returns how many were
 * assigned. */
size_t compare_quantiles(const double *values, size_t n, int groups, int invert, int *out);

/* Whether group 1 should hold the highest values so that it is the worst: low is good. With any
 * other polarity group 1 is the lowest (the worst when high is good). */
int compare_quantile_invert(compare_polarity polarity);

/* The cut points between groups as Fingertips draws them (its ValueCategoriesCalculator): out[0]
 * the lowest value, out[k] PERCENTILE_CONT at k / groups (R's type 7), out[groups] the highest:
 * groups + 1 values, ascending. -1 (out all NaN) when there are fewer finite values than groups,
 * as compare_quantiles() assigns none then. An area's group comes from its rank, not from these
 * cut points, so at ties the two can disagree (PHE advises reviewing such boundaries). */
int compare_quantile_cuts(const double *values, size_t n, int groups, double *out);

typedef struct compare_spine {
    /* Of the finite values of all areas, in the indicator's units. */
    double min, q25, median, q75, max;
    /* The same turned by polarity: worst is max when low is good (else min). */
    double worst, worst_quartile, best_quartile, best;
    double benchmark, value;
    /* Positions on a 0..1 axis, worse to the left, the benchmark at 0.5; the extreme further
     * from the benchmark sits at 0 or 1. All 0.5 when every value equals the benchmark. */
    double pos_worst, pos_worst_quartile, pos_best_quartile, pos_best, pos_value;
} compare_spine;

/* Spine-chart data for one indicator: all areas' values, the area's own value (NaN allowed: its
 * position is then NaN) and the benchmark. User error when there are no finite values or the
 * benchmark is not a number. */
int compare_spine_data(const double *values, size_t n, double value, double benchmark,
                       compare_polarity polarity, compare_spine *out, err *e);

/* Where another area's value sits on a spine already computed (NaN for NaN): what
 * compare_spine_data() would give as pos_value, without sorting every area again. */
double compare_spine_position(const compare_spine *s, double value, compare_polarity polarity);

#endif
