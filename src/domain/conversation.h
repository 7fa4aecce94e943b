/* conversation: the log of face-to-face (or video, or phone) conversations across
 * organisational boundaries, and what cannot be coded: what matters to people, their
 * concerns and ideas, what was agreed, and the actions that follow.
 *
 * A conversation is one JSON object, the same from the API, `unlock conversation add --file`
 * and the demo:
 *
 *   {"held_on":"2026-10-14", "mode":"face_to_face|video|phone", "title":"...",
 *    "participants":[{"person":"p-0001","side":"commissioner|provider"}],
 *    "organisations":["RNV"], "services":["SVC"], "pathways":["end_of_life"],
 *    "opportunities":["estates:S-FMH"], "charts":["/api/v1/indicators/X/spc?org=RNV"],
 *    "tags":["frailty"], "what_matters":"...", "concerns":"...", "ideas":"...",
 *    "agreements":"...", "notes":"Markdown", "follow_up":"2026-11-14", "parent":12,
 *    "actions":[{"description":"...","owner":"p-0003","due":"2026-11-01",
 *                "status":"open|done|dropped"}],
 *    "visibility":"commissioners|shared"}
 *
 * held_on and title are required; mode defaults to face_to_face and visibility to
 * commissioners. An update also carries "version", the one it was read at: a stale version is
 * a conflict (HTTP 409), so two people editing at once never lose each other's work.
 *
 * Who sees what: commissioners and administrators see every conversation; a provider user
 * sees only `shared` conversations that name its organisation; nobody else sees any. Nothing
 * here is ever public.
 *
 * Every write is audit-logged and runs in its own transaction. JSON returned is the caller's. */
#ifndef UNLOCK_DOMAIN_CONVERSATION_H
#define UNLOCK_DOMAIN_CONVERSATION_H

#include "db/db.h"

#include <jansson.h>
#include <stdint.h>

#define CONVERSATION_TEXT_MAX 20000 /* bytes in notes and each free-text field */

/* Who is asking. A viewer with all set sees everything; otherwise only conversations shared
 * with org (a provider's organisation); an empty viewer sees nothing. */
typedef struct conversation_viewer {
    int all;
    const char *org;
} conversation_viewer;

/* Validates obj and stores it as a new conversation; *id (may be NULL) gets its id. User
 * errors name the field as a path ("participants[1].person") in e->field. */
int conversation_create(db *d, json_t *obj, const char *actor, int64_t *id, err *e);
/* Replaces conversation id by obj, which must carry the stored "version" (else a conflict). */
int conversation_update(db *d, int64_t id, json_t *obj, const char *actor, err *e);
int conversation_delete(db *d, int64_t id, const char *actor, err *e);
/* Sets one action's status (open, done, dropped). */
int conversation_action_status(db *d, int64_t id, int n, const char *status, const char *actor,
                               err *e);

/* The conversation as stored, with id, version, created/updated by and at, names beside codes,
 * "notes_html" (the Markdown rendered safely) and "children" (ids of its follow-ups). Not
 * found (also when the viewer may not see it: no hint that it exists). */
int conversation_get(db *d, int64_t id, const conversation_viewer *v, json_t **out, err *e);

typedef struct conversation_filter {
    const char *org;     /* naming this organisation */
    const char *person;  /* with this participant */
    const char *service; /* linked to this service */
    const char *pathway; /* linked to this pathway */
    const char *tag;
    const char *q;      /* full-text search over title, notes, concerns, ideas, ... */
    long limit, offset; /* limit 0: 50 */
} conversation_filter;

/* {"total":N, "limit", "offset", "items":[{id, held_on, mode, title, visibility,
 *  organisations, participants, open_actions, follow_up, snippet (when q)}]}, newest first
 * (best match first when q). A malformed search is a user error naming "q". */
int conversation_list(db *d, const conversation_filter *f, const conversation_viewer *v,
                      json_t **out, err *e);

/* Open actions and follow-ups across the system as of today (YYYY-MM-DD):
 * {"today", "actions":[{conversation, title, n, description, owner, owner_name, due,
 *   overdue}], "follow_ups":[{conversation, title, held_on, follow_up, overdue}]}, actions by
 * due date (undated last), follow-ups due by today, earliest first. With overdue_only, only
 * what is past its date. */
int conversation_open_items(db *d, const char *today, int overdue_only,
                            const conversation_viewer *v, json_t **out, err *e);

/* The SQL condition a viewer may see, for queries over conversations aliased `c`, and binds
 * its parameter (if any) at index *idx, advancing it. For the relationship views. */
const char *conversation_visible_sql(const conversation_viewer *v);
int conversation_bind_visible(db_stmt *s, int *idx, const conversation_viewer *v, err *e);

/* Today as YYYY-MM-DD (UNLOCK_NOW fixes it, as for util/clock.h). */
void conversation_today(char out[11]);

#endif
