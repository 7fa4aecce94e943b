#include "report/chart_experience.h"

#include "report/charts.h"
#include "report/svg.h"
#include "stats/trajectory.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define W 720.0
#define H 360.0
#define LEFT 64.0
#define RIGHT 24.0
#define TOP 48.0
#define BOTTOM 56.0
#define PATH_COLOUR "#768692"
#define ACTUAL_COLOUR "#005eb8"

typedef struct frame {
    int m0, m1;
    double lo, hi;
} frame;

static double fx(const frame *f, int m)
{
    return LEFT + (W - LEFT - RIGHT) * (m - f->m0) / (double)(f->m1 > f->m0 ? f->m1 - f->m0 : 1);
}

static double fy(const frame *f, double v)
{
    return TOP + (H - TOP - BOTTOM) * (f->hi - v) / (f->hi > f->lo ? f->hi - f->lo : 1);
}

static void period_of(int m, char out[8])
{
    unsigned u = m > 0 ? (unsigned)m : 0;
    snprintf(out, 8, "%04u-%02u", (u / 12) % 10000, u % 12 + 1);
}

static void axes(strbuf *b, const frame *f, const double *ticks, size_t nt)
{
    char label[32];
    for (size_t i = 0; i < nt; i++) {
        double y = fy(f, ticks[i]);
        svg_line(b, LEFT, y, W - RIGHT, y, "#e8edee", 1, NULL, "grid");
        svg_format_value(ticks[i], label, sizeof label);
        svg_text(b, LEFT - 6, y + 4, SVG_END, 11, "#425563", 0, 0, "tick", label);
    }
    /* A label every six months keeps a three-year path readable. */
    for (int m = f->m0; m <= f->m1; m++) {
        if ((m - f->m0) % 6 != 0 && m != f->m1)
            continue;
        char p[8];
        period_of(m, p);
        svg_text(b, fx(f, m), H - BOTTOM + 18, m == f->m1 ? SVG_END : SVG_MIDDLE, 11, "#425563", 0,
                 0, "tick", p);
    }
    svg_line(b, LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#425563", 1, NULL, "axis");
}

int chart_trajectory_svg(const json_t *goal, strbuf *out, err *e)
{
    const json_t *points = json_object_get(goal, "points");
    double baseline = json_number_value(json_object_get(goal, "baseline"));
    double target = json_number_value(json_object_get(goal, "target"));
    frame f = {trajectory_month(json_string_value(json_object_get(goal, "baseline_period"))),
               trajectory_month(json_string_value(json_object_get(goal, "target_period"))),
               fmin(baseline, target), fmax(baseline, target)};
    if (f.m0 < 0 || f.m1 <= f.m0)
        return err_user(e, "the goal has no baseline and target periods to draw");
    size_t i;
    json_t *p;
    json_array_foreach(points, i, p)
    {
        double v = json_number_value(json_object_get(p, "value"));
        f.lo = fmin(f.lo, v), f.hi = fmax(f.hi, v);
        int m = trajectory_month(json_string_value(json_object_get(p, "period")));
        if (m > f.m1)
            f.m1 = m;
    }
    double ticks[12];
    size_t nt = svg_nice_ticks(f.lo, f.hi, 6, ticks);
    f.lo = fmin(f.lo, ticks[0]), f.hi = fmax(f.hi, ticks[nt - 1]);

    const char *name = json_string_value(json_object_get(goal, "name"));
    const char *status = json_string_value(json_object_get(goal, "status"));
    char desc[256];
    snprintf(desc, sizeof desc, "From %g to %g by %s; status: %s", baseline, target,
             json_string_value(json_object_get(goal, "target_period")), status ? status : "");
    svg_begin(out, W, H, name ? name : "Goal", desc);
    svg_text(out, LEFT, 22, SVG_START, 15, "#212b32", 1, 0, "title", name ? name : "Goal");
    axes(out, &f, ticks, nt);

    int tm = trajectory_month(json_string_value(json_object_get(goal, "target_period")));
    char label[96], tv[32];
    svg_format_value(target, tv, sizeof tv);
    snprintf(label, sizeof label, "target %s by %s", tv,
             json_string_value(json_object_get(goal, "target_period")));
    svg_line(out, LEFT, fy(&f, target), W - RIGHT, fy(&f, target), CHART_COLOUR_TARGET, 1.5, "6 4",
             "target");
    svg_text(out, W - RIGHT, fy(&f, target) - 6, SVG_END, 11, CHART_COLOUR_TARGET, 0, 0, "target",
             label);
    double px[2] = {fx(&f, f.m0), fx(&f, tm)}, py[2] = {fy(&f, baseline), fy(&f, target)};
    svg_polyline(out, px, py, 2, PATH_COLOUR, 2, "3 3", "path");

    double xs[64], ys[64];
    size_t k = 0;
    json_array_foreach(points, i, p)
    {
        if (k == 64)
            break;
        int m = trajectory_month(json_string_value(json_object_get(p, "period")));
        xs[k] = fx(&f, m), ys[k] = fy(&f, json_number_value(json_object_get(p, "value")));
        k++;
    }
    svg_polyline(out, xs, ys, k, ACTUAL_COLOUR, 2, NULL, "actual");
    for (i = 0; i < k; i++)
        svg_circle(out, xs[i], ys[i], 3, ACTUAL_COLOUR, NULL, "point", NULL);
    static const struct {
        const char *status, *words;
    } words[] = {{"on_track", "On track"},
                 {"off_track", "Behind the path"},
                 {"achieved", "Target reached"},
                 {"no_data", "No data since the baseline"}};
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (status && strcmp(status, words[i].status) == 0)
            svg_text(out, W - RIGHT, 22, SVG_END, 13, "#212b32", 1, 0, "status", words[i].words);
    svg_end(out);
    return 0;
}
