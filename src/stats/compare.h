/* compare: benchmark comparisons, quartiles/quintiles and spine-chart data the way Public Health
 * England's Fingertips shows them.
 *
 * - Three tiers: an area is "similar" when the benchmark (e.g. England's value) lies inside the
 *   area's 95% confidence interval; otherwise it is significantly higher or lower, which polarity
 *   turns into "better" or "worse". Five tiers add the 99.8% interval: better_99.8 / better_95 /
 *   similar / worse_95 / worse_99.8. With polarity "no judgement" the words are higher/lower; with
 *   a neutral polarity (not applicable) nothing is compared: "not_compared".
 * - Quantile groups (quartiles, quintiles): cut at PERCENTILE_CONT of the areas' values; a value
 *   on a cut point belongs to the lower group.
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

/* Which of `groups` quantile groups (4: quartiles, 5: quintiles) value falls in among the finite
 * values of values[0..n): 1 for the lowest values ... groups for the highest. 0 when value is not
 * finite, there are no finite values or groups < 2. */
int compare_quantile_group(const double *values, size_t n, double value, int groups);

/* The same group counted from the worst end for a polarity: 1 = worst ... groups = best (for
 * high-is-good that is the same number; for low-is-good it is reversed; other polarities keep the
 * low-to-high order). */
int compare_quantile_rank_by_polarity(int group, int groups, compare_polarity polarity);

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

#endif
