/* Tests for src/report/svg.c: escaping, number formatting, element output and nice ticks. The
 * expected strings are written out by hand. */
#include "report/svg.h"

#include "report/xmlcheck.h"

#include <criterion/criterion.h>
#include <math.h>

Test(report_svg, escapes_text)
{
    strbuf b = STRBUF_INIT;
    svg_text_escaped(&b, "A&E <4h> \"quoted\" it's");
    cr_assert_str_eq(strbuf_str(&b), "A&amp;E &lt;4h&gt; &quot;quoted&quot; it&#39;s");
    strbuf_free(&b);
}

Test(report_svg, drops_controls_and_repairs_utf8)
{
    strbuf b = STRBUF_INIT;
    /* Bell and ESC dropped; a tab kept; "£" (C2 A3) and "é" kept; a lone 0xff and a truncated
     * sequence (C3 then 'x') become U+FFFD; an overlong "/" (C0 AF) too. */
    svg_text_escaped(&b, "a\x07"
                         "b\x1b\tc \xc2\xa3 \xc3\xa9 \xff \xc3x \xc0\xaf");
    cr_assert_str_eq(strbuf_str(&b), "ab\tc \xc2\xa3 \xc3\xa9 \xef\xbf\xbd \xef\xbf\xbdx "
                                     "\xef\xbf\xbd\xef\xbf\xbd");
    strbuf_free(&b);
}

Test(report_svg, numbers)
{
    strbuf b = STRBUF_INIT;
    const double v[] = {1.0, 2.5, 3.14159, -0.001, 100.10, NAN, -7.0};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        svg_num(&b, v[i]);
        strbuf_addc(&b, ' ');
    }
    cr_assert_str_eq(strbuf_str(&b), "1 2.5 3.14 0 100.1 0 -7 ");
    strbuf_free(&b);
}

Test(report_svg, elements_are_well_formed)
{
    strbuf b = STRBUF_INIT;
    svg_begin(&b, 200, 100, "A <title> & more", "desc");
    svg_group_begin(&b, "g1");
    svg_line(&b, 0, 0, 10, 10, "#000000", 1, "4 2", "l");
    const double xs[] = {0, 1, NAN, 3}, ys[] = {0, 1, 2, 3};
    svg_polyline(&b, xs, ys, 4, "#111111", 1.5, NULL, "p");
    svg_rect(&b, 1, 2, 3, -4, NULL, "#222222", NULL);
    svg_circle(&b, 5, 5, 2, "#00b0f0", NULL, "point", "tip: <5>");
    svg_circle(&b, 6, 6, 2, "#00b0f0", NULL, NULL, NULL);
    svg_text(&b, 10, 20, SVG_MIDDLE, 12, NULL, 1, -90, "label", "Rate & <ratio>");
    svg_group_end(&b);
    svg_end(&b);
    const char *s = strbuf_str(&b);
    const char *problem = xml_check(s);
    cr_assert_null(problem, "%s in:\n%s", problem, s);
    cr_assert(strstr(s, "<title>A &lt;title&gt; &amp; more</title>"));
    cr_assert(strstr(s,
                     "<line class=\"l\" x1=\"0\" y1=\"0\" x2=\"10\" y2=\"10\" stroke=\"#000000\" "
                     "stroke-width=\"1\" stroke-dasharray=\"4 2\"/>"),
              "%s", s);
    /* The NaN point is skipped. */
    cr_assert(strstr(s, "points=\"0,0 1,1 3,3\""), "%s", s);
    /* Negative height clamps to 0. */
    cr_assert(strstr(s, "height=\"0\" fill=\"none\" stroke=\"#222222\""), "%s", s);
    cr_assert(strstr(s, "<title>tip: &lt;5&gt;</title></circle>"), "%s", s);
    cr_assert(strstr(s, "transform=\"rotate(-90 10 20)\">Rate &amp; &lt;ratio&gt;</text>"), "%s",
              s);
    cr_assert(strstr(s, "text-anchor=\"middle\" fill=\"#000000\" font-weight=\"bold\""), "%s", s);
    strbuf_free(&b);
}

Test(report_svg, nice_ticks)
{
    double t[12];
    /* 0..100 in at most 6 ticks: raw step 20 -> 20: 0, 20, ..., 100. */
    size_t n = svg_nice_ticks(0, 100, 6, t);
    cr_assert_eq(n, 6);
    cr_assert_float_eq(t[0], 0, 1e-12);
    cr_assert_float_eq(t[5], 100, 1e-12);
    /* -3.01..3.29 in 7: raw 1.05 -> step 2: -2, 0, 2. */
    n = svg_nice_ticks(-3.01138, 3.294627, 7, t);
    cr_assert_eq(n, 3);
    cr_assert_float_eq(t[0], -2, 1e-12);
    cr_assert_float_eq(t[1], 0, 0);
    /* 0.12..0.31 in 5: raw 0.0475 -> 0.05: 0.15, 0.2, 0.25, 0.3. */
    n = svg_nice_ticks(0.12, 0.31, 5, t);
    cr_assert_eq(n, 4);
    cr_assert_float_eq(t[0], 0.15, 1e-12);
    cr_assert_float_eq(t[3], 0.3, 1e-12);
    /* A flat range gets padded: 5 -> 4.5..5.5. */
    n = svg_nice_ticks(5, 5, 6, t);
    cr_assert(n >= 2 && t[0] >= 4.5 && t[n - 1] <= 5.5);
    cr_assert_eq(svg_nice_ticks(NAN, 1, 6, t), 0);
}

Test(report_svg, format_value)
{
    char buf[32];
    svg_format_value(12345.6, buf, sizeof buf);
    cr_assert_str_eq(buf, "12,346");
    svg_format_value(-1234567, buf, sizeof buf);
    cr_assert_str_eq(buf, "-1,234,567");
    svg_format_value(75.0996133, buf, sizeof buf);
    cr_assert_str_eq(buf, "75.1");
    svg_format_value(0.1416238, buf, sizeof buf);
    cr_assert_str_eq(buf, "0.1416");
    svg_format_value(3.0, buf, sizeof buf);
    cr_assert_str_eq(buf, "3");
    svg_format_value(0.0, buf, sizeof buf);
    cr_assert_str_eq(buf, "0");
    svg_format_value(NAN, buf, sizeof buf);
    cr_assert_str_eq(buf, "n/a");
}
