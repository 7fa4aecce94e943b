/* The PostgreSQL back end (libpq), for shared, multi-user deployments.
 *
 * Statements are prepared on the server once (db.c keeps them for reuse) and
 * run with text parameters whose types the server infers from where they are
 * used. A whole result is fetched at the first step, so that a caller may run
 * other statements while it walks the rows, as it can with SQLite.
 *
 * Inside a transaction each statement runs under a savepoint: PostgreSQL
 * aborts the whole transaction on any error, while unlock's callers (like
 * SQLite) may meet a constraint failure, report it and go on. */
#include "db/backend.h"
#include "db/pg_sql.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OID_BOOL 16
#define OID_TEXT 25

typedef struct pg_conn {
    PGconn *c;
    int64_t changes;
    unsigned next_name;
} pg_conn;

typedef struct pg_stmt {
    pg_conn *pc;
    char name[24];
    int nparams;
    char **values;   /* nparams, NULL for SQL NULL; owned */
    PGresult *shape; /* the statement's description: column names before the first step */
    PGresult *res;   /* NULL until the first step */
    int row;
} pg_stmt;

static const char *state_of(const PGresult *r)
{
    const char *s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    return s ? s : "";
}

/* libpq's messages end with a newline and may run to several lines; one line reads better. */
static void first_line(const char *msg, char *out, size_t n)
{
    snprintf(out, n, "%s", msg && *msg ? msg : "unknown error");
    out[strcspn(out, "\n")] = 0;
    if (strncmp(out, "ERROR:  ", 8) == 0)
        memmove(out, out + 8, strlen(out + 8) + 1);
}

/* what says what was being done ("what: message"); "" for the message alone. */
static int fail_result(const PGresult *r, PGconn *c, err *e, const char *what)
{
    char msg[512];
    first_line(r ? PQresultErrorMessage(r) : PQerrorMessage(c), msg, sizeof msg);
    const char *sep = *what ? ": " : "";
    const char *state = state_of(r);
    /* A key stored by another transaction since this one looked for it (two imports adding the
     * same rows at once): the race a stale version is, so the same answer, 409 and try again. */
    if (strcmp(state, "23505") == 0)
        return err_conflict(
            e, "%s%s%s: stored meanwhile by another change, or stored already; try again", what,
            sep, msg);
    /* Class 23 is integrity constraint violation: the data's fault, not ours. */
    if (strncmp(state, "23", 2) == 0)
        return err_user(e, "%s%s%s", what, sep, msg);
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
        return err_user(e, "%s%sthe database is busy (another user is writing); try again", what,
                        sep);
    if (strcmp(state, "57014") == 0) {
        err_user(e, "%s%s%s", what, sep, msg);
        if (e)
            e->timed_out = 1;
        return -1;
    }
    /* Bad text for a number or date the caller passed through: the input's fault. */
    if (strncmp(state, "22", 2) == 0)
        return err_user(e, "%s%s%s", what, sep, msg);
    return err_internal(e, "%s%s%s", what, sep, msg);
}

static int run_simple(PGconn *c, const char *sql, err *e)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = 0;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = fail_result(r, c, e, "SQL");
    PQclear(r);
    return rc;
}

static void quiet_notices(void *arg, const PGresult *r)
{
    (void)arg;
    (void)r;
}

static int pg_open(const char *target, void **out, err *e)
{
    PGconn *c = PQconnectdb(target);
    if (PQstatus(c) != CONNECTION_OK) {
        char msg[512], shown[256];
        first_line(PQerrorMessage(c), msg, sizeof msg);
        pg_url_redacted(target, shown, sizeof shown);
        PQfinish(c);
        return err_user(e, "%s: cannot connect to PostgreSQL: %s", shown, msg);
    }
    /* "NOTICE: relation already exists, skipping" and friends are not for users. */
    PQsetNoticeReceiver(c, quiet_notices, NULL);
    if (run_simple(c, "SET client_min_messages = warning; SET TIME ZONE 'UTC'", e)) {
        PQfinish(c);
        return -1;
    }
    pg_conn *pc = xcalloc(1, sizeof *pc);
    pc->c = c;
    *out = pc;
    return 0;
}

static void pg_close(void *conn)
{
    pg_conn *pc = conn;
    PQfinish(pc->c);
    free(pc);
}

static int pg_exec(void *conn, const char *sql, err *e)
{
    return run_simple(((pg_conn *)conn)->c, sql, e);
}

/* "could not determine data type of parameter $3" → 3, else 0. */
static int indeterminate_param(const PGresult *r)
{
    /* 42P18 indeterminate_datatype, or 42P08 ambiguous_parameter (`$1 IS NULL OR c = $1`). */
    if (strcmp(state_of(r), "42P18") != 0 && strcmp(state_of(r), "42P08") != 0)
        return 0;
    const char *dollar = strchr(PQresultErrorMessage(r), '$');
    return dollar ? atoi(dollar + 1) : 0;
}

static int pg_prepare(void *conn, const char *sql, void **out, err *e)
{
    pg_conn *pc = conn;
    int nparams = 0;
    char *text = pg_sql_numbered(sql, &nparams);
    pg_stmt *s = xcalloc(1, sizeof *s);
    s->pc = pc;
    s->nparams = nparams;
    snprintf(s->name, sizeof s->name, "u%u", ++pc->next_name);
    Oid *types = xcalloc((size_t)nparams + 1, sizeof *types);
    PGresult *r = NULL;
    /* Inside a transaction a failed PREPARE aborts it, so the retries below go back to a
     * savepoint first. */
    int in_tx = PQtransactionStatus(pc->c) == PQTRANS_INTRANS;
    if (in_tx)
        PQclear(PQexec(pc->c, "SAVEPOINT unlock_prepare"));
    /* The server infers each parameter's type from its use; where nothing says (`? IS NULL`),
     * it asks, and text is what unlock's callers mean. One retry per such parameter. */
    for (int tries = 0; tries <= nparams; tries++) {
        PQclear(r);
        r = PQprepare(pc->c, s->name, text, nparams, types);
        int p = indeterminate_param(r);
        if (PQresultStatus(r) == PGRES_COMMAND_OK || p < 1 || p > nparams || types[p - 1])
            break;
        if (in_tx)
            PQclear(PQexec(pc->c, "ROLLBACK TO SAVEPOINT unlock_prepare"));
        types[p - 1] = OID_TEXT;
    }
    if (in_tx && PQresultStatus(r) == PGRES_COMMAND_OK)
        PQclear(PQexec(pc->c, "RELEASE SAVEPOINT unlock_prepare"));
    free(types);
    free(text);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        fail_result(r, pc->c, e, "preparing SQL");
        PQclear(r);
        free(s);
        return -1;
    }
    PQclear(r);
    s->shape = PQdescribePrepared(pc->c, s->name);
    if (PQresultStatus(s->shape) != PGRES_COMMAND_OK) {
        fail_result(s->shape, pc->c, e, "describing SQL");
        PQclear(s->shape);
        free(s);
        return -1;
    }
    s->values = xcalloc((size_t)nparams + 1, sizeof *s->values);
    *out = s;
    return 0;
}

static void clear_values(pg_stmt *s)
{
    for (int i = 0; i < s->nparams; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
}

static void pg_reset(void *stmt)
{
    pg_stmt *s = stmt;
    PQclear(s->res);
    s->res = NULL;
    s->row = 0;
    clear_values(s);
}

static void pg_finalize(void *stmt)
{
    pg_stmt *s = stmt;
    pg_reset(s);
    char sql[48];
    snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
    PQclear(PQexec(s->pc->c, sql));
    PQclear(s->shape);
    free(s->values);
    free(s);
}

static int set_value(pg_stmt *s, int idx, char *v, err *e)
{
    if (idx < 1 || idx > s->nparams) {
        free(v);
        return err_internal(e, "binding parameter %d of a statement that has %d", idx, s->nparams);
    }
    free(s->values[idx - 1]);
    s->values[idx - 1] = v;
    return 0;
}

static int pg_bind_text(void *stmt, int idx, const char *v, err *e)
{
    return set_value(stmt, idx, xstrdup(v), e);
}

static int pg_bind_int64(void *stmt, int idx, int64_t v, err *e)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return set_value(stmt, idx, xstrdup(buf), e);
}

static int pg_bind_double(void *stmt, int idx, double v, err *e)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.17g", v);
    return set_value(stmt, idx, xstrdup(buf), e);
}

static int pg_bind_null(void *stmt, int idx, err *e)
{
    return set_value(stmt, idx, NULL, e);
}

static int run_statement(pg_stmt *s, err *e)
{
    PGconn *c = s->pc->c;
    int guarded = PQtransactionStatus(c) == PQTRANS_INTRANS;
    if (guarded && run_simple(c, "SAVEPOINT unlock_statement", e))
        return -1;
    PGresult *r =
        PQexecPrepared(c, s->name, s->nparams, (const char *const *)s->values, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        fail_result(r, c, e, "running SQL");
        PQclear(r);
        if (guarded) {
            err ignored;
            run_simple(c,
                       "ROLLBACK TO SAVEPOINT unlock_statement; RELEASE SAVEPOINT unlock_statement",
                       &ignored);
        }
        return -1;
    }
    const char *n = PQcmdTuples(r);
    if (*n)
        s->pc->changes = strtoll(n, NULL, 10);
    s->res = r;
    s->row = -1;
    if (guarded && run_simple(c, "RELEASE SAVEPOINT unlock_statement", e))
        return -1;
    return 0;
}

static int pg_step(void *stmt, err *e)
{
    pg_stmt *s = stmt;
    if (!s->res && run_statement(s, e))
        return -1;
    if (s->row + 1 >= PQntuples(s->res)) {
        s->row = PQntuples(s->res);
        return DB_DONE;
    }
    s->row++;
    return DB_ROW;
}

static int pg_param_count(void *stmt)
{
    return ((pg_stmt *)stmt)->nparams;
}

static const PGresult *columns(pg_stmt *s)
{
    return s->res ? s->res : s->shape;
}

static int pg_col_count(void *stmt)
{
    return PQnfields(columns(stmt));
}

static const char *pg_col_name(void *stmt, int col)
{
    return PQfname(columns(stmt), col);
}

static int on_row(const pg_stmt *s, int col)
{
    return s->res && s->row >= 0 && s->row < PQntuples(s->res) && col >= 0 &&
           col < PQnfields(s->res);
}

static int pg_col_is_null(void *stmt, int col)
{
    pg_stmt *s = stmt;
    return !on_row(s, col) || PQgetisnull(s->res, s->row, col);
}

/* Booleans read as 1 and 0, as SQLite gives them, so callers need not know the back end. */
static const char *pg_col_text(void *stmt, int col)
{
    pg_stmt *s = stmt;
    if (pg_col_is_null(s, col))
        return NULL;
    const char *v = PQgetvalue(s->res, s->row, col);
    if (PQftype(s->res, col) == OID_BOOL)
        return *v == 't' ? "1" : "0";
    return v;
}

static double pg_col_double(void *stmt, int col)
{
    const char *v = pg_col_text(stmt, col);
    return v ? strtod(v, NULL) : 0;
}

static int64_t pg_col_int64(void *stmt, int col)
{
    const char *v = pg_col_text(stmt, col);
    if (!v)
        return 0;
    /* numeric results (avg, sum of bigints) may carry a fraction; SQLite truncates them. */
    if (strpbrk(v, ".eE"))
        return (int64_t)strtod(v, NULL);
    return strtoll(v, NULL, 10);
}

static int64_t pg_changes(void *conn)
{
    return ((pg_conn *)conn)->changes;
}

static void pg_set_timeout(void *conn, int64_t ms)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SET statement_timeout = %lld", (long long)(ms > 0 ? ms : 0));
    err ignored;
    run_simple(((pg_conn *)conn)->c, sql, &ignored);
}

/* Bulk loading by COPY (see backend.h). */

static int pg_copy_begin(void *conn, const char *sql, err *e)
{
    pg_conn *pc = conn;
    PGresult *r = PQexec(pc->c, sql);
    int rc = 0;
    if (PQresultStatus(r) != PGRES_COPY_IN)
        rc = fail_result(r, pc->c, e, "starting COPY");
    PQclear(r);
    return rc;
}

/* The server says where a COPY stopped in its context: "COPY t, line 3, column x: "..."". */
static long copy_line(const PGresult *r, char *column, size_t n)
{
    const char *ctx = r ? PQresultErrorField(r, PG_DIAG_CONTEXT) : NULL;
    const char *copy = ctx ? strstr(ctx, "COPY ") : NULL;
    const char *line = copy ? strstr(copy, ", line ") : NULL;
    column[0] = 0;
    if (!line)
        return 0;
    const char *col = strstr(line, ", column ");
    if (col && col < line + strcspn(line, "\n"))
        snprintf(column, n, "%.*s", (int)strcspn(col + 9, ":\n"), col + 9);
    return strtol(line + 7, NULL, 10);
}

/* Collects the results of a COPY that has ended: its row count, or the first error. */
static int copy_outcome(pg_conn *pc, long *bad_row, err *e)
{
    int rc = 0;
    PGresult *r;
    *bad_row = 0;
    while ((r = PQgetResult(pc->c))) {
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_COPY_IN) {
            /* Still open (cannot happen after PQputCopyEnd): end it rather than wait forever. */
            PQputCopyEnd(pc->c, "abandoned by unlock");
        } else if (st == PGRES_COMMAND_OK) {
            const char *n = PQcmdTuples(r);
            if (*n)
                pc->changes = strtoll(n, NULL, 10);
        } else if (!rc) {
            char column[64];
            *bad_row = copy_line(r, column, sizeof column);
            rc = fail_result(r, pc->c, e, "");
            if (e)
                err_at(e, *bad_row, column[0] ? column : NULL);
        }
        PQclear(r);
    }
    return rc;
}

/* libpq would not take more of the COPY: the server's reason, else libpq's own. */
static int copy_failed(pg_conn *pc, long *bad_row, err *e)
{
    if (copy_outcome(pc, bad_row, e))
        return -1;
    char msg[512];
    first_line(PQerrorMessage(pc->c), msg, sizeof msg);
    return err_internal(e, "COPY: %s", msg);
}

static int pg_copy_data(void *conn, const char *data, size_t n, long *bad_row, err *e)
{
    pg_conn *pc = conn;
    *bad_row = 0;
    if (n > (size_t)INT32_MAX)
        return err_internal(e, "COPY: %zu bytes at once is too many", n);
    /* -1 once the server has refused the data (the COPY is over) or the connection failed. */
    if (PQputCopyData(pc->c, data, (int)n) == 1)
        return 0;
    return copy_failed(pc, bad_row, e);
}

static int pg_copy_end(void *conn, long *bad_row, err *e)
{
    pg_conn *pc = conn;
    *bad_row = 0;
    if (PQputCopyEnd(pc->c, NULL) == 1)
        return copy_outcome(pc, bad_row, e);
    return copy_failed(pc, bad_row, e);
}

static void pg_copy_cancel(void *conn)
{
    pg_conn *pc = conn;
    long bad_row;
    err ignored = {0};
    PQputCopyEnd(pc->c, "abandoned by unlock");
    copy_outcome(pc, &bad_row, &ignored);
}

const db_backend db_postgres_backend = {
    .name = "postgres",
    .begin_sql = "BEGIN",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .param_count = pg_param_count,
    .col_count = pg_col_count,
    .col_name = pg_col_name,
    .col_is_null = pg_col_is_null,
    .col_text = pg_col_text,
    .col_int64 = pg_col_int64,
    .col_double = pg_col_double,
    .changes = pg_changes,
    .set_timeout = pg_set_timeout,
    .copy_begin = pg_copy_begin,
    .copy_data = pg_copy_data,
    .copy_end = pg_copy_end,
    .copy_cancel = pg_copy_cancel,
};
