/* charts: SVG charts of the statistics in src/stats, for the conversation pack, the public site
 * and `--svg FILE` on the command line.
 *
 * - chart_spc_svg(): an XmR chart in Making Data Count style: points coloured common cause grey
 *   #a6a6a6, improvement blue #00b0f0, concern orange #e46c0a, neutral purple #490092; mean and
 *   process limits per segment (the lines break at a rebase); the target as a red dashed line
 *   #de1b1b; the variation and assurance icons in the top right corner.
 * - chart_funnel_svg(): a funnel plot: organisations as points, the average, 95% (dashed) and
 *   99.8% (solid) limits, and the outliers labelled with their names.
 * - chart_spine_svg(): a Fingertips-style spine chart, one row per indicator (or per organisation
 *   on one indicator's spine): worst to best with the 25th-75th percentile band, the benchmark in
 *   the middle and the area's value coloured by its comparison with the benchmark.
 * All text (titles, axis labels, values, names) is SVG <text>, so it can be read, searched and
 * tested; elements carry class names (e.g. "point special_cause_improvement", "limit",
 * "variation-icon") for styling and tests.
 *
 * Each function appends one complete <svg> document to a caller-owned strbuf and returns 0, or
 * -1 with a user error for input it cannot draw (no points, mismatched sizes). */
#ifndef UNLOCK_REPORT_CHARTS_H
#define UNLOCK_REPORT_CHARTS_H

#include "stats/compare.h"
#include "stats/funnel.h"
#include "stats/spc.h"
#include "util/err.h"
#include "util/strbuf.h"

#include <stddef.h>

/* Making Data Count colours. */
#define CHART_COLOUR_COMMON "#a6a6a6"
#define CHART_COLOUR_IMPROVEMENT "#00b0f0"
#define CHART_COLOUR_CONCERN "#e46c0a"
#define CHART_COLOUR_NEUTRAL "#490092"
#define CHART_COLOUR_TARGET "#de1b1b"

/* A change marked on an SPC chart: a PDSA cycle's change, say, at the point it took effect. */
typedef struct chart_spc_note {
    size_t index;      /* the point (0-based) where the change took effect */
    const char *label; /* short: "PDSA 3: 24/7 coordination centre" */
} chart_spc_note;

typedef struct chart_spc_options {
    const char *title;          /* required */
    const char *y_label;        /* may be NULL */
    const char *const *periods; /* x labels, one per point; NULL: 1, 2, 3 ... */
    spc_direction improvement;  /* for the icons' wording */
    int has_target;
    double target;
    double width, height;        /* 0: 800 x 420 (compact: 400 x 210) */
    int compact;                 /* small, for print: the title on two lines, icons without words */
    const chart_spc_note *notes; /* changes to mark, as dotted lines with their labels */
    size_t n_notes;
} chart_spc_options;

int chart_spc_svg(const spc_result *r, const chart_spc_options *opt, strbuf *out, err *e);

typedef struct chart_funnel_options {
    const char *title;        /* required */
    const char *x_label;      /* may be NULL: "Denominator" / "Expected" / "Population" */
    const char *y_label;      /* may be NULL */
    const char *const *names; /* one per organisation, for labels and tooltips; may be NULL */
    double width, height;     /* 0: 800 x 480 */
    int has_highlight;        /* ring and label the organisation at index highlight */
    size_t highlight;
} chart_funnel_options;

int chart_funnel_svg(const funnel_result *r, const chart_funnel_options *opt, strbuf *out, err *e);

typedef struct chart_spine_row {
    const char *indicator;   /* row label */
    compare_spine spine;     /* from compare_spine_data() */
    compare_outcome outcome; /* colours the area's marker */
} chart_spine_row;

typedef struct chart_spine_options {
    const char *title;     /* required */
    const char *area;      /* the area's name, for the legend; may be NULL */
    const char *benchmark; /* the benchmark's name (e.g. "England"); may be NULL */
    const char *rows;      /* what a row is, for the first column's heading; NULL: "Indicator" */
    double width;          /* 0: 900 */
} chart_spine_options;

int chart_spine_svg(const chart_spine_row *rows, size_t n, const chart_spine_options *opt,
                    strbuf *out, err *e);

/* The colour of a point type, variation icon or comparison outcome, as drawn. */
const char *chart_point_colour(spc_point_type t);
const char *chart_outcome_colour(compare_outcome o);
/* Icons and positions in the words the charts use: "Concern (high)", "Consistently fails
 * target" ("No target" without one), "above the 99.8% limit". */
const char *chart_variation_words(spc_variation v);
const char *chart_assurance_words(spc_assurance a);
const char *chart_funnel_words(funnel_significance s);

#endif
