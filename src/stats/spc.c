#include "stats/spc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void spc_options_init(spc_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->improvement = SPC_NEUTRAL;
    opt->screen_outliers = 1;
    opt->short_segment = SPC_SHORT_SEGMENT;
}

void spc_result_free(spc_result *r)
{
    if (!r)
        return;
    free(r->points);
    free(r->segments);
    for (size_t i = 0; i < r->n_warnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

/* How a point is named in messages: its period when known, else "point N" (1-based). */
static const char *label(const char *const *periods, size_t i, char *buf, size_t size)
{
    if (periods && periods[i] && periods[i][0])
        return periods[i];
    snprintf(buf, size, "point %zu", i + 1);
    return buf;
}

__attribute__((format(printf, 2, 3))) static void add_warning(spc_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)len + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    r->warnings = xrealloc(r->warnings, (r->n_warnings + 1) * sizeof *r->warnings);
    r->warnings[r->n_warnings++] = s;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Turns the rebase indexes into segment starts: sorted, unique, without 0, each segment at least
 * 2 points. Returns the number of segments, or 0 after setting an error. starts has room for
 * n_rebase + 1 entries. */
static size_t segment_starts(const size_t *rebase, size_t n_rebase, size_t n,
                             const char *const *periods, size_t *starts, err *e)
{
    char buf[32];
    size_t *sorted = xmalloc((n_rebase ? n_rebase : 1) * sizeof *sorted);
    if (n_rebase)
        memcpy(sorted, rebase, n_rebase * sizeof *sorted);
    qsort(sorted, n_rebase, sizeof *sorted, cmp_size);
    size_t k = 0;
    starts[k++] = 0;
    for (size_t i = 0; i < n_rebase; i++) {
        size_t at = sorted[i];
        if (at >= n) {
            err_user(e, "rebase at point %zu is past the last of the %zu points", at + 1, n);
            k = 0;
            break;
        }
        if (at == starts[k - 1])
            continue;
        if (at - starts[k - 1] < 2) {
            err_user(e,
                     "rebasing at %s leaves a segment of 1 point (from %s); SPC limits need at "
                     "least 2 points in each segment",
                     label(periods, at, buf, sizeof buf),
                     periods && periods[starts[k - 1]] ? periods[starts[k - 1]]
                                                       : "the point before");
            k = 0;
            break;
        }
        starts[k++] = at;
    }
    if (k && n - starts[k - 1] < 2) {
        err_user(e,
                 "rebasing at %s leaves a segment of 1 point at the end; SPC limits need at "
                 "least 2 points in each segment",
                 label(periods, starts[k - 1], buf, sizeof buf));
        k = 0;
    }
    free(sorted);
    return k;
}

/* Mean, moving ranges and limits of one segment from its first seg->baseline points. */
static void segment_limits(const double *y, spc_segment *seg, int screen)
{
    const double *v = y + seg->start;
    size_t m = seg->baseline;
    /* Summed as differences from the first value, so that a flat series' mean is exactly its
     * value: 36 months of 32.7 summed plainly give 32.70000000000002, every point then sits
     * "below the mean" and a flat series would show a shift. */
    double sum = 0.0;
    for (size_t i = 0; i < m; i++)
        sum += v[i] - v[0];
    seg->mean = v[0] + sum / (double)m;

    double mr_sum = 0.0;
    for (size_t i = 1; i < m; i++)
        mr_sum += fabs(v[i] - v[i - 1]);
    double amr = mr_sum / (double)(m - 1);
    seg->n_screened = 0;
    /* With amr = 0 (a flat baseline) there is nothing to screen. */
    if (screen && amr > 0.0) {
        double cut = SPC_SCREEN_FACTOR * amr, kept = 0.0;
        size_t n_kept = 0;
        for (size_t i = 1; i < m; i++) {
            double mr = fabs(v[i] - v[i - 1]);
            if (mr < cut) {
                kept += mr;
                n_kept++;
            }
        }
        seg->n_screened = (m - 1) - n_kept;
        amr = kept / (double)n_kept; /* n_kept >= 1: some mr is at most the mean */
    }
    seg->amr = amr;
}

/* Rule 2: every maximal run of SPC_RUN_LENGTH or more points, each strictly above (below) the one
 * before, marks its points with +1 (-1). An up-run and a down-run can share only one point, a peak
 * or a trough, where one run ends and the other begins; that point takes the direction of the run
 * it begins (the later one), as NHSRplotthedots does. */
static void mark_trends(const double *v, size_t n, int *trend)
{
    for (int dir = 1; dir >= -1; dir -= 2) {
        size_t start = 0;
        for (size_t i = 1; i <= n; i++) {
            if (i < n && (dir > 0 ? v[i] > v[i - 1] : v[i] < v[i - 1]))
                continue;
            if (i - start >= SPC_RUN_LENGTH)
                for (size_t j = start; j < i; j++)
                    if (j == start || trend[j] == 0)
                        trend[j] = dir;
            start = i;
        }
    }
}

/* Rule 3: in every window of 3 consecutive points, if 2 or 3 lie beyond the same near limit,
 * those beyond it are marked with the side (+1 above, -1 below). */
static void mark_two_of_three(const spc_point *p, size_t n, int *near)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        int above = 0, below = 0;
        for (size_t j = i; j < i + 3; j++) {
            above += p[j].value > p[j].near_upl;
            below += p[j].value < p[j].near_lpl;
        }
        for (size_t j = i; j < i + 3; j++) {
            if (above >= 2 && p[j].value > p[j].near_upl)
                near[j] = 1;
            if (below >= 2 && p[j].value < p[j].near_lpl)
                near[j] = -1;
        }
    }
}

/* Rule 4: every maximal run of SPC_RUN_LENGTH or more points strictly on one side of the mean
 * marks its points with that side. */
static void mark_shifts(const spc_point *p, size_t n, int *shift)
{
    size_t start = 0;
    int side_of_run = 0;
    for (size_t i = 0; i <= n; i++) {
        int side = 0;
        if (i < n)
            side = p[i].value > p[i].mean ? 1 : p[i].value < p[i].mean ? -1 : 0;
        if (i < n && side != 0 && side == side_of_run)
            continue;
        if (side_of_run != 0 && i - start >= SPC_RUN_LENGTH)
            for (size_t j = start; j < i; j++)
                shift[j] = side_of_run;
        start = i;
        side_of_run = side;
    }
}

static spc_point_type type_for(int dir, spc_direction improvement)
{
    if (dir == 0)
        return SPC_COMMON_CAUSE;
    switch (improvement) {
    case SPC_INCREASE:
        return dir > 0 ? SPC_SPECIAL_IMPROVEMENT : SPC_SPECIAL_CONCERN;
    case SPC_DECREASE:
        return dir < 0 ? SPC_SPECIAL_IMPROVEMENT : SPC_SPECIAL_CONCERN;
    case SPC_NEUTRAL:
    default:
        return dir > 0 ? SPC_SPECIAL_NEUTRAL_HIGH : SPC_SPECIAL_NEUTRAL_LOW;
    }
}

/* Applies the four rules within one segment and sets each point's rules and type. */
static void classify_segment(spc_point *p, const double *v, size_t n, spc_direction improvement)
{
    int *trend = xcalloc(n, sizeof *trend);
    int *near = xcalloc(n, sizeof *near);
    int *shift = xcalloc(n, sizeof *shift);
    mark_trends(v, n, trend);
    mark_two_of_three(p, n, near);
    mark_shifts(p, n, shift);
    for (size_t i = 0; i < n; i++) {
        int outside = p[i].value > p[i].upl ? 1 : p[i].value < p[i].lpl ? -1 : 0;
        unsigned rules = 0;
        rules |= outside ? SPC_RULE_OUTSIDE : 0;
        rules |= trend[i] ? SPC_RULE_TREND : 0;
        rules |= near[i] ? SPC_RULE_TWO_OF_THREE : 0;
        rules |= shift[i] ? SPC_RULE_SHIFT : 0;
        int dir = outside ? outside : trend[i] ? trend[i] : near[i] ? near[i] : shift[i];
        p[i].rules = rules;
        p[i].type = type_for(dir, improvement);
    }
    free(trend);
    free(near);
    free(shift);
}

static spc_variation variation_for(const spc_point *last, spc_direction improvement)
{
    switch (last->type) {
    case SPC_SPECIAL_IMPROVEMENT:
        return improvement == SPC_INCREASE ? SPC_VARIATION_IMPROVEMENT_HIGH
                                           : SPC_VARIATION_IMPROVEMENT_LOW;
    case SPC_SPECIAL_CONCERN:
        return improvement == SPC_INCREASE ? SPC_VARIATION_CONCERN_LOW : SPC_VARIATION_CONCERN_HIGH;
    case SPC_SPECIAL_NEUTRAL_HIGH:
        return SPC_VARIATION_NEUTRAL_HIGH;
    case SPC_SPECIAL_NEUTRAL_LOW:
        return SPC_VARIATION_NEUTRAL_LOW;
    case SPC_COMMON_CAUSE:
    default:
        return SPC_VARIATION_COMMON_CAUSE;
    }
}

static spc_assurance assurance_for(const spc_point *last, const spc_options *opt)
{
    if (!opt->has_target || opt->improvement == SPC_NEUTRAL)
        return SPC_ASSURANCE_NONE;
    int up = opt->improvement == SPC_INCREASE;
    if (opt->target > last->upl)
        return up ? SPC_ASSURANCE_FAIL : SPC_ASSURANCE_PASS;
    if (opt->target < last->lpl)
        return up ? SPC_ASSURANCE_PASS : SPC_ASSURANCE_FAIL;
    return SPC_ASSURANCE_INCONSISTENT;
}

int spc_xmr(const double *values, const char *const *periods, size_t n, const spc_options *opt,
            spc_result *out, err *e)
{
    memset(out, 0, sizeof *out);
    spc_options defaults;
    if (!opt) {
        spc_options_init(&defaults);
        opt = &defaults;
    }
    char buf[32];
    if (n < 2)
        return err_user(e, "an SPC chart needs at least 2 points; got %zu", n);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(values[i]))
            return err_user(e, "the value at %s is not a number",
                            label(periods, i, buf, sizeof buf));
    if (opt->fix_after == 1)
        return err_user(e, "fixing the limits after 1 point is not possible; give at least 2");
    if (opt->has_target && !isfinite(opt->target))
        return err_user(e, "the target is not a number");
    if (opt->improvement != SPC_NEUTRAL && opt->improvement != SPC_INCREASE &&
        opt->improvement != SPC_DECREASE)
        return err_internal(e, "unknown improvement direction %d", (int)opt->improvement);

    size_t *starts = xmalloc((opt->n_rebase + 1) * sizeof *starts);
    size_t n_seg = segment_starts(opt->rebase_at, opt->n_rebase, n, periods, starts, e);
    if (n_seg == 0) {
        free(starts);
        return -1;
    }

    out->n = n;
    out->points = xcalloc(n, sizeof *out->points);
    out->n_segments = n_seg;
    out->segments = xcalloc(n_seg, sizeof *out->segments);
    for (size_t s = 0; s < n_seg; s++) {
        spc_segment *seg = &out->segments[s];
        seg->start = starts[s];
        seg->n = (s + 1 < n_seg ? starts[s + 1] : n) - seg->start;
        seg->baseline = opt->fix_after && opt->fix_after < seg->n ? opt->fix_after : seg->n;
        segment_limits(values, seg, opt->screen_outliers);

        double half = SPC_LIMIT_FACTOR * seg->amr;
        double near_half = 2.0 * SPC_LIMIT_FACTOR / 3.0 * seg->amr;
        spc_point *p = out->points + seg->start;
        for (size_t i = 0; i < seg->n; i++) {
            p[i].value = values[seg->start + i];
            p[i].mean = seg->mean;
            p[i].lpl = seg->mean - half;
            p[i].upl = seg->mean + half;
            p[i].near_lpl = seg->mean - near_half;
            p[i].near_upl = seg->mean + near_half;
            p[i].segment = s;
        }
        classify_segment(p, values + seg->start, seg->n, opt->improvement);
    }
    free(starts);

    const spc_point *last = &out->points[n - 1];
    out->variation = variation_for(last, opt->improvement);
    out->assurance = assurance_for(last, opt);

    for (size_t s = 0; s < n_seg; s++) {
        const spc_segment *seg = &out->segments[s];
        if (seg->n >= opt->short_segment)
            continue;
        char from[32], to[32];
        const char *a = label(periods, seg->start, from, sizeof from);
        const char *b = label(periods, seg->start + seg->n - 1, to, sizeof to);
        if (n_seg == 1)
            add_warning(out,
                        "the chart has only %zu points (%s to %s); limits from fewer than %zu "
                        "points are provisional and will move as more data arrive",
                        seg->n, a, b, opt->short_segment);
        else
            add_warning(out,
                        "segment %zu has only %zu points (%s to %s); limits from fewer than %zu "
                        "points are provisional and will move as more data arrive",
                        s + 1, seg->n, a, b, opt->short_segment);
    }
    if (opt->has_target && opt->improvement == SPC_NEUTRAL)
        add_warning(out, "a target needs an improvement direction (increase or decrease) before "
                         "the chart can say whether it will be met");
    return 0;
}

const char *spc_point_type_name(spc_point_type t)
{
    switch (t) {
    case SPC_SPECIAL_IMPROVEMENT:
        return "special_cause_improvement";
    case SPC_SPECIAL_CONCERN:
        return "special_cause_concern";
    case SPC_SPECIAL_NEUTRAL_HIGH:
        return "special_cause_neutral_high";
    case SPC_SPECIAL_NEUTRAL_LOW:
        return "special_cause_neutral_low";
    case SPC_COMMON_CAUSE:
    default:
        return "common_cause";
    }
}

const char *spc_variation_name(spc_variation v)
{
    switch (v) {
    case SPC_VARIATION_IMPROVEMENT_HIGH:
        return "improvement_high";
    case SPC_VARIATION_IMPROVEMENT_LOW:
        return "improvement_low";
    case SPC_VARIATION_CONCERN_HIGH:
        return "concern_high";
    case SPC_VARIATION_CONCERN_LOW:
        return "concern_low";
    case SPC_VARIATION_NEUTRAL_HIGH:
        return "neutral_high";
    case SPC_VARIATION_NEUTRAL_LOW:
        return "neutral_low";
    case SPC_VARIATION_COMMON_CAUSE:
    default:
        return "common_cause";
    }
}

const char *spc_assurance_name(spc_assurance a)
{
    switch (a) {
    case SPC_ASSURANCE_PASS:
        return "consistent_pass";
    case SPC_ASSURANCE_FAIL:
        return "consistent_fail";
    case SPC_ASSURANCE_INCONSISTENT:
        return "inconsistent";
    case SPC_ASSURANCE_NONE:
    default:
        return NULL;
    }
}

const char *spc_direction_name(spc_direction d)
{
    switch (d) {
    case SPC_INCREASE:
        return "increase";
    case SPC_DECREASE:
        return "decrease";
    case SPC_NEUTRAL:
    default:
        return "neutral";
    }
}

int spc_direction_parse(const char *s, spc_direction *out, err *e)
{
    if (s && strcmp(s, "increase") == 0)
        *out = SPC_INCREASE;
    else if (s && strcmp(s, "decrease") == 0)
        *out = SPC_DECREASE;
    else if (s && strcmp(s, "neutral") == 0)
        *out = SPC_NEUTRAL;
    else
        return err_user(e, "improvement direction \"%s\" must be increase, decrease or neutral",
                        s ? s : "");
    return 0;
}
