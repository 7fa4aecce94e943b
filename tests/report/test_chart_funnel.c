/* Tests for src/report/chart_funnel.c, drawing the PHEindicatormethods documentation example
 * (four areas, all beyond the 99.8% limits; see tests/stats/test_funnel.c) and a ratio funnel. */
#include "report/charts.h"

#include "report/xmlcheck.h"

#include <criterion/criterion.h>

Test(report_chart_funnel, proportion_funnel_with_labelled_outliers)
{
    const double x[] = {10232, 12321, 15123, 13213, 15000};
    const double n[] = {15232, 16123, 17932, 18475, 20000};
    const char *names[] = {"A & B PCN", "C<D", "E", "F", "G"};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_PROPORTION, x, n, names, 5, 100, &r, &e), 0, "%s", e.msg);
    chart_funnel_options co = {
        .title = "Flu vaccine uptake", .y_label = "% vaccinated", .names = names};
    strbuf b = STRBUF_INIT;
    cr_assert_eq(chart_funnel_svg(&r, &co, &b, &e), 0, "%s", e.msg);
    const char *s = strbuf_str(&b);
    const char *problem = xml_check(s);
    cr_assert_null(problem, "%s", problem);

    cr_assert(strstr(s, ">Flu vaccine uptake</text>"));
    cr_assert(strstr(s, ">% vaccinated</text>"));
    cr_assert(strstr(s, ">Denominator</text>"));
    /* One circle per organisation with its significance as a class. */
    cr_assert_eq(count_of(s, "class=\"org "), 5);
    for (size_t i = 0; i < 5; i++) {
        char cls[64];
        snprintf(cls, sizeof cls, "class=\"org %s\"",
                 funnel_significance_name(r.orgs[i].significance));
        cr_assert(strstr(s, cls), "%s", cls);
    }
    /* Outliers are labelled with their (escaped) names; G (75%) sits within the limits. */
    size_t outliers = 0;
    for (size_t i = 0; i < 5; i++)
        outliers += r.orgs[i].significance != FUNNEL_NOT_SIGNIFICANT;
    cr_assert_eq(count_of(s, "class=\"outlier-label\""), outliers);
    cr_assert(strstr(s, ">A &amp; B PCN</text>"));
    cr_assert(strstr(s, ">C&lt;D</text>"));
    cr_assert_eq(r.orgs[4].significance, FUNNEL_NOT_SIGNIFICANT);
    cr_assert_null(strstr(s, ">G</text>"));
    /* Four limit curves and the average. */
    cr_assert_eq(count_of(s, "<polyline class=\"limit95 "), 2);
    cr_assert_eq(count_of(s, "<polyline class=\"limit998 "), 2);
    cr_assert_eq(count_of(s, "class=\"average\""), 1);
    /* Average (10232 + 12321 + 15123 + 13213 + 15000) / (15232 + 16123 + 17932 + 18475 + 20000)
     * = 65889 / 87762 = 75.0769%, shown to 4 significant figures. */
    cr_assert_float_eq(r.average, 6588900.0 / 87762.0, 1e-10);
    cr_assert(strstr(s, ">Average 75.08</text>"), "%s", s);
    cr_assert(strstr(s, ">95% limits</text>"));
    cr_assert(strstr(s, ">99.8% limits</text>"));
    cr_assert_null(strstr(s, "highlight"), "nothing ringed unless asked");
    strbuf_free(&b);

    /* G ringed and labelled in bold, though within the limits. */
    co.has_highlight = 1;
    co.highlight = 4;
    cr_assert_eq(chart_funnel_svg(&r, &co, &b, &e), 0, "%s", e.msg);
    s = strbuf_str(&b);
    cr_assert_null(xml_check(s));
    cr_assert_eq(count_of(s, "class=\"highlight\""), 1);
    cr_assert_eq(count_of(s, "class=\"highlight-label\""), 1);
    cr_assert(strstr(s, "fill=\"#212b32\" font-weight=\"bold\">G</text>"), "%s", s);
    strbuf_free(&b);
    funnel_result_free(&r);
}

Test(report_chart_funnel, ratio_funnel)
{
    const double o[] = {17, 18, 22, 0, 10, 45}, ex[] = {10, 10, 10, 10, 2, 40};
    funnel_result r;
    err e = {0};
    cr_assert_eq(funnel_compute(FUNNEL_RATIO, o, ex, NULL, 6, 100, &r, &e), 0);
    strbuf b = STRBUF_INIT;
    cr_assert_eq(chart_funnel_svg(&r, NULL, &b, &e), 0);
    const char *s = strbuf_str(&b);
    cr_assert_null(xml_check(s));
    cr_assert(strstr(s, ">Expected</text>"));
    cr_assert(strstr(s, ">Average 100</text>"));
    /* Unnamed outliers get row numbers: 18, 22 and 0 of 10 expected, and 10 of 2 expected
     * (P(X >= 10 | 2) = 4.6e-5); 17 of 10 and 45 of 40 are within the limits. */
    cr_assert(strstr(s, ">row 2</text>"));
    cr_assert(strstr(s, ">row 3</text>"));
    cr_assert(strstr(s, ">row 4</text>"));
    cr_assert(strstr(s, ">row 5</text>"));
    cr_assert_null(strstr(s, ">row 1</text>"));
    cr_assert_null(strstr(s, ">row 6</text>"));
    cr_assert_eq(count_of(s, "class=\"org high_0.001\""), 2);
    cr_assert_eq(count_of(s, "class=\"org low_0.001\""), 1);
    strbuf_free(&b);
    funnel_result_free(&r);

    funnel_result empty = {0};
    cr_assert_eq(chart_funnel_svg(&empty, NULL, &b, &e), -1);
    strbuf_free(&b);
}
