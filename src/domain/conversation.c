/* Conversations: validating a conversation object and writing it (with its participants,
 * organisations, links and actions, and its search entry) in one transaction. */
#include "domain/conversation.h"

#include "domain/audit.h"
#include "domain/entity.h"
#include "domain/json_member.h"
#include "domain/json_record.h"
#include "domain/row_json.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const MODES[] = {"face_to_face", "video", "phone", NULL};
static const char *const SIDES[] = {"commissioner", "provider", NULL};
static const char *const VISIBILITIES[] = {"commissioners", "shared", NULL};

static const char *const TEXT_FIELDS[] = {"what_matters", "concerns", "ideas",
                                          "agreements",   "notes",    NULL};

/* The link lists of a conversation: JSON member, conversation_links.kind, what is expected. */
static const struct {
    const char *member, *kind;
} LINKS[] = {
    {"services", "service"}, {"pathways", "pathway"}, {"opportunities", "opportunity"},
    {"charts", "chart"},     {"tags", "tag"},
};
#define NLINKS (sizeof LINKS / sizeof LINKS[0])

/* A short code-like reference (pathway, tag): letters, digits, space, - _ . : / only. */
static int plain_ref(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && !strchr(" -_.:/", c))
            return 0;
    }
    return 1;
}

/* Each element of a link list is text, checked by kind; no element twice. */
static int check_links(db *d, json_t *arr, const char *member, const char *kind, err *e)
{
    size_t i, j;
    json_t *v;
    char path[64];
    json_array_foreach(arr, i, v)
    {
        snprintf(path, sizeof path, "%s[%zu]", member, i);
        if (!json_is_string(v) || json_string_length(v) == 0)
            return member_fail(e, path, "%s: expected text", path);
        const char *s = json_string_value(v);
        if (strcmp(kind, "service") == 0) {
            if (member_must_exist(d, SERVICE_EXISTS, s, path, "service", e))
                return -1;
        } else if (strcmp(kind, "chart") == 0) {
            if (strncmp(s, "/api/v1/", 8) != 0 || strlen(s) > 500)
                return member_fail(e, path,
                                   "%s: value '%.60s': expected a chart's API path, e.g. "
                                   "/api/v1/indicators/CODE/spc?org=ORG",
                                   path, s);
        } else if (strcmp(kind, "opportunity") == 0) {
            if (!plain_ref(s, 127) ||
                (strncmp(s, "estates:", 8) != 0 && strncmp(s, "indicator:", 10) != 0 &&
                 strncmp(s, "prescribing:", 12) != 0))
                return member_fail(e, path,
                                   "%s: value '%.60s': expected an opportunity id as "
                                   "`unlock opportunities` shows it, e.g. estates:S-FMH",
                                   path, s);
        } else if (!plain_ref(s, 64)) {
            return member_fail(e, path,
                               "%s: value '%.60s': expected up to 64 letters, digits, spaces "
                               "or - _ . : /",
                               path, s);
        }
        for (j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(arr, j)), s) == 0)
                return member_fail(e, path, "%s: '%.60s' is listed twice", path, s);
    }
    return 0;
}

/* A participant's side when none is given: commissioners are GP commissioners, lay members,
 * and anyone working for an ICB, sub-ICB or place; everyone else is on the provider side. */
static int default_side(db *d, const char *person, const char **side, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT p.role, o.kind FROM people p LEFT JOIN organisations o"
                   " ON o.code = p.organisation_code WHERE p.key = ?",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, person, e);
    if (!rc)
        rc = db_step(s, e);
    *side = "provider";
    if (rc == DB_ROW) {
        const char *role = db_col_text(s, 0), *kind = db_col_text(s, 1);
        if ((role && (strcmp(role, "gp_commissioner") == 0 || strcmp(role, "lay_member") == 0)) ||
            (kind && (strcmp(kind, "icb") == 0 || strcmp(kind, "sub_icb") == 0 ||
                      strcmp(kind, "place") == 0)))
            *side = "commissioner";
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int check_participants(db *d, json_t *arr, err *e)
{
    size_t i, j;
    json_t *p;
    char path[64];
    json_array_foreach(arr, i, p)
    {
        snprintf(path, sizeof path, "participants[%zu]", i);
        if (!json_is_object(p))
            return member_fail(e, path, "%s: expected {\"person\":KEY, \"side\":...}", path);
        const char *k;
        json_t *v;
        json_object_foreach(p, k, v) if (strcmp(k, "person") != 0 && strcmp(k, "side") != 0 &&
                                         strcmp(k, "name") != 0)
        {
            snprintf(path, sizeof path, "participants[%zu].%.20s", i, k);
            return member_fail(e, path, "%s: unknown field (known: person, side)", path);
        }
        const char *person, *side;
        snprintf(path, sizeof path, "participants[%zu].person", i);
        if (member_text(p, "person", 1, 64, &person, e)) {
            err_prefix(e, "participants[%zu]", i);
            err_at(e, 0, path);
            return -1;
        }
        if (member_must_exist(d, PERSON_EXISTS, person, path, "person", e))
            return -1;
        snprintf(path, sizeof path, "participants[%zu].side", i);
        if (member_enum(p, "side", SIDES, NULL, &side, e)) {
            err_prefix(e, "participants[%zu]", i);
            err_at(e, 0, path);
            return -1;
        }
        for (j = 0; j < i; j++) {
            const char *other =
                json_string_value(json_object_get(json_array_get(arr, j), "person"));
            if (strcmp(other, person) == 0) {
                snprintf(path, sizeof path, "participants[%zu].person", i);
                return member_fail(e, path, "%s: '%s' is listed twice", path, person);
            }
        }
    }
    return 0;
}

/* Whether making `parent` the parent of `id` would close a loop. */
static int parent_loops(db *d, int64_t id, int64_t parent, int *loops, err *e)
{
    db_stmt *s;
    *loops = 0;
    if (db_prepare(d, "SELECT parent_id FROM conversations WHERE id = ?", &s, e))
        return -1;
    int64_t at = parent;
    for (int hops = 0; hops < 10000 && at; hops++) {
        if (at == id) {
            *loops = 1;
            break;
        }
        db_reset(s);
        int rc = db_bind_int64(s, 1, at, e);
        if (!rc)
            rc = db_step(s, e);
        if (rc < 0) {
            db_finalize(s);
            return -1;
        }
        at = rc == DB_ROW && !db_col_is_null(s, 0) ? db_col_int64(s, 0) : 0;
    }
    db_finalize(s);
    return 0;
}

/* Everything about obj that can be checked before writing. id is 0 for a new conversation. */
static int validate(db *d, json_t *obj, int64_t id, err *e)
{
    static const char *const known[] = {
        "held_on", "mode", "title", "participants", "organisations", "services", "pathways",
        "opportunities", "charts", "tags", "what_matters", "concerns", "ideas", "agreements",
        "notes", "follow_up", "parent", "actions", "visibility", "version",
        /* read-only members a client may send back unchanged */
        "id", "created_at", "created_by", "updated_at", "updated_by", "notes_html", "children",
        "organisation_names", NULL};
    if (!json_is_object(obj))
        return err_user(e, "a conversation is a JSON object");
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) if (!member_one_of(k, known))
    {
        char list[400];
        member_join_choices(known, list, sizeof list);
        char *cut = strstr(list, ", id,");
        if (cut)
            *cut = '\0';
        err_user(e, "%.40s: unknown field (known: %s)", k, list);
        err_at(e, 0, k);
        return -1;
    }
    const char *s;
    if (member_date(obj, "held_on", 1, &s, e) || member_text(obj, "title", 1, 200, &s, e) ||
        member_enum(obj, "mode", MODES, "face_to_face", &s, e) ||
        member_enum(obj, "visibility", VISIBILITIES, "commissioners", &s, e) ||
        member_date(obj, "follow_up", 0, &s, e))
        return -1;
    for (int i = 0; TEXT_FIELDS[i]; i++)
        if (member_text(obj, TEXT_FIELDS[i], 0, CONVERSATION_TEXT_MAX, &s, e))
            return -1;
    json_t *arr;
    if (member_array(obj, "participants", &arr, e) || (arr && check_participants(d, arr, e)))
        return -1;
    if (member_array(obj, "organisations", &arr, e))
        return -1;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        char path[64];
        snprintf(path, sizeof path, "organisations[%zu]", i);
        if (!json_is_string(v))
            return member_fail(e, path, "%s: expected an organisation code", path);
        if (member_must_exist(d, ORG_EXISTS, json_string_value(v), path, "organisation", e))
            return -1;
        for (size_t j = 0; j < i; j++)
            if (json_equal(json_array_get(arr, j), v))
                return member_fail(e, path, "%s: '%s' is listed twice", path, json_string_value(v));
    }
    for (size_t l = 0; l < NLINKS; l++)
        if (member_array(obj, LINKS[l].member, &arr, e) ||
            (arr && check_links(d, arr, LINKS[l].member, LINKS[l].kind, e)))
            return -1;
    if (member_array(obj, "actions", &arr, e) || (arr && member_actions(d, arr, e)))
        return -1;
    json_t *parent = json_object_get(obj, "parent");
    if (parent && !json_is_null(parent)) {
        if (!json_is_integer(parent) || json_integer_value(parent) <= 0)
            return member_fail(e, "parent", "%s: expected the id of an earlier conversation",
                               "parent");
        int64_t p = json_integer_value(parent);
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)p);
        int found = 0, loops = 0;
        if (row_exists(d, "SELECT 1 FROM conversations WHERE id = CAST(? AS INTEGER)", 1, key,
                       &found, e))
            return -1;
        if (!found)
            return member_fail(e, "parent", "%s: no conversation with id %s", "parent", key);
        if (id && parent_loops(d, id, p, &loops, e))
            return -1;
        if (loops)
            return member_fail(e, "parent",
                               "%s: conversation %s follows from this one, so it cannot "
                               "also come before it",
                               "parent", key);
    }
    json_t *shared_orgs = json_object_get(obj, "organisations");
    const char *vis = json_string_value(json_object_get(obj, "visibility"));
    if (vis && strcmp(vis, "shared") == 0 && json_array_size(shared_orgs) == 0)
        return member_fail(e, "visibility",
                           "%s: a shared conversation must name the organisations it "
                           "is shared with (organisations)",
                           "visibility");
    return 0;
}

static const char *str_or_null(json_t *obj, const char *name)
{
    const char *s = json_string_value(json_object_get(obj, name));
    return s && s[0] ? s : NULL;
}

static int bind_fields(db_stmt *s, json_t *obj, const char *actor, const char *now, err *e)
{
    const char *mode = str_or_null(obj, "mode"), *vis = str_or_null(obj, "visibility");
    json_t *parent = json_object_get(obj, "parent");
    int rc = db_bind_text(s, 1, str_or_null(obj, "held_on"), e);
    rc = rc ? rc : db_bind_text(s, 2, mode ? mode : "face_to_face", e);
    rc = rc ? rc : db_bind_text(s, 3, str_or_null(obj, "title"), e);
    for (int i = 0; TEXT_FIELDS[i] && !rc; i++)
        rc = db_bind_text(s, 4 + i, str_or_null(obj, TEXT_FIELDS[i]), e);
    rc = rc ? rc : db_bind_text(s, 9, str_or_null(obj, "follow_up"), e);
    if (!rc)
        rc = json_is_integer(parent) ? db_bind_int64(s, 10, json_integer_value(parent), e)
                                     : db_bind_null(s, 10, e);
    rc = rc ? rc : db_bind_text(s, 11, vis ? vis : "commissioners", e);
    rc = rc ? rc : db_bind_text(s, 12, now, e);
    rc = rc ? rc : db_bind_text(s, 13, actor, e);
    return rc;
}

static int run(db *d, const char *sql, int64_t id, const char *a, const char *b, err *e)
{
    db_stmt *s;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, id, e);
    if (!rc && a)
        rc = db_bind_text(s, 2, a, e);
    if (!rc && b)
        rc = db_bind_text(s, 3, b, e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    return rc;
}

static int write_children(db *d, int64_t id, json_t *obj, err *e)
{
    static const char *const clear[] = {
        "DELETE FROM conversation_participants WHERE conversation_id = ?",
        "DELETE FROM conversation_organisations WHERE conversation_id = ?",
        "DELETE FROM conversation_links WHERE conversation_id = ?",
        "DELETE FROM conversation_actions WHERE conversation_id = ?",
        "DELETE FROM conversations_fts WHERE rowid = ?",
    };
    for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++)
        if (run(d, clear[i], id, NULL, NULL, e))
            return -1;
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(obj, "participants"), i, v)
    {
        const char *person = json_string_value(json_object_get(v, "person"));
        const char *side = str_or_null(v, "side");
        if (!side && default_side(d, person, &side, e))
            return -1;
        if (run(d,
                "INSERT INTO conversation_participants (conversation_id, person_key, side)"
                " VALUES (?, ?, ?)",
                id, person, side, e))
            return -1;
    }
    json_array_foreach(json_object_get(obj, "organisations"), i, v) if (
        run(d, "INSERT INTO conversation_organisations (conversation_id, org_code) VALUES (?, ?)",
            id, json_string_value(v), NULL, e)) return -1;
    for (size_t l = 0; l < NLINKS; l++)
        json_array_foreach(json_object_get(obj, LINKS[l].member), i, v) if (
            run(d, "INSERT INTO conversation_links (conversation_id, kind, ref) VALUES (?, ?, ?)",
                id, LINKS[l].kind, json_string_value(v), e)) return -1;
    db_stmt *s;
    if (db_prepare(d,
                   "INSERT INTO conversation_actions (conversation_id, n, description, owner_key,"
                   " due, status) VALUES (?, ?, ?, ?, ?, ?)",
                   &s, e))
        return -1;
    json_array_foreach(json_object_get(obj, "actions"), i, v)
    {
        const char *status = str_or_null(v, "status");
        db_reset(s);
        int rc = db_bind_int64(s, 1, id, e);
        rc = rc ? rc : db_bind_int64(s, 2, (int64_t)i + 1, e);
        rc = rc ? rc : db_bind_text(s, 3, str_or_null(v, "description"), e);
        rc = rc ? rc : db_bind_text(s, 4, str_or_null(v, "owner"), e);
        rc = rc ? rc : db_bind_text(s, 5, str_or_null(v, "due"), e);
        rc = rc ? rc : db_bind_text(s, 6, status ? status : "open", e);
        if (rc || db_step(s, e) < 0) {
            db_finalize(s);
            return -1;
        }
    }
    db_finalize(s);
    if (db_prepare(d,
                   "INSERT INTO conversations_fts (rowid, title, what_matters, concerns, ideas,"
                   " agreements, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, id, e);
    rc = rc ? rc : db_bind_text(s, 2, str_or_null(obj, "title"), e);
    for (int t = 0; TEXT_FIELDS[t] && !rc; t++)
        rc = db_bind_text(s, 3 + t, str_or_null(obj, TEXT_FIELDS[t]), e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    return rc;
}

/* How a conversation is written; the read-only members are those a client echoes back. */
static const char *const READ_ONLY[] = {"id",         "created_at",         "created_by",
                                        "updated_at", "updated_by",         "notes_html",
                                        "children",   "organisation_names", NULL};
static const json_record_kind CONVERSATION = {
    .table = "conversations",
    .what = "conversation",
    .entity = "conversation",
    .insert_sql = "INSERT INTO conversations (held_on, mode, title, what_matters, concerns, ideas,"
                  " agreements, notes, follow_up, parent_id, visibility, created_at, created_by,"
                  " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  " RETURNING id",
    .update_sql = "UPDATE conversations SET held_on = ?, mode = ?, title = ?, what_matters = ?,"
                  " concerns = ?, ideas = ?, agreements = ?, notes = ?, follow_up = ?,"
                  " parent_id = ?, visibility = ?, updated_at = ?, updated_by = ?,"
                  " version = version + 1 WHERE id = ? AND version = ?",
    .nbind = 13,
    .bind = bind_fields,
    .validate = validate,
    .children = write_children,
    .read_only = READ_ONLY,
};

int conversation_create(db *d, json_t *obj, const char *actor, int64_t *id, err *e)
{
    return json_record_create(d, &CONVERSATION, obj, actor, id, e);
}

int conversation_update(db *d, int64_t id, json_t *obj, const char *actor, err *e)
{
    return json_record_update(d, &CONVERSATION, id, obj, actor, e);
}

int conversation_delete(db *d, int64_t id, const char *actor, err *e)
{
    if (db_begin(d, e))
        return -1;
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    /* The audit entry keeps what was deleted: enough to tell which conversation it was. */
    db_stmt *s;
    if (db_prepare(d, "SELECT held_on, title FROM conversations WHERE id = ?", &s, e))
        goto fail;
    int rc = db_bind_int64(s, 1, id, e);
    if (!rc)
        rc = db_step(s, e);
    json_t *change = rc == DB_ROW ? json_pack("{s:s, s:s}", "held_on", db_col_text(s, 0), "title",
                                              db_col_text(s, 1))
                                  : NULL;
    db_finalize(s);
    if (rc < 0)
        goto fail;
    if (!change) {
        err_not_found(e, "no conversation with id %s", key);
        goto fail;
    }
    rc = run(d, "DELETE FROM conversations_fts WHERE rowid = ?", id, NULL, NULL, e);
    rc = rc ? rc : run(d, "DELETE FROM conversations WHERE id = ?", id, NULL, NULL, e);
    rc = rc ? rc : audit_record(d, actor, "delete", "conversation", key, change, e);
    json_decref(change);
    if (rc)
        goto fail;
    return db_commit(d, e);
fail:
    db_rollback(d);
    return -1;
}

int conversation_action_status(db *d, int64_t id, int n, const char *status, const char *actor,
                               err *e)
{
    if (!status || !member_one_of(status, MEMBER_ACTION_STATUSES)) {
        err_user(e, "status: expected one of: open, done, dropped");
        err_at(e, 0, "status");
        return -1;
    }
    if (db_begin(d, e))
        return -1;
    db_stmt *s;
    if (db_prepare(d,
                   "UPDATE conversation_actions SET status = ? WHERE conversation_id = ? AND n = ?",
                   &s, e))
        goto fail;
    int rc = db_bind_text(s, 1, status, e);
    rc = rc ? rc : db_bind_int64(s, 2, id, e);
    rc = rc ? rc : db_bind_int64(s, 3, n, e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    if (rc)
        goto fail;
    char key[48];
    snprintf(key, sizeof key, "%lld/%d", (long long)id, n);
    if (db_changes(d) == 0) {
        err_not_found(e, "conversation %lld has no action %d", (long long)id, n);
        goto fail;
    }
    json_t *change = json_pack("{ss}", "status", status);
    rc = audit_record(d, actor, "update", "conversation_action", key, change, e);
    json_decref(change);
    if (rc)
        goto fail;
    return db_commit(d, e);
fail:
    db_rollback(d);
    return -1;
}
