/* Tests for src/report/chart_spine.c: rows built with compare_spine_data() (values worked by hand
 * in tests/stats/test_compare.c) draw the range bars, the benchmark line and the coloured marker.
 */
#include "report/charts.h"

#include "report/xmlcheck.h"

#include <criterion/criterion.h>
#include <math.h>

Test(report_chart_spine, rows_bars_markers_and_text)
{
    const double v[] = {8, 2, 20, 6, 4};
    chart_spine_row rows[3];
    err e = {0};
    rows[0].indicator = "Smoking prevalence (%)";
    cr_assert_eq(compare_spine_data(v, 5, 6, 8, COMPARE_LOW_IS_GOOD, &rows[0].spine, &e), 0);
    ci_interval c95 = {5.0, 7.0};
    rows[0].outcome = compare_three_tier(c95, 8, COMPARE_LOW_IS_GOOD); /* better */
    rows[1].indicator = "Flu vaccine uptake & <65s";
    cr_assert_eq(compare_spine_data(v, 5, 6, 8, COMPARE_HIGH_IS_GOOD, &rows[1].spine, &e), 0);
    rows[1].outcome = compare_three_tier(c95, 8, COMPARE_HIGH_IS_GOOD); /* worse */
    rows[2].indicator = "Suppressed";
    cr_assert_eq(compare_spine_data(v, 5, NAN, 8, COMPARE_HIGH_IS_GOOD, &rows[2].spine, &e), 0);
    rows[2].outcome = COMPARE_NOT_COMPARED;

    chart_spine_options co = {.title = "Area profile", .area = "Northtown", .benchmark = "England"};
    strbuf b = STRBUF_INIT;
    cr_assert_eq(chart_spine_svg(rows, 3, &co, &b, &e), 0, "%s", e.msg);
    const char *s = strbuf_str(&b);
    const char *problem = xml_check(s);
    cr_assert_null(problem, "%s", problem);

    cr_assert(strstr(s, ">Area profile</text>"));
    cr_assert(strstr(s, ">Indicator</text>"), "rows are indicators unless the options say");
    cr_assert(strstr(s, ">Northtown</text>"));
    cr_assert(strstr(s, ">England</text>"));
    cr_assert(strstr(s, ">Smoking prevalence (%)</text>"));
    cr_assert(strstr(s, ">Flu vaccine uptake &amp; &lt;65s</text>"));
    /* Three bars per row, a benchmark line per row. */
    cr_assert_eq(count_of(s, "class=\"range middle\""), 3);
    cr_assert_eq(count_of(s, "class=\"benchmark\""), 3);
    /* Markers: better green, worse red; none for the suppressed value (shown as n/a). */
    cr_assert_eq(count_of(s, "class=\"marker "), 2);
    cr_assert(strstr(s, "class=\"marker better\""));
    cr_assert(strstr(s, "class=\"marker worse\""));
    cr_assert(strstr(s, "fill=\"#92d050\" stroke=\"#404040\"><title>Smoking"), "%s", s);
    cr_assert(strstr(s, "fill=\"#c00000\" stroke=\"#404040\"><title>Flu"), "%s", s);
    cr_assert(strstr(s, ">n/a</text>"));
    /* Low is good: the worst column shows 20, the best 2. */
    char text[64];
    cr_assert_str_eq(text_of(s, "class=\"worst\"", text, sizeof text), "20");
    cr_assert_str_eq(text_of(s, "class=\"best\"", text, sizeof text), "2");
    strbuf_free(&b);

    /* One indicator's spine with a row per organisation. */
    co.rows = "Organisation";
    cr_assert_eq(chart_spine_svg(rows, 3, &co, &b, &e), 0, "%s", e.msg);
    cr_assert(strstr(strbuf_str(&b), ">Organisation</text>"));
    cr_assert(strstr(strbuf_str(&b), "Spine chart of 3 rows (Organisation) for Northtown"));
    strbuf_free(&b);

    cr_assert_eq(chart_spine_svg(rows, 0, &co, &b, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    strbuf_free(&b);
}
