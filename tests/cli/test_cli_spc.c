/* `unlock spc` on the demo system finds what `unlock demo` planted, and nothing
 * on the series planted flat. */
#include "domain/demo.h"
#include "support/server.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
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

TestSuite(cli_spc, .init = setup, .fini = teardown, .timeout = 120);

static char *polarity_of(const char *indicator)
{
    run_result r = unlock_run(
        dir, NULL,
        (const char *const[]){"show", "indicators", indicator, "--json", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    char *p = strdup(json_string_value(json_object_get(j, "polarity")));
    json_decref(j);
    run_result_free(&r);
    return p;
}

Test(cli_spc, finds_every_planted_signal_and_nothing_on_flat_series)
{
    for (int i = 0; i < demo_signal_count; i++) {
        const demo_signal *s = &demo_signals[i];
        run_result r =
            unlock_run(dir, NULL,
                       (const char *const[]){"spc", "--indicator", s->indicator, "--org",
                                             s->subject, "--json", "--db", "d.db", NULL});
        cr_assert_eq(r.status, 0, "%s %s: %s", s->indicator, s->subject, r.err);
        json_t *j = json_loads(r.out, 0, NULL);
        json_t *points = json_object_get(j, "points");
        cr_assert_eq(json_array_size(points), DEMO_PERIODS);
        int special_before = 0, special_after = 0, expected_after = 0;
        char *polarity = polarity_of(s->indicator);
        int up = strncmp(s->kind + strlen(s->kind) - 2, "up", 2) == 0;
        const char *expected = (up == (strcmp(polarity, "high_is_good") == 0))
                                   ? "special_cause_improvement"
                                   : "special_cause_concern";
        size_t k;
        json_t *p;
        json_array_foreach(points, k, p)
        {
            const char *type = json_string_value(json_object_get(p, "type"));
            const char *period = json_string_value(json_object_get(p, "period"));
            int after = s->from_period && strcmp(period, s->from_period) >= 0;
            int special = strcmp(type, "common_cause") != 0;
            special_before += special && !after;
            special_after += special && after;
            expected_after += after && strcmp(type, expected) == 0;
        }
        if (strcmp(s->kind, "none") == 0) {
            cr_expect_eq(special_before + special_after, 0,
                         "%s at %s is flat but %d points were flagged", s->indicator, s->subject,
                         special_before + special_after);
            cr_expect_str_eq(json_string_value(json_object_get(j, "variation")), "common_cause");
        } else {
            /* After the change every special cause is in the planted direction, as the
             * indicator's polarity judges it, and there are at least a run's worth. */
            cr_expect_geq(expected_after, 7, "%s at %s: planted %s from %s, %d %s points after",
                          s->indicator, s->subject, s->kind, s->from_period, expected_after,
                          expected);
            if (strncmp(s->kind, "shift", 5) == 0)
                cr_expect_eq(special_after, expected_after,
                             "%s at %s: a special cause against the planted direction after %s",
                             s->indicator, s->subject, s->from_period);
            /* A trend's early points sit on the other side of the mean, so judge it by where
             * it ends: the variation icon. */
            char icon[64];
            snprintf(icon, sizeof icon, "%s_%s",
                     strcmp(expected, "special_cause_improvement") == 0 ? "improvement" : "concern",
                     up ? "high" : "low");
            cr_expect_str_eq(json_string_value(json_object_get(j, "variation")), icon, "%s at %s",
                             s->indicator, s->subject);
        }
        free(polarity);
        json_decref(j);
        run_result_free(&r);
    }
}

Test(cli_spc, bad_csv_names_the_row)
{
    char *path = path_join(dir, "s.csv");
    file_write(path, "period,value\n2024-01,10\n2024-02,ten\n");
    run_result r = unlock_run(dir, NULL, (const char *const[]){"spc", "--csv", "s.csv", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: s.csv:3: column 'value': value 'ten': expected a number\n");
    run_result_free(&r);
    file_write(path, "period,value\n2024-01,10\n");
    r = unlock_run(dir, NULL, (const char *const[]){"spc", "--csv", "s.csv", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: s.csv: 1 data row; at least 2 are needed\n");
    run_result_free(&r);
    free(path);
}
