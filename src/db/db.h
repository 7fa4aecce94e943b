/* db: the one SQL interface unlock uses, over interchangeable back ends.
 *
 * Open by URL: "sqlite:PATH" or a bare PATH (SQLite, the default);
 * "postgres://..." or "postgresql://..." (a libpq connection URI) for PostgreSQL. SQL passed here is
 * portable: `?` placeholders (a back end that numbers them, like libpq's $1,
 * rewrites them), values always bound, never pasted into the text.
 *
 * Ownership: db_open gives the caller a `db` to db_close; db_prepare gives a
 * statement to db_finalize. Text returned by db_col_text belongs to the
 * statement and is valid until the next db_step, db_reset or db_finalize. */
#ifndef UNLOCK_DB_DB_H
#define UNLOCK_DB_DB_H

#include "util/err.h"

#include <stdint.h>

typedef struct db db;
typedef struct db_stmt db_stmt;

enum { DB_ROW = 1, DB_DONE = 0 }; /* db_step results; -1 is an error */

/* The default location when neither --db nor UNLOCK_DB is given. */
#define DB_DEFAULT_URL "unlock.db"

/* Picks the URL: the flag when given, else $UNLOCK_DB, else DB_DEFAULT_URL. */
const char *db_url_choose(const char *flag);

/* Opens (creating if needed) the database at url. Does not migrate: see db_migrate. */
int db_open(const char *url, db **out, err *e);
void db_close(db *d);

/* Runs one or more statements that take no parameters (schema, pragmas). */
int db_exec(db *d, const char *sql, err *e);

int db_prepare(db *d, const char *sql, db_stmt **out, err *e);
void db_finalize(db_stmt *s);
/* Clears bindings and rewinds, so the statement can run again. */
void db_reset(db_stmt *s);

/* Parameters are numbered from 1. A NULL text binds SQL NULL. */
int db_bind_text(db_stmt *s, int idx, const char *v, err *e);
int db_bind_int64(db_stmt *s, int idx, int64_t v, err *e);
int db_bind_double(db_stmt *s, int idx, double v, err *e);
int db_bind_null(db_stmt *s, int idx, err *e);

/* Returns DB_ROW when a row is ready, DB_DONE when finished, -1 on error. */
int db_step(db_stmt *s, err *e);

/* Columns are numbered from 0. */
/* The highest parameter number (?N) the statement names. */
int db_param_count(db_stmt *s);
int db_col_count(db_stmt *s);
const char *db_col_name(db_stmt *s, int col);
int db_col_is_null(db_stmt *s, int col);
const char *db_col_text(db_stmt *s, int col); /* NULL for SQL NULL */
int64_t db_col_int64(db_stmt *s, int col);
double db_col_double(db_stmt *s, int col);

/* Rows changed by the last INSERT, UPDATE or DELETE on this connection. */
int64_t db_changes(db *d);

/* Transactions nest: only the outermost begin/commit reach the database, and a
 * rollback at any depth rolls back everything (callers then unwind). */
int db_begin(db *d, err *e);
int db_commit(db *d, err *e);
void db_rollback(db *d);

/* Ends any statement still running at deadline_ns (CLOCK_MONOTONIC nanoseconds;
 * 0: no deadline), so that a runaway query cannot hold a server's worker: the
 * step fails with a user error whose timed_out flag is set. The check runs
 * every few thousand steps of the database's engine, so it costs next to
 * nothing. */
void db_set_deadline(db *d, int64_t deadline_ns);

/* "sqlite" or "postgres": for the few statements whose SQL must differ (full-text
 * search, the catalogue). Everything else is written once, portably. */
const char *db_dialect(const db *d);

/* Runs a query with no parameters and returns the first column of the first row as int64. */
int db_query_int64(db *d, const char *sql, int64_t *out, err *e);

/* Brings the schema up to date: applies every migration not yet recorded in
 * schema_migrations, all in one transaction. *applied (may be NULL) says how many ran. */
int db_migrate(db *d, int *applied, err *e);

#endif
