/* bulk: many rows into one table at once. On PostgreSQL a load is one `COPY ... FROM STDIN`
 * sent in large batches (a round trip per batch, not per row); elsewhere one prepared INSERT
 * run for each row.
 *
 *   db_bulk *b;
 *   if (db_bulk_begin(d, "t", cols, 3, &b, e)) return -1;
 *   for (...) if (db_bulk_row(b, values, e)) { db_bulk_abort(b); return -1; }
 *   return db_bulk_end(b, e);
 *
 * A load is a nested transaction (db_begin), so it is all or nothing and joins the caller's:
 * on any failure (db_bulk_row, db_bulk_end or db_bulk_abort) none of its rows stay, and, as
 * after any nested rollback, the caller's transaction will not commit.
 *
 * A row's values are text, or NULL for SQL NULL, written as SQL reads a literal of the
 * column's type ("2.5" for a REAL, "1" or "0" for a boolean); or typed (db_bulk_row_typed),
 * which SQLite binds as they are, with no text made or read, and which PostgreSQL receives
 * with every bit of a double.
 *
 * Errors name the table and the row (counted from 1 in the order given). PostgreSQL checks
 * the rows as they arrive, so db_bulk_row or db_bulk_end may report a row given earlier.
 *
 * While a load is open its db must run nothing else: on PostgreSQL the connection is busy
 * with the COPY. Ownership: db_bulk_begin gives a load that db_bulk_end or db_bulk_abort
 * frees (db_bulk_end also on failure). */
#ifndef UNLOCK_DB_BULK_H
#define UNLOCK_DB_BULK_H

#include "db/db.h"

#include <stdint.h>

typedef struct db_bulk db_bulk;

/* Inserts into table's columns (the others take their defaults). */
int db_bulk_begin(db *d, const char *table, const char *const *columns, int ncolumns, db_bulk **out,
                  err *e);
/* The same, but the first nkey columns are a key the table holds unique: a row whose key is
 * stored already replaces that row's other columns (within one load the last such row wins),
 * as INSERT ... ON CONFLICT (key) DO UPDATE. */
int db_bulk_begin_upsert(db *d, const char *table, const char *const *columns, int ncolumns,
                         int nkey, db_bulk **out, err *e);
/* One row: ncolumns values, in the order of the columns. */
int db_bulk_row(db_bulk *b, const char *const *values, err *e);

typedef enum { DB_NULL, DB_TEXT, DB_INT, DB_DOUBLE } db_value_type;
typedef struct db_value {
    db_value_type type;
    const char *text; /* DB_TEXT (NULL reads as SQL NULL) */
    int64_t i;        /* DB_INT */
    double d;         /* DB_DOUBLE */
} db_value;
#define DB_V_TEXT(s) ((db_value){.type = DB_TEXT, .text = (s)})
#define DB_V_INT(v) ((db_value){.type = DB_INT, .i = (v)})
#define DB_V_DOUBLE(v) ((db_value){.type = DB_DOUBLE, .d = (v)})

/* The same with typed values. */
int db_bulk_row_typed(db_bulk *b, const db_value *values, err *e);
/* Sends what is left, checks the result and ends the load's transaction; frees b. */
int db_bulk_end(db_bulk *b, err *e);
/* Abandons the load: none of its rows stay. Frees b; NULL does nothing. */
void db_bulk_abort(db_bulk *b);
/* Rows given so far. */
int64_t db_bulk_rows(const db_bulk *b);

#endif
