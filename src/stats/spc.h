/* spc: XmR statistical process control charts the way NHS England's Making Data Count programme
 * and the NHS-R NHSRplotthedots package draw them.
 *
 * For each segment (the whole series, or the stretches between rebase points): the mean, the
 * moving ranges |x_t - x_(t-1)|, their mean (amr) after screening out moving ranges of
 * 3.267 x amr or more, process limits mean +/- 2.66 amr and near limits mean +/- (2/3) 2.66 amr.
 * With a fixed baseline only the first n points of each segment set the mean and limits.
 *
 * Each point is tested, within its segment, against four rules in this priority:
 *   1. outside a process limit;
 *   2. a trend: 7 or more points each strictly higher (or lower) than the one before, all flagged
 *      (an equal value breaks the trend);
 *   3. 2 of 3 consecutive points beyond the same near limit, only those beyond flagged;
 *   4. a shift: 7 or more consecutive points on the same side of the mean, all flagged (a point on
 *      the mean breaks the run).
 * The highest-priority rule that flags a point gives its direction (the side of the mean for rules
 * 1, 3 and 4, the direction of travel for a trend), and the improvement direction turns that into
 * improvement, concern or neutral high/low. The variation icon comes from the last point; the
 * assurance icon compares a target with the last segment's process limits.
 *
 * spc_xmr() fills a caller-provided spc_result whose arrays it allocates; release them with
 * spc_result_free(). The name functions return static strings (the JSON contract's spellings). */
#ifndef UNLOCK_STATS_SPC_H
#define UNLOCK_STATS_SPC_H

#include "util/err.h"

#include <stddef.h>

/* Constants of the XmR chart (Wheeler; Making Data Count). */
#define SPC_LIMIT_FACTOR 2.66
#define SPC_SCREEN_FACTOR 3.267
#define SPC_RUN_LENGTH 7
#define SPC_SHORT_SEGMENT 13

typedef enum spc_direction {
    SPC_NEUTRAL = 0, /* neither direction is better: special causes are neutral high/low */
    SPC_INCREASE,    /* higher is better */
    SPC_DECREASE,    /* lower is better */
} spc_direction;

typedef enum spc_point_type {
    SPC_COMMON_CAUSE = 0,
    SPC_SPECIAL_IMPROVEMENT,
    SPC_SPECIAL_CONCERN,
    SPC_SPECIAL_NEUTRAL_HIGH,
    SPC_SPECIAL_NEUTRAL_LOW,
} spc_point_type;

/* Bits in spc_point.rules: every rule that flagged the point, whatever decided its type. */
enum {
    SPC_RULE_OUTSIDE = 1,      /* rule 1: beyond a process limit */
    SPC_RULE_TREND = 2,        /* rule 2: part of a 7-point trend */
    SPC_RULE_TWO_OF_THREE = 4, /* rule 3: beyond a near limit, 2 of 3 */
    SPC_RULE_SHIFT = 8,        /* rule 4: part of a 7-point run on one side of the mean */
};

typedef enum spc_variation {
    SPC_VARIATION_COMMON_CAUSE = 0,
    SPC_VARIATION_IMPROVEMENT_HIGH,
    SPC_VARIATION_IMPROVEMENT_LOW,
    SPC_VARIATION_CONCERN_HIGH,
    SPC_VARIATION_CONCERN_LOW,
    SPC_VARIATION_NEUTRAL_HIGH,
    SPC_VARIATION_NEUTRAL_LOW,
} spc_variation;

typedef enum spc_assurance {
    SPC_ASSURANCE_NONE = 0,     /* no target, or a neutral improvement direction */
    SPC_ASSURANCE_PASS,         /* the target lies beyond the limits on the bad side: always met */
    SPC_ASSURANCE_FAIL,         /* the target lies beyond the limits on the good side: never met */
    SPC_ASSURANCE_INCONSISTENT, /* the target lies between the limits: sometimes met */
} spc_assurance;

typedef struct spc_options {
    spc_direction improvement;
    int has_target;
    double target;
    /* Fix each segment's mean and limits from its first fix_after points (0: use every point).
     * At least 2 when set. */
    size_t fix_after;
    /* Indexes (0-based) of the first point of each new segment; any order, duplicates and 0 are
     * ignored. Each segment must keep at least 2 points. */
    const size_t *rebase_at;
    size_t n_rebase;
    int screen_outliers;  /* drop moving ranges >= 3.267 amr before the limits (default 1) */
    size_t short_segment; /* warn when a segment has fewer points than this (default 13) */
} spc_options;

typedef struct spc_point {
    double value;
    double mean, lpl, upl, near_lpl, near_upl;
    spc_point_type type;
    unsigned rules; /* SPC_RULE_* bits */
    size_t segment; /* index into spc_result.segments */
} spc_point;

typedef struct spc_segment {
    size_t start, n; /* points [start, start + n) */
    size_t baseline; /* how many of them set the mean and limits */
    double mean;
    double amr;        /* mean moving range after any screening */
    size_t n_screened; /* moving ranges screened out */
} spc_segment;

typedef struct spc_result {
    size_t n;
    spc_point *points;
    size_t n_segments;
    spc_segment *segments;
    spc_variation variation;
    spc_assurance assurance;
    size_t n_warnings;
    char **warnings; /* sentences for a person, e.g. about short segments */
} spc_result;

/* Defaults: neutral, no target, no fixed baseline, no rebase, screening on, warn below 13. */
void spc_options_init(spc_options *opt);

/* Computes the chart for n values in time order. periods (may be NULL) names each point in
 * messages and warnings; otherwise points are called "point 1", "point 2", ... Errors (user): fewer
 * than 2 points, a value that is not a finite number, a rebase index past the end or leaving a
 * segment of 1 point, fix_after of 1. On error *out is left empty (safe to free). */
int spc_xmr(const double *values, const char *const *periods, size_t n, const spc_options *opt,
            spc_result *out, err *e);

void spc_result_free(spc_result *r);

/* "common_cause", "special_cause_improvement", "special_cause_concern",
 * "special_cause_neutral_high", "special_cause_neutral_low". */
const char *spc_point_type_name(spc_point_type t);
/* "common_cause", "improvement_high", "improvement_low", "concern_high", "concern_low",
 * "neutral_high", "neutral_low". */
const char *spc_variation_name(spc_variation v);
/* "consistent_pass", "consistent_fail", "inconsistent", or NULL for SPC_ASSURANCE_NONE (JSON null).
 */
const char *spc_assurance_name(spc_assurance a);
/* "increase", "decrease", "neutral". */
const char *spc_direction_name(spc_direction d);
/* Parses "increase", "decrease" or "neutral"; user error otherwise. */
int spc_direction_parse(const char *s, spc_direction *out, err *e);

#endif
