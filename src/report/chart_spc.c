#include "report/charts.h"
#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *chart_point_colour(spc_point_type t)
{
    switch (t) {
    case SPC_SPECIAL_IMPROVEMENT:
        return CHART_COLOUR_IMPROVEMENT;
    case SPC_SPECIAL_CONCERN:
        return CHART_COLOUR_CONCERN;
    case SPC_SPECIAL_NEUTRAL_HIGH:
    case SPC_SPECIAL_NEUTRAL_LOW:
        return CHART_COLOUR_NEUTRAL;
    case SPC_COMMON_CAUSE:
    default:
        return CHART_COLOUR_COMMON;
    }
}

static const char *point_words(spc_point_type t)
{
    switch (t) {
    case SPC_SPECIAL_IMPROVEMENT:
        return "special cause: improvement";
    case SPC_SPECIAL_CONCERN:
        return "special cause: concern";
    case SPC_SPECIAL_NEUTRAL_HIGH:
        return "special cause: high";
    case SPC_SPECIAL_NEUTRAL_LOW:
        return "special cause: low";
    case SPC_COMMON_CAUSE:
    default:
        return "common cause";
    }
}

typedef struct icon {
    const char *colour, *letter, *words;
} icon;

static icon variation_icon(spc_variation v)
{
    switch (v) {
    case SPC_VARIATION_IMPROVEMENT_HIGH:
        return (icon){CHART_COLOUR_IMPROVEMENT, "H", "Improvement (high)"};
    case SPC_VARIATION_IMPROVEMENT_LOW:
        return (icon){CHART_COLOUR_IMPROVEMENT, "L", "Improvement (low)"};
    case SPC_VARIATION_CONCERN_HIGH:
        return (icon){CHART_COLOUR_CONCERN, "H", "Concern (high)"};
    case SPC_VARIATION_CONCERN_LOW:
        return (icon){CHART_COLOUR_CONCERN, "L", "Concern (low)"};
    case SPC_VARIATION_NEUTRAL_HIGH:
        return (icon){CHART_COLOUR_NEUTRAL, "H", "Special cause (high)"};
    case SPC_VARIATION_NEUTRAL_LOW:
        return (icon){CHART_COLOUR_NEUTRAL, "L", "Special cause (low)"};
    case SPC_VARIATION_COMMON_CAUSE:
    default:
        return (icon){CHART_COLOUR_COMMON, "~", "Common cause"};
    }
}

static icon assurance_icon(spc_assurance a)
{
    switch (a) {
    case SPC_ASSURANCE_PASS:
        return (icon){CHART_COLOUR_IMPROVEMENT, "P", "Consistently passes target"};
    case SPC_ASSURANCE_FAIL:
        return (icon){CHART_COLOUR_CONCERN, "F", "Consistently fails target"};
    case SPC_ASSURANCE_INCONSISTENT:
    default:
        return (icon){CHART_COLOUR_COMMON, "?", "Hit and miss target"};
    }
}

/* Sizes of the full chart and of the compact one for the conversation pack, which is printed
 * about 85 mm wide: fewer ticks, smaller icons with their words only as tooltips. */
typedef struct layout {
    double W, H, x0, x1, y0, y1;
    double left, right, top, bottom; /* margins round the plotting area */
    double title_size, tick_size, point_r, icon_r, icon_gap;
    size_t y_ticks, x_labels;
    int icon_words, warnings;
} layout;

static const layout FULL = {.W = 800,
                            .H = 420,
                            .left = 70,
                            .right = 30,
                            .top = 70,
                            .bottom = 80,
                            .title_size = 18,
                            .tick_size = 11,
                            .point_r = 4,
                            .icon_r = 17,
                            .icon_gap = 135,
                            .y_ticks = 7,
                            .x_labels = 12,
                            .icon_words = 1,
                            .warnings = 1};
static const layout COMPACT = {.W = 400,
                               .H = 210,
                               .left = 40,
                               .right = 10,
                               .top = 50,
                               .bottom = 22,
                               .title_size = 12,
                               .tick_size = 9,
                               .point_r = 2.5,
                               .icon_r = 10,
                               .icon_gap = 26,
                               .y_ticks = 5,
                               .x_labels = 4};

static layout layout_for(const chart_spc_options *opt)
{
    layout l = opt->compact ? COMPACT : FULL;
    l.W = opt->width > 0 ? opt->width : l.W;
    l.H = opt->height > 0 ? opt->height : l.H;
    l.x0 = l.left, l.x1 = l.W - l.right, l.y0 = l.top, l.y1 = l.H - l.bottom;
    return l;
}

const char *chart_variation_words(spc_variation v)
{
    return variation_icon(v).words;
}

const char *chart_assurance_words(spc_assurance a)
{
    return a == SPC_ASSURANCE_NONE ? "No target" : assurance_icon(a).words;
}

static void draw_icon(strbuf *b, const layout *l, double cx, double cy, icon ic, const char *cls)
{
    svg_group_begin(b, cls);
    svg_circle(b, cx, cy, l->icon_r, ic.colour, NULL, NULL, ic.words);
    svg_text(b, cx, cy + l->icon_r * 0.35, SVG_MIDDLE, l->icon_r, "#ffffff", 1, 0, NULL, ic.letter);
    if (l->icon_words)
        svg_text(b, cx, cy + 32, SVG_MIDDLE, 10, "#404040", 0, 0, NULL, ic.words);
    svg_group_end(b);
}

/* The compact chart's title on up to two lines within `chars` bytes each, broken at spaces; a
 * longer one ends in an ellipsis (a word longer than a line is cut, and svg_text's escaping
 * turns a cut UTF-8 sequence into U+FFFD rather than invalid text). */
static void compact_title(strbuf *b, const layout *l, const char *title, size_t chars)
{
    size_t len = strlen(title);
    if (len <= chars) {
        svg_text(b, 8, 17, SVG_START, l->title_size, "#212b32", 1, 0, "title", title);
        return;
    }
    size_t cut = chars;
    while (cut > 0 && title[cut] != ' ')
        cut--;
    if (cut == 0)
        cut = chars;
    char first[256], second[256];
    snprintf(first, sizeof first, "%.*s", (int)cut, title);
    const char *rest = title + cut + (title[cut] == ' ');
    size_t rlen = strlen(rest);
    if (rlen > chars) {
        size_t c2 = chars - 1;
        while (c2 > 0 && rest[c2] != ' ')
            c2--;
        snprintf(second, sizeof second, "%.*s\xe2\x80\xa6", (int)(c2 ? c2 : chars - 1), rest);
    } else
        snprintf(second, sizeof second, "%s", rest);
    svg_group_begin(b, "title");
    svg_text(b, 8, 17, SVG_START, l->title_size, "#212b32", 1, 0, NULL, first);
    svg_text(b, 8, 32, SVG_START, l->title_size, "#212b32", 1, 0, NULL, second);
    svg_group_end(b);
}

int chart_spc_svg(const spc_result *r, const chart_spc_options *opt, strbuf *out, err *e)
{
    if (!r || r->n == 0)
        return err_user(e, "an SPC chart needs at least one point to draw");
    chart_spc_options defaults = {0};
    if (!opt)
        opt = &defaults;
    const char *title = opt->title && opt->title[0] ? opt->title : "SPC chart";
    const layout l = layout_for(opt);
    const double W = l.W, H = l.H, x0 = l.x0, x1 = l.x1, y0 = l.y0, y1 = l.y1;
    size_t n = r->n;

    /* Vertical range: values, limits and the target. */
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        const spc_point *p = &r->points[i];
        const double v[] = {p->value, p->lpl, p->upl};
        for (size_t k = 0; k < 3; k++)
            if (isfinite(v[k])) {
                lo = fmin(lo, v[k]);
                hi = fmax(hi, v[k]);
            }
    }
    if (opt->has_target && isfinite(opt->target)) {
        lo = fmin(lo, opt->target);
        hi = fmax(hi, opt->target);
    }
    if (lo == hi) {
        double pad = lo == 0 ? 1 : fabs(lo) * 0.1;
        lo -= pad;
        hi += pad;
    }
    double pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
#define X(i) (x0 + ((double)(i) + 0.5) * (x1 - x0) / (double)n)
#define Y(v) (y1 - ((v)-lo) / (hi - lo) * (y1 - y0))

    char desc[256], num[64];
    snprintf(desc, sizeof desc, "XmR chart of %zu points; variation: %s; assurance: %s", n,
             spc_variation_name(r->variation),
             spc_assurance_name(r->assurance) ? spc_assurance_name(r->assurance) : "none");
    svg_begin(out, W, H, title, desc);
    int assured = r->assurance != SPC_ASSURANCE_NONE;
    if (opt->compact) /* bold 12 px Arial averages about 7 px a character */
        compact_title(out, &l, title,
                      (size_t)((W - 16 - (assured ? 2 : 1) * (l.icon_gap + 2)) / 7));
    else
        svg_text(out, 16, 30, SVG_START, l.title_size, "#212b32", 1, 0, "title", title);

    /* Axes, grid and tick labels. */
    double ticks[12];
    size_t nt = svg_nice_ticks(lo, hi, l.y_ticks, ticks);
    svg_group_begin(out, "axis y");
    for (size_t i = 0; i < nt; i++) {
        double y = Y(ticks[i]);
        svg_line(out, x0, y, x1, y, "#e8e8e8", 1, NULL, "grid");
        svg_format_value(ticks[i], num, sizeof num);
        svg_text(out, x0 - 6, y + 4, SVG_END, l.tick_size, "#404040", 0, 0, "tick", num);
    }
    svg_line(out, x0, y0, x0, y1, "#404040", 1, NULL, NULL);
    if (opt->y_label)
        svg_text(out, 18, (y0 + y1) / 2, SVG_MIDDLE, 12, "#404040", 0, -90, "label", opt->y_label);
    svg_group_end(out);

    svg_group_begin(out, "axis x");
    svg_line(out, x0, y1, x1, y1, "#404040", 1, NULL, NULL);
    size_t step = (n + l.x_labels - 1) / l.x_labels;
    for (size_t i = 0; i < n; i += step) {
        const char *label = opt->periods && opt->periods[i] ? opt->periods[i] : NULL;
        if (!label) {
            snprintf(num, sizeof num, "%zu", i + 1);
            label = num;
        }
        svg_line(out, X(i), y1, X(i), y1 + 4, "#404040", 1, NULL, NULL);
        svg_text(out, X(i), y1 + l.tick_size + 7, SVG_MIDDLE, l.tick_size, "#404040", 0, 0, "tick",
                 label);
    }
    svg_group_end(out);

    /* Mean and limits, one set per segment; a rebase starts new lines. */
    for (size_t s = 0; s < r->n_segments; s++) {
        const spc_segment *seg = &r->segments[s];
        const spc_point *p = &r->points[seg->start];
        double xa = X(seg->start) - 0.5 * (x1 - x0) / (double)n;
        double xb = X(seg->start + seg->n - 1) + 0.5 * (x1 - x0) / (double)n;
        svg_group_begin(out, "segment");
        if (s > 0) {
            svg_line(out, xa, y0, xa, y1, "#404040", 1, "2 3", "rebase");
            svg_text(out, xa + 4, y0 + 12, SVG_START, 10, "#404040", 0, 0, "rebase-label",
                     "Rebased");
        }
        svg_line(out, xa, Y(p->mean), xb, Y(p->mean), "#404040", 1.5, NULL, "mean");
        svg_line(out, xa, Y(p->upl), xb, Y(p->upl), "#7f7f7f", 1, "6 4", "limit upper");
        svg_line(out, xa, Y(p->lpl), xb, Y(p->lpl), "#7f7f7f", 1, "6 4", "limit lower");
        svg_group_end(out);
    }
    /* Changes, as dotted lines; labels step down in three rows so neighbours stay legible. */
    svg_group_begin(out, "notes");
    for (size_t k = 0; k < opt->n_notes; k++) {
        if (opt->notes[k].index >= n)
            continue;
        double x = X(opt->notes[k].index) - 0.5 * (x1 - x0) / (double)n;
        svg_line(out, x, y0, x, y1, "#005eb8", 1.5, "1 3", "note");
        svg_text(out, x + 4, y0 + 12 + 12.0 * (double)(k % 3), SVG_START, 10, "#005eb8", 0, 0,
                 "note-label", opt->notes[k].label ? opt->notes[k].label : "Change");
    }
    svg_group_end(out);
    if (opt->has_target && isfinite(opt->target)) {
        svg_line(out, x0, Y(opt->target), x1, Y(opt->target), CHART_COLOUR_TARGET, 1.5, "8 4",
                 "target");
        char label[96];
        svg_format_value(opt->target, num, sizeof num);
        snprintf(label, sizeof label, "Target %s", num);
        svg_text(out, x1, Y(opt->target) - 4, SVG_END, 10, CHART_COLOUR_TARGET, 0, 0,
                 "target-label", label);
    }

    /* The series and its points. */
    double *xs = xmalloc(n * sizeof *xs), *ys = xmalloc(n * sizeof *ys);
    for (size_t i = 0; i < n; i++) {
        xs[i] = X(i);
        ys[i] = Y(r->points[i].value);
    }
    svg_polyline(out, xs, ys, n, CHART_COLOUR_COMMON, 1.5, NULL, "series");
    svg_group_begin(out, "points");
    for (size_t i = 0; i < n; i++) {
        const spc_point *p = &r->points[i];
        char cls[64], tip[256], when[32];
        const char *period = opt->periods && opt->periods[i] ? opt->periods[i] : NULL;
        if (!period) {
            snprintf(when, sizeof when, "point %zu", i + 1);
            period = when;
        }
        svg_format_value(p->value, num, sizeof num);
        snprintf(cls, sizeof cls, "point %s", spc_point_type_name(p->type));
        snprintf(tip, sizeof tip, "%s: %s (%s)", period, num, point_words(p->type));
        svg_circle(out, xs[i], ys[i], l.point_r, chart_point_colour(p->type), "#ffffff", cls, tip);
    }
    svg_group_end(out);
    free(xs);
    free(ys);

    /* Icons, top right. */
    /* Labels are up to about 120 pixels wide at 10 px: keep the icons 140 apart and clear of
     * the right edge. */
    double right = opt->compact ? W - 8 - l.icon_r : W - 75, cy = opt->compact ? 18 : 32;
    draw_icon(out, &l, assured ? right - l.icon_gap : right, cy, variation_icon(r->variation),
              "variation-icon");
    if (assured)
        draw_icon(out, &l, right, cy, assurance_icon(r->assurance), "assurance-icon");

    /* Warnings as footnotes (the compact chart's reader has the full chart a click away). */
    for (size_t i = 0; l.warnings && i < r->n_warnings && i < 2; i++)
        svg_text(out, 16, H - 34 + 14.0 * (double)i, SVG_START, 10, "#7f7f7f", 0, 0, "warning",
                 r->warnings[i]);
    svg_end(out);
#undef X
#undef Y
    return 0;
}
