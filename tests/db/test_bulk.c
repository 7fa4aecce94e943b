/* Bulk loading (db/bulk.h) on the back end the suite runs on: SQLite in memory, or under
 * scripts/with-test-postgres a fresh PostgreSQL database, where a load is a COPY. */
#include "db/bulk.h"
#include "db/db.h"
#include "rx/import.h"
#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const cols[] = {"k", "s", "x", "n"};

/* Types both back ends read the same way (DOUBLE PRECISION is REAL to SQLite). */
static db *open_scratch(void)
{
    char *url = test_db_scratch_url();
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_exec(d,
                         "CREATE TABLE bulk_t (k BIGINT PRIMARY KEY, s TEXT, x DOUBLE PRECISION, "
                         "n BIGINT CHECK (n >= 0))",
                         &e),
                 0, "%s", e.msg);
    return d;
}

static int64_t count(db *d, const char *sql)
{
    int64_t n = -1;
    err e = {0};
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s", e.msg);
    return n;
}

/* Rows k = 1..n, n a number that is not negative except at row bad (0: none). */
static int load_numbered(db *d, int n, int bad, err *e)
{
    db_bulk *b;
    if (db_bulk_begin(d, "bulk_t", cols, 4, &b, e))
        return -1;
    for (int k = 1; k <= n; k++) {
        char kv[16], nv[16], sv[64];
        snprintf(kv, sizeof kv, "%d", k);
        snprintf(nv, sizeof nv, "%d", k == bad ? -1 : k % 7);
        snprintf(sv, sizeof sv, "row %d, padded to make the batches fill up", k);
        if (db_bulk_row(b, (const char *const[]){kv, sv, "0.5", nv}, e)) {
            db_bulk_abort(b);
            return -1;
        }
    }
    cr_assert_eq(db_bulk_rows(b), n);
    return db_bulk_end(b, e);
}

/* Loads rows (4 values each) into bulk_t, an upsert on k when upsert; returns what the load
 * did, wherever it failed. */
static int load_rows(db *d, int upsert, const char *const (*rows)[4], int n, err *e)
{
    db_bulk *b;
    if (upsert ? db_bulk_begin_upsert(d, "bulk_t", cols, 4, 1, &b, e)
               : db_bulk_begin(d, "bulk_t", cols, 4, &b, e))
        return -1;
    for (int i = 0; i < n; i++)
        if (db_bulk_row(b, rows[i], e)) {
            db_bulk_abort(b);
            return -1;
        }
    return db_bulk_end(b, e);
}

Test(bulk, hostile_text_nulls_and_unicode_round_trip_exactly)
{
    db *d = open_scratch();
    err e = {0};
    static const char *const texts[] = {
        "tab\there",
        "line\nbreak and\r\nCRLF",
        "back\\slash \\N \\t \\\\ and a trailing \\",
        "\\N",
        "\\.",
        "",
        NULL,
        "Ünïcødé — 北京 🚑 ﬁ",
        "\t\n\r\\",
        "quotes ' \" and commas, semicolons; done",
    };
    int nt = (int)(sizeof texts / sizeof *texts);
    char x[32];
    snprintf(x, sizeof x, "%.17g", 0.1 + 0.2);
    cr_assert_eq(db_begin(d, &e), 0, "%s", e.msg); /* inside the caller's transaction */
    db_bulk *b;
    cr_assert_eq(db_bulk_begin(d, "bulk_t", cols, 4, &b, &e), 0, "%s", e.msg);
    for (int i = 0; i < nt; i++) {
        char k[16];
        snprintf(k, sizeof k, "%d", i);
        cr_assert_eq(db_bulk_row(b,
                                 (const char *const[]){k, texts[i], i % 2 ? x : NULL,
                                                       i % 3 ? "9007199254740993" : NULL},
                                 &e),
                     0, "%s", e.msg);
    }
    cr_assert_eq(db_bulk_end(b, &e), 0, "%s", e.msg);
    cr_assert_eq(db_commit(d, &e), 0, "%s", e.msg);

    db_stmt *s;
    cr_assert_eq(db_prepare(d, "SELECT k, s, x, n FROM bulk_t ORDER BY k", &s, &e), 0, "%s", e.msg);
    for (int i = 0; i < nt; i++) {
        cr_assert_eq(db_step(s, &e), DB_ROW, "row %d: %s", i, e.msg);
        cr_assert_eq(db_col_int64(s, 0), i);
        if (texts[i])
            cr_assert_str_eq(db_col_text(s, 1), texts[i], "row %d", i);
        else
            cr_assert(db_col_is_null(s, 1), "row %d: NULL stays NULL", i);
        if (i % 2)
            cr_assert_eq(db_col_double(s, 2), 0.1 + 0.2, "every bit of the double");
        else
            cr_assert(db_col_is_null(s, 2));
        if (i % 3)
            cr_assert_eq(db_col_int64(s, 3), 9007199254740993LL, "a 64-bit integer, exactly");
        else
            cr_assert(db_col_is_null(s, 3));
    }
    cr_assert_eq(db_step(s, &e), DB_DONE);
    db_finalize(s);
    /* Stored as numbers, not as text that looks like one. */
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t WHERE n = 9007199254740993"), 6);
    db_close(d);
}

Test(bulk, typed_values_keep_every_bit)
{
    db *d = open_scratch();
    err e = {0};
    const double xs[] = {0.1 + 0.2, -1e-300, 1.7976931348623157e308, 4.9e-324, -0.0, 1234.56};
    const int64_t ns[] = {INT64_MAX, 0, 1, 42, 7, 9007199254740993LL};
    db_bulk *b;
    cr_assert_eq(db_bulk_begin(d, "bulk_t", cols, 4, &b, &e), 0, "%s", e.msg);
    for (int i = 0; i < 6; i++)
        cr_assert_eq(db_bulk_row_typed(b,
                                       (const db_value[]){DB_V_INT(i), DB_V_TEXT(i ? "t" : NULL),
                                                          DB_V_DOUBLE(xs[i]), DB_V_INT(ns[i])},
                                       &e),
                     0, "%s", e.msg);
    cr_assert_eq(
        db_bulk_row_typed(b,
                          (const db_value[]){
                              DB_V_INT(6), {.type = DB_NULL}, {.type = DB_NULL}, {.type = DB_NULL}},
                          &e),
        0, "%s", e.msg);
    cr_assert_eq(db_bulk_end(b, &e), 0, "%s", e.msg);
    db_stmt *s;
    cr_assert_eq(db_prepare(d, "SELECT s, x, n FROM bulk_t ORDER BY k", &s, &e), 0, "%s", e.msg);
    for (int i = 0; i < 6; i++) {
        cr_assert_eq(db_step(s, &e), DB_ROW, "%s", e.msg);
        cr_assert_eq(db_col_is_null(s, 0), i == 0);
        cr_assert_eq(db_col_double(s, 1), xs[i], "row %d: %.17g", i, db_col_double(s, 1));
        cr_assert_eq(db_col_int64(s, 2), ns[i], "row %d", i);
    }
    cr_assert_eq(db_step(s, &e), DB_ROW, "%s", e.msg);
    cr_assert(db_col_is_null(s, 0) && db_col_is_null(s, 1) && db_col_is_null(s, 2));
    db_finalize(s);
    db_close(d);
}

Test(bulk, many_rows_across_batches_all_arrive)
{
    db *d = open_scratch();
    err e = {0};
    cr_assert_eq(load_numbered(d, 30000, 0, &e), 0, "%s", e.msg);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t"), 30000);
    cr_assert_eq(count(d, "SELECT SUM(k) FROM bulk_t"), 30000LL * 30001 / 2);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t WHERE s = 'row 29999, padded to make the "
                          "batches fill up'"),
                 1);
    db_close(d);
}

/* A bad row some batches in: the error names the table and that row, the caller's
 * transaction (and its earlier row) is undone, and the connection goes on working. */
Test(bulk, a_bad_row_is_named_and_nothing_stays)
{
    db *d = open_scratch();
    err e = {0};
    cr_assert_eq(db_begin(d, &e), 0, "%s", e.msg);
    cr_assert_eq(db_exec(d, "INSERT INTO bulk_t (k, s, n) VALUES (100000, 'before', 1)", &e), 0,
                 "%s", e.msg);
    cr_assert_eq(load_numbered(d, 20000, 12345, &e), -1, "a CHECK violation must fail");
    cr_assert_eq(e.kind, ERR_USER, "the data's fault: %s", e.msg);
    cr_assert(strstr(e.msg, "loading bulk_t, row 12345") != NULL, "%s", e.msg);
    cr_assert_eq(e.line, 12345);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t WHERE k = 100000"), 1,
                 "the caller's transaction can still be read in");
    db_rollback(d);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t"), 0);

    /* A duplicate key: the whole load goes, and a commit is refused. */
    err e2 = {0};
    cr_assert_eq(db_begin(d, &e2), 0, "%s", e2.msg);
    const char *const dup[][4] = {
        {"1", "a", NULL, "1"}, {"2", "b", NULL, "1"}, {"1", "c", NULL, "1"}};
    cr_assert_eq(load_rows(d, 0, dup, 3, &e2), -1, "a duplicate key must fail");
    cr_assert_eq(e2.kind, ERR_USER, "%s", e2.msg);
    cr_assert(strstr(e2.msg, "loading bulk_t, row 3") != NULL, "%s", e2.msg);
    err e3 = {0};
    cr_assert_eq(db_commit(d, &e3), -1, "nothing of a failed load may be committed");
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t"), 0);

    /* Afterwards loads work as before. */
    cr_assert_eq(load_numbered(d, 10, 0, &e), 0, "%s", e.msg);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t"), 10);
    db_close(d);
}

Test(bulk, a_value_of_the_wrong_type_is_named_with_its_row_and_column)
{
    if (!test_pg_enabled())
        cr_skip_test("on PostgreSQL only: SQLite keeps text in a number column");
    db *d = open_scratch();
    err e = {0};
    db_bulk *b;
    cr_assert_eq(db_bulk_begin(d, "bulk_t", cols, 4, &b, &e), 0, "%s", e.msg);
    cr_assert_eq(db_bulk_row(b, (const char *const[]){"1", "fine", "1.5", "2"}, &e), 0, "%s",
                 e.msg);
    cr_assert_eq(db_bulk_row(b, (const char *const[]){"2", "bad", "one and a half", "2"}, &e), 0,
                 "%s", e.msg);
    cr_assert_eq(db_bulk_end(b, &e), -1);
    cr_assert_eq(e.kind, ERR_USER, "%s", e.msg);
    cr_assert(strstr(e.msg, "loading bulk_t, row 2, column x:") != NULL, "%s", e.msg);
    cr_assert(strstr(e.msg, "one and a half") != NULL, "%s", e.msg);
    cr_assert_str_eq(e.field, "x");
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t"), 0);
    db_close(d);
}

Test(bulk, an_upsert_replaces_stored_keys_and_the_last_row_of_a_key_wins)
{
    db *d = open_scratch();
    err e = {0};
    cr_assert_eq(db_exec(d,
                         "INSERT INTO bulk_t (k, s, x, n) VALUES (1, 'old', 1.5, 1), "
                         "(3, 'untouched', 3.5, 3)",
                         &e),
                 0, "%s", e.msg);
    const char *const rows[][4] = {
        {"1", "new", "2.5", "10"}, {"2", "first", NULL, "20"}, {"2", "second, last", "4.5", "21"}};
    cr_assert_eq(load_rows(d, 1, rows, 3, &e), 0, "%s", e.msg);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t"), 3);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t WHERE k = 1 AND s = 'new' AND x = 2.5 AND "
                          "n = 10"),
                 1);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t WHERE k = 2 AND s = 'second, last' AND "
                          "x = 4.5 AND n = 21"),
                 1);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t WHERE k = 3 AND s = 'untouched'"), 1);

    /* A bad row in an upsert is named too, and leaves the stored rows as they were. */
    const char *const bad[][4] = {{"1", "newer", NULL, "11"}, {"3", "negative", NULL, "-3"}};
    cr_assert_eq(load_rows(d, 1, bad, 2, &e), -1, "a CHECK violation must fail");
    cr_assert(strstr(e.msg, "loading bulk_t, row 2") != NULL, "%s", e.msg);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t WHERE s IN ('new', 'untouched')"), 2);
    db_close(d);
}

Test(bulk, an_abandoned_load_keeps_nothing)
{
    db *d = open_scratch();
    err e = {0};
    db_bulk *b;
    cr_assert_eq(db_bulk_begin(d, "bulk_t", cols, 4, &b, &e), 0, "%s", e.msg);
    cr_assert_eq(db_bulk_row(b, (const char *const[]){"1", "a", NULL, "1"}, &e), 0, "%s", e.msg);
    db_bulk_abort(b);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t"), 0);
    cr_assert_eq(db_bulk_begin(d, "no such table", cols, 4, &b, &e), -1);
    cr_assert(strstr(e.msg, "not a plain table or column name") != NULL, "%s", e.msg);
    err e2 = {0};
    cr_assert_eq(db_bulk_begin(d, "missing_table", cols, 4, &b, &e2), -1);
    cr_assert(strstr(e2.msg, "loading missing_table") != NULL, "%s", e2.msg);
    cr_assert(strstr(e2.msg, "missing_table") != NULL, "%s", e2.msg);
    cr_assert_eq(load_numbered(d, 3, 0, &e), 0, "%s", e.msg);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM bulk_t"), 3);
    db_close(d);
}

/* The prescribing import's list sizes go in as an upsert: a practice named twice keeps its last
 * size, a re-import replaces, and a bad row names the file, the table and the row. */
Test(bulk, list_sizes_load_as_an_upsert)
{
    db *d = open_scratch();
    err e = {0};
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    char *dir = tmpdir_make(), *path = path_join(dir, "ls.csv");
    file_write(path, "period,practice_code,list_size\n202401,A1,100\n202401,B2,200\n\n"
                     "202401,A1,150\n202402,A1,160\n");
    long n = 0;
    cr_assert_eq(rx_import_list_sizes(d, path, &n, &e), 0, "%s", e.msg);
    cr_assert_eq(n, 4);
    cr_assert_eq(count(d, "SELECT COUNT(*) FROM rx_list_sizes"), 3);
    cr_assert_eq(count(d, "SELECT list_size FROM rx_list_sizes WHERE period = 202401 AND "
                          "practice_code = 'A1'"),
                 150);
    file_write(path, "period,practice_code,list_size\n202401,B2,210\n");
    cr_assert_eq(rx_import_list_sizes(d, path, &n, &e), 0, "%s", e.msg);
    cr_assert_eq(count(d, "SELECT SUM(list_size) FROM rx_list_sizes"), 150 + 210 + 160);
    /* Text the database refuses (not UTF-8 on PostgreSQL; a bad size on both): nothing new. */
    file_write(path, "period,practice_code,list_size\n202401,B2,1\n202401,C3,x\n");
    cr_assert_eq(rx_import_list_sizes(d, path, &n, &e), -1);
    cr_assert(strstr(e.msg, "ls.csv:3: column list_size") != NULL, "%s", e.msg);
    if (test_pg_enabled()) {
        err e2 = {0};
        file_write(path, "period,practice_code,list_size\n202401,B2,1\n202401,C\xff,2\n");
        cr_assert_eq(rx_import_list_sizes(d, path, &n, &e2), -1);
        cr_assert(strstr(e2.msg, "ls.csv: loading rx_list_sizes, row 2") != NULL, "%s", e2.msg);
    }
    cr_assert_eq(count(d, "SELECT SUM(list_size) FROM rx_list_sizes"), 150 + 210 + 160);
    tmpdir_remove(dir);
    free(path);
    free(dir);
    db_close(d);
}
