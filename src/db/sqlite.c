/* The SQLite back end: the embedded default. WAL for readers beside a writer,
 * foreign keys enforced, and a busy timeout so concurrent writers wait rather
 * than fail. */
#include "db/backend.h"

#include <sqlite3.h>
#include <string.h>

#define BUSY_TIMEOUT_MS 5000

static int fail(sqlite3 *conn, err *e, const char *what)
{
    int code = sqlite3_extended_errcode(conn);
    const char *msg = sqlite3_errmsg(conn);
    /* Constraint failures come from data, not from us. */
    if ((code & 0xff) == SQLITE_CONSTRAINT)
        return err_user(e, "%s: %s", what, msg);
    if ((code & 0xff) == SQLITE_BUSY) {
        /* Waited the whole busy timeout: for the API a 503 to retry, not the request's fault. */
        err_user(e, "%s: the database is busy (another program is writing); try again", what);
        if (e)
            e->timed_out = 1;
        return -1;
    }
    return err_internal(e, "%s: %s", what, msg);
}

static int sq_open(const char *target, void **out, err *e)
{
    sqlite3 *conn = NULL;
    int rc = sqlite3_open_v2(
        target, &conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        err_user(e, "%s: cannot open database: %s", target,
                 conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
        sqlite3_close(conn);
        return -1;
    }
    sqlite3_extended_result_codes(conn, 1);
    sqlite3_busy_timeout(conn, BUSY_TIMEOUT_MS);
    char *msg = NULL;
    rc = sqlite3_exec(conn,
                      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                      "PRAGMA synchronous=NORMAL;",
                      NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        err_user(e, "%s: not a usable database: %s", target, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        sqlite3_close(conn);
        return -1;
    }
    *out = conn;
    return 0;
}

static void sq_close(void *conn)
{
    sqlite3_close(conn);
}

static int sq_exec(void *conn, const char *sql, err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(conn, sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    sqlite3_free(msg);
    return fail(conn, e, "SQL");
}

static int sq_prepare(void *conn, const char *sql, void **out, err *e)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(conn, e, "preparing SQL");
    *out = st;
    return 0;
}

static void sq_finalize(void *st)
{
    sqlite3_finalize(st);
}

static void sq_reset(void *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

static int bound(void *st, int rc, err *e)
{
    if (rc == SQLITE_OK)
        return 0;
    return fail(sqlite3_db_handle(st), e, "binding a parameter");
}

static int sq_bind_text(void *st, int idx, const char *v, err *e)
{
    return bound(st, sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT), e);
}

static int sq_bind_int64(void *st, int idx, int64_t v, err *e)
{
    return bound(st, sqlite3_bind_int64(st, idx, v), e);
}

static int sq_bind_double(void *st, int idx, double v, err *e)
{
    return bound(st, sqlite3_bind_double(st, idx, v), e);
}

static int sq_bind_null(void *st, int idx, err *e)
{
    return bound(st, sqlite3_bind_null(st, idx), e);
}

static int sq_step(void *st, err *e)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    return fail(sqlite3_db_handle(st), e, "running SQL");
}

static int sq_param_count(void *st)
{
    return sqlite3_bind_parameter_count(st);
}

static int sq_col_count(void *st)
{
    return sqlite3_column_count(st);
}

static const char *sq_col_name(void *st, int col)
{
    return sqlite3_column_name(st, col);
}

static int sq_col_is_null(void *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL;
}

static const char *sq_col_text(void *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

static int64_t sq_col_int64(void *st, int col)
{
    return sqlite3_column_int64(st, col);
}

static double sq_col_double(void *st, int col)
{
    return sqlite3_column_double(st, col);
}

static int64_t sq_changes(void *conn)
{
    return sqlite3_changes(conn);
}

/* Virtual machine steps between checks: small enough to stop within
 * microseconds, large enough that a point lookup never pays for a check. */
#define PROGRESS_STEPS 4000

static void sq_on_progress(void *conn, int (*stop)(void *arg), void *arg)
{
    sqlite3_progress_handler(conn, stop ? PROGRESS_STEPS : 0, stop, arg);
}

const db_backend db_sqlite_backend = {
    .name = "sqlite",
    .begin_sql = "BEGIN IMMEDIATE",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .reset = sq_reset,
    .bind_text = sq_bind_text,
    .bind_int64 = sq_bind_int64,
    .bind_double = sq_bind_double,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .param_count = sq_param_count,
    .col_count = sq_col_count,
    .col_name = sq_col_name,
    .col_is_null = sq_col_is_null,
    .col_text = sq_col_text,
    .col_int64 = sq_col_int64,
    .col_double = sq_col_double,
    .changes = sq_changes,
    .on_progress = sq_on_progress,
};
