/* The PostgreSQL back end, against a private server: `make test` starts one with
 * scripts/with-test-postgres, which sets UNLOCK_TEST_PG to its socket directory. Without
 * it (a plain `unlock-tests` run) these tests are skipped, and say so. */
#include "db/db.h"
#include "db/migrations.h"
#include "support/server.h"
#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void fresh_database(char *url, size_t n)
{
    if (!test_pg_enabled())
        cr_skip_test("UNLOCK_TEST_PG is not set: run under scripts/with-test-postgres");
    char *u = test_pg_database_new();
    snprintf(url, n, "%s", u);
    free(u);
}

static db *open_migrated(void)
{
    char url[600];
    fresh_database(url, sizeof url);
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    cr_assert_str_eq(db_dialect(d), "postgres");
    int applied = 0;
    cr_assert_eq(db_migrate(d, &applied, &e), 0, "%s", e.msg);
    cr_assert_eq(applied, db_migration_count, "every migration, once");
    cr_assert_eq(db_migrate(d, &applied, &e), 0, "%s", e.msg);
    cr_assert_eq(applied, 0, "a migrated database is left as it is");
    return d;
}

static int64_t count(db *d, const char *sql)
{
    int64_t n = -1;
    err e = {0};
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s", e.msg);
    return n;
}

Test(postgres, portable_sql_runs_as_on_sqlite)
{
    db *d = open_migrated();
    err e = {0};
    db_stmt *s;
    /* Numbered and bare placeholders; a parameter only tested for NULL (no type to infer). */
    cr_assert_eq(db_prepare(d, "SELECT ?2 || ?1, ? IS NULL, 7 / 2, 1 = 1", &s, &e), 0, "%s", e.msg);
    cr_assert_eq(db_param_count(s), 3);
    db_bind_text(s, 1, "b", &e);
    db_bind_text(s, 2, "a", &e);
    db_bind_null(s, 3, &e);
    cr_assert_eq(db_step(s, &e), DB_ROW, "%s", e.msg);
    cr_assert_str_eq(db_col_text(s, 0), "ab");
    cr_assert_eq(db_col_int64(s, 1), 1, "booleans read as 1 and 0");
    cr_assert_eq(db_col_int64(s, 2), 3, "integer division, as SQLite");
    cr_assert_str_eq(db_col_text(s, 3), "1");
    cr_assert_eq(db_step(s, &e), DB_DONE);
    db_finalize(s);

    /* Ids are numbered by the database, and db_changes counts rows. */
    cr_assert_eq(db_exec(d,
                         "INSERT INTO organisations (code, name, kind) VALUES ('Q1', 'ICB', 'icb');"
                         "INSERT INTO organisations (code, name, kind, parent_code) VALUES "
                         "('P1', 'Practice', 'practice', 'Q1')",
                         &e),
                 0, "%s", e.msg);
    cr_assert_eq(
        db_prepare(d, "UPDATE organisations SET name = name || '!' WHERE kind = ?", &s, &e), 0,
        "%s", e.msg);
    db_bind_text(s, 1, "practice", &e);
    cr_assert_eq(db_step(s, &e), DB_DONE, "%s", e.msg);
    db_finalize(s);
    cr_assert_eq(db_changes(d), 1);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM organisations WHERE name = 'Practice!'"), 1);

    /* An optional filter: one parameter both tested for NULL and compared. */
    const char *filter = "SELECT COUNT(*) FROM organisations WHERE ?1 IS NULL OR kind = ?1";
    cr_assert_eq(db_prepare(d, filter, &s, &e), 0, "%s", e.msg);
    db_bind_null(s, 1, &e);
    cr_assert_eq(db_step(s, &e), DB_ROW, "%s", e.msg);
    cr_assert_eq(db_col_int64(s, 0), 2);
    db_reset(s);
    db_bind_text(s, 1, "icb", &e);
    cr_assert_eq(db_step(s, &e), DB_ROW, "%s", e.msg);
    cr_assert_eq(db_col_int64(s, 0), 1);
    db_finalize(s);
    db_close(d);
}

Test(postgres, a_failed_statement_does_not_end_the_transaction)
{
    db *d = open_migrated();
    err e = {0};
    cr_assert_eq(db_begin(d, &e), 0, "%s", e.msg);
    cr_assert_eq(
        db_exec(d, "INSERT INTO organisations (code, name, kind) VALUES ('Q1', 'A', 'icb')", &e), 0,
        "%s", e.msg);
    db_stmt *s;
    cr_assert_eq(db_prepare(d,
                            "INSERT INTO organisations (code, name, kind) VALUES (?, 'B', 'icb')",
                            &s, &e),
                 0, "%s", e.msg);
    db_bind_text(s, 1, "Q1", &e);
    cr_assert_eq(db_step(s, &e), -1, "a duplicate key must fail");
    cr_assert_eq(e.kind, ERR_USER, "a constraint is the data's fault: %s", e.msg);
    cr_assert(e.conflict, "a duplicate key is a conflict (409), as a concurrent insert's is");
    cr_assert(strstr(e.msg, "organisations_pkey") && strstr(e.msg, "try again"), "%s", e.msg);
    db_reset(s);
    db_bind_text(s, 1, "Q2", &e);
    cr_assert_eq(db_step(s, &e), DB_DONE, "the transaction goes on: %s", e.msg);
    db_finalize(s);
    cr_assert_eq(db_commit(d, &e), 0, "%s", e.msg);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM organisations"), 2);

    /* A rollback keeps nothing. */
    cr_assert_eq(db_begin(d, &e), 0, "%s", e.msg);
    db_exec(d, "DELETE FROM organisations", &e);
    db_rollback(d);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM organisations"), 2);
    db_close(d);
}

Test(postgres, a_deadline_stops_a_long_statement)
{
    db *d = open_migrated();
    err e = {0};
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    db_set_deadline(d, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec + 200 * 1000000LL);
    db_stmt *s;
    cr_assert_eq(db_prepare(d, "SELECT pg_sleep(5)", &s, &e), 0, "%s", e.msg);
    cr_assert_eq(db_step(s, &e), -1);
    cr_assert(e.timed_out, "%s", e.msg);
    db_finalize(s);
    db_set_deadline(d, 0);
    cr_assert_eq(count(d, "SELECT 42"), 42);
    db_close(d);
}

static json_t *unlock_json(const char *url, const char *const *args)
{
    const char *argv[16];
    int n = 0;
    for (; args[n]; n++)
        argv[n] = args[n];
    argv[n++] = "--json";
    argv[n++] = "--db";
    argv[n++] = url;
    argv[n] = NULL;
    return run_result_json(unlock_run(NULL, NULL, argv));
}

/* The demo on PostgreSQL gives the figures it gives on SQLite. */
Test(postgres, the_demo_gives_the_same_figures_on_both_back_ends, .timeout = 240)
{
    char url[600];
    fresh_database(url, sizeof url);
    run_result r = unlock_run(NULL, NULL,
                              (const char *const[]){"demo", "--no-prescribing", "--db", url, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    /* "sqlite:" keeps it a SQLite file (unlock_run maps plain file names to PostgreSQL). */
    char *dir = tmpdir_make(), *file = path_join(dir, "d.db");
    test_demo_sqlite(file);
    char *lite = malloc(strlen(file) + 8);
    sprintf(lite, "sqlite:%s", file);
    free(file);

    json_t *pg = unlock_json(url, (const char *const[]){"opportunities", NULL});
    json_t *sq = unlock_json(lite, (const char *const[]){"opportunities", NULL});
    cr_assert_eq(json_integer_value(json_object_get(pg, "count")), 74);
    cr_assert_eq(json_integer_value(json_object_get(sq, "count")), 74);
    cr_assert_float_eq(json_number_value(json_object_get(pg, "total_gbp")),
                       json_number_value(json_object_get(sq, "total_gbp")), 1e-6);
    json_decref(pg);
    json_decref(sq);

    pg = unlock_json(url, (const char *const[]){"list", "organisations", NULL});
    sq = unlock_json(lite, (const char *const[]){"list", "organisations", NULL});
    cr_assert_eq(json_array_size(pg), json_array_size(sq));
    cr_assert(json_equal(pg, sq), "the organisations differ");
    json_decref(pg);
    json_decref(sq);

    /* Full-text search: PostgreSQL's own, finding what FTS5 finds. */
    pg = unlock_json(url,
                     (const char *const[]){"conversation", "list", "--search", "frailty", NULL});
    cr_assert_eq(json_integer_value(json_object_get(pg, "total")), 2);
    json_decref(pg);

    free(lite);
    tmpdir_remove(dir);
    free(dir);
}

/* SQLite -> PostgreSQL -> SQLite: every table's rows and checksum the same at each step. */
Test(postgres, copy_db_round_trip_keeps_every_row, .timeout = 240)
{
    char url[600];
    fresh_database(url, sizeof url);
    char *dir = tmpdir_make();
    char *lite = path_join(dir, "d.db"), *back = path_join(dir, "back.db");
    test_demo_sqlite(lite);
    setenv("UNLOCK_RX_STORE", dir, 1);
    const char *legs[][2] = {{lite, url}, {url, back}};
    const char *checksum_of_observations[2] = {0};
    json_t *results[2];
    for (int leg = 0; leg < 2; leg++) {
        results[leg] = run_result_json(
            unlock_run(NULL, NULL,
                       (const char *const[]){"copy-db", "--from", legs[leg][0], "--to",
                                             legs[leg][1], "--json", NULL}));
        size_t i;
        json_t *t;
        json_array_foreach(json_object_get(results[leg], "tables"), i, t)
        {
            cr_expect(json_is_true(json_object_get(t, "checksum_matches")), "leg %d: %s", leg,
                      json_string_value(json_object_get(t, "table")));
            if (strcmp(json_string_value(json_object_get(t, "table")), "observations") == 0) {
                cr_expect_eq(json_integer_value(json_object_get(t, "rows")), 9648);
                checksum_of_observations[leg] = json_string_value(json_object_get(t, "checksum"));
            }
        }
    }
    cr_assert_not_null(checksum_of_observations[0]);
    cr_assert_str_eq(checksum_of_observations[0], checksum_of_observations[1]);
    cr_assert_eq(json_integer_value(json_object_get(results[0], "rows")),
                 json_integer_value(json_object_get(results[1], "rows")));
    /* New rows on PostgreSQL get new ids after the copied ones. */
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    cr_assert_eq(db_exec(d,
                         "INSERT INTO audit_log (at, actor, action, entity, entity_key, change) "
                         "VALUES ('2026-12-02T00:00:00Z', 't', 'create', 'x', 'k', '{}')",
                         &e),
                 0, "%s", e.msg);
    db_close(d);
    json_decref(results[0]);
    json_decref(results[1]);
    free(lite);
    free(back);
    tmpdir_remove(dir);
    free(dir);
}
