#include "domain/audit.h"

#include "util/clock.h"

#include <stdlib.h>

int audit_record(db *d, const char *actor, const char *action, const char *entity, const char *key,
                 json_t *change, err *e)
{
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    /* Sorted keys make the log itself deterministic and easy to diff. */
    char *text = json_dumps(change, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
    if (!text)
        return err_internal(e, "could not encode an audit entry");
    db_stmt *s;
    int rc = db_prepare(d,
                        "INSERT INTO audit_log (at, actor, action, entity, entity_key, change) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        &s, e);
    if (!rc) {
        if (db_bind_text(s, 1, now, e) || db_bind_text(s, 2, actor, e) ||
            db_bind_text(s, 3, action, e) || db_bind_text(s, 4, entity, e) ||
            db_bind_text(s, 5, key, e) || db_bind_text(s, 6, text, e) || db_step(s, e) < 0)
            rc = -1;
        db_finalize(s);
    }
    free(text);
    return rc;
}
