#include "report/charts.h"
#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ROW_HEIGHT 28.0
#define TOP 84.0

const char *chart_outcome_colour(compare_outcome o)
{
    /* Fingertips' conventions: green better, amber similar, red worse, blues for higher/lower
     * without judgement; the 99.8% tiers are the darker shades. */
    switch (o) {
    case COMPARE_BETTER:
    case COMPARE_BETTER_95:
        return "#92d050";
    case COMPARE_BETTER_99_8:
        return "#4f8a10";
    case COMPARE_SIMILAR:
        return "#ffc000";
    case COMPARE_WORSE:
    case COMPARE_WORSE_95:
        return "#c00000";
    case COMPARE_WORSE_99_8:
        return "#7a0000";
    case COMPARE_HIGHER:
    case COMPARE_HIGHER_95:
        return "#bed2ff";
    case COMPARE_HIGHER_99_8:
        return "#8fb0ff";
    case COMPARE_LOWER:
    case COMPARE_LOWER_95:
        return "#5555e6";
    case COMPARE_LOWER_99_8:
        return "#2f2fb0";
    case COMPARE_NOT_COMPARED:
    default:
        return "#ffffff";
    }
}

int chart_spine_svg(const chart_spine_row *rows, size_t n, const chart_spine_options *opt,
                    strbuf *out, err *e)
{
    if (!rows || n == 0)
        return err_user(e, "a spine chart needs at least one indicator to draw");
    chart_spine_options defaults = {0};
    if (!opt)
        opt = &defaults;
    const char *title = opt->title && opt->title[0] ? opt->title : "Spine chart";
    const char *area = opt->area && opt->area[0] ? opt->area : "Area";
    const char *bench = opt->benchmark && opt->benchmark[0] ? opt->benchmark : "Benchmark";
    const char *rows_are = opt->rows && opt->rows[0] ? opt->rows : "Indicator";
    double W = opt->width > 0 ? opt->width : 900;
    double H = TOP + ROW_HEIGHT * (double)n + 60;
    double col_value = 400, col_bench = 480, col_worst = 550;
    double bar0 = 565, bar1 = W - 90, col_best = W - 80;
#define BX(p) (bar0 + (p) * (bar1 - bar0))

    char desc[256], num[64];
    snprintf(desc, sizeof desc, "Spine chart of %zu rows (%s) for %s against %s", n, rows_are, area,
             bench);
    svg_begin(out, W, H, title, desc);
    svg_text(out, 16, 30, SVG_START, 18, "#212b32", 1, 0, "title", title);

    /* Column headings. */
    svg_group_begin(out, "headings");
    double hy = TOP - 14;
    svg_text(out, 16, hy, SVG_START, 11, "#404040", 1, 0, NULL, rows_are);
    svg_text(out, col_value, hy, SVG_END, 11, "#404040", 1, 0, NULL, area);
    svg_text(out, col_bench, hy, SVG_END, 11, "#404040", 1, 0, NULL, bench);
    svg_text(out, col_worst, hy, SVG_END, 11, "#404040", 1, 0, NULL, "Worst");
    svg_text(out, BX(0.5), hy, SVG_MIDDLE, 11, "#404040", 1, 0, NULL, "Range");
    svg_text(out, col_best, hy, SVG_START, 11, "#404040", 1, 0, NULL, "Best");
    svg_group_end(out);

    for (size_t i = 0; i < n; i++) {
        const chart_spine_row *row = &rows[i];
        const compare_spine *s = &row->spine;
        double top = TOP + ROW_HEIGHT * (double)i, mid = top + ROW_HEIGHT / 2;
        svg_group_begin(out, "row");
        if (i % 2 == 0)
            svg_rect(out, 8, top, W - 16, ROW_HEIGHT, "#f4f4f4", NULL, "stripe");
        svg_text(out, 16, mid + 4, SVG_START, 11, "#212b32", 0, 0, "indicator", row->indicator);
        svg_format_value(s->value, num, sizeof num);
        svg_text(out, col_value, mid + 4, SVG_END, 11, "#212b32", 0, 0, "value", num);
        svg_format_value(s->benchmark, num, sizeof num);
        svg_text(out, col_bench, mid + 4, SVG_END, 11, "#212b32", 0, 0, "benchmark-value", num);
        svg_format_value(s->worst, num, sizeof num);
        svg_text(out, col_worst, mid + 4, SVG_END, 11, "#212b32", 0, 0, "worst", num);
        svg_format_value(s->best, num, sizeof num);
        svg_text(out, col_best, mid + 4, SVG_START, 11, "#212b32", 0, 0, "best", num);

        double bh = ROW_HEIGHT * 0.5, by = mid - bh / 2;
        svg_rect(out, BX(s->pos_worst), by, BX(s->pos_worst_quartile) - BX(s->pos_worst), bh,
                 "#c9c9c9", NULL, "range worst");
        svg_rect(out, BX(s->pos_worst_quartile), by,
                 BX(s->pos_best_quartile) - BX(s->pos_worst_quartile), bh, "#8b8b8b", NULL,
                 "range middle");
        svg_rect(out, BX(s->pos_best_quartile), by, BX(s->pos_best) - BX(s->pos_best_quartile), bh,
                 "#c9c9c9", NULL, "range best");
        svg_line(out, BX(0.5), top + 2, BX(0.5), top + ROW_HEIGHT - 2, "#de1b1b", 2, NULL,
                 "benchmark");
        if (isfinite(s->pos_value)) {
            char cls[64], tip[320];
            snprintf(cls, sizeof cls, "marker %s", compare_outcome_name(row->outcome));
            svg_format_value(s->value, num, sizeof num);
            snprintf(tip, sizeof tip, "%s: %s (%s)", row->indicator ? row->indicator : "", num,
                     compare_outcome_name(row->outcome));
            double px = BX(fmin(fmax(s->pos_value, 0.0), 1.0));
            svg_circle(out, px, mid, 6, chart_outcome_colour(row->outcome), "#404040", cls, tip);
        }
        svg_group_end(out);
    }

    /* Legend. */
    double ly = TOP + ROW_HEIGHT * (double)n + 28;
    svg_group_begin(out, "legend");
    svg_rect(out, 16, ly - 9, 24, 10, "#c9c9c9", NULL, NULL);
    svg_text(out, 44, ly, SVG_START, 10, "#404040", 0, 0, NULL, "worst/best to quartile");
    svg_rect(out, 170, ly - 9, 24, 10, "#8b8b8b", NULL, NULL);
    svg_text(out, 198, ly, SVG_START, 10, "#404040", 0, 0, NULL, "25th to 75th percentile");
    svg_line(out, 336, ly - 10, 336, ly + 2, "#de1b1b", 2, NULL, NULL);
    svg_text(out, 342, ly, SVG_START, 10, "#404040", 0, 0, NULL, bench);
    static const compare_outcome keys[] = {COMPARE_BETTER, COMPARE_SIMILAR, COMPARE_WORSE,
                                           COMPARE_NOT_COMPARED};
    static const char *const words[] = {"Better", "Similar", "Worse", "Not compared"};
    for (size_t k = 0; k < 4; k++) {
        double kx = 440 + 100.0 * (double)k;
        svg_circle(out, kx, ly - 4, 5, chart_outcome_colour(keys[k]), "#404040", NULL, NULL);
        svg_text(out, kx + 9, ly, SVG_START, 10, "#404040", 0, 0, NULL, words[k]);
    }
    svg_group_end(out);
    svg_end(out);
#undef BX
    return 0;
}
