/* The trajectory and emotional-map charts: well-formed SVG whose words are text, points where
 * the numbers put them, hostile names escaped. */
#include "report/chart_experience.h"

#include "report/xmlcheck.h"

#include <criterion/criterion.h>
#include <string.h>

Test(report_chart_experience, trajectory_draws_path_target_and_status)
{
    json_t *goal = json_loads(
        "{\"name\":\"90% die <where> they choose\",\"baseline\":60,\"baseline_period\":\"2025-01\","
        "\"target\":90,\"target_period\":\"2025-07\",\"status\":\"off_track\","
        "\"points\":[{\"period\":\"2025-01\",\"value\":60},{\"period\":\"2025-02\",\"value\":62},"
        "{\"period\":\"2025-03\",\"value\":64}]}",
        0, NULL);
    strbuf b = STRBUF_INIT;
    err e = {0};
    cr_assert_eq(chart_trajectory_svg(goal, &b, &e), 0, "%s", e.msg);
    const char *s = strbuf_str(&b);
    cr_assert_null(xml_check(s), "%s", xml_check(s));
    cr_assert(strstr(s, "90% die &lt;where&gt; they choose"));
    cr_assert(strstr(s, ">target 90 by 2025-07<"));
    cr_assert(strstr(s, ">Behind the path<"));
    cr_assert_eq(count_of(s, "class=\"point\""), 3);
    /* The path runs from the baseline (x = 64, bottom of the 60..90 axis, y = 304) to the
     * target at the right edge (x = 696, top, y = 48). */
    cr_assert(strstr(s, "points=\"64,304 696,48\""), "%s", s);
    strbuf_free(&b);
    json_decref(goal);
}

Test(report_chart_experience, emotional_map_places_each_stage)
{
    json_t *map = json_loads(
        "{\"pathway\":\"eol\",\"stories\":2,\"stages\":[{\"stage\":\"diagnosis\",\"mean_valence\":-"
        "2,"
        "\"touchpoints\":2,\"emotions\":[{\"emotion\":\"shocked\"}]},{\"stage\":\"care\","
        "\"mean_valence\":1,\"touchpoints\":3,\"emotions\":[]}]}",
        0, NULL);
    strbuf b = STRBUF_INIT;
    err e = {0};
    cr_assert_eq(chart_emotion_svg(map, &b, &e), 0, "%s", e.msg);
    const char *s = strbuf_str(&b);
    cr_assert_null(xml_check(s), "%s", xml_check(s));
    /* -2 is the bottom of the band (48 + 220 = 268); +1 is a quarter down (103). */
    cr_assert(strstr(s, "points=\"139,268 289,103\""), "%s", s);
    cr_assert(strstr(s, ">-2.0<") && strstr(s, ">+1.0<"));
    cr_assert(strstr(s, ">shocked<") && strstr(s, ">3 touchpoints<"));
    strbuf_free(&b);
    json_decref(map);
    json_t *empty = json_loads("{\"pathway\":\"eol\",\"stories\":0,\"stages\":[]}", 0, NULL);
    cr_assert_eq(chart_emotion_svg(empty, &b, &e), -1);
    cr_assert(strstr(e.msg, "no stories"));
    strbuf_free(&b);
    json_decref(empty);
}
