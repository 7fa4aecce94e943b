#include "domain/reflection.h"

#include "domain/audit.h"
#include "domain/row_json.h"
#include "util/clock.h"

#include <stdio.h>
#include <string.h>

#define TEXT_MAX 8000

static int check_ref(db *d, const char *sql, const char *key, const char *field, err *e)
{
    int found;
    if (row_exists(d, sql, 1, key, &found, e))
        return -1;
    return found ? 0 : err_field(e, field, "there is no such one");
}

static int validate(db *d, const json_t *obj, err *e)
{
    static const char *const known[] = {"session", "text", "shared", "conversation", "project"};
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)obj, k, v)
    {
        size_t i = 0;
        while (i < sizeof known / sizeof known[0] && strcmp(k, known[i]) != 0)
            i++;
        if (i == sizeof known / sizeof known[0])
            return err_field(e, k,
                             "unknown field (known: session, text, shared, conversation, "
                             "project)");
    }
    const char *text = json_string_value(json_object_get(obj, "text"));
    if (!text || !text[strspn(text, " \t\r\n")])
        return err_field(e, "text", "write the reflection");
    if (strlen(text) > TEXT_MAX)
        return err_field(e, "text", "at most 8000 bytes");
    json_t *shared = json_object_get(obj, "shared");
    if (shared && !json_is_boolean(shared))
        return err_field(e, "shared", "true or false");
    json_t *conv = json_object_get(obj, "conversation");
    if (conv && !json_is_null(conv) && !json_is_integer(conv))
        return err_field(e, "conversation", "a conversation's id");
    const char *session = json_string_value(json_object_get(obj, "session"));
    if (session &&
        check_ref(d, "SELECT 1 FROM learning_sessions WHERE code = ?", session, "session", e))
        return -1;
    const char *project = json_string_value(json_object_get(obj, "project"));
    if (project && check_ref(d, "SELECT 1 FROM projects WHERE code = ?", project, "project", e))
        return -1;
    if (json_is_integer(conv)) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(conv));
        if (check_ref(d, "SELECT 1 FROM conversations WHERE id = CAST(? AS INTEGER)", id,
                      "conversation", e))
            return -1;
    }
    return 0;
}

int reflection_add(db *d, const json_t *obj, const char *author, int64_t *id, err *e)
{
    if (!json_is_object(obj))
        return err_user(e, "send the reflection as a JSON object");
    if (validate(d, obj, e))
        return -1;
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    db_stmt *s;
    if (db_prepare(d,
                   "INSERT INTO reflections (session_code, author, written_at, text, shared, "
                   "conversation_id, project_code) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   &s, e))
        return -1;
    const char *session = json_string_value(json_object_get(obj, "session"));
    const char *project = json_string_value(json_object_get(obj, "project"));
    json_t *conv = json_object_get(obj, "conversation");
    int rc = session ? db_bind_text(s, 1, session, e) : db_bind_null(s, 1, e);
    if (!rc)
        rc = db_bind_text(s, 2, author, e);
    if (!rc)
        rc = db_bind_text(s, 3, now, e);
    if (!rc)
        rc = db_bind_text(s, 4, json_string_value(json_object_get(obj, "text")), e);
    if (!rc)
        rc = db_bind_int64(s, 5, json_is_true(json_object_get(obj, "shared")), e);
    if (!rc)
        rc = json_is_integer(conv) ? db_bind_int64(s, 6, json_integer_value(conv), e)
                                   : db_bind_null(s, 6, e);
    if (!rc)
        rc = project ? db_bind_text(s, 7, project, e) : db_bind_null(s, 7, e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    if (rc)
        return -1;
    int64_t new_id = 0;
    if (db_query_int64(d, "SELECT MAX(id) FROM reflections", &new_id, e))
        return -1;
    if (id)
        *id = new_id;
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)new_id);
    return audit_record(d, author, "create", "reflections", key, (json_t *)obj, e);
}

int reflection_list(db *d, const char *reader, const char *session, json_t **out, err *e)
{
    json_t *items = json_array();
    const char *params[] = {reader, session};
    int rc = row_json_rows(d,
                           "SELECT r.id, r.session_code AS session, ls.theme, r.author, "
                           "r.author = ?1 AS mine, r.written_at, r.text, r.shared, "
                           "r.conversation_id AS conversation, r.project_code AS project "
                           "FROM reflections r LEFT JOIN learning_sessions ls ON ls.code = "
                           "r.session_code WHERE (r.author = ?1 OR r.shared = 1) "
                           "AND (?2 IS NULL OR r.session_code = ?2) "
                           "ORDER BY r.written_at DESC, r.id DESC",
                           "isssbssbis", params, 2, items, e);
    if (rc) {
        json_decref(items);
        return -1;
    }
    *out = json_pack("{s:o}", "items", items);
    return 0;
}

int reflection_set_shared(db *d, int64_t id, const char *author, int shared, err *e)
{
    db_stmt *s;
    if (db_prepare(d, "UPDATE reflections SET shared = ? WHERE id = ? AND author = ?", &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, shared != 0, e);
    if (!rc)
        rc = db_bind_int64(s, 2, id, e);
    if (!rc)
        rc = db_bind_text(s, 3, author, e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    if (rc)
        return -1;
    /* Someone else's reflection is answered as missing, so its existence does not leak. */
    if (db_changes(d) == 0)
        return err_not_found(e, "no reflection %lld of yours", (long long)id);
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    json_t *change = json_pack("{s:b}", "shared", shared != 0);
    rc = audit_record(d, author, "update", "reflections", key, change, e);
    json_decref(change);
    return rc;
}
