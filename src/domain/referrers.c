#include "domain/referrers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reference {
    char *table, *column, *target;
} reference;

typedef struct reference_list {
    reference *items;
    int count, cap;
} reference_list;

static void references_free(reference_list *l)
{
    for (int i = 0; i < l->count; i++) {
        free(l->items[i].table);
        free(l->items[i].column);
        free(l->items[i].target);
    }
    free(l->items);
}

/* The foreign keys into `table` that a delete must respect, from the database's own
 * catalogue (in SQLite, a key without a named target column points at the primary key, ""
 * here). */
static const char *const references_sql_sqlite =
    "SELECT m.name, p.\"from\", COALESCE(p.\"to\", '') FROM sqlite_master m, "
    "pragma_foreign_key_list(m.name) p WHERE m.type = 'table' AND p.\"table\" = ? "
    "AND p.on_delete IN ('NO ACTION', 'RESTRICT') ORDER BY m.name, p.\"from\"";
static const char *const references_sql_postgres =
    "SELECT k.table_name, k.column_name, t.column_name FROM "
    "information_schema.referential_constraints r JOIN information_schema.key_column_usage k "
    "ON k.constraint_schema = r.constraint_schema AND k.constraint_name = r.constraint_name "
    "JOIN information_schema.key_column_usage t ON t.constraint_schema = "
    "r.unique_constraint_schema AND t.constraint_name = r.unique_constraint_name AND "
    "t.ordinal_position = k.position_in_unique_constraint WHERE t.table_name = ? AND "
    "r.delete_rule IN ('NO ACTION', 'RESTRICT') AND k.table_schema = current_schema() "
    "ORDER BY k.table_name, k.column_name";

static int references_to(db *d, const char *table, reference_list *out, err *e)
{
    db_stmt *s;
    int postgres = strcmp(db_dialect(d), "postgres") == 0;
    if (db_prepare(d, postgres ? references_sql_postgres : references_sql_sqlite, &s, e))
        return -1;
    int rc = db_bind_text(s, 1, table, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        if (out->count == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 8;
            out->items = xrealloc(out->items, sizeof *out->items * (size_t)out->cap);
        }
        out->items[out->count++] = (reference){
            xstrdup(db_col_text(s, 0)), xstrdup(db_col_text(s, 1)), xstrdup(db_col_text(s, 2))};
        rc = 0;
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

/* An entity's name for a table ("sites"), or the table's own. */
static const char *table_label(const char *table)
{
    for (int i = 0; i < entity_def_count; i++)
        if (strcmp(entity_defs[i]->table, table) == 0)
            return entity_defs[i]->kind;
    return table;
}

/* The entity's CSV column for a database column of `table` ("organisation"), or the column. */
static const char *column_label(const char *table, const char *column)
{
    for (int i = 0; i < entity_def_count; i++) {
        const entity_def *def = entity_defs[i];
        if (strcmp(def->table, table) != 0)
            continue;
        for (int f = 0; f < def->nfields; f++)
            if (strcmp(def->fields[f].sql, column) == 0)
                return def->fields[f].column;
    }
    return column;
}

int referrers_describe(db *d, const entity_def *def, const char *const *key, strbuf *out,
                       int64_t *count, err *e)
{
    *count = 0;
    /* Only single-column keys are referred to (observations have none pointing at them). */
    if (def->nkey != 1)
        return 0;
    const char *key_column = def->fields[def->key[0]].sql;
    reference_list refs = {0};
    int rc = references_to(d, def->table, &refs, e);
    for (int i = 0; i < refs.count && !rc; i++) {
        const reference *r = &refs.items[i];
        if (r->target[0] && strcmp(r->target, key_column) != 0)
            continue;
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\" WHERE \"%s\" = ?", r->table,
                 r->column);
        db_stmt *s;
        if ((rc = db_prepare(d, sql, &s, e)))
            break;
        rc = db_bind_text(s, 1, key[0] ? key[0] : "", e);
        if (!rc)
            rc = db_step(s, e) == DB_ROW ? 0 : -1;
        int64_t n = rc ? 0 : db_col_int64(s, 0);
        db_finalize(s);
        if (rc) {
            if (!e->kind)
                err_internal(e, "counting rows of %s that refer to %s", r->table, def->table);
            break;
        }
        if (n == 0)
            continue;
        strbuf_addf(out, "%s%lld %s (%s)", *count ? ", " : "", (long long)n, table_label(r->table),
                    column_label(r->table, r->column));
        *count += n;
    }
    references_free(&refs);
    return rc;
}
