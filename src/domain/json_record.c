/* Creating and updating JSON-shaped records (src/domain/json_record.h). */
#include "domain/json_record.h"

#include "domain/audit.h"
#include "domain/row_version.h"
#include "util/clock.h"

#include <stdio.h>

/* The children, then the audit entry: what was stored, without the read-only members. */
static int finish(db *d, const json_record_kind *k, int64_t id, json_t *obj, const char *actor,
                  const char *action, err *e)
{
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    json_t *change = json_deep_copy(obj);
    for (int i = 0; k->read_only && k->read_only[i]; i++)
        json_object_del(change, k->read_only[i]);
    int rc = k->children(d, id, obj, e);
    if (!rc)
        rc = audit_record(d, actor, action, k->entity, key, change, e);
    json_decref(change);
    return rc;
}

int json_record_create(db *d, const json_record_kind *k, json_t *obj, const char *actor,
                       int64_t *id, err *e)
{
    if (db_begin(d, e))
        return -1;
    if (k->validate(d, obj, 0, e))
        goto fail;
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    db_stmt *s;
    if (db_prepare(d, k->insert_sql, &s, e))
        goto fail;
    int rc = k->bind(s, obj, actor, now, e);
    rc = rc ? rc : db_bind_text(s, k->nbind + 1, now, e);
    rc = rc ? rc : db_bind_text(s, k->nbind + 2, actor, e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW) {
        int64_t new_id = db_col_int64(s, 0);
        if (id)
            *id = new_id;
        db_finalize(s);
        if (finish(d, k, new_id, obj, actor, "create", e))
            goto fail;
        return db_commit(d, e);
    }
    db_finalize(s);
    if (rc >= 0)
        err_internal(e, "%s insert returned no id", k->what);
fail:
    db_rollback(d);
    return -1;
}

int json_record_update(db *d, const json_record_kind *k, int64_t id, json_t *obj, const char *actor,
                       err *e)
{
    if (db_begin(d, e))
        return -1;
    char key[32], version_sql[128];
    snprintf(key, sizeof key, "%lld", (long long)id);
    snprintf(version_sql, sizeof version_sql,
             "SELECT version FROM %s WHERE id = CAST(? AS INTEGER)", k->table);
    int64_t current, version;
    if (row_version_now(d, version_sql, key, &current, e))
        goto fail;
    if (current == 0) {
        err_not_found(e, "no %s with id %s", k->what, key);
        goto fail;
    }
    if (row_version_from_json(obj, k->what, &version, e) || k->validate(d, obj, id, e))
        goto fail;
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    db_stmt *s;
    if (db_prepare(d, k->update_sql, &s, e))
        goto fail;
    int rc = k->bind(s, obj, actor, now, e);
    rc = rc ? rc : db_bind_int64(s, k->nbind + 1, id, e);
    rc = rc ? rc : db_bind_int64(s, k->nbind + 2, version, e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    if (rc)
        goto fail;
    if (db_changes(d) == 0) {
        /* Changed between the read above and this write: the version it is at now. */
        if (!row_version_now(d, version_sql, key, &current, e))
            row_version_conflict(e, k->what, key, version, current);
        goto fail;
    }
    if (finish(d, k, id, obj, actor, "update", e))
        goto fail;
    return db_commit(d, e);
fail:
    db_rollback(d);
    return -1;
}
