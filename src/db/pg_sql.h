/* pg_sql: turning unlock's portable SQL text into PostgreSQL's. Private to src/db/. */
#ifndef UNLOCK_DB_PG_SQL_H
#define UNLOCK_DB_PG_SQL_H

#include <stddef.h>

/* SQLite-style placeholders (`?`, `?N`) as libpq's `$N`, numbered as SQLite numbers them:
 * a bare `?` is one more than the highest number so far. Quoted text, quoted names and
 * comments are left alone. *nparams gets the highest number. Returns malloc'd text. */
char *pg_sql_numbered(const char *sql, int *nparams);

/* A migration's text for PostgreSQL: the lines between `-- @sqlite` and `-- @all` are
 * dropped, those after `-- @postgres` kept (the markers let a file say what differs),
 * and the column types take PostgreSQL's names for SQLite's meaning: INTEGER is 64-bit
 * (BIGINT), INTEGER PRIMARY KEY numbers new rows itself (an identity), REAL is double.
 * With postgres 0, only the sections are applied. Returns malloc'd text. */
char *pg_sql_migration(const char *sql, int postgres);

/* A connection URL fit to show: any password replaced by "***". */
void pg_url_redacted(const char *url, char *out, size_t n);

#endif
