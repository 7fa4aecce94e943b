#include "db/copy.h"

#include "db/bulk.h"
#include "db/catalog.h"
#include "util/strbuf.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROGRESS_ROWS 10000

static void select_sql(const db_table *t, strbuf *sql)
{
    strbuf_adds(sql, "SELECT ");
    for (int c = 0; c < t->ncolumns; c++)
        strbuf_addf(sql, "%s\"%s\"", c ? ", " : "", t->columns[c].name);
    strbuf_addf(sql, " FROM \"%s\"", t->name);
}

/* One row's canonical text, typed by the schema (so 0.1 reads the same from both back ends),
 * hashed; the table's checksum is the sum of its rows' hashes, whatever order they come in. */
static void add_row_hash(db_stmt *s, const db_table *t, uint64_t sum[2])
{
    strbuf row = STRBUF_INIT;
    for (int c = 0; c < t->ncolumns; c++) {
        if (db_col_is_null(s, c))
            strbuf_adds(&row, "\x01N");
        else if (t->columns[c].type == 'i')
            strbuf_addf(&row, "\x01i%lld", (long long)db_col_int64(s, c));
        else if (t->columns[c].type == 'd')
            strbuf_addf(&row, "\x01d%.17g", db_col_double(s, c));
        else
            strbuf_addf(&row, "\x01s%s", db_col_text(s, c));
    }
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)row.buf, row.len, NULL, 0);
    uint64_t a, b;
    memcpy(&a, h, 8);
    memcpy(&b, h + 8, 8);
    sum[0] += a;
    sum[1] += b;
    strbuf_free(&row);
}

static int table_checksum(db *d, const db_table *t, int64_t *rows, char hex[33], err *e)
{
    strbuf sql = STRBUF_INIT;
    select_sql(t, &sql);
    db_stmt *s;
    int rc = db_prepare(d, sql.buf, &s, e);
    strbuf_free(&sql);
    if (rc)
        return -1;
    uint64_t sum[2] = {0, 0};
    *rows = 0;
    while ((rc = db_step(s, e)) == DB_ROW) {
        add_row_hash(s, t, sum);
        (*rows)++;
    }
    db_finalize(s);
    snprintf(hex, 33, "%016llx%016llx", (unsigned long long)sum[0], (unsigned long long)sum[1]);
    return rc < 0 ? -1 : 0;
}

/* A value as the schema types it (so 0.1 goes in as the double it is on both back ends). */
static db_value value_of(db_stmt *from, const db_column *col, int c)
{
    if (db_col_is_null(from, c))
        return (db_value){.type = DB_NULL};
    if (col->type == 'i')
        return DB_V_INT(db_col_int64(from, c));
    if (col->type == 'd')
        return DB_V_DOUBLE(db_col_double(from, c));
    return DB_V_TEXT(db_col_text(from, c));
}

static int copy_rows(db *from, db *to, const db_table *t, int64_t *copied,
                     void (*progress)(const char *, int64_t, void *), void *arg, err *e)
{
    strbuf rd = STRBUF_INIT;
    select_sql(t, &rd);
    db_stmt *src = NULL;
    db_bulk *dst = NULL;
    const char **names = xcalloc((size_t)t->ncolumns, sizeof *names);
    db_value *values = xcalloc((size_t)t->ncolumns, sizeof *values);
    for (int c = 0; c < t->ncolumns; c++)
        names[c] = t->columns[c].name;
    int rc = db_prepare(from, rd.buf, &src, e);
    if (!rc)
        rc = db_bulk_begin(to, t->name, names, t->ncolumns, &dst, e);
    while (!rc && (rc = db_step(src, e)) == DB_ROW) {
        for (int c = 0; c < t->ncolumns; c++)
            values[c] = value_of(src, &t->columns[c], c);
        rc = db_bulk_row_typed(dst, values, e);
        if (!rc && ++*copied % PROGRESS_ROWS == 0 && progress)
            progress(t->name, *copied, arg);
    }
    if (!rc) {
        rc = db_bulk_end(dst, e);
        dst = NULL;
    }
    db_bulk_abort(dst);
    if (rc < 0)
        err_prefix(e, "copying table %s", t->name);
    db_finalize(src);
    free(names);
    free(values);
    strbuf_free(&rd);
    return rc < 0 ? -1 : 0;
}

/* The full-text index is derived from conversations: rebuilt on the destination in its own
 * dialect (FTS5 or tsvector) by the same INSERT both accept. */
static int rebuild_search(db *from, db *to, err *e)
{
    db_column c[7] = {{"rowid", 'i'}, {"title", 's'}, {"what_matters", 's'}, {"concerns", 's'},
                      {"ideas", 's'}, {"agreements", 's'}, {"notes", 's'}};
    db_table t = {.name = "conversations_fts", .columns = c, .ncolumns = 7};
    int64_t copied = 0;
    if (db_exec(to, "DELETE FROM conversations_fts", e))
        return -1;
    return copy_rows(from, to, &t, &copied, NULL, NULL, e);
}

static int empty_or_emptied(db *to, const db_table *t, int replace, err *e)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\"", t->name);
    int64_t n = 0;
    if (db_query_int64(to, sql, &n, e))
        return -1;
    if (!n)
        return 0;
    if (!replace)
        return err_user(e,
                        "the destination already holds data (%lld rows in %s): copy into an "
                        "empty database, or give --replace to empty it first",
                        (long long)n, t->name);
    snprintf(sql, sizeof sql, "DELETE FROM \"%s\"", t->name);
    return db_exec(to, sql, e);
}

int db_copy(db *from, db *to, int replace, copy_result *out,
            void (*progress)(const char *, int64_t, void *), void *arg, err *e)
{
    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return err_internal(e, "libsodium did not start");
    if (db_migrate(to, NULL, e))
        return -1;
    db_table *t = NULL;
    int n = 0;
    if (db_tables(from, &t, &n, e))
        return -1;
    if (db_begin(to, e)) {
        db_tables_free(t, n);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n && !rc; i++)
        rc = empty_or_emptied(to, &t[i], replace, e);
    out->tables = xcalloc((size_t)n + 1, sizeof *out->tables);
    for (int i = 0; i < n && !rc; i++) {
        copy_table_result *r = &out->tables[out->ntables++];
        r->table = xstrdup(t[i].name);
        if (progress)
            progress(t[i].name, 0, arg);
        int64_t copied = 0;
        rc = copy_rows(from, to, &t[i], &copied, progress, arg, e);
        if (!rc)
            rc = db_identity_catch_up(to, t[i].name, e);
        out->rows += copied;
    }
    if (!rc)
        rc = rebuild_search(from, to, e);
    /* Read both sides back, the destination inside the transaction still open. */
    int mismatches = 0;
    for (int i = 0; i < out->ntables && !rc; i++) {
        copy_table_result *r = &out->tables[i];
        rc = table_checksum(from, &t[i], &r->rows_from, r->checksum_from, e);
        if (!rc)
            rc = table_checksum(to, &t[i], &r->rows_to, r->checksum_to, e);
        if (!rc && (r->rows_from != r->rows_to || strcmp(r->checksum_from, r->checksum_to)))
            mismatches++;
    }
    if (!rc && mismatches)
        rc = err_internal(e, "%d table%s differ after the copy: nothing was kept", mismatches,
                          mismatches == 1 ? "" : "s");
    db_tables_free(t, n);
    if (rc) {
        db_rollback(to);
        return -1;
    }
    return db_commit(to, e);
}

void copy_result_free(copy_result *r)
{
    for (int i = 0; i < r->ntables; i++)
        free(r->tables[i].table);
    free(r->tables);
    memset(r, 0, sizeof *r);
}
