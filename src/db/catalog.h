/* catalog: what tables and columns a database holds, asked of the back end's own catalogue
 * (so a list cannot go stale as migrations add tables). */
#ifndef UNLOCK_DB_CATALOG_H
#define UNLOCK_DB_CATALOG_H

#include "db/db.h"

typedef struct db_column {
    char *name;
    char type; /* 'i' integer, 'd' floating point, 's' text */
} db_column;

typedef struct db_table {
    char *name;
    db_column *columns;
    int ncolumns;
    char **refers;  /* the other tables its foreign keys point at */
    int nrefers;
} db_table;

/* The application's tables, parents before the tables that refer to them: not the back end's own, not schema_migrations, not the
 * full-text index (it is rebuilt, not copied). */
int db_tables(db *d, db_table **out, int *n, err *e);
void db_tables_free(db_table *t, int n);

/* After rows were copied in with their ids: PostgreSQL's identity sequences are moved past
 * the largest id, so the next row gets a new one. Nothing to do on SQLite. */
int db_identity_catch_up(db *d, const char *table, err *e);

#endif
