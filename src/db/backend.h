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
    /* Bulk loading (bulk.c) for a back end with a faster way in than an INSERT per row; NULL
     * where there is none. copy_begin runs `sql`, a `COPY ... FROM STDIN` in text format;
     * copy_data sends the next bytes of its data; copy_end finishes it. When the server
     * refuses the data (at copy_data or copy_end, which then ends the COPY) e says why,
     * *bad_row is the row it stopped at (from 1; 0 when it does not say) and e->field the
     * column, when it says. copy_cancel abandons a COPY still open: nothing of it is kept. */
    int (*copy_begin)(void *conn, const char *sql, err *e);
    int (*copy_data)(void *conn, const char *data, size_t n, long *bad_row, err *e);
    int (*copy_end)(void *conn, long *bad_row, err *e);
    void (*copy_cancel)(void *conn);
} db_backend;

/* The back end under d and its connection: for the rest of src/db (bulk.c). */
const db_backend *db_backend_of(db *d, void **conn);

extern const db_backend db_sqlite_backend;
extern const db_backend db_postgres_backend;

#endif
