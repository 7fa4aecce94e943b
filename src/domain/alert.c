/* Alerts as their user reads them: the inbox, and marking one read. */
#include "domain/alert.h"

#include "domain/row_json.h"
#include "util/clock.h"

#include <stdio.h>

int alert_list_json(db *d, int64_t user_id, const char *day, json_t **out, err *e)
{
    char id[24], prefix[16];
    snprintf(id, sizeof id, "%lld", (long long)user_id);
    snprintf(prefix, sizeof prefix, "%.10s%%", day ? day : "");
    const char *params[] = {id, prefix};
    json_t *items = json_array();
    if (row_json_rows(d,
                      "SELECT a.id AS id, u.email AS user, a.kind AS kind, a.subject AS subject,"
                      " a.reason AS reason, a.link AS link, a.generation AS generation,"
                      " a.created_at AS created_at, a.read_at AS read_at FROM alerts a"
                      " JOIN users u ON u.id = a.user_id WHERE (CAST(?1 AS INTEGER) = 0"
                      " OR a.user_id = CAST(?1 AS INTEGER)) AND a.created_at LIKE ?2"
                      " ORDER BY a.created_at DESC, a.id DESC",
                      "isssssiss", params, 2, items, e)) {
        json_decref(items);
        return -1;
    }
    json_int_t unread = 0;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) unread += json_is_null(json_object_get(it, "read_at"));
    *out = json_pack("{s:I, s:o}", "unread", unread, "items", items);
    return 0;
}

int alert_mark_read(db *d, int64_t user_id, int64_t id, int *found, err *e)
{
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    *found = 0;
    db_stmt *s;
    if (db_prepare(d,
                   "UPDATE alerts SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, now, e);
    if (!rc)
        rc = db_bind_int64(s, 2, id, e);
    if (!rc)
        rc = db_bind_int64(s, 3, user_id, e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    if (!rc)
        *found = db_changes(d) > 0;
    return rc;
}
