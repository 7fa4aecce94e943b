#include "db/db.h"

#include "db/backend.h"
#include "db/migrations.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Prepared statements are kept for reuse: the same SQL text runs again and
 * again (a server's every request, an import's every row), and parsing it
 * each time costs more than running it. */
#define STMT_CACHE 48

typedef struct cached_stmt {
    char *sql;
    void *stmt;
    int in_use;
} cached_stmt;

struct db {
    const db_backend *be;
    void *conn;
    int depth;  /* transaction nesting */
    int failed; /* a nested rollback happened: the outer commit must not succeed */
    cached_stmt cache[STMT_CACHE];
    int ncache;
    int64_t deadline_ns; /* 0: none */
    int hit_deadline;    /* the progress check stopped a statement */
};

struct db_stmt {
    db *d;
    void *stmt;
    cached_stmt *cached; /* NULL when db_finalize really finalizes */
};

const char *db_url_choose(const char *flag)
{
    if (flag && *flag)
        return flag;
    const char *env = getenv("UNLOCK_DB");
    return env && *env ? env : DB_DEFAULT_URL;
}

int db_open(const char *url, db **out, err *e)
{
    const db_backend *be = &db_sqlite_backend;
    const char *target = url;
    if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
        be = &db_postgres_backend;
    else if (strncmp(url, "sqlite:", 7) == 0)
        target = url + 7;
    if (!*target)
        return err_user(e, "empty database path in '%s'", url);
    void *conn = NULL;
    if (be->open(target, &conn, e))
        return -1;
    db *d = xcalloc(1, sizeof *d);
    d->be = be;
    d->conn = conn;
    *out = d;
    return 0;
}

void db_close(db *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->ncache; i++) {
        d->be->finalize(d->cache[i].stmt);
        free(d->cache[i].sql);
    }
    d->be->close(d->conn);
    free(d);
}

/* A failure the deadline caused is reported as that, whatever the back end said. */
static int timed_out(db *d, err *e)
{
    if (!d->hit_deadline && !(e && e->timed_out))
        return -1;
    err_user(e, "the request ran past its time limit and was stopped; narrow it, or try again "
                "when the server is less busy");
    if (e)
        e->timed_out = 1;
    return -1;
}

int db_exec(db *d, const char *sql, err *e)
{
    return d->be->exec(d->conn, sql, e) < 0 ? timed_out(d, e) : 0;
}

int db_prepare(db *d, const char *sql, db_stmt **out, err *e)
{
    db_stmt *s = xmalloc(sizeof *s);
    s->d = d;
    s->cached = NULL;
    for (int i = 0; i < d->ncache; i++) {
        cached_stmt *c = &d->cache[i];
        if (!c->in_use && strcmp(c->sql, sql) == 0) {
            c->in_use = 1;
            s->stmt = c->stmt;
            s->cached = c;
            *out = s;
            return 0;
        }
    }
    if (d->be->prepare(d->conn, sql, &s->stmt, e)) {
        free(s);
        return -1;
    }
    if (d->ncache < STMT_CACHE) {
        s->cached = &d->cache[d->ncache++];
        *s->cached = (cached_stmt){xstrdup(sql), s->stmt, 1};
    }
    *out = s;
    return 0;
}

void db_finalize(db_stmt *s)
{
    if (!s)
        return;
    if (s->cached) {
        s->d->be->reset(s->stmt);
        s->cached->in_use = 0;
    } else {
        s->d->be->finalize(s->stmt);
    }
    free(s);
}

void db_reset(db_stmt *s)
{
    s->d->be->reset(s->stmt);
}

int db_bind_text(db_stmt *s, int idx, const char *v, err *e)
{
    if (!v)
        return s->d->be->bind_null(s->stmt, idx, e);
    return s->d->be->bind_text(s->stmt, idx, v, e);
}

int db_bind_int64(db_stmt *s, int idx, int64_t v, err *e)
{
    return s->d->be->bind_int64(s->stmt, idx, v, e);
}

int db_bind_double(db_stmt *s, int idx, double v, err *e)
{
    return s->d->be->bind_double(s->stmt, idx, v, e);
}

int db_bind_null(db_stmt *s, int idx, err *e)
{
    return s->d->be->bind_null(s->stmt, idx, e);
}

int db_step(db_stmt *s, err *e)
{
    int rc = s->d->be->step(s->stmt, e);
    return rc < 0 ? timed_out(s->d, e) : rc;
}

int db_param_count(db_stmt *s)
{
    return s->d->be->param_count(s->stmt);
}

int db_col_count(db_stmt *s)
{
    return s->d->be->col_count(s->stmt);
}

const char *db_col_name(db_stmt *s, int col)
{
    return s->d->be->col_name(s->stmt, col);
}

int db_col_is_null(db_stmt *s, int col)
{
    return s->d->be->col_is_null(s->stmt, col);
}

const char *db_col_text(db_stmt *s, int col)
{
    return s->d->be->col_text(s->stmt, col);
}

int64_t db_col_int64(db_stmt *s, int col)
{
    return s->d->be->col_int64(s->stmt, col);
}

double db_col_double(db_stmt *s, int col)
{
    return s->d->be->col_double(s->stmt, col);
}

int64_t db_changes(db *d)
{
    return d->be->changes(d->conn);
}

int db_begin(db *d, err *e)
{
    if (d->depth == 0) {
        if (db_exec(d, d->be->begin_sql, e))
            return -1;
        d->failed = 0;
    }
    d->depth++;
    return 0;
}

int db_commit(db *d, err *e)
{
    if (d->depth == 0)
        return err_internal(e, "commit without a transaction");
    if (--d->depth > 0)
        return 0;
    if (d->failed) {
        err ignored;
        db_exec(d, "ROLLBACK", &ignored);
        d->failed = 0;
        return err_internal(e, "commit after an inner rollback: nothing was saved");
    }
    if (db_exec(d, "COMMIT", e)) {
        err ignored;
        db_exec(d, "ROLLBACK", &ignored);
        return -1;
    }
    return 0;
}

void db_rollback(db *d)
{
    if (d->depth == 0)
        return;
    err ignored;
    if (--d->depth == 0) {
        db_exec(d, "ROLLBACK", &ignored);
        d->failed = 0;
    } else {
        d->failed = 1;
    }
}

int db_query_int64(db *d, const char *sql, int64_t *out, err *e)
{
    db_stmt *s;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_step(s, e);
    if (rc == DB_ROW)
        *out = db_col_int64(s, 0);
    else if (rc == DB_DONE)
        rc = err_internal(e, "query returned no row: %s", sql);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int past_deadline(void *arg)
{
    db *d = arg;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    if ((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec < d->deadline_ns)
        return 0;
    d->hit_deadline = 1;
    return 1;
}

void db_set_deadline(db *d, int64_t deadline_ns)
{
    if (!d || (!deadline_ns && !d->deadline_ns))
        return;
    d->deadline_ns = deadline_ns;
    d->hit_deadline = 0;
    if (d->be->on_progress) {
        d->be->on_progress(d->conn, deadline_ns ? past_deadline : NULL, d);
        return;
    }
    /* A server-side limit per statement: the time left when the deadline is set. */
    int64_t ms = 0;
    if (deadline_ns) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ms = (deadline_ns - ((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec)) / 1000000;
        if (ms < 1)
            ms = 1;
    }
    d->be->set_timeout(d->conn, ms);
}

const db_backend *db_backend_of(db *d, void **conn)
{
    *conn = d->conn;
    return d->be;
}

const char *db_dialect(const db *d)
{
    return d->be->name;
}
