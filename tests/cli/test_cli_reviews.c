/* unlock review: the real binary on the demo system (whose three reviews are ids 1 to 3). */
#include "support/server.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void)
{
    setenv("UNLOCK_NOW", "2026-12-03T10:00:00Z", 1);
    dir = test_demo_dir();
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
    unsetenv("UNLOCK_NOW");
}

TestSuite(cli_reviews, .init = setup, .fini = teardown, .timeout = 120);

#define RUN(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, "--db", "d.db", NULL})

Test(cli_reviews, add_from_flags_then_list_and_show)
{
    run_result r =
        RUN("review", "add", "--contract", "C-2025-VCS", "--date", "2026-12-01", "--attendees",
            "p-0008, p-0024", "--experience", "partly_assured: link workers leave", "--safety",
            "Nothing raised", "--action", "Three-year funding options;p-0008;2027-01-15", "--next",
            "2027-03-01", "--summary", "First review");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "4\n");
    run_result_free(&r);

    json_t *rv = run_result_json(RUN("review", "show", "4", "--json"));
    cr_assert_str_eq(json_string_value(json_object_get(rv, "provider")), "NNV03");
    json_t *f = json_object_get(rv, "findings");
    cr_assert_eq(json_array_size(f), 2);
    /* Domain order, whatever the order of the flags. */
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(f, 0), "domain")), "safety");
    cr_assert(json_is_null(json_object_get(json_array_get(f, 0), "assurance")));
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(f, 1), "assurance")),
                     "partly_assured");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(f, 1), "finding")),
                     "link workers leave");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(rv, "attendees"), 0), "name")),
                     "Grace Kowalski", "p-0024, by name");
    json_decref(rv);

    r = RUN("review", "show", "2");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "contract review 2 (version 1): C-2025-ACU, Northvale Hospitals"), "%s",
              r.out);
    cr_assert(strstr(r.out, "Dr Imran Siddiqui (clinician; Acute medicine)"), "%s", r.out);
    cr_assert(strstr(r.out, "productivity   [partly_assured] Outpatient DNAs"), "%s", r.out);
    cr_assert(strstr(r.out, "(Dr Imran Siddiqui), due 2026-11-30 OVERDUE"), "%s", r.out);
    cr_assert(strstr(r.out, "Next review 2027-02-18."), "%s", r.out);
    run_result_free(&r);

    json_t *list = run_result_json(RUN("review", "list", "--contract", "C-2025-ACU", "--json"));
    json_t *items = json_object_get(list, "items");
    cr_assert_eq(json_array_size(items), 2);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 0), "held_on")),
                     "2026-11-19", "newest first");
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(items, 0), "clinicians")), 2);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(items, 0), "overdue_actions")),
                 1);
    json_decref(list);
}

Test(cli_reviews, add_from_json_and_csv_files)
{
    char *json = path_join(dir, "r.json");
    file_write(json, "{\"contract\":\"C-2024-MH\",\"held_on\":\"2026-12-02\","
                     "\"findings\":[{\"domain\":\"safety\",\"finding\":\"Waits shorter\"}]}");
    run_result r = RUN("review", "add", "--file", "r.json", "--next", "2027-03-03");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "4\n");
    run_result_free(&r);
    json_t *rv = run_result_json(RUN("review", "show", "4", "--json"));
    cr_assert_str_eq(json_string_value(json_object_get(rv, "next_review")), "2027-03-03",
                     "the option is added to the file's review");
    json_decref(rv);

    char *csv = path_join(dir, "r.csv");
    file_write(csv, "part,key,text,assurance,owner,due,status\n"
                    "contract,C-2024-MH,,,,,\n"
                    "held_on,2026-12-03,,,,,\n"
                    "attendee,p-0021,,,,,\n"
                    "finding,experience,\"Calls answered, mostly\",assured,,,\n"
                    "action,,Share the call data,,p-0021,2026-12-20,\n");
    r = RUN("review", "add", "--file", "r.csv");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "5\n");
    run_result_free(&r);
    rv = run_result_json(RUN("review", "show", "5", "--json"));
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(rv, "findings"), 0), "finding")),
                     "Calls answered, mostly");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(rv, "actions"), 0), "owner_name")),
                     "Dr Hannah Fielding");
    json_decref(rv);
    free(json);
    free(csv);
}

Test(cli_reviews, bad_input_names_file_line_and_field_and_changes_nothing)
{
    char *csv = path_join(dir, "bad.csv");
    file_write(csv, "part,key,text,assurance,owner,due,status\n"
                    "contract,C-2024-MH,,,,,\n"
                    "held_on,2026-12-03,,,,,\n"
                    "attendee,p-0021,,,,,\n"
                    "attendee,p-9999,,,,,\n");
    run_result r = RUN("review", "add", "--file", "bad.csv");
    cr_assert_eq(r.status, 1, "%s", r.out);
    cr_assert(strstr(r.err, "bad.csv:5: attendees[1].person: no person with code 'p-9999'"), "%s",
              r.err);
    run_result_free(&r);
    r = RUN("review", "add", "--contract", "C-2024-MH", "--date", "2026-12-03", "--next",
            "2026-12-01");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "next_review: value '2026-12-01': the next review must come after"),
              "%s", r.err);
    run_result_free(&r);
    json_t *list = run_result_json(RUN("review", "list", "--json"));
    cr_assert_eq(json_array_size(json_object_get(list, "items")), 3, "only the demo's");
    json_decref(list);
    free(csv);
}

Test(cli_reviews, view_and_pack)
{
    json_t *v = run_result_json(RUN("review", "view", "C-2024-MH", "--json"));
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(v, "contract"), "provider")),
                     "RNM");
    cr_assert_str_eq(
        json_string_value(json_object_get(json_object_get(v, "latest_review"), "held_on")),
        "2026-09-24");
    json_t *doms = json_object_get(v, "domains");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(doms, 0), "domain")),
                     "safety");
    json_decref(v);
    run_result r = RUN("review", "pack", "C-2024-MH", "--out", "mh.html", "--today", "2026-12-03");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *path = path_join(dir, "mh.html");
    char *html = file_read(path, NULL);
    cr_assert_not_null(html);
    cr_assert(strstr(html, "<!DOCTYPE html>"));
    cr_assert(strstr(html, "Found at the last review (not assured):</strong> Waits of over a day"),
              "%.400s", html);
    cr_assert(strstr(html, "Dr Hannah Fielding (Adult psychiatry)"));
    cr_assert(strstr(html, "overdue: due 31 October 2026"));
    cr_assert_eq(count_of(html, "<svg"), count_of(html, "</svg>"));
    free(html);
    free(path);
    r = RUN("review", "view", "C-NONE");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "no contract with code 'C-NONE'"), "%s", r.err);
    run_result_free(&r);
}
