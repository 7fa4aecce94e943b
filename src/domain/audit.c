/* audit: appending to the chained audit log, and reading it back. */
#include "domain/audit.h"

#include "domain/audit_chain.h"
#include "domain/row_json.h"
#include "util/clock.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The row goes in whole: its id taken beforehand (audit_chain_head), since the hash covers it. */
static int insert_row(db *d, const audit_row *r, err *e)
{
    char hash[AUDIT_HASH_HEX];
    audit_row_hash(r, r->prev_hash, hash);
    db_stmt *s;
    if (db_prepare(d,
                   "INSERT INTO audit_log (id, at, actor, action, entity, entity_key, change, "
                   "seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   &s, e))
        return -1;
    int rc = 0;
    if (db_bind_int64(s, 1, r->id, e) || db_bind_text(s, 2, r->at, e) ||
        db_bind_text(s, 3, r->actor, e) || db_bind_text(s, 4, r->action, e) ||
        db_bind_text(s, 5, r->entity, e) || db_bind_text(s, 6, r->key, e) ||
        db_bind_text(s, 7, r->change, e) || db_bind_int64(s, 8, r->seq, e) ||
        db_bind_text(s, 9, r->prev_hash, e) || db_bind_text(s, 10, hash, e) || db_step(s, e) < 0)
        rc = -1;
    db_finalize(s);
    return rc;
}

/* With the chain's lock held: the head to chain to, sealing the rows of a log that predates
 * the chain first (once, on the first write after the upgrade). */
static int chain_to_head(db *d, audit_row *r, char prev[AUDIT_HASH_HEX], err *e)
{
    int found = 0;
    if (audit_chain_head(d, &r->seq, prev, &found, &r->id, e))
        return -1;
    if (!found) {
        int64_t sealed = 0;
        if (audit_seal(d, &sealed, e))
            return -1;
        if (sealed && audit_chain_head(d, &r->seq, prev, &found, NULL, e))
            return -1;
    }
    if (!found) {
        r->seq = 0;
        snprintf(prev, AUDIT_HASH_HEX, "%s", AUDIT_GENESIS);
    }
    r->seq++;
    r->prev_hash = prev;
    return 0;
}

int audit_record(db *d, const char *actor, const char *action, const char *entity, const char *key,
                 json_t *change, err *e)
{
    if (sodium_init() < 0)
        return err_internal(e, "libsodium did not start");
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    /* Sorted keys make the log itself deterministic and easy to diff. */
    char *text = json_dumps(change, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
    if (!text)
        return err_internal(e, "could not encode an audit entry");
    audit_row r = {.at = now,
                   .actor = (char *)actor,
                   .action = (char *)action,
                   .entity = (char *)entity,
                   .key = (char *)key,
                   .change = text};
    char prev[AUDIT_HASH_HEX];
    int rc = db_begin(d, e);
    if (!rc) {
        rc = audit_chain_lock(d, e);
        if (!rc)
            rc = chain_to_head(d, &r, prev, e);
        if (!rc)
            rc = insert_row(d, &r, e);
        if (rc)
            db_rollback(d);
        else
            rc = db_commit(d, e);
    }
    free(text);
    return rc;
}

int audit_list(db *d, long limit, json_t *array, err *e)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT id, seq, at, actor, action, entity, entity_key AS key, change, hash "
             "FROM audit_log ORDER BY id DESC LIMIT %ld",
             limit > 0 ? limit : (long)INT32_MAX);
    size_t before = json_array_size(array);
    if (row_json_rows(d, sql, "iisssssss", NULL, 0, array, e))
        return -1;
    /* The change is stored as JSON text: shown as the object it is. */
    for (size_t i = before; i < json_array_size(array); i++) {
        json_t *row = json_array_get(array, i);
        const char *text = json_string_value(json_object_get(row, "change"));
        json_t *change = text ? json_loads(text, 0, NULL) : NULL;
        if (change)
            json_object_set_new(row, "change", change);
    }
    return 0;
}
