/* json_record: writing a record kept as one JSON object (a conversation, a contract review)
 * the same way for every kind: in its own transaction, checked first, its child rows written
 * after the row itself, every write audit-logged, and an update made only to the version it
 * was read at (src/domain/row_version.h). */
#ifndef UNLOCK_DOMAIN_JSON_RECORD_H
#define UNLOCK_DOMAIN_JSON_RECORD_H

#include "db/db.h"

#include <jansson.h>
#include <stdint.h>

typedef struct json_record_kind {
    const char *table;  /* with an INTEGER id and a version column */
    const char *what;   /* in messages: "conversation", "contract review" */
    const char *entity; /* the audit log's entity */
    /* bind() fills ?1..?nbind (updated_at and updated_by among them). The insert takes
     * created_at and created_by after them and returns the id; the update takes the id and the
     * version read after them, and sets version = version + 1 WHERE id = ? AND version = ?. */
    const char *insert_sql, *update_sql;
    int nbind;
    int (*bind)(db_stmt *s, json_t *obj, const char *actor, const char *now, err *e);
    /* Every check before writing; id is 0 for a new record. */
    int (*validate)(db *d, json_t *obj, int64_t id, err *e);
    /* Replaces the record's child rows by those obj gives. */
    int (*children)(db *d, int64_t id, json_t *obj, err *e);
    /* Members a client may echo back from a read, left out of the audit entry. NULL-ended. */
    const char *const *read_only;
} json_record_kind;

int json_record_create(db *d, const json_record_kind *k, json_t *obj, const char *actor,
                       int64_t *id, err *e);
/* Not found for an unknown id; a precondition error without obj's "version", a conflict when
 * it is not the stored one. */
int json_record_update(db *d, const json_record_kind *k, int64_t id, json_t *obj, const char *actor,
                       err *e);

#endif
