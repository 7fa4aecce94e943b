/* unlock conversation, relationships and involvement: the real binary on the demo system. */
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

TestSuite(cli_conversations, .init = setup, .fini = teardown, .timeout = 120);

#define RUN(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, "--db", "d.db", NULL})

Test(cli_conversations, log_search_and_show)
{
    run_result r = RUN("conversation", "add", "--date", "2026-11-30", "--title",
                       "Hospice beds at weekends", "--people", "p-0001,p-0016:provider", "--orgs",
                       "NNV01", "--notes", "Families **wait** for a bed on Saturdays", "--action",
                       "Count weekend referrals;p-0016;2026-12-20", "--shared");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "10\n");
    run_result_free(&r);

    json_t *list = run_result_json(RUN("conversation", "list", "--search", "saturday", "--json"));
    cr_assert_eq(json_integer_value(json_object_get(list, "total")), 1);
    json_t *first = json_array_get(json_object_get(list, "items"), 0);
    cr_assert_eq(json_integer_value(json_object_get(first, "id")), 10);
    json_decref(list);

    r = RUN("conversation", "show", "10");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "Dr Eleanor Hughes (provider side; Palliative medicine)"), "%s", r.out);
    cr_assert(
        strstr(r.out, "1. [open] Count weekend referrals (Dr Eleanor Hughes), due 2026-12-20"),
        "%s", r.out);
    run_result_free(&r);

    /* The demo's end of life chain: conversation 3 continues 2. */
    json_t *c = run_result_json(RUN("conversation", "show", "2", "--json"));
    cr_assert_eq(json_integer_value(json_array_get(json_object_get(c, "children"), 0)), 3);
    json_decref(c);
}

Test(cli_conversations, bad_input_names_file_and_field_and_changes_nothing)
{
    char *path = path_join(dir, "c.json");
    file_write(path, "{\"held_on\":\"2026-11-30\",\"title\":\"t\",\"participants\":"
                     "[{\"person\":\"p-0001\"},{\"person\":\"p-9999\"}]}");
    run_result r = RUN("conversation", "add", "--file", "c.json");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: c.json: participants[1].person: no person with code "
                            "'p-9999'\n");
    run_result_free(&r);
    file_write(path, "{\"held_on\":\"2026-11-30\",\n\"title\":}");
    r = RUN("conversation", "add", "--file", "c.json");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "unlock: c.json:2:"), "%s", r.err);
    run_result_free(&r);
    free(path);
    r = RUN("conversation", "show", "99");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: no conversation with id 99\n");
    run_result_free(&r);
    json_t *list = run_result_json(RUN("conversation", "list", "--json"));
    cr_assert_eq(json_integer_value(json_object_get(list, "total")), 9);
    json_decref(list);
}

Test(cli_conversations, the_relationship_map_shows_the_planted_gaps)
{
    json_t *rel = run_result_json(RUN("relationships", "--today", "2026-12-02", "--json"));
    json_t *gaps = json_object_get(rel, "gaps");
    cr_assert_eq(json_array_size(gaps), 2);
    json_t *rnm = json_array_get(gaps, 1);
    cr_assert_str_eq(json_string_value(json_object_get(rnm, "organisation")), "RNM");
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(rnm, "reasons"), 0)),
                     "£86.2m a year of contracts");
    json_t *reasons = json_object_get(rnm, "reasons");
    cr_assert_str_eq(json_string_value(json_array_get(reasons, json_array_size(reasons) - 1)),
                     "last conversation 167 days ago (2026-06-18)");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(gaps, 0), "organisation")),
                     "NNV02");
    json_decref(rel);

    run_result r = RUN("relationships", "--today", "2026-12-02");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "RNM        2026-06-18    167      0     1        1"), "%s", r.out);
    run_result_free(&r);

    r = RUN("involvement", "--pathway", "frailty");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "WARNING: Only GPs and managers have been involved in the design of "
                            "frailty so far"),
              "%s", r.out);
    run_result_free(&r);
    r = RUN("involvement", "--pathway", "end_of_life");
    cr_assert(!strstr(r.out, "WARNING"), "%s", r.out);
    run_result_free(&r);

    r = RUN("relationships", "--svg", "net.svg");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *svg_path = path_join(dir, "net.svg");
    char *svg = file_read(svg_path, NULL);
    cr_assert_not_null(svg);
    cr_assert(strstr(svg, ">Dr Hannah Fielding</text>"));
    cr_assert_eq(count_of(svg, "class=\"organisation\""), 5);
    free(svg);
    free(svg_path);
}
