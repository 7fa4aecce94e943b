/* public_view on the demo: hand-checked counts, only ST-1, ST-2 and ST-7 published, the
 * emotional map from those alone, and the register summed per organisation. */
#include "domain/public_view.h"

#include "domain/opportunity.h"

#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

static db *d;
static char *dir;

static void open_demo(void)
{
    dir = tmpdir_make();
    char *path = path_join(dir, "demo.db");
    run_result r = unlock_run(NULL, NULL, (const char *const[]){"demo", "--db", path, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    err e = {0};
    char *url = test_db_url_for(NULL, path);
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    free(path);
}

static void close_demo(void)
{
    db_close(d);
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(public_view, .init = open_demo, .fini = close_demo);

static json_t *rows(const char *table)
{
    json_t *out;
    err e = {0};
    cr_assert_eq(public_table_rows(d, table, NULL, &out, &e), 0, "%s: %s", table, e.msg);
    return out;
}

Test(public_view, the_programme_counts_its_pledges_by_status)
{
    json_t *p;
    err e = {0};
    cr_assert_eq(public_programme(d, "EOL-2027", &p, &e), 0, "%s", e.msg);
    json_t *st = json_object_get(p, "pledge_statuses");
    cr_expect_eq(json_integer_value(json_object_get(st, "delivered")), 14);
    cr_expect_eq(json_integer_value(json_object_get(st, "in_progress")), 13);
    cr_expect_eq(json_integer_value(json_object_get(st, "made")), 10);
    cr_expect_eq(json_integer_value(json_object_get(st, "lapsed")), 3);
    cr_expect_eq(json_array_size(json_object_get(p, "pledges")), 40);
    cr_expect_eq(json_array_size(json_object_get(p, "priorities")), 4);
    cr_expect_eq(json_array_size(json_object_get(p, "goals")), 3);
    cr_expect_null(json_object_get(p, "lead"), "the lead is a person: not published");
    cr_expect(json_is_string(json_object_get(json_object_get(p, "updated"), "pledges")));
    json_decref(p);
    cr_expect_eq(public_programme(d, "NOPE", &p, &e), -1);
    cr_expect_eq(e.kind, ERR_USER);
}

Test(public_view, you_said_we_did_has_only_approved_public_stories_moderated)
{
    json_t *s = rows("stories");
    cr_assert_eq(json_array_size(s), 3);
    const char *want[] = {"ST-7", "ST-1", "ST-2"}; /* newest first, then by code */
    for (size_t i = 0; i < 3; i++) {
        json_t *row = json_array_get(s, i);
        cr_expect_str_eq(json_string_value(json_object_get(row, "code")), want[i]);
        cr_expect_eq(json_object_size(row), 9, "exactly the dictionary's columns");
        cr_expect_null(json_object_get(row, "text"));
        cr_expect_null(json_object_get(row, "title"));
        cr_expect_null(json_object_get(row, "moderated_by"));
    }
    cr_expect_str_eq(json_string_value(json_object_get(json_array_get(s, 2), "moderated_text")),
                     "A hospice nurse asked me what mattered to me, and then it happened.");
    json_decref(s);
}

static json_t *stage(json_t *map, const char *name)
{
    size_t i;
    json_t *r;
    json_array_foreach(map, i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "stage")), name) == 0)
            return r;
    }
    cr_assert_fail("no stage %s", name);
    return NULL;
}

Test(public_view, the_emotional_map_is_built_from_published_stories_only)
{
    json_t *map = rows("emotional_map");
    /* diagnosis: ST-1 -1 and ST-2 -1; bereavement: ST-7 +1 only (ST-5's -2 is unconsented). */
    json_t *dx = stage(map, "diagnosis"), *bv = stage(map, "bereavement");
    cr_expect_float_eq(json_number_value(json_object_get(dx, "mean_valence")), -1, 1e-9);
    cr_expect_eq(json_integer_value(json_object_get(dx, "touchpoints")), 2);
    cr_expect_float_eq(json_number_value(json_object_get(bv, "mean_valence")), 1, 1e-9);
    cr_expect_eq(json_integer_value(json_object_get(bv, "stories")), 1);
    cr_expect_str_eq(json_string_value(json_object_get(bv, "emotions")), "cared for");
    json_decref(map);
}

Test(public_view, opportunities_are_summed_per_organisation_and_kind)
{
    json_t *o = rows("opportunities");
    double total = 0;
    json_int_t count = 0;
    size_t i;
    json_t *r;
    json_array_foreach(o, i, r)
    {
        cr_expect_eq(json_object_size(r), 5);
        total += json_number_value(json_object_get(r, "total_gbp"));
        count += json_integer_value(json_object_get(r, "count"));
    }
    /* The sums are the whole register's: each opportunity counted once, in one row. */
    opportunity_filter f = {0};
    opportunity_list l = {0};
    err e = {0};
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    cr_expect_gt(l.n, 10);
    cr_expect_eq(count, (json_int_t)l.n);
    cr_expect_eq(lround(total), lround(l.total_gbp));
    cr_expect_lt(json_array_size(o), l.n, "rows are per organisation, not per opportunity");
    opportunity_list_free(&l);
    json_decref(o);
}

Test(public_view, scorecards_group_quality_domains_with_equal_place)
{
    json_t *s;
    err e = {0};
    cr_assert_eq(public_scorecard(d, "RNV", &s, &e), 0, "%s", e.msg);
    json_t *g = json_object_get(s, "groups");
    cr_expect_gt(json_array_size(json_object_get(g, "experience")), 0);
    cr_expect_gt(json_array_size(json_object_get(g, "safety")), 0);
    json_decref(s);
    cr_expect_eq(public_scorecard(d, "X81001", &s, &e), -1, "a practice has no scorecard");
}

Test(public_view, the_dictionary_lists_every_column_published)
{
    json_t *dict = public_dictionary();
    size_t n;
    public_tables(&n);
    cr_assert_eq(json_array_size(json_object_get(dict, "tables")), n);
    json_t *pledges = json_array_get(json_object_get(dict, "tables"), 2);
    cr_expect_str_eq(json_string_value(json_object_get(pledges, "csv")), "data/pledges.csv");
    cr_expect_eq(json_array_size(json_object_get(pledges, "columns")), 9);
    json_decref(dict);
}

/* The view's queries name their columns and never read a private table. */
Test(public_view, the_source_selects_no_star_and_no_private_table)
{
    const char *files[] = {"src/domain/public_view.c", "src/domain/public_view_rows.c"};
    const char *banned[] = {"SELECT *", ".*",           "FROM people", "JOIN people",
                            "users",    "conversation", "reflection",  "minutes",
                            "note",     "moderated_by"};
    for (size_t f = 0; f < 2; f++) {
        char *src = file_read(files[f], NULL);
        cr_assert(src, "run the tests from the repository root: %s", files[f]);
        for (size_t b = 0; b < sizeof banned / sizeof banned[0]; b++)
            cr_expect_null(strstr(src, banned[b]), "%s mentions %s", files[f], banned[b]);
        free(src);
    }
}
