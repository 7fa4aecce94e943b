/* backend: what a database back end provides to db.c. Private to src/db/. */
#ifndef UNLOCK_DB_BACKEND_H
#define UNLOCK_DB_BACKEND_H

#include "db/db.h"

typedef struct db_backend {
    const char *name;
    /* Starts a transaction that will write. SQLite takes the write lock at once ("BEGIN
     * IMMEDIATE"): a deferred transaction that reads first and then writes cannot wait for
     * another writer (it would deadlock) and fails with SQLITE_BUSY instead. */
    const char *begin_sql;
    int (*open)(const char *target, void **conn, err *e);
    void (*close)(void *conn);
    int (*exec)(void *conn, const char *sql, err *e);
    int (*prepare)(void *conn, const char *sql, void **stmt, err *e);
    void (*finalize)(void *stmt);
    void (*reset)(void *stmt);
    int (*bind_text)(void *stmt, int idx, const char *v, err *e);
    int (*bind_int64)(void *stmt, int idx, int64_t v, err *e);
    int (*bind_double)(void *stmt, int idx, double v, err *e);
    int (*bind_null)(void *stmt, int idx, err *e);
    int (*step)(void *stmt, err *e);
    int (*param_count)(void *stmt); /* the highest ?N the SQL names */
    int (*col_count)(void *stmt);
    const char *(*col_name)(void *stmt, int col);
    int (*col_is_null)(void *stmt, int col);
    const char *(*col_text)(void *stmt, int col);
    int64_t (*col_int64)(void *stmt, int col);
    double (*col_double)(void *stmt, int col);
    int64_t (*changes)(void *conn);
    /* Calls stop(arg) every so often while a statement runs and abandons the
     * statement when it returns non-zero; stop NULL removes it. */
    void (*on_progress)(void *conn, int (*stop)(void *arg), void *arg);
    /* For a back end without on_progress: a limit on each statement (0: none). A statement
     * stopped by it fails with e->timed_out set. */
    void (*set_timeout)(void *conn, int64_t ms);
} db_backend;

extern const db_backend db_sqlite_backend;
extern const db_backend db_postgres_backend;

#endif
