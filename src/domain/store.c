#include "domain/store.h"

#include "domain/audit.h"
#include "domain/row_version.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct store {
    db *d;
    const entity_def *def;
    db_stmt *select, *insert, *update;
    db_stmt *ref[ENTITY_MAX_FIELDS];
};

static int key_is_nullable(const entity_def *def, int k)
{
    return !def->fields[def->key[k]].required;
}

/* " WHERE a = ? AND COALESCE(b, '') = ?": nullable key parts compare as '' so the
 * same SQL works on every back end and matches the unique index. */
static void add_key_where(strbuf *sql, const entity_def *def)
{
    for (int k = 0; k < def->nkey; k++) {
        const char *col = def->fields[def->key[k]].sql;
        if (key_is_nullable(def, k))
            strbuf_addf(sql, "%sCOALESCE(%s, '') = ?", k ? " AND " : " WHERE ", col);
        else
            strbuf_addf(sql, "%s%s = ?", k ? " AND " : " WHERE ", col);
    }
}

static void add_order_by(strbuf *sql, const entity_def *def)
{
    for (int k = 0; k < def->nkey; k++) {
        const char *col = def->fields[def->key[k]].sql;
        if (key_is_nullable(def, k))
            strbuf_addf(sql, "%sCOALESCE(%s, '')", k ? ", " : " ORDER BY ", col);
        else
            strbuf_addf(sql, "%s%s", k ? ", " : " ORDER BY ", col);
    }
}

static void add_columns(strbuf *sql, const entity_def *def)
{
    for (int i = 0; i < def->nfields; i++)
        strbuf_addf(sql, "%s%s", i ? ", " : "", def->fields[i].sql);
}

/* The columns a reader selects: the fields, then the row's version (column nfields). */
static void add_select_columns(strbuf *sql, const entity_def *def)
{
    strbuf_adds(sql, "SELECT ");
    add_columns(sql, def);
    strbuf_adds(sql, ", version");
}

static int prepare(db *d, strbuf *sql, db_stmt **out, err *e)
{
    int rc = db_prepare(d, strbuf_str(sql), out, e);
    strbuf_reset(sql);
    return rc;
}

int store_open(db *d, const entity_def *def, store **out, err *e)
{
    store *st = xcalloc(1, sizeof *st);
    st->d = d;
    st->def = def;
    strbuf sql = STRBUF_INIT;

    add_select_columns(&sql, def);
    strbuf_addf(&sql, " FROM %s", def->table);
    add_key_where(&sql, def);
    if (prepare(d, &sql, &st->select, e))
        goto fail;

    strbuf_addf(&sql, "INSERT INTO %s (", def->table);
    add_columns(&sql, def);
    strbuf_adds(&sql, ") VALUES (");
    for (int i = 0; i < def->nfields; i++)
        strbuf_adds(&sql, i ? ", ?" : "?");
    strbuf_adds(&sql, ")");
    if (prepare(d, &sql, &st->insert, e))
        goto fail;

    strbuf_addf(&sql, "UPDATE %s SET ", def->table);
    for (int i = 0; i < def->nfields; i++)
        strbuf_addf(&sql, "%s = ?, ", def->fields[i].sql);
    strbuf_adds(&sql, "version = version + 1");
    add_key_where(&sql, def);
    strbuf_adds(&sql, " AND version = ?");
    if (prepare(d, &sql, &st->update, e))
        goto fail;

    for (int i = 0; i < def->nfields; i++) {
        if (!def->fields[i].ref)
            continue;
        const entity_def *target = entity_find(def->fields[i].ref);
        if (!target) {
            err_internal(e, "%s.%s refers to unknown kind %s", def->kind, def->fields[i].column,
                         def->fields[i].ref);
            goto fail;
        }
        strbuf_addf(&sql, "SELECT 1 FROM %s WHERE %s = ?", target->table,
                    target->fields[target->key[0]].sql);
        if (prepare(d, &sql, &st->ref[i], e))
            goto fail;
    }
    strbuf_free(&sql);
    *out = st;
    return 0;
fail:
    strbuf_free(&sql);
    store_close(st);
    return -1;
}

void store_close(store *st)
{
    if (!st)
        return;
    db_finalize(st->select);
    db_finalize(st->insert);
    db_finalize(st->update);
    for (int i = 0; i < ENTITY_MAX_FIELDS; i++)
        db_finalize(st->ref[i]);
    free(st);
}

static int bind_field(db_stmt *s, int idx, const entity_row *row, int f, err *e)
{
    const char *text = row->text[f];
    if (!text)
        return db_bind_null(s, idx, e);
    switch (row->def->fields[f].type) {
    case FT_NUMBER:
        return db_bind_double(s, idx, row->num[f], e);
    case FT_INTEGER:
    case FT_BOOL:
        return db_bind_int64(s, idx, (int64_t)row->num[f], e);
    default:
        return db_bind_text(s, idx, text, e);
    }
}

static int bind_key(db_stmt *s, int first, const entity_row *row, err *e)
{
    const entity_def *def = row->def;
    for (int k = 0; k < def->nkey; k++) {
        const char *v = row->text[def->key[k]];
        if (db_bind_text(s, first + k, v ? v : "", e))
            return -1;
    }
    return 0;
}

/* A stored value as JSON, for the audit log. */
static json_t *stored_json(db_stmt *s, int col, field_type type)
{
    if (db_col_is_null(s, col))
        return json_null();
    switch (type) {
    case FT_NUMBER:
        return json_real(db_col_double(s, col));
    case FT_INTEGER:
        return json_integer(db_col_int64(s, col));
    case FT_BOOL:
        return json_boolean(db_col_int64(s, col));
    default:
        return json_string(db_col_text(s, col));
    }
}

static json_t *row_json(const entity_row *row, int f)
{
    if (!row->text[f])
        return json_null();
    switch (row->def->fields[f].type) {
    case FT_NUMBER:
        return json_real(row->num[f]);
    case FT_INTEGER:
        return json_integer((json_int_t)row->num[f]);
    case FT_BOOL:
        return json_boolean(row->num[f] != 0);
    default:
        return json_string(row->text[f]);
    }
}

static int same(db_stmt *s, int col, const entity_row *row, int f)
{
    int stored_null = db_col_is_null(s, col);
    if (stored_null || !row->text[f])
        return stored_null && !row->text[f];
    switch (row->def->fields[f].type) {
    case FT_NUMBER:
        return db_col_double(s, col) == row->num[f];
    case FT_INTEGER:
    case FT_BOOL:
        return db_col_int64(s, col) == (int64_t)row->num[f];
    default:
        return strcmp(db_col_text(s, col), row->text[f]) == 0;
    }
}

static int bind_fields(db_stmt *s, const entity_row *row, err *e)
{
    for (int i = 0; i < row->def->nfields; i++)
        if (bind_field(s, i + 1, row, i, e))
            return -1;
    return 0;
}

/* The version the row with row's key is at now (0: none), read again after a lost race. */
static int version_now(store *st, const entity_row *row, int64_t *out, err *e)
{
    db_reset(st->select);
    int rc = bind_key(st->select, 1, row, e);
    if (!rc)
        rc = db_step(st->select, e);
    *out = rc == DB_ROW ? db_col_int64(st->select, st->def->nfields) : 0;
    db_reset(st->select);
    return rc < 0 ? -1 : 0;
}

static int stale(const store *st, const entity_row *row, int64_t sent, int64_t now, err *e)
{
    char key[256];
    entity_row_key(row, key, sizeof key);
    return row_version_conflict(e, st->def->singular, key, sent, now);
}

static int conflict(store *st, const entity_row *row, int64_t sent, err *e)
{
    int64_t now;
    return version_now(st, row, &now, e) ? -1 : stale(st, row, sent, now, e);
}

/* Updates the stored row at version `read`; a conflict when it has moved on since (another
 * writer committed between our read and this update). */
static int update_at(store *st, const entity_row *row, int64_t read, err *e)
{
    const entity_def *def = row->def;
    db_reset(st->update);
    if (bind_fields(st->update, row, e) || bind_key(st->update, def->nfields + 1, row, e) ||
        db_bind_int64(st->update, def->nfields + def->nkey + 1, read, e) ||
        db_step(st->update, e) < 0)
        return -1;
    return db_changes(st->d) == 0 ? conflict(st, row, read, e) : 0;
}

int store_upsert(store *st, const entity_row *row, const char *actor, int64_t expected,
                 store_outcome *outcome, err *e)
{
    const entity_def *def = st->def;
    json_t *change = json_object();
    int rc = -1;

    db_reset(st->select);
    if (bind_key(st->select, 1, row, e))
        goto out;
    int found = db_step(st->select, e);
    if (found < 0)
        goto out;

    if (found == DB_ROW) {
        int64_t read = db_col_int64(st->select, def->nfields);
        if (expected > 0 && expected != read) {
            rc = stale(st, row, expected, read, e);
            goto out;
        }
        for (int i = 0; i < def->nfields; i++) {
            if (same(st->select, i, row, i))
                continue;
            json_t *pair = json_object();
            json_object_set_new(pair, "from", stored_json(st->select, i, def->fields[i].type));
            json_object_set_new(pair, "to", row_json(row, i));
            json_object_set_new(change, def->fields[i].column, pair);
        }
        db_reset(st->select);
        if (json_object_size(change) == 0) {
            *outcome = STORE_UNCHANGED;
            rc = 0;
            goto out;
        }
        if (update_at(st, row, read, e))
            goto out;
        *outcome = STORE_UPDATED;
    } else {
        for (int i = 0; i < def->nfields; i++)
            if (row->text[i])
                json_object_set_new(change, def->fields[i].column, row_json(row, i));
        db_reset(st->insert);
        if (bind_fields(st->insert, row, e) || db_step(st->insert, e) < 0)
            goto out;
        *outcome = STORE_CREATED;
    }
    char key[256];
    entity_row_key(row, key, sizeof key);
    rc = audit_record(st->d, actor, *outcome == STORE_CREATED ? "create" : "update", def->singular,
                      key, change, e);
out:
    db_reset(st->select);
    json_decref(change);
    return rc;
}

int store_missing_ref(store *st, const entity_row *row, int *field, err *e)
{
    *field = -1;
    for (int f = 0; f < st->def->nfields; f++) {
        if (!st->def->fields[f].ref || !row->text[f])
            continue;
        int found;
        if (store_ref_exists(st, f, row->text[f], &found, e))
            return -1;
        if (!found) {
            *field = f;
            return 0;
        }
    }
    return 0;
}

int store_exists(store *st, const entity_row *row, int *found, err *e)
{
    db_reset(st->select);
    int rc = bind_key(st->select, 1, row, e);
    if (!rc)
        rc = db_step(st->select, e);
    db_reset(st->select);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    return 0;
}

int store_ref_exists(store *st, int field, const char *code, int *found, err *e)
{
    db_stmt *s = st->ref[field];
    if (!s)
        return err_internal(e, "%s.%s is not a reference", st->def->kind,
                            st->def->fields[field].column);
    db_reset(s);
    int rc = db_bind_text(s, 1, code, e);
    if (!rc)
        rc = db_step(s, e);
    db_reset(s);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    return 0;
}

/* Formats a stored value the way export writes it. */
static void format_value(strbuf *out, db_stmt *s, int col, field_type type)
{
    switch (type) {
    case FT_NUMBER:
        strbuf_add_number(out, db_col_double(s, col));
        break;
    case FT_INTEGER:
        strbuf_addf(out, "%lld", (long long)db_col_int64(s, col));
        break;
    case FT_BOOL:
        strbuf_adds(out, db_col_int64(s, col) ? "true" : "false");
        break;
    default:
        strbuf_adds(out, db_col_text(s, col));
    }
}

/* Steps s, whose columns are the entity's fields, calling fn with each row formatted. */
static int each_row(db_stmt *s, const entity_def *def, store_record_fn fn, void *ctx, err *e)
{
    strbuf text[ENTITY_MAX_FIELDS];
    memset(text, 0, sizeof text);
    int rc = 0;
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        entity_record rec = {.def = def, .version = db_col_int64(s, def->nfields)};
        for (int i = 0; i < def->nfields; i++) {
            strbuf_reset(&text[i]);
            if (db_col_is_null(s, i))
                continue;
            format_value(&text[i], s, i, def->fields[i].type);
            rec.values[i] = strbuf_str(&text[i]);
        }
        rc = fn(ctx, &rec, e);
    }
    for (int i = 0; i < ENTITY_MAX_FIELDS; i++)
        strbuf_free(&text[i]);
    return rc < 0 ? -1 : 0;
}

int store_each(db *d, const entity_def *def, const char *const *key, long limit, store_record_fn fn,
               void *ctx, err *e)
{
    strbuf sql = STRBUF_INIT;
    add_select_columns(&sql, def);
    strbuf_addf(&sql, " FROM %s", def->table);
    if (key)
        add_key_where(&sql, def);
    add_order_by(&sql, def);
    if (limit > 0)
        strbuf_addf(&sql, " LIMIT %ld", limit);
    db_stmt *s;
    int rc = db_prepare(d, strbuf_str(&sql), &s, e);
    strbuf_free(&sql);
    if (rc)
        return -1;
    for (int k = 0; key && k < def->nkey && !rc; k++)
        rc = db_bind_text(s, k + 1, key[k] ? key[k] : "", e);

    if (!rc)
        rc = each_row(s, def, fn, ctx, e);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int store_count(db *d, const entity_def *def, int64_t *count, err *e)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", def->table);
    return db_query_int64(d, sql, count, e);
}

int store_delete(db *d, const entity_def *def, const char *const *key, const char *actor,
                 int *found, err *e)
{
    strbuf sql = STRBUF_INIT;
    strbuf_addf(&sql, "DELETE FROM %s", def->table);
    add_key_where(&sql, def);
    db_stmt *s;
    int rc = db_prepare(d, strbuf_str(&sql), &s, e);
    strbuf_free(&sql);
    if (rc)
        return -1;
    for (int k = 0; k < def->nkey && !rc; k++)
        rc = db_bind_text(s, k + 1, key[k] ? key[k] : "", e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    if (rc)
        return -1;
    *found = db_changes(d) > 0;
    if (!*found)
        return 0;
    char joined[256] = "";
    size_t n = 0;
    for (int k = 0; k < def->nkey && n < sizeof joined; k++)
        if (key[k] && *key[k])
            n += (size_t)snprintf(joined + n, sizeof joined - n, "%s%s", n ? "/" : "", key[k]);
    json_t *change = json_object();
    rc = audit_record(d, actor, "delete", def->singular, joined, change, e);
    json_decref(change);
    return rc;
}

static int bind_typed(db_stmt *s, int idx, const field_def *fd, const char *value, err *e)
{
    switch (fd->type) {
    case FT_NUMBER:
        return db_bind_double(s, idx, strtod(value, NULL), e);
    case FT_INTEGER:
        return db_bind_int64(s, idx, strtoll(value, NULL, 10), e);
    case FT_BOOL:
        return db_bind_int64(s, idx, strcmp(value, "true") == 0 || strcmp(value, "1") == 0, e);
    default:
        return db_bind_text(s, idx, value, e);
    }
}

static int bind_filters(db_stmt *s, const entity_def *def, const store_page *page, err *e)
{
    for (int i = 0; i < page->nfilters; i++)
        if (bind_typed(s, i + 1, &def->fields[page->filters[i].field], page->filters[i].value, e))
            return -1;
    return 0;
}

int store_list(db *d, const entity_def *def, const store_page *page, store_record_fn fn, void *ctx,
               int64_t *total, err *e)
{
    strbuf where = STRBUF_INIT, sql = STRBUF_INIT;
    for (int i = 0; i < page->nfilters; i++)
        strbuf_addf(&where, "%s%s = ?", i ? " AND " : " WHERE ",
                    def->fields[page->filters[i].field].sql);

    strbuf_addf(&sql, "SELECT COUNT(*) FROM %s%s", def->table, strbuf_str(&where));
    db_stmt *s;
    int rc = db_prepare(d, strbuf_str(&sql), &s, e);
    if (!rc) {
        rc = bind_filters(s, def, page, e);
        int step = rc ? -1 : db_step(s, e);
        if (step == DB_ROW)
            *total = db_col_int64(s, 0);
        else
            rc = -1;
        db_finalize(s);
    }

    strbuf_reset(&sql);
    add_select_columns(&sql, def);
    strbuf_addf(&sql, " FROM %s%s", def->table, strbuf_str(&where));
    if (page->sort >= 0) {
        /* Rows without a value sort last either way, as a person expects. */
        const char *col = def->fields[page->sort].sql;
        strbuf_addf(&sql, " ORDER BY %s IS NULL, %s %s", col, col, page->desc ? "DESC" : "ASC");
        strbuf set = STRBUF_INIT;
        add_order_by(&set, def);
        strbuf_addf(&sql, ", %s", strbuf_str(&set) + strlen(" ORDER BY "));
        strbuf_free(&set);
    } else {
        add_order_by(&sql, def);
    }
    strbuf_addf(&sql, " LIMIT %ld OFFSET %ld", page->limit, page->offset);
    strbuf_free(&where);
    if (rc < 0) {
        strbuf_free(&sql);
        return -1;
    }
    rc = db_prepare(d, strbuf_str(&sql), &s, e);
    strbuf_free(&sql);
    if (rc)
        return -1;
    rc = bind_filters(s, def, page, e);
    if (!rc)
        rc = each_row(s, def, fn, ctx, e);
    db_finalize(s);
    return rc;
}

int store_validate(store *st, entity_row *row, db *d, err *e)
{
    if (row->def->check && row->def->check(row, d, e))
        return -1;
    int missing;
    if (store_missing_ref(st, row, &missing, e))
        return -1;
    if (missing >= 0) {
        const entity_def *target = entity_find(row->def->fields[missing].ref);
        return entity_row_fail(row, missing, e, "no %s with this code", target->singular);
    }
    return 0;
}
