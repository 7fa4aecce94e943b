/* chart_deciles: see chart_deciles.h. */
#include "report/chart_deciles.h"

#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { W = 720, H = 380, LEFT = 64, RIGHT = 24, TOP = 48, BOTTOM = 56 };
#define DECILE_COLOUR "#005eb8"
#define ORG_COLOUR "#d5281b"

int chart_deciles_svg(const rx_series *s, strbuf *out, err *e)
{
    if (s->n == 0)
        return err_user(e, "no stored months of prescribing to chart");
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < s->n; i++) {
        for (int k = 0; k < 9; k++)
            if (isfinite(s->points[i].deciles[k])) {
                lo = fmin(lo, s->points[i].deciles[k]);
                hi = fmax(hi, s->points[i].deciles[k]);
            }
        if (isfinite(s->points[i].value)) {
            lo = fmin(lo, s->points[i].value);
            hi = fmax(hi, s->points[i].value);
        }
    }
    if (!isfinite(lo))
        lo = 0, hi = 1;
    double ticks[12];
    size_t nt = svg_nice_ticks(fmin(lo, 0), hi, 6, ticks);
    /* The ticks may stop short of the highest value: the axis still reaches it. */
    double y0 = fmin(ticks[0], lo), y1 = fmax(ticks[nt - 1], hi);
    if (y1 <= y0)
        y1 = y0 + 1;
    double pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
#define X(i) (LEFT + (s->n > 1 ? pw * (double)(i) / (double)(s->n - 1) : pw / 2))
#define Y(v) (TOP + ph * (1 - ((v)-y0) / (y1 - y0)))
    char title[256], desc[512];
    snprintf(title, sizeof title, "%s: deciles by %s", s->def->name,
             strcmp(s->org, "") ? s->org_name : "organisation");
    snprintf(
        desc, sizeof desc,
        "The 10th to 90th percentiles of %s across organisations each month (median solid)%s%s.",
        s->def->name, s->org[0] ? ", and " : "", s->org[0] ? s->org_name : "");
    svg_begin(out, W, H, title, desc);
    svg_text(out, LEFT, 24, SVG_START, 15, "#212b32", 1, 0, "title", title);
    svg_group_begin(out, "axes");
    for (size_t t = 0; t < nt; t++) {
        char label[32];
        svg_format_value(ticks[t], label, sizeof label);
        svg_line(out, LEFT, Y(ticks[t]), W - RIGHT, Y(ticks[t]), "#e8edee", 1, NULL, "grid");
        svg_text(out, LEFT - 6, Y(ticks[t]) + 4, SVG_END, 11, "#4c6272", 0, 0, "tick", label);
    }
    size_t step = s->n > 12 ? 3 : s->n > 6 ? 2 : 1;
    for (size_t i = 0; i < s->n; i += step) {
        char label[16];
        snprintf(label, sizeof label, "%04d-%02d", s->points[i].month / 100 % 10000,
                 s->points[i].month % 100);
        svg_text(out, X(i), H - BOTTOM + 18, SVG_MIDDLE, 11, "#4c6272", 0, 0, "month", label);
    }
    svg_text(out, LEFT + pw / 2, H - 12, SVG_MIDDLE, 12, "#4c6272", 0, 0, "x-label", "month");
    svg_group_end(out);
    double xs[RX_SERIES_MAX_MONTHS], ys[RX_SERIES_MAX_MONTHS];
    for (size_t i = 0; i < s->n; i++)
        xs[i] = X(i);
    svg_group_begin(out, "deciles");
    for (int k = 0; k < 9; k++) {
        for (size_t i = 0; i < s->n; i++)
            ys[i] = isfinite(s->points[i].deciles[k]) ? Y(s->points[i].deciles[k]) : NAN;
        char cls[32];
        snprintf(cls, sizeof cls, "decile d%d%s", 10 * (k + 1), k == 4 ? " median" : "");
        svg_polyline(out, xs, ys, s->n, DECILE_COLOUR, k == 4 ? 2 : 1, k == 4 ? NULL : "4 4", cls);
    }
    svg_group_end(out);
    if (s->org[0]) {
        svg_group_begin(out, "org");
        for (size_t i = 0; i < s->n; i++)
            ys[i] = isfinite(s->points[i].value) ? Y(s->points[i].value) : NAN;
        svg_polyline(out, xs, ys, s->n, ORG_COLOUR, 2.5, NULL, "org-line");
        for (size_t i = 0; i < s->n; i++)
            if (isfinite(s->points[i].value)) {
                char tip[64], v[32];
                svg_format_value(s->points[i].value, v, sizeof v);
                snprintf(tip, sizeof tip, "%06d: %s", s->points[i].month, v);
                svg_circle(out, xs[i], ys[i], 3.5, ORG_COLOUR, NULL, "org-point", tip);
            }
        svg_group_end(out);
    }
#undef X
#undef Y
    svg_end(out);
    return 0;
}
