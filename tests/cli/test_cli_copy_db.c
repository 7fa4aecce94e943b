/* unlock copy-db between SQLite files (PostgreSQL: tests/db/test_postgres.c). */
#include "support/server.h"
#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *copy_json(const char *from, const char *to)
{
    return run_result_json(unlock_run(
        NULL, NULL, (const char *const[]){"copy-db", "--from", from, "--to", to, "--json", NULL}));
}

static json_t *table(json_t *result, const char *name)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(result, "tables"), i,
                       t) if (strcmp(json_string_value(json_object_get(t, "table")), name) ==
                              0) return t;
    cr_assert_fail("no table %s in the result", name);
    return NULL;
}

static long long opportunities(const char *db)
{
    json_t *j = run_result_json(
        unlock_run(NULL, NULL, (const char *const[]){"opportunities", "--json", "--db", db, NULL}));
    long long n = json_integer_value(json_object_get(j, "count"));
    json_decref(j);
    return n;
}

Test(cli_copy_db, a_copy_holds_every_row_and_says_so, .timeout = 120)
{
    /* postgres/copy_db_round_trip_keeps_every_row copies through PostgreSQL. */
    TEST_SQLITE_ONLY("it copies one SQLite file to another");
    char *dir = test_demo_dir();
    char *from = path_join(dir, "d.db"), *to = path_join(dir, "copy.db");
    json_t *r = copy_json(from, to);
    size_t i;
    json_t *t;
    long long sum = 0;
    json_array_foreach(json_object_get(r, "tables"), i, t)
    {
        cr_expect(json_is_true(json_object_get(t, "checksum_matches")), "%s",
                  json_string_value(json_object_get(t, "table")));
        cr_expect_eq(json_integer_value(json_object_get(t, "rows")),
                     json_integer_value(json_object_get(t, "rows_copied")));
        sum += json_integer_value(json_object_get(t, "rows"));
    }
    cr_assert_gt(json_array_size(json_object_get(r, "tables")), 30, "the migrations' tables");
    cr_assert_eq(json_integer_value(json_object_get(r, "rows")), sum);
    /* The demo's 9,648 observations, 30 practices and 9 conversations (docs/demo.md). */
    cr_assert_eq(json_integer_value(json_object_get(table(r, "observations"), "rows")), 9648);
    cr_assert_eq(json_integer_value(json_object_get(table(r, "conversations"), "rows")), 9);
    json_decref(r);
    /* The copy works as the original does, search included. */
    cr_assert_eq(opportunities(to), opportunities(from));
    cr_assert_eq(opportunities(to), 74);
    json_t *found =
        run_result_json(unlock_run(NULL, NULL,
                                   (const char *const[]){"conversation", "list", "--search",
                                                         "frailty", "--json", "--db", to, NULL}));
    cr_assert_eq(json_integer_value(json_object_get(found, "total")), 2);
    json_decref(found);

    /* Into a database that holds data: refused, and it is left as it was. */
    run_result again =
        unlock_run(NULL, NULL, (const char *const[]){"copy-db", "--from", from, "--to", to, NULL});
    cr_assert_eq(again.status, 1, "%s", again.err);
    cr_assert(strstr(again.err, "already holds data") && strstr(again.err, "--replace"), "%s",
              again.err);
    run_result_free(&again);
    cr_assert_eq(opportunities(to), 74);
    /* --replace empties it first, in the same transaction. */
    r = run_result_json(unlock_run(
        NULL, NULL,
        (const char *const[]){"copy-db", "--from", from, "--to", to, "--replace", "--json", NULL}));
    cr_assert_eq(json_integer_value(json_object_get(table(r, "observations"), "rows_copied")),
                 9648);
    json_decref(r);
    free(from);
    free(to);
    tmpdir_remove(dir);
    free(dir);
}

Test(cli_copy_db, unusable_arguments_are_explained)
{
    run_result r = unlock_run(NULL, NULL, (const char *const[]){"copy-db", "--from", "a.db", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "give both --from URL and --to URL"), "%s", r.err);
    run_result_free(&r);
    r = unlock_run(NULL, NULL,
                   (const char *const[]){"copy-db", "--from", "x.db", "--to", "x.db", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "the same database"), "%s", r.err);
    run_result_free(&r);
    r = unlock_run(NULL, NULL,
                   (const char *const[]){"copy-db", "--from", "/nonexistent/n.db", "--to",
                                         "/tmp/unlock-copy-never.db", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "no database at /nonexistent/n.db"), "%s", r.err);
    run_result_free(&r);
}
