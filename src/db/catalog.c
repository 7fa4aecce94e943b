#include "db/catalog.h"

#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int postgres(db *d)
{
    return strcmp(db_dialect(d), "postgres") == 0;
}

static const char *const tables_sql_sqlite =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
    "name <> 'schema_migrations' AND name NOT LIKE 'conversations_fts%' ORDER BY name";
static const char *const tables_sql_postgres =
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND "
    "table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' AND table_name NOT LIKE "
    "'conversations_fts%' ORDER BY table_name";
/* name, declared type */
static const char *const columns_sql_sqlite =
    "SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid";
static const char *const columns_sql_postgres =
    "SELECT column_name, upper(data_type) FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER' "
    "ORDER BY ordinal_position";

/* The tables a table's foreign keys point at. */
static const char *const references_sql_sqlite =
    "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)";
static const char *const references_sql_postgres =
    "SELECT DISTINCT u.table_name FROM information_schema.table_constraints c JOIN "
    "information_schema.constraint_column_usage u ON u.constraint_schema = c.constraint_schema "
    "AND u.constraint_name = c.constraint_name WHERE c.constraint_type = 'FOREIGN KEY' AND "
    "c.table_schema = current_schema() AND c.table_name = ?";

static char type_of(const char *declared)
{
    if (!declared)
        return 's';
    if (strstr(declared, "INT"))
        return 'i';
    if (strstr(declared, "REAL") || strstr(declared, "DOUB") || strstr(declared, "FLOA") ||
        strstr(declared, "NUMERIC"))
        return 'd';
    return 's';
}

static int read_columns(db *d, db_table *t, err *e)
{
    db_stmt *s;
    if (db_prepare(d, postgres(d) ? columns_sql_postgres : columns_sql_sqlite, &s, e))
        return -1;
    int rc = db_bind_text(s, 1, t->name, e), cap = 0;
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        if (t->ncolumns == cap) {
            cap = cap ? cap * 2 : 16;
            t->columns = xrealloc(t->columns, sizeof *t->columns * (size_t)cap);
        }
        t->columns[t->ncolumns++] =
            (db_column){xstrdup(db_col_text(s, 0)), type_of(db_col_text(s, 1))};
        rc = 0;
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int read_references(db *d, db_table *t, err *e)
{
    db_stmt *s;
    if (db_prepare(d, postgres(d) ? references_sql_postgres : references_sql_sqlite, &s, e))
        return -1;
    int rc = db_bind_text(s, 1, t->name, e), cap = 0;
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        if (strcmp(db_col_text(s, 0), t->name) == 0)
            continue; /* a table pointing at itself (a parent) */
        if (t->nrefers == cap) {
            cap = cap ? cap * 2 : 4;
            t->refers = xrealloc(t->refers, sizeof *t->refers * (size_t)cap);
        }
        t->refers[t->nrefers++] = xstrdup(db_col_text(s, 0));
        rc = 0;
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int placed(const db_table *t, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return 1;
    return 0;
}

/* Parents before children, so that a copy in this order satisfies keys that are checked at
 * once (not all of them are deferrable). A cycle keeps its tables in name order. */
static void order_by_references(db_table *t, int n)
{
    db_table *sorted = xcalloc((size_t)n + 1, sizeof *sorted);
    int *used = xcalloc((size_t)n + 1, sizeof *used), done = 0;
    while (done < n) {
        int progress = 0;
        for (int i = 0; i < n; i++) {
            if (used[i])
                continue;
            int ready = 1;
            for (int r = 0; r < t[i].nrefers && ready; r++)
                ready = placed(sorted, done, t[i].refers[r]);
            if (ready) {
                sorted[done++] = t[i];
                used[i] = progress = 1;
            }
        }
        for (int i = 0; i < n && !progress; i++)
            if (!used[i]) {
                sorted[done++] = t[i];
                used[i] = progress = 1;
            }
    }
    memcpy(t, sorted, sizeof *t * (size_t)n);
    free(sorted);
    free(used);
}

int db_tables(db *d, db_table **out, int *n, err *e)
{
    *out = NULL;
    *n = 0;
    db_stmt *s;
    if (db_prepare(d, postgres(d) ? tables_sql_postgres : tables_sql_sqlite, &s, e))
        return -1;
    int rc, cap = 0;
    db_table *t = NULL;
    while ((rc = db_step(s, e)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            t = xrealloc(t, sizeof *t * (size_t)cap);
        }
        t[(*n)++] = (db_table){.name = xstrdup(db_col_text(s, 0))};
    }
    db_finalize(s);
    for (int i = 0; i < *n && rc >= 0; i++)
        if (read_columns(d, &t[i], e) || read_references(d, &t[i], e))
            rc = -1;
    if (rc < 0) {
        db_tables_free(t, *n);
        *n = 0;
        return -1;
    }
    order_by_references(t, *n);
    *out = t;
    return 0;
}

void db_tables_free(db_table *t, int n)
{
    for (int i = 0; i < n; i++) {
        for (int c = 0; c < t[i].ncolumns; c++)
            free(t[i].columns[c].name);
        free(t[i].columns);
        for (int r = 0; r < t[i].nrefers; r++)
            free(t[i].refers[r]);
        free(t[i].refers);
        free(t[i].name);
    }
    free(t);
}

int db_identity_catch_up(db *d, const char *table, err *e)
{
    if (!postgres(d))
        return 0;
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                   "current_schema() AND table_name = ? AND is_identity = 'YES'",
                   &s, e))
        return -1;
    char *column = NULL;
    int rc = db_bind_text(s, 1, table, e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW)
        column = xstrdup(db_col_text(s, 0));
    db_finalize(s);
    if (rc < 0 || !column) {
        free(column);
        return rc < 0 ? -1 : 0;
    }
    strbuf sql = STRBUF_INIT;
    /* Table and column names come from the catalogue, not from a user. */
    strbuf_addf(&sql,
                "SELECT setval(pg_get_serial_sequence('%s', '%s'), max(\"%s\")) FROM \"%s\" "
                "HAVING max(\"%s\") IS NOT NULL",
                table, column, column, table, column);
    rc = db_prepare(d, sql.buf, &s, e);
    if (!rc) {
        rc = db_step(s, e) < 0 ? -1 : 0;
        db_finalize(s);
    }
    strbuf_free(&sql);
    free(column);
    return rc;
}
