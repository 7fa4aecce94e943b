#include "report/charts.h"
#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CURVE_POINTS 120

static const char *significance_colour(funnel_significance s)
{
    switch (s) {
    case FUNNEL_HIGH_0_001:
    case FUNNEL_LOW_0_001:
        return CHART_COLOUR_NEUTRAL;
    case FUNNEL_HIGH_0_025:
    case FUNNEL_LOW_0_025:
        return "#9b6fd1";
    case FUNNEL_NOT_SIGNIFICANT:
    default:
        return CHART_COLOUR_COMMON;
    }
}

const char *chart_funnel_words(funnel_significance s)
{
    switch (s) {
    case FUNNEL_HIGH_0_001:
        return "above the 99.8% limit";
    case FUNNEL_HIGH_0_025:
        return "above the 95% limit";
    case FUNNEL_LOW_0_025:
        return "below the 95% limit";
    case FUNNEL_LOW_0_001:
        return "below the 99.8% limit";
    case FUNNEL_NOT_SIGNIFICANT:
    default:
        return "within the limits";
    }
}

int chart_funnel_svg(const funnel_result *r, const chart_funnel_options *opt, strbuf *out, err *e)
{
    if (!r || r->n == 0)
        return err_user(e, "a funnel plot needs at least one organisation to draw");
    chart_funnel_options defaults = {0};
    if (!opt)
        opt = &defaults;
    const char *title = opt->title && opt->title[0] ? opt->title : "Funnel plot";
    double W = opt->width > 0 ? opt->width : 800, H = opt->height > 0 ? opt->height : 480;
    double x0 = 80, x1 = W - 30, y0 = 64, y1 = H - 70;

    /* Ranges: x from 0 to the largest denominator; y over values, limits and the average. */
    double dmin = INFINITY, dmax = 0, lo = r->average, hi = r->average;
    for (size_t i = 0; i < r->n; i++) {
        const funnel_org *o = &r->orgs[i];
        dmin = fmin(dmin, o->denominator);
        dmax = fmax(dmax, o->denominator);
        const double v[] = {o->value, o->limit998_low, o->limit998_high};
        for (size_t k = 0; k < 3; k++)
            if (isfinite(v[k])) {
                lo = fmin(lo, v[k]);
                hi = fmax(hi, v[k]);
            }
    }
    if (lo == hi) {
        double p = lo == 0 ? 1 : fabs(lo) * 0.1;
        lo -= p;
        hi += p;
    }
    double pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
    if (r->type == FUNNEL_PROPORTION) {
        lo = fmax(lo, 0.0);
        hi = fmin(hi, r->multiplier);
    } else {
        lo = fmax(lo, 0.0);
    }
    double xmax = dmax * 1.05;
#define X(d) (x0 + (d) / xmax * (x1 - x0))
#define Y(v) (y1 - ((v)-lo) / (hi - lo) * (y1 - y0))

    char desc[256], num[64], num2[64];
    svg_format_value(r->average, num, sizeof num);
    snprintf(desc, sizeof desc, "Funnel plot of %zu organisations (%s); average %s", r->n,
             funnel_type_name(r->type), num);
    svg_begin(out, W, H, title, desc);
    svg_text(out, 16, 30, SVG_START, 18, "#212b32", 1, 0, "title", title);

    double ticks[12];
    size_t nt = svg_nice_ticks(lo, hi, 7, ticks);
    svg_group_begin(out, "axis y");
    for (size_t i = 0; i < nt; i++) {
        if (ticks[i] < lo || ticks[i] > hi)
            continue;
        double y = Y(ticks[i]);
        svg_line(out, x0, y, x1, y, "#e8e8e8", 1, NULL, "grid");
        svg_format_value(ticks[i], num, sizeof num);
        svg_text(out, x0 - 6, y + 4, SVG_END, 11, "#404040", 0, 0, "tick", num);
    }
    svg_line(out, x0, y0, x0, y1, "#404040", 1, NULL, NULL);
    if (opt->y_label)
        svg_text(out, 18, (y0 + y1) / 2, SVG_MIDDLE, 12, "#404040", 0, -90, "label", opt->y_label);
    svg_group_end(out);

    svg_group_begin(out, "axis x");
    svg_line(out, x0, y1, x1, y1, "#404040", 1, NULL, NULL);
    nt = svg_nice_ticks(0, xmax, 7, ticks);
    for (size_t i = 0; i < nt; i++) {
        if (ticks[i] > xmax)
            continue;
        svg_line(out, X(ticks[i]), y1, X(ticks[i]), y1 + 4, "#404040", 1, NULL, NULL);
        svg_format_value(ticks[i], num, sizeof num);
        svg_text(out, X(ticks[i]), y1 + 18, SVG_MIDDLE, 11, "#404040", 0, 0, "tick", num);
    }
    const char *x_label = opt->x_label              ? opt->x_label
                          : r->type == FUNNEL_RATIO ? "Expected"
                          : r->type == FUNNEL_RATE  ? "Population"
                                                    : "Denominator";
    svg_text(out, (x0 + x1) / 2, y1 + 40, SVG_MIDDLE, 12, "#404040", 0, 0, "label", x_label);
    svg_group_end(out);

    /* Average and limits: sampled on a geometric grid so the narrow end is smooth; points off
     * the plot are left out of the lines. */
    double dlo = fmax(xmax / 1000.0, fmin(dmin, xmax) * 0.25);
    double xs[4][CURVE_POINTS], ys[4][CURVE_POINTS];
    for (int k = 0; k < CURVE_POINTS; k++) {
        double d = dlo * pow(xmax / dlo, (double)k / (CURVE_POINTS - 1));
        double l95, h95, l998, h998;
        funnel_limits_at(r, d, 0.95, &l95, &h95);
        funnel_limits_at(r, d, 0.998, &l998, &h998);
        const double v[4] = {l95, h95, l998, h998};
        for (int c = 0; c < 4; c++) {
            xs[c][k] = X(d);
            ys[c][k] = v[c] >= lo && v[c] <= hi ? Y(v[c]) : NAN;
        }
    }
    svg_group_begin(out, "limits");
    svg_polyline(out, xs[0], ys[0], CURVE_POINTS, "#7f7f7f", 1.2, "6 4", "limit95 lower");
    svg_polyline(out, xs[1], ys[1], CURVE_POINTS, "#7f7f7f", 1.2, "6 4", "limit95 upper");
    svg_polyline(out, xs[2], ys[2], CURVE_POINTS, "#404040", 1.2, NULL, "limit998 lower");
    svg_polyline(out, xs[3], ys[3], CURVE_POINTS, "#404040", 1.2, NULL, "limit998 upper");
    svg_line(out, x0, Y(r->average), x1, Y(r->average), "#404040", 1.5, NULL, "average");
    svg_group_end(out);

    /* Organisations, outliers labelled. */
    svg_group_begin(out, "orgs");
    for (size_t i = 0; i < r->n; i++) {
        const funnel_org *o = &r->orgs[i];
        char cls[64], tip[384], fallback[32];
        const char *name = opt->names && opt->names[i] ? opt->names[i] : NULL;
        if (!name) {
            snprintf(fallback, sizeof fallback, "row %zu", i + 1);
            name = fallback;
        }
        svg_format_value(o->value, num, sizeof num);
        svg_format_value(o->denominator, num2, sizeof num2);
        snprintf(cls, sizeof cls, "org %s", funnel_significance_name(o->significance));
        snprintf(tip, sizeof tip, "%s: %s (denominator %s), %s", name, num, num2,
                 chart_funnel_words(o->significance));
        double cx = X(o->denominator), cy = Y(fmin(fmax(o->value, lo), hi));
        svg_circle(out, cx, cy, 4.5, significance_colour(o->significance), "#ffffff", cls, tip);
        int marked = opt->has_highlight && opt->highlight == i;
        if (marked)
            svg_circle(out, cx, cy, 8, NULL, "#212b32", "highlight", NULL);
        /* A name that would run off the right edge (10 px Arial: about 6 px a character)
         * goes to the left of its point. */
        int left = cx + 6 + 6.0 * (double)strlen(name) > W;
        if (marked || o->significance != FUNNEL_NOT_SIGNIFICANT)
            svg_text(out, left ? cx - 6 : cx + 6, cy - 6, left ? SVG_END : SVG_START, 10, "#212b32",
                     marked, 0, marked ? "highlight-label" : "outlier-label", name);
    }
    svg_group_end(out);

    /* Legend. */
    svg_group_begin(out, "legend");
    double lx = W - 300, ly = 46;
    svg_line(out, lx, ly, lx + 20, ly, "#404040", 1.5, NULL, NULL);
    svg_format_value(r->average, num, sizeof num);
    char label[96];
    snprintf(label, sizeof label, "Average %s", num);
    svg_text(out, lx + 24, ly + 4, SVG_START, 10, "#404040", 0, 0, NULL, label);
    svg_line(out, lx + 110, ly, lx + 130, ly, "#7f7f7f", 1.2, "6 4", NULL);
    svg_text(out, lx + 134, ly + 4, SVG_START, 10, "#404040", 0, 0, NULL, "95% limits");
    svg_line(out, lx + 200, ly, lx + 220, ly, "#404040", 1.2, NULL, NULL);
    svg_text(out, lx + 224, ly + 4, SVG_START, 10, "#404040", 0, 0, NULL, "99.8% limits");
    svg_group_end(out);
    svg_end(out);
#undef X
#undef Y
    return 0;
}
