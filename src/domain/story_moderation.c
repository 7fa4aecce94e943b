/* The moderation queue: stories waiting for a moderator, decisions, provider responses. */
#include "domain/story_intake.h"

#include "domain/entities.h"
#include "domain/experience.h"
#include "domain/record_json.h"
#include "domain/row_json.h"
#include "domain/store.h"

#include <string.h>

int story_moderation_queue(db *d, json_t **out, err *e)
{
    json_t *list = json_array();
    int rc = row_json_rows(d,
                           "SELECT code, programme_code AS programme, pathway, teller, consent, "
                           "organisation_code AS organisation, told_on, title, text, "
                           "moderated_text FROM stories WHERE moderation = 'pending' "
                           "ORDER BY told_on, code",
                           "ssssssssss", NULL, 0, list, e);
    if (!rc)
        rc = stories_add_touchpoints(d, list, e);
    if (rc) {
        json_decref(list);
        return -1;
    }
    *out = json_pack("{s:o}", "stories", list);
    return 0;
}

static int keep_one(void *ctx, const entity_record *rec, err *e)
{
    (void)e;
    *(json_t **)ctx = record_json(rec);
    return 0;
}

/* Applies changes (borrowed) to the stored story and writes it back through the story's own
 * rules, audited as actor. want_approved: refuse unless the story is approved. */
static int update_story(db *d, const char *code, json_t *changes, int want_approved,
                        const char *actor, err *e)
{
    const char *key[1] = {code};
    json_t *obj = NULL;
    if (store_each(d, &story_def, key, 1, keep_one, &obj, e))
        return -1;
    if (!obj)
        return err_not_found(e, "no story '%.40s'", code);
    if (want_approved &&
        strcmp(json_string_value(json_object_get(obj, "moderation")), "approved") != 0) {
        json_decref(obj);
        err_user(e, "story %.40s is not approved yet: a response goes on an approved story", code);
        err_at(e, 0, "moderation");
        return -1;
    }
    /* The server reads, changes and writes back the whole story: made to the version read, so
     * a change another moderator saves in between is refused (409), never overwritten. */
    int64_t read = json_integer_value(json_object_get(obj, "version"));
    json_object_update(obj, changes);
    entity_row row;
    store *st = NULL;
    int rc = record_row_from_json(&story_def, obj, key, &row, e);
    int in_tx = 0;
    if (!rc)
        rc = db_begin(d, e), in_tx = !rc;
    if (!rc)
        rc = store_open(d, &story_def, &st, e);
    if (!rc)
        rc = store_validate(st, &row, d, e);
    store_outcome outcome;
    if (!rc)
        rc = store_upsert(st, &row, actor, read, &outcome, e);
    store_close(st);
    if (!rc)
        rc = db_commit(d, e);
    else if (in_tx)
        db_rollback(d);
    entity_row_clear(&row);
    json_decref(obj);
    return rc;
}

int story_moderate(db *d, const char *code, const char *decision, const char *moderated_text,
                   const char *moderator, err *e)
{
    if (!decision || (strcmp(decision, "approved") != 0 && strcmp(decision, "rejected") != 0)) {
        err_user(e, "decision: must be approved or rejected");
        err_at(e, 0, "decision");
        return -1;
    }
    json_t *changes = json_pack("{s:s, s:s}", "moderation", decision, "moderated_by", moderator);
    if (moderated_text)
        json_object_set_new(changes, "moderated_text", json_string(moderated_text));
    int rc = update_story(d, code, changes, 0, moderator, e);
    json_decref(changes);
    return rc;
}

int story_respond(db *d, const char *code, const char *response, const char *change,
                  const char *actor, err *e)
{
    json_t *changes = json_pack("{s:s?, s:s?}", "response", response, "change", change);
    int rc = update_story(d, code, changes, 1, actor, e);
    json_decref(changes);
    return rc;
}
