/* Stories told by the public: checked, stored pending moderation, audited as "public". */
#include "domain/story_intake.h"

#include "domain/entities.h"
#include "domain/record_json.h"
#include "domain/row_json.h"
#include "domain/store.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const members[] = {"teller",  "pathway",      "title",       "text",
                                      "consent", "organisation", "touchpoints", NULL};
static const char *const touchpoint_members[] = {"stage", "emotion", "valence", NULL};
/* Staff tell their stories through the commissioners, not the public form. */
static const char *const public_tellers[] = {"patient", "carer", "public", NULL};

static int listed(const char *const *names, const char *s)
{
    for (; *names; names++)
        if (strcmp(*names, s) == 0)
            return 1;
    return 0;
}

static int only_known(json_t *obj, const char *const *names, const char *prefix, err *e)
{
    const char *name;
    json_t *v;
    json_object_foreach(obj, name, v)
    {
        if (!listed(names, name)) {
            char field[64];
            snprintf(field, sizeof field, "%s%.40s", prefix, name);
            return err_field(e, field, "is not part of a story");
        }
    }
    return 0;
}

/* A text member: a string of 1..max bytes (whitespace alone counts as empty). */
static int text_member(json_t *in, const char *name, int required, size_t max, err *e)
{
    json_t *v = json_object_get(in, name);
    if (!v || json_is_null(v)) {
        if (required)
            return err_field(e, name, "is required");
        return 0;
    }
    if (!json_is_string(v))
        return err_field(e, name, "must be text");
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    if (i == n && required)
        return err_field(e, name, "is required");
    if (n > max)
        return err_field(e, name, "is %zu bytes; at most %zu are allowed", n, max);
    return 0;
}

static int check_choices(json_t *in, const char *name, const char *const *choices, err *e)
{
    const char *s = json_string_value(json_object_get(in, name));
    if (s && listed(choices, s))
        return 0;
    strbuf all = STRBUF_INIT;
    for (int i = 0; choices[i]; i++)
        strbuf_addf(&all, "%s%s", i ? ", " : "", choices[i]);
    err_field(e, name, "must be one of %s", strbuf_str(&all));
    strbuf_free(&all);
    return -1;
}

static int check_pathway(db *d, const char *pathway, err *e)
{
    if (!pathway || !pathway[0])
        return err_field(e, "pathway", "is required");
    if (strcmp(pathway, "other") == 0)
        return 0;
    int found = 0;
    if (row_exists(d, "SELECT 1 FROM services WHERE pathway = ?1", 1, pathway, &found, e))
        return -1;
    if (!found)
        return err_field(e, "pathway",
                         "'%.40s' is not a pathway of our services; choose one, or other", pathway);
    return 0;
}

/* A stage as a code: "First visit" becomes "first_visit". */
static void stage_code(const char *in, char out[33])
{
    size_t n = 0;
    int gap = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && n < 32; p++) {
        if (isalnum(*p)) {
            if (gap && n)
                out[n++] = '_';
            if (n < 32)
                out[n++] = (char)tolower(*p);
            gap = 0;
        } else {
            gap = 1;
        }
    }
    out[n] = '\0';
}

/* "PUB-YYYYMMDD-NNNN", one more than the day's last. */
static int next_code(db *d, const char *today, char code[STORY_CODE_LEN], err *e)
{
    char prefix[16];
    snprintf(prefix, sizeof prefix, "PUB-%.4s%.2s%.2s-", today, today + 5, today + 8);
    char like[20];
    snprintf(like, sizeof like, "%s%%", prefix);
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT COALESCE(MAX(CAST(substr(code, 14) AS INTEGER)), 0) FROM stories "
                   "WHERE code LIKE ?1",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, like, e);
    if (!rc)
        rc = db_step(s, e);
    int64_t last = rc == DB_ROW ? db_col_int64(s, 0) : 0;
    db_finalize(s);
    if (rc != DB_ROW)
        return -1;
    if (last >= 99999)
        return err_user(e, "too many stories told today; please try again tomorrow");
    snprintf(code, STORY_CODE_LEN, "%.13s%04d", prefix, (int)last + 1);
    return 0;
}

/* Checks and stores one new row of def from obj (a new reference, released here). A failure
 * names `field_prefix` + the field. A row already stored with its key is never overwritten:
 * two stories told at the same moment could otherwise both take the day's next code. */
static int store_one(db *d, const entity_def *def, json_t *obj, const char *field_prefix, err *e)
{
    entity_row row;
    store *st = NULL;
    int rc = record_row_from_json(def, obj, NULL, &row, e);
    if (!rc)
        rc = store_open(d, def, &st, e);
    if (!rc)
        rc = store_validate(st, &row, d, e);
    int found = 0;
    if (!rc)
        rc = store_exists(st, &row, &found, e);
    if (!rc && found)
        rc = err_conflict(e, "another story was told at the same moment; please send it again");
    store_outcome outcome;
    if (!rc)
        rc = store_upsert(st, &row, STORY_INTAKE_ACTOR, 0, &outcome, e);
    store_close(st);
    entity_row_clear(&row);
    json_decref(obj);
    if (rc && field_prefix && e->kind == ERR_USER) {
        char field[sizeof e->field];
        snprintf(field, sizeof field, "%s%.40s", field_prefix, e->field);
        err_prefix(e, "%.20s", field_prefix);
        err_at(e, 0, field);
    }
    return rc;
}

static int check_touchpoint(json_t *tp, const char *prefix, err *e)
{
    char field[64];
    if (!json_is_object(tp)) {
        snprintf(field, sizeof field, "%.40s", prefix);
        field[strlen(field) - 1] = '\0'; /* "touchpoints[2]" without the dot */
        return err_field(e, field, "must be an object with stage, emotion and valence");
    }
    if (only_known(tp, touchpoint_members, prefix, e))
        return -1;
    static const char *const texts[] = {"stage", "emotion"};
    for (int i = 0; i < 2; i++) {
        snprintf(field, sizeof field, "%s%s", prefix, texts[i]);
        const char *s = json_string_value(json_object_get(tp, texts[i]));
        if (!s || !s[0])
            return err_field(e, field, "is required (text)");
    }
    char stage[33];
    stage_code(json_string_value(json_object_get(tp, "stage")), stage);
    if (!stage[0]) {
        snprintf(field, sizeof field, "%sstage", prefix);
        return err_field(e, field, "needs a letter or a digit");
    }
    json_t *v = json_object_get(tp, "valence");
    if (!json_is_integer(v) || json_integer_value(v) < -2 || json_integer_value(v) > 2) {
        snprintf(field, sizeof field, "%svalence", prefix);
        return err_field(e, field, "must be a whole number from -2 (very bad) to 2 (very good)");
    }
    return 0;
}

static int check_story(db *d, json_t *in, err *e)
{
    if (only_known(in, members, "", e) || text_member(in, "teller", 1, 32, e) ||
        check_choices(in, "teller", public_tellers, e) || text_member(in, "pathway", 1, 32, e) ||
        check_pathway(d, json_string_value(json_object_get(in, "pathway")), e) ||
        text_member(in, "title", 1, STORY_INTAKE_MAX_TITLE, e) ||
        text_member(in, "text", 1, STORY_INTAKE_MAX_TEXT, e) ||
        text_member(in, "consent", 1, 32, e) || text_member(in, "organisation", 0, 32, e))
        return -1;
    json_t *tps = json_object_get(in, "touchpoints");
    if (tps && !json_is_null(tps) && !json_is_array(tps))
        return err_field(e, "touchpoints", "must be a list of {stage, emotion, valence}");
    if (json_array_size(tps) > STORY_INTAKE_MAX_TOUCHPOINTS)
        return err_field(e, "touchpoints", "has %zu; at most %d are allowed", json_array_size(tps),
                         STORY_INTAKE_MAX_TOUCHPOINTS);
    size_t i;
    json_t *tp;
    json_array_foreach(tps, i, tp)
    {
        char prefix[48];
        snprintf(prefix, sizeof prefix, "touchpoints[%d].", (int)i + 1);
        if (check_touchpoint(tp, prefix, e))
            return -1;
    }
    return 0;
}

static int store_story(db *d, json_t *in, const char *today, const char *code, err *e)
{
    json_t *org = json_object_get(in, "organisation");
    const char *org_code = json_string_value(org);
    json_t *story = json_pack(
        "{s:s, s:O, s:O, s:O, s:s*, s:s, s:O, s:O, s:s, s:s}", "code", code, "pathway",
        json_object_get(in, "pathway"), "teller", json_object_get(in, "teller"), "consent",
        json_object_get(in, "consent"), "organisation", org_code && org_code[0] ? org_code : NULL,
        "told_on", today, "title", json_object_get(in, "title"), "text",
        json_object_get(in, "text"), "moderation", "pending", "change", "none");
    if (!story)
        return err_internal(e, "could not build the story");
    if (store_one(d, &story_def, story, NULL, e))
        return -1;
    size_t i;
    json_t *tp;
    json_array_foreach(json_object_get(in, "touchpoints"), i, tp)
    {
        char stage[33], prefix[48];
        stage_code(json_string_value(json_object_get(tp, "stage")), stage);
        snprintf(prefix, sizeof prefix, "touchpoints[%d].", (int)i + 1);
        json_t *row = json_pack(
            "{s:s, s:I, s:s, s:O, s:O}", "story", code, "n", (json_int_t)(i + 1), "stage", stage,
            "emotion", json_object_get(tp, "emotion"), "valence", json_object_get(tp, "valence"));
        if (store_one(d, &touchpoint_def, row, prefix, e))
            return -1;
    }
    return 0;
}

int story_intake(db *d, json_t *in, const char *today, char code[STORY_CODE_LEN], err *e)
{
    if (!json_is_object(in))
        return err_user(e, "a story must be a JSON object");
    if (check_story(d, in, e))
        return -1;
    if (db_begin(d, e))
        return -1;
    if (next_code(d, today, code, e) || store_story(d, in, today, code, e) || db_commit(d, e)) {
        db_rollback(d);
        return -1;
    }
    return 0;
}

static int exec_int(db *d, const char *sql, const char *text, int64_t a, int64_t b, int64_t *out,
                    err *e)
{
    db_stmt *s;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_bind_text(s, 1, text, e);
    if (!rc)
        rc = db_bind_int64(s, 2, a, e);
    if (!rc && strstr(sql, "?3"))
        rc = db_bind_int64(s, 3, b, e);
    if (!rc)
        rc = db_step(s, e);
    if (rc == DB_ROW && out)
        *out = db_col_int64(s, 0);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int story_intake_allow(db *d, const char *address, int64_t now, int64_t *retry_at, err *e)
{
    int64_t since = now - STORY_INTAKE_WINDOW, count = 0, oldest = 0;
    *retry_at = 0;
    if (db_begin(d, e))
        return -1;
    int rc = exec_int(d, "DELETE FROM story_submissions WHERE ?1 = ?1 AND at <= ?2", "", since, 0,
                      NULL, e);
    if (!rc)
        rc = exec_int(d, "SELECT COUNT(*) FROM story_submissions WHERE address = ?1 AND at > ?2",
                      address, since, 0, &count, e);
    if (!rc && count >= STORY_INTAKE_MAX_PER_ADDRESS) {
        /* The (count - max + 1)th oldest attempt must leave the window. */
        rc = exec_int(d,
                      "SELECT at FROM story_submissions WHERE address = ?1 AND at > ?2 "
                      "ORDER BY at LIMIT 1 OFFSET ?3",
                      address, since, count - STORY_INTAKE_MAX_PER_ADDRESS, &oldest, e);
        *retry_at = oldest + STORY_INTAKE_WINDOW > now ? oldest + STORY_INTAKE_WINDOW : now + 1;
    } else if (!rc) {
        rc = exec_int(d, "INSERT INTO story_submissions (address, at) VALUES (?1, ?2)", address,
                      now, 0, NULL, e);
    }
    if (!rc)
        rc = db_commit(d, e);
    if (rc)
        db_rollback(d);
    return rc;
}

int story_form_choices(db *d, json_t **out, err *e)
{
    json_t *pathways = json_array(), *orgs = json_array();
    int rc = row_json_rows(d,
                           "SELECT DISTINCT pathway FROM services WHERE pathway IS NOT NULL "
                           "ORDER BY pathway",
                           "s", NULL, 0, pathways, e);
    /* Organisations that provide services: the ones a story can be about. */
    if (!rc)
        rc = row_json_rows(d,
                           "SELECT code, name FROM organisations WHERE code IN (SELECT "
                           "provider_code FROM services) ORDER BY name",
                           "ss", NULL, 0, orgs, e);
    if (rc) {
        json_decref(pathways);
        json_decref(orgs);
        return -1;
    }
    json_t *names = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(pathways, i, p) json_array_append(names, json_object_get(p, "pathway"));
    json_decref(pathways);
    *out = json_pack("{s:o, s:o, s:i, s:i, s:i}", "pathways", names, "organisations", orgs,
                     "max_title", STORY_INTAKE_MAX_TITLE, "max_text", STORY_INTAKE_MAX_TEXT,
                     "max_touchpoints", STORY_INTAKE_MAX_TOUCHPOINTS);
    return 0;
}
