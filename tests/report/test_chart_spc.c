/* Tests for src/report/chart_spc.c: the chart for a series whose SPC result is known (see
 * tests/stats/test_spc.c, rule_priority) contains the Making Data Count colours, lines, icons and
 * text it should. */
#include "report/charts.h"

#include "report/xmlcheck.h"

#include <criterion/criterion.h>
#include <stdio.h>

/* 12 zig-zag points (shift below the mean: concern), 20 and 16 above the upper limit
 * (improvement), a falling trend (concern), then 3 common-cause points. */
static const double Y[] = {5, 7, 5, 7, 5, 7, 5, 7, 5, 7, 5, 7, 20, 16, 12, 10, 8, 6, 4, 7, 5, 7};
#define NY (sizeof Y / sizeof *Y)

static void periods(const char **p, char names[][16])
{
    for (unsigned i = 0; i < NY; i++) {
        snprintf(names[i], 16, "2023-%02u", i % 12 + 1);
        p[i] = names[i];
    }
}

/* Y's chart with higher better and a target of 15. */
static void chart_y(spc_result *r)
{
    spc_options so;
    spc_options_init(&so);
    so.improvement = SPC_INCREASE;
    so.has_target = 1;
    so.target = 15;
    err e = {0};
    cr_assert_eq(spc_xmr(Y, NULL, NY, &so, r, &e), 0, "%s", e.msg);
}

Test(report_chart_spc, draws_points_lines_icons_and_text)
{
    spc_result r;
    err e = {0};
    chart_y(&r);

    const char *p[NY];
    char names[NY][16];
    periods(p, names);
    chart_spc_options co = {.title = "A&E: patients seen within 4 hours",
                            .y_label = "% within 4 hours",
                            .periods = p,
                            .improvement = SPC_INCREASE,
                            .has_target = 1,
                            .target = 15};
    strbuf b = STRBUF_INIT;
    cr_assert_eq(chart_spc_svg(&r, &co, &b, &e), 0, "%s", e.msg);
    const char *s = strbuf_str(&b);
    const char *problem = xml_check(s);
    cr_assert_null(problem, "%s", problem);

    /* Text stays text, escaped. */
    cr_assert(strstr(s, ">A&amp;E: patients seen within 4 hours</text>"));
    cr_assert(strstr(s, ">% within 4 hours</text>"));
    cr_assert(strstr(s, ">2023-01</text>"));
    /* One circle per point, coloured by type: 12 + 5 concern, 2 improvement, 3 common cause. */
    cr_assert_eq(count_of(s, "class=\"point special_cause_concern\""), 17);
    cr_assert_eq(count_of(s, "class=\"point special_cause_improvement\""), 2);
    cr_assert_eq(count_of(s, "class=\"point common_cause\""), 3);
    cr_assert_eq(count_of(s, "fill=\"#e46c0a\" stroke=\"#ffffff\""), 17);
    cr_assert_eq(count_of(s, "fill=\"#00b0f0\" stroke=\"#ffffff\""), 2);
    cr_assert(strstr(s, "<title>2023-01: 20 (special cause: improvement)</title>"), "%s", s);
    /* Mean, both process limits, the target in dashed red. */
    cr_assert_eq(count_of(s, "class=\"mean\""), 1);
    cr_assert_eq(count_of(s, "class=\"limit upper\""), 1);
    cr_assert_eq(count_of(s, "class=\"limit lower\""), 1);
    cr_assert(strstr(s, "class=\"target\""));
    cr_assert(strstr(s, "stroke=\"#de1b1b\" stroke-width=\"1.5\" stroke-dasharray=\"8 4\""));
    cr_assert(strstr(s, ">Target 15</text>"));
    /* The last point (7) is common cause; the target 15 is above the upper limit 13.58 and
     * higher is better, so it will consistently be missed. */
    cr_assert_eq(r.variation, SPC_VARIATION_COMMON_CAUSE);
    cr_assert_eq(r.assurance, SPC_ASSURANCE_FAIL);
    cr_assert(strstr(s, "<g class=\"variation-icon\">"));
    cr_assert(strstr(s, ">Common cause</text>"));
    cr_assert(strstr(s, "<g class=\"assurance-icon\">"));
    cr_assert(strstr(s, ">Consistently fails target</text>"));
    cr_assert(strstr(s, "fill=\"#e46c0a\"><title>Consistently fails target</title>"), "%s", s);
    /* No rebase, no warnings (22 points). */
    cr_assert_null(strstr(s, "Rebased"));
    cr_assert_null(strstr(s, "class=\"warning\""));
    strbuf_free(&b);
    spc_result_free(&r);
}

Test(report_chart_spc, rebased_segments_and_warnings)
{
    double y[20];
    for (int i = 0; i < 20; i++)
        y[i] = i < 10 ? (i % 2 ? 6 : 4) : (i % 2 ? 11 : 9);
    spc_options so;
    spc_options_init(&so);
    size_t at[] = {10};
    so.rebase_at = at;
    so.n_rebase = 1;
    spc_result r;
    err e = {0};
    cr_assert_eq(spc_xmr(y, NULL, 20, &so, &r, &e), 0, "%s", e.msg);
    chart_spc_options co = {.title = "Rebased"};
    strbuf b = STRBUF_INIT;
    cr_assert_eq(chart_spc_svg(&r, &co, &b, &e), 0);
    const char *s = strbuf_str(&b);
    cr_assert_null(xml_check(s));
    /* Two segments: two means, two pairs of limits, one rebase marker. */
    cr_assert_eq(count_of(s, "class=\"mean\""), 2);
    cr_assert_eq(count_of(s, "class=\"limit upper\""), 2);
    cr_assert_eq(count_of(s, "class=\"rebase\""), 1);
    cr_assert(strstr(s, ">Rebased</text>"));
    /* Both segments have 10 points: the two warnings are footnotes. */
    cr_assert_eq(count_of(s, "class=\"warning\""), 2);
    cr_assert(strstr(s, "segment 2 has only 10 points"));
    /* No target: no assurance icon; x labels fall back to 1, 2, 3. */
    cr_assert_null(strstr(s, "assurance-icon"));
    cr_assert(strstr(s, ">1</text>"));
    cr_assert_null(strstr(s, "class=\"target\""));
    strbuf_free(&b);
    spc_result_free(&r);
}

Test(report_chart_spc, neutral_colours_and_empty_input)
{
    /* The NHSRplotthedots y[15] = 10 case: one neutral-high point, purple. */
    double y[20] = {-0.56047565, -0.23017749, 1.55870831,  0.07050839,  0.12928774,
                    1.71506499,  0.46091621,  -1.26506123, -0.68685285, -0.44566197,
                    1.22408180,  0.35981383,  0.40077145,  0.11068272,  10,
                    1.78691314,  0.49785048,  -1.96661716, 0.70135590,  -0.47279141};
    spc_result r;
    err e = {0};
    cr_assert_eq(spc_xmr(y, NULL, 20, NULL, &r, &e), 0);
    strbuf b = STRBUF_INIT;
    cr_assert_eq(chart_spc_svg(&r, NULL, &b, &e), 0);
    const char *s = strbuf_str(&b);
    cr_assert_null(xml_check(s));
    cr_assert_eq(count_of(s, "class=\"point special_cause_neutral_high\""), 1);
    cr_assert_eq(count_of(s, "fill=\"#490092\" stroke=\"#ffffff\""), 1);
    cr_assert(strstr(s, "<title>SPC chart</title>"));
    strbuf_free(&b);
    spc_result_free(&r);

    spc_result empty = {0};
    cr_assert_eq(chart_spc_svg(&empty, NULL, &b, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    strbuf_free(&b);
}

Test(report_chart_spc, compact_for_print)
{
    spc_result r;
    err e = {0};
    chart_y(&r);
    const char *p[NY];
    char names[NY][16];
    periods(p, names);
    /* 62 bytes: more than the (400 - 16 - 2 x 28) / 7 = 46 a line holds beside two icons. */
    chart_spc_options co = {.title =
                                "Follow-up within 72 hours of discharge from mental health care",
                            .periods = p,
                            .improvement = SPC_INCREASE,
                            .has_target = 1,
                            .target = 15,
                            .compact = 1};
    strbuf b = STRBUF_INIT;
    cr_assert_eq(chart_spc_svg(&r, &co, &b, &e), 0, "%s", e.msg);
    const char *s = strbuf_str(&b);
    cr_assert_null(xml_check(s));
    cr_assert(strstr(s, "width=\"400\" height=\"210\" viewBox=\"0 0 400 210\""));
    /* The title broken at the last space within 46 bytes, the rest on a second line. */
    cr_assert(strstr(s, ">Follow-up within 72 hours of discharge from</text>"), "%s", s);
    cr_assert(strstr(s, ">mental health care</text>"));
    /* Both icons, smaller, their words only as tooltips. */
    cr_assert(strstr(s, "<g class=\"variation-icon\">"));
    cr_assert(strstr(s, "<g class=\"assurance-icon\">"));
    cr_assert(strstr(s, "r=\"10\" fill=\"#e46c0a\"><title>Consistently fails target</title>"), "%s",
              s);
    cr_assert_null(strstr(s, ">Consistently fails target</text>"));
    /* Every point still drawn; at most 4 period labels (22 points: every 6th). */
    cr_assert_eq(count_of(s, "class=\"point "), (int)NY);
    cr_assert(strstr(s, ">2023-01</text>") && strstr(s, ">2023-07</text>"));
    cr_assert_null(strstr(s, ">2023-02</text>"));
    strbuf_free(&b);
    spc_result_free(&r);
}

Test(report_chart_spc, marks_changes_where_they_took_effect)
{
    spc_result r;
    err e = {0};
    chart_y(&r);
    const chart_spc_note notes[] = {{12, "PDSA 1: <new> rota"}, {30, "beyond the data"}};
    chart_spc_options co = {.title = "Notes", .notes = notes, .n_notes = 2};
    strbuf b = STRBUF_INIT;
    cr_assert_eq(chart_spc_svg(&r, &co, &b, &e), 0, "%s", e.msg);
    const char *s = strbuf_str(&b);
    cr_assert_null(xml_check(s), "%s", xml_check(s));
    /* One line, at the left edge of point 12's slot; the note past the data is left out. */
    cr_assert_eq(count_of(s, "class=\"note\""), 1);
    cr_assert(strstr(s, ">PDSA 1: &lt;new&gt; rota<"));
    cr_assert_null(strstr(s, "beyond the data"));
    strbuf_free(&b);
    spc_result_free(&r);
}
