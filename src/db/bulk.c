/* bulk: see bulk.h. Two ways in: COPY where the back end has it (PostgreSQL; the SQL written
 * here for it is PostgreSQL's), else a prepared INSERT run once a row.
 *
 * On PostgreSQL a load runs under a savepoint: a refused COPY aborts the transaction it runs
 * in, and the savepoint keeps the caller's transaction usable until it unwinds. An upsert
 * cannot COPY into its table (COPY has no ON CONFLICT): the rows go into a temporary staging
 * table shaped like it, numbered as they come, then into the table by one INSERT ... SELECT
 * that keeps each key's last row. */
#include "db/bulk.h"

#include "db/backend.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* COPY data is sent in batches of about this many bytes: one round trip each. */
#define BATCH_BYTES (256 * 1024)
#define STAGE "unlock_bulk_stage"

struct db_bulk {
    db *d;
    const db_backend *be;
    void *conn;
    char *table;
    int ncolumns;
    int64_t rows;
    db_stmt *insert; /* the INSERT way */
    int copying;     /* the COPY way: a COPY is open on the connection */
    strbuf data;     /* COPY text not yet sent */
    char *merge_sql; /* an upsert: its staging table into the table, then dropped */
    db_value *row;   /* ncolumns: db_bulk_row's text as values */
};

/* Names go into SQL text: only plain ones are accepted (they come from code, not input). */
static int plain_name(const char *name, err *e)
{
    if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
                      strlen(name))
        return err_internal(e, "bulk load: '%s' is not a plain table or column name", name);
    return 0;
}

static void add_names(strbuf *sql, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        strbuf_addf(sql, "%s\"%s\"", i ? ", " : "", names[i]);
}

/* "ON CONFLICT (key) DO UPDATE SET c = excluded.c, ...", or DO NOTHING when all is key. */
static void add_on_conflict(strbuf *sql, const char *const *cols, int ncols, int nkey)
{
    strbuf_adds(sql, " ON CONFLICT (");
    add_names(sql, cols, nkey);
    if (nkey == ncols) {
        strbuf_adds(sql, ") DO NOTHING");
        return;
    }
    strbuf_adds(sql, ") DO UPDATE SET ");
    for (int i = nkey; i < ncols; i++)
        strbuf_addf(sql, "%s\"%s\" = excluded.\"%s\"", i > nkey ? ", " : "", cols[i], cols[i]);
}

/* "INSERT INTO table (c, ...) ", for the row's VALUES or the staging table's SELECT. */
static void add_insert_into(strbuf *sql, const char *table, const char *const *cols, int ncols)
{
    strbuf_addf(sql, "INSERT INTO \"%s\" (", table);
    add_names(sql, cols, ncols);
    strbuf_adds(sql, ") ");
}

static int start_insert(db_bulk *b, const char *const *cols, int nkey, err *e)
{
    strbuf sql = STRBUF_INIT;
    add_insert_into(&sql, b->table, cols, b->ncolumns);
    strbuf_adds(&sql, "VALUES (");
    for (int i = 0; i < b->ncolumns; i++)
        strbuf_adds(&sql, i ? ", ?" : "?");
    strbuf_adds(&sql, ")");
    if (nkey)
        add_on_conflict(&sql, cols, b->ncolumns, nkey);
    int rc = db_prepare(b->d, sql.buf, &b->insert, e);
    strbuf_free(&sql);
    return rc;
}

static int start_copy(db_bulk *b, const char *const *cols, int nkey, err *e)
{
    if (db_exec(b->d, "SAVEPOINT unlock_bulk", e))
        return -1;
    strbuf sql = STRBUF_INIT;
    const char *into = b->table;
    if (nkey) {
        /* Checks and NOT NULLs come along (bad rows fail in the COPY, with their row); the
         * key's uniqueness does not (a load may name a key twice). */
        strbuf_addf(&sql,
                    "CREATE TEMP TABLE " STAGE " (LIKE \"%s\" INCLUDING DEFAULTS INCLUDING "
                    "CONSTRAINTS, unlock_bulk_row BIGSERIAL)",
                    b->table);
        int rc = db_exec(b->d, sql.buf, e);
        strbuf_reset(&sql);
        if (rc) {
            strbuf_free(&sql);
            return -1;
        }
        into = STAGE;
        add_insert_into(&sql, b->table, cols, b->ncolumns);
        strbuf_adds(&sql, "SELECT ");
        add_names(&sql, cols, b->ncolumns);
        strbuf_adds(&sql, " FROM (SELECT DISTINCT ON (");
        add_names(&sql, cols, nkey);
        strbuf_adds(&sql, ") * FROM " STAGE " ORDER BY ");
        add_names(&sql, cols, nkey);
        strbuf_adds(&sql, ", unlock_bulk_row DESC) last_of_each_key");
        add_on_conflict(&sql, cols, b->ncolumns, nkey);
        strbuf_adds(&sql, "; DROP TABLE " STAGE);
        b->merge_sql = strbuf_detach(&sql, NULL);
    }
    strbuf_addf(&sql, "COPY \"%s\" (", into);
    add_names(&sql, cols, b->ncolumns);
    strbuf_adds(&sql, ") FROM STDIN");
    int rc = b->be->copy_begin(b->conn, sql.buf, e);
    strbuf_free(&sql);
    if (rc)
        return -1;
    b->copying = 1;
    return 0;
}

/* Undoes what the load did and ends its transaction (the caller's will not commit). */
static void undo(db_bulk *b)
{
    if (b->copying)
        b->be->copy_cancel(b->conn);
    b->copying = 0;
    if (b->be->copy_begin) {
        err ignored = {0};
        db_exec(b->d, "ROLLBACK TO SAVEPOINT unlock_bulk; RELEASE SAVEPOINT unlock_bulk", &ignored);
    }
    db_rollback(b->d);
}

static void bulk_free(db_bulk *b)
{
    db_finalize(b->insert);
    strbuf_free(&b->data);
    free(b->merge_sql);
    free(b->row);
    free(b->table);
    free(b);
}

static int begin(db *d, const char *table, const char *const *cols, int ncols, int nkey,
                 db_bulk **out, err *e)
{
    if (ncols < 1 || nkey < 0 || nkey > ncols)
        return err_internal(e, "bulk load into %s: %d columns, %d of them key", table, ncols, nkey);
    if (plain_name(table, e))
        return -1;
    for (int i = 0; i < ncols; i++)
        if (plain_name(cols[i], e))
            return -1;
    if (db_begin(d, e))
        return -1;
    db_bulk *b = xcalloc(1, sizeof *b);
    b->d = d;
    b->be = db_backend_of(d, &b->conn);
    b->table = xstrdup(table);
    b->ncolumns = ncols;
    b->row = xcalloc((size_t)ncols, sizeof *b->row);
    if (b->be->copy_begin ? start_copy(b, cols, nkey, e) : start_insert(b, cols, nkey, e)) {
        err_prefix(e, "loading %s", table);
        undo(b);
        bulk_free(b);
        return -1;
    }
    *out = b;
    return 0;
}

int db_bulk_begin(db *d, const char *table, const char *const *columns, int ncolumns, db_bulk **out,
                  err *e)
{
    return begin(d, table, columns, ncolumns, 0, out, e);
}

int db_bulk_begin_upsert(db *d, const char *table, const char *const *columns, int ncolumns,
                         int nkey, db_bulk **out, err *e)
{
    if (nkey < 1)
        return err_internal(e, "bulk upsert into %s: no key columns", table);
    return begin(d, table, columns, ncolumns, nkey, out, e);
}

/* Names the table, and the row (and column) when known, in front of the back end's message. */
static int row_failed(db_bulk *b, long row, err *e)
{
    if (!e)
        return -1;
    if (row <= 0)
        err_prefix(e, "loading %s", b->table);
    else if (e->field[0])
        err_prefix(e, "loading %s, row %ld, column %s", b->table, row, e->field);
    else
        err_prefix(e, "loading %s, row %ld", b->table, row);
    if (row > 0 && !e->line)
        err_at(e, row, NULL);
    return -1;
}

/* COPY's text format: backslash escapes for the separators, \N for NULL. */
static void add_copy_text(strbuf *sb, const char *v)
{
    if (!v) {
        strbuf_add(sb, "\\N", 2);
        return;
    }
    for (;;) {
        size_t n = strcspn(v, "\\\t\n\r");
        strbuf_add(sb, v, n);
        v += n;
        if (!*v)
            return;
        static const char code[] = {['\\'] = '\\', ['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r'};
        strbuf_addc(sb, '\\');
        strbuf_addc(sb, code[(unsigned char)*v]);
        v++;
    }
}

static void add_copy_value(strbuf *sb, const db_value *v)
{
    char num[32];
    switch (v->type) {
    case DB_TEXT:
        add_copy_text(sb, v->text);
        return;
    case DB_INT:
        strbuf_add(sb, num, (size_t)snprintf(num, sizeof num, "%lld", (long long)v->i));
        return;
    case DB_DOUBLE:
        /* 17 significant digits read back as the same double. */
        strbuf_add(sb, num, (size_t)snprintf(num, sizeof num, "%.17g", v->d));
        return;
    case DB_NULL:
        break;
    }
    add_copy_text(sb, NULL);
}

static int send_data(db_bulk *b, err *e)
{
    long bad_row = 0;
    int rc = b->be->copy_data(b->conn, b->data.buf, b->data.len, &bad_row, e);
    strbuf_reset(&b->data);
    if (rc) {
        b->copying = 0; /* the server ended it */
        return row_failed(b, bad_row, e);
    }
    return 0;
}

static int bind_value(db_stmt *s, int idx, const db_value *v, err *e)
{
    switch (v->type) {
    case DB_TEXT:
        return db_bind_text(s, idx, v->text, e);
    case DB_INT:
        return db_bind_int64(s, idx, v->i, e);
    case DB_DOUBLE:
        return db_bind_double(s, idx, v->d, e);
    case DB_NULL:
        break;
    }
    return db_bind_null(s, idx, e);
}

static int insert_row(db_bulk *b, const db_value *values, err *e)
{
    db_reset(b->insert);
    for (int i = 0; i < b->ncolumns; i++)
        if (bind_value(b->insert, i + 1, &values[i], e))
            return row_failed(b, (long)b->rows, e);
    if (db_step(b->insert, e) < 0)
        return row_failed(b, (long)b->rows, e);
    return 0;
}

int db_bulk_row_typed(db_bulk *b, const db_value *values, err *e)
{
    b->rows++;
    if (b->insert)
        return insert_row(b, values, e);
    if (!b->copying)
        return err_internal(e, "loading %s: the load has already failed", b->table);
    for (int i = 0; i < b->ncolumns; i++) {
        if (i)
            strbuf_addc(&b->data, '\t');
        add_copy_value(&b->data, &values[i]);
    }
    strbuf_addc(&b->data, '\n');
    return b->data.len >= BATCH_BYTES ? send_data(b, e) : 0;
}

int db_bulk_row(db_bulk *b, const char *const *values, err *e)
{
    for (int i = 0; i < b->ncolumns; i++)
        b->row[i] = DB_V_TEXT(values[i]);
    return db_bulk_row_typed(b, b->row, e);
}

static int finish_copy(db_bulk *b, err *e)
{
    if (!b->copying)
        return err_internal(e, "loading %s: the load has already failed", b->table);
    if (b->data.len && send_data(b, e))
        return -1;
    long bad_row = 0;
    b->copying = 0;
    if (b->be->copy_end(b->conn, &bad_row, e))
        return row_failed(b, bad_row, e);
    if (b->merge_sql && db_exec(b->d, b->merge_sql, e))
        return row_failed(b, 0, e);
    return db_exec(b->d, "RELEASE SAVEPOINT unlock_bulk", e);
}

int db_bulk_end(db_bulk *b, err *e)
{
    int rc = b->insert ? 0 : finish_copy(b, e);
    if (rc) {
        undo(b);
        bulk_free(b);
        return -1;
    }
    db *d = b->d;
    bulk_free(b);
    return db_commit(d, e);
}

void db_bulk_abort(db_bulk *b)
{
    if (!b)
        return;
    undo(b);
    bulk_free(b);
}

int64_t db_bulk_rows(const db_bulk *b)
{
    return b->rows;
}
