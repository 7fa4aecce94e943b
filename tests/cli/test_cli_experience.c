/* unlock programme, goal, project, stories, emotional-map, reflection and import fft: the real
 * binary on the demo's end-of-life programme. */
#include "support/server.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void)
{
    dir = test_demo_dir();
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(cli_experience, .init = setup, .fini = teardown, .timeout = 120);

#define RUN(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, "--db", "d.db", NULL})

Test(cli_experience, the_programme_goals_and_projects)
{
    run_result r = RUN("programme", "EOL-2027");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "Pledges: 40 (14 delivered, 13 in_progress, 3 lapsed, 10 made)"), "%s",
              r.out);
    cr_assert(strstr(r.out, "Progress: 2.3 of 5"), "%s", r.out);
    cr_assert(strstr(r.out, "WARNING: no improvement lead"), "%s", r.out);
    run_result_free(&r);

    json_t *g = run_result_json(RUN("goal", "G-IPU-LOS", "--json", "--svg", "g.svg"));
    /* 12.5 -> 8 from 2024-04 to 2026-06: 2026-03 expects 12.5 - 4.5 x 23/26 = 8.519... */
    cr_assert_float_eq(json_number_value(json_object_get(g, "expected_now")), 8.51923076923077,
                       1e-9);
    cr_assert_str_eq(json_string_value(json_object_get(g, "status")), "off_track");
    json_decref(g);
    char *path = path_join(dir, "g.svg");
    char *svg = file_read(path, NULL);
    cr_assert(strstr(svg, ">Behind the path<"));
    free(svg);
    free(path);

    r = RUN("project", "P-EPACCS", "--svg", "p.svg");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "PDSA 3 2024-10-01: 24/7 coordination centre"), "%s", r.out);
    run_result_free(&r);
    path = path_join(dir, "p.svg");
    svg = file_read(path, NULL);
    cr_assert(strstr(svg, ">PDSA 3: 24/7 coordination centre<"));
    free(svg);
    free(path);

    r = RUN("goal", "NOPE");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "no goal with code 'NOPE'"), "%s", r.err);
    run_result_free(&r);
}

Test(cli_experience, stories_and_the_map_by_audience)
{
    json_t *s = run_result_json(RUN("stories", "--audience", "public", "--json"));
    cr_assert_eq(json_array_size(json_object_get(s, "stories")), 3);
    char *text = json_dumps(s, 0);
    cr_assert_null(strstr(text, "Elm Cottage"));
    free(text);
    json_decref(s);
    json_t *m = run_result_json(
        RUN("emotional-map", "--pathway", "end_of_life", "--provider", "RNV", "--json"));
    cr_assert_eq(json_integer_value(json_object_get(m, "stories")), 1);
    json_decref(m);
    run_result r = RUN("stories", "--audience", "everyone");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "--audience"), "%s", r.err);
    run_result_free(&r);
}

Test(cli_experience, reflections_and_fft_answers)
{
    run_result r =
        RUN("reflection", "add", "--as", "a@nhs.uk", "--text", "Listen first", "--session", "LS-2");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "reflection 1 saved (private to you)\n");
    run_result_free(&r);
    json_t *l = run_result_json(RUN("reflection", "list", "--as", "b@nhs.uk", "--json"));
    cr_assert_eq(json_array_size(json_object_get(l, "items")), 0);
    json_decref(l);
    r = RUN("reflection", "share", "1", "--as", "b@nhs.uk");
    cr_assert_eq(r.status, 1, "only the author may share it");
    run_result_free(&r);

    char *csv = path_join(dir, "fft.csv");
    file_write(csv, "indicator,organisation,period,very_good,good,neither,poor,very_poor,"
                    "dont_know\nFFT-POS,RNV,2026-04,600,250,40,30,30,50\n");
    r = RUN("import", "fft", csv);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    json_t *o = run_result_json(RUN("show", "observations", "FFT-POS", "RNV", "2026-04", "--json"));
    cr_assert_float_eq(json_number_value(json_object_get(o, "value")), 85, 1e-9);
    json_decref(o);
    free(csv);
}
