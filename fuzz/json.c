/* fuzz json: a JSON request body (http_json_body: the depth check, then Jansson), and the
 * object it gives read the way the API reads it.
 *
 * The first line picks the reader: an entity kind reads the object as a row of that kind
 * (record_row_from_json, as a create and as an update of the key "A1"), with the version an
 * update carries; "story" tells it as a story through the public form (story_intake, in a
 * transaction rolled back); anything else only parses. The body is the rest. */
#include "fuzz.h"

#include "domain/entity.h"
#include "domain/record_json.h"
#include "domain/row_version.h"
#include "domain/story_intake.h"
#include "http/http.h"

#include <stdlib.h>
#include <string.h>

static int as_row(const entity_def *def, json_t *obj, err *e)
{
    static const char *const key[4] = {"A1", "A1", "A1", "A1"};
    entity_row row;
    err ue = {0};
    int rc = record_row_from_json(def, obj, NULL, &row, e);
    entity_row_clear(&row);
    entity_row update;
    if (record_row_from_json(def, obj, key, &update, &ue) == 0) {
        int64_t version;
        row_version_from_json(obj, def->singular, &version, &ue);
    }
    entity_row_clear(&update);
    if (ue.kind == ERR_INTERNAL)
        *e = ue;
    return rc || ue.kind == ERR_INTERNAL ? -1 : 0;
}

static int as_story(json_t *obj, err *e)
{
    db *d = fuzz_db();
    char code[STORY_CODE_LEN];
    if (db_begin(d, e))
        return -1;
    int rc = story_intake(d, obj, "2026-12-03", code, e);
    db_rollback(d);
    return rc;
}

int fuzz_json(const uint8_t *data, size_t size, err *e)
{
    char kind[64];
    const uint8_t *body;
    size_t n;
    fuzz_first_line(data, size, kind, sizeof kind, &body, &n);
    /* The server hands handlers a NUL-terminated body. */
    char *text = xmalloc(n + 1);
    memcpy(text, body, n);
    text[n] = '\0';
    http_request req = {.method = "POST", .path = "/", .body = text, .body_len = n};
    http_response resp = {0};
    json_t *obj;
    int rc = http_json_body(&req, &resp, &obj);
    fuzz_answer(&resp, e);
    if (!rc) {
        const entity_def *def = entity_find(kind);
        if (def)
            rc = as_row(def, obj, e);
        else if (strcmp(kind, "story") == 0)
            rc = as_story(obj, e);
        json_decref(obj);
    }
    free(text);
    return rc;
}
