#include "db/db.h"

#include "support/support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static db *open_memory(void)
{
    db *d;
    err e = {0};
    cr_assert_eq(db_open("sqlite::memory:", &d, &e), 0, "%s", e.msg);
    return d;
}

Test(db, migrate_applies_once_and_records_it)
{
    db *d = open_memory();
    err e = {0};
    int applied = -1;
    cr_assert_eq(db_migrate(d, &applied, &e), 0, "%s", e.msg);
    cr_assert_gt(applied, 0);
    cr_assert_eq(db_migrate(d, &applied, &e), 0, "%s", e.msg);
    cr_assert_eq(applied, 0);
    int64_t n;
    cr_assert_eq(db_query_int64(d,
                                "SELECT COUNT(*) FROM schema_migrations WHERE name = "
                                "'001_foundation'",
                                &n, &e),
                 0);
    cr_assert_eq(n, 1);
    db_close(d);
}

Test(db, file_database_uses_wal_and_foreign_keys)
{
    char *dir = tmpdir_make();
    char *path = path_join(dir, "x.db");
    char url[4200];
    snprintf(url, sizeof url, "sqlite:%s", path);
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    db_stmt *s;
    cr_assert_eq(db_prepare(d, "PRAGMA journal_mode", &s, &e), 0);
    cr_assert_eq(db_step(s, &e), DB_ROW);
    cr_assert_str_eq(db_col_text(s, 0), "wal");
    db_finalize(s);
    int64_t fk;
    cr_assert_eq(db_query_int64(d, "PRAGMA foreign_keys", &fk, &e), 0);
    cr_assert_eq(fk, 1);
    db_close(d);
    tmpdir_remove(dir);
    free(path);
    free(dir);
}

Test(db, bound_parameters_round_trip_every_type)
{
    db *d = open_memory();
    err e = {0};
    cr_assert_eq(db_exec(d, "CREATE TABLE t (a TEXT, b INTEGER, c DOUBLE PRECISION, n TEXT)", &e),
                 0);
    db_stmt *s;
    cr_assert_eq(db_prepare(d, "INSERT INTO t VALUES (?, ?, ?, ?)", &s, &e), 0);
    /* A value that would break string-built SQL goes in as data. */
    cr_assert_eq(db_bind_text(s, 1, "x'); DROP TABLE t; --", &e), 0);
    cr_assert_eq(db_bind_int64(s, 2, INT64_C(9007199254740993), &e), 0);
    cr_assert_eq(db_bind_double(s, 3, 0.1, &e), 0);
    cr_assert_eq(db_bind_text(s, 4, NULL, &e), 0);
    cr_assert_eq(db_step(s, &e), DB_DONE);
    db_finalize(s);
    cr_assert_eq(db_prepare(d, "SELECT a, b, c, n FROM t", &s, &e), 0);
    cr_assert_eq(db_step(s, &e), DB_ROW);
    cr_assert_str_eq(db_col_text(s, 0), "x'); DROP TABLE t; --");
    cr_assert_eq(db_col_int64(s, 1), INT64_C(9007199254740993));
    cr_assert_eq(db_col_double(s, 2), 0.1);
    cr_assert(db_col_is_null(s, 3));
    cr_assert_null(db_col_text(s, 3));
    cr_assert_str_eq(db_col_name(s, 1), "b");
    cr_assert_eq(db_step(s, &e), DB_DONE);
    db_finalize(s);
    db_close(d);
}

Test(db, nested_rollback_undoes_the_whole_transaction)
{
    db *d = open_memory();
    err e = {0};
    cr_assert_eq(db_exec(d, "CREATE TABLE t (a INTEGER)", &e), 0);
    cr_assert_eq(db_begin(d, &e), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (1)", &e), 0);
    cr_assert_eq(db_begin(d, &e), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (2)", &e), 0);
    db_rollback(d);
    cr_assert_eq(db_commit(d, &e), -1, "an outer commit after an inner rollback must fail");
    int64_t n;
    cr_assert_eq(db_query_int64(d, "SELECT COUNT(*) FROM t", &n, &e), 0);
    cr_assert_eq(n, 0);
    /* And the connection is usable again. */
    cr_assert_eq(db_begin(d, &e), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (3)", &e), 0);
    cr_assert_eq(db_commit(d, &e), 0);
    cr_assert_eq(db_query_int64(d, "SELECT COUNT(*) FROM t", &n, &e), 0);
    cr_assert_eq(n, 1);
    db_close(d);
}

Test(db, errors_are_reported_not_fatal)
{
    db *d = open_memory();
    err e = {0};
    db_stmt *s;
    cr_assert_eq(db_prepare(d, "SELECT * FROM missing", &s, &e), -1);
    cr_assert_eq(e.kind, ERR_INTERNAL);
    cr_assert(strstr(e.msg, "no such table: missing") != NULL, "%s", e.msg);
    db_close(d);
    /* A socket directory that does not exist: nothing leaves the machine. */
    cr_assert_eq(db_open("postgres://u:s3cret@/db?host=/nonexistent-unlock-socket", &d, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert(strstr(e.msg, "cannot connect to PostgreSQL") != NULL, "%s", e.msg);
    cr_assert(strstr(e.msg, "s3cret") == NULL, "the password is shown: %s", e.msg);
}

Test(db, url_choice_prefers_flag_then_environment)
{
    setenv("UNLOCK_DB", "env.db", 1);
    cr_assert_str_eq(db_url_choose("flag.db"), "flag.db");
    cr_assert_str_eq(db_url_choose(NULL), "env.db");
    unsetenv("UNLOCK_DB");
    cr_assert_str_eq(db_url_choose(NULL), "unlock.db");
}

Test(db, the_same_sql_can_run_twice_at_once)
{
    /* Statements are reused once finished; one still running must not be handed out. */
    db *d = open_memory();
    err e = {0};
    cr_assert_eq(db_exec(d, "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)", &e), 0);
    const char *sql = "SELECT a FROM t ORDER BY a";
    db_stmt *outer, *inner;
    cr_assert_eq(db_prepare(d, sql, &outer, &e), 0);
    cr_assert_eq(db_step(outer, &e), DB_ROW);
    cr_assert_eq(db_prepare(d, sql, &inner, &e), 0);
    cr_assert_eq(db_step(inner, &e), DB_ROW);
    cr_assert_eq(db_step(inner, &e), DB_ROW);
    cr_assert_eq(db_col_int64(inner, 0), 2);
    db_finalize(inner);
    cr_assert_eq(db_col_int64(outer, 0), 1, "the outer statement kept its place");
    cr_assert_eq(db_step(outer, &e), DB_ROW);
    cr_assert_eq(db_col_int64(outer, 0), 2);
    db_finalize(outer);
    /* Reused: starts from the beginning, with no old bindings. */
    db_stmt *again;
    cr_assert_eq(db_prepare(d, "SELECT ? IS NULL", &again, &e), 0);
    cr_assert_eq(db_bind_int64(again, 1, 5, &e), 0);
    cr_assert_eq(db_step(again, &e), DB_ROW);
    cr_assert_eq(db_col_int64(again, 0), 0);
    db_finalize(again);
    cr_assert_eq(db_prepare(d, "SELECT ? IS NULL", &again, &e), 0);
    cr_assert_eq(db_step(again, &e), DB_ROW);
    cr_assert_eq(db_col_int64(again, 0), 1, "bindings are cleared on reuse");
    db_finalize(again);
    db_close(d);
}

static int64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Counts to a billion: seconds of work, far past any deadline below. */
#define RUNAWAY                                                                                    \
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) "       \
    "SELECT COUNT(*) FROM c"

Test(db, a_deadline_stops_a_runaway_query)
{
    db *d = open_memory();
    err e = {0};
    int64_t start = monotonic_ns(), n = -1;
    db_set_deadline(d, start + 50 * 1000000LL);
    cr_assert_eq(db_query_int64(d, RUNAWAY, &n, &e), -1);
    int64_t took_ms = (monotonic_ns() - start) / 1000000;
    cr_expect_eq(e.kind, ERR_USER);
    cr_expect_eq(e.timed_out, 1);
    cr_expect(strstr(e.msg, "ran past its time limit"), "%s", e.msg);
    cr_expect_geq(took_ms, 50);
    cr_expect_lt(took_ms, 2000, "stopped after %lld ms", (long long)took_ms);

    /* Without a deadline the same connection works again, and short queries ran within one. */
    db_set_deadline(d, 0);
    err_clear(&e);
    cr_assert_eq(db_query_int64(d, "SELECT 6 * 7", &n, &e), 0, "%s", e.msg);
    cr_expect_eq(n, 42);
    db_set_deadline(d, monotonic_ns() + 1000000000LL);
    cr_assert_eq(db_query_int64(d, "SELECT COUNT(*) FROM (SELECT 1 UNION SELECT 2)", &n, &e), 0,
                 "%s", e.msg);
    cr_expect_eq(n, 2);
    db_close(d);
}

Test(db, a_failure_before_the_deadline_is_not_a_time_out)
{
    db *d = open_memory();
    err e = {0};
    db_set_deadline(d, monotonic_ns() + 60 * 1000000000LL);
    cr_assert_eq(db_exec(d, "CREATE TABLE t (a INTEGER NOT NULL)", &e), 0, "%s", e.msg);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (NULL)", &e), -1);
    cr_expect_eq(e.timed_out, 0);
    cr_expect(strstr(e.msg, "NOT NULL"), "%s", e.msg);
    db_close(d);
}
