#include "report/chart_experience.h"

#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define H 380.0
#define LEFT 64.0
#define RIGHT 24.0
#define TOP 48.0
#define PLOT 220.0 /* height of the -2..+2 band */
#define STAGE_WIDTH 150.0
#define GOOD "#007f3b"
#define BAD "#d5281b"
#define NEUTRAL "#768692"

static double vy(double v)
{
    return TOP + PLOT * (2 - v) / 4;
}

int chart_emotion_svg(const json_t *map, strbuf *out, err *e)
{
    const json_t *stages = json_object_get(map, "stages");
    size_t n = json_array_size(stages), i;
    if (n == 0)
        return err_user(e, "no stories with touchpoints to draw an emotional map from");
    double w = LEFT + RIGHT + STAGE_WIDTH * (double)n;
    char title[160], desc[160];
    snprintf(title, sizeof title, "How it felt: %s",
             json_string_value(json_object_get(map, "pathway")));
    snprintf(desc, sizeof desc, "Mean feeling per stage across %lld stories, from -2 to +2",
             (long long)json_integer_value(json_object_get(map, "stories")));
    svg_begin(out, w, H, title, desc);
    svg_text(out, LEFT, 22, SVG_START, 15, "#212b32", 1, 0, "title", title);
    static const struct {
        double v;
        const char *label;
    } scale[] = {{2, "+2"}, {0, "0"}, {-2, "-2"}};
    for (i = 0; i < 3; i++) {
        svg_line(out, LEFT, vy(scale[i].v), w - RIGHT, vy(scale[i].v),
                 scale[i].v == 0 ? "#425563" : "#e8edee", 1, NULL, "grid");
        svg_text(out, LEFT - 6, vy(scale[i].v) + 4, SVG_END, 10, "#425563", 0, 0, "tick",
                 scale[i].label);
    }
    double xs[32], ys[32];
    size_t k = 0;
    json_t *s;
    json_array_foreach(stages, i, s)
    {
        double x = LEFT + STAGE_WIDTH * ((double)i + 0.5);
        double v = json_number_value(json_object_get(s, "mean_valence"));
        if (k < 32)
            xs[k] = x, ys[k] = vy(v), k++;
    }
    svg_polyline(out, xs, ys, k, NEUTRAL, 2, NULL, "journey");
    json_array_foreach(stages, i, s)
    {
        double x = LEFT + STAGE_WIDTH * ((double)i + 0.5);
        double v = json_number_value(json_object_get(s, "mean_valence"));
        const char *colour = v > 0.25 ? GOOD : v < -0.25 ? BAD : NEUTRAL;
        char label[64];
        snprintf(label, sizeof label, "%+.1f", v);
        svg_circle(out, x, vy(v), 7, colour, "#ffffff", "stage-point", NULL);
        svg_text(out, x, vy(v) - 12, SVG_MIDDLE, 12, colour, 1, 0, "mean", label);
        const char *stage = json_string_value(json_object_get(s, "stage"));
        svg_text(out, x, TOP + PLOT + 24, SVG_MIDDLE, 13, "#212b32", 1, 0, "stage", stage);
        snprintf(label, sizeof label, "%lld touchpoints",
                 (long long)json_integer_value(json_object_get(s, "touchpoints")));
        svg_text(out, x, TOP + PLOT + 42, SVG_MIDDLE, 11, "#425563", 0, 0, "count", label);
        size_t j;
        json_t *word;
        json_array_foreach(json_object_get(s, "emotions"), j, word)
            svg_text(out, x, TOP + PLOT + 62 + 16 * (double)j, SVG_MIDDLE, 11, "#425563", 0, 0,
                     "emotion", json_string_value(json_object_get(word, "emotion")));
    }
    svg_end(out);
    return 0;
}
