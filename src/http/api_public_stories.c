#include "http/api_public_stories.h"

#include "domain/story_intake.h"
#include "util/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define HONEYPOT "website"

static const char thanks[] =
    "Thank you for telling us your story. A moderator will read it first and take out "
    "anything that could identify you or anyone else. It will be published only after that, "
    "and only if you agreed to it being public.";

static int too_many(http_response *resp, int64_t now, int64_t retry_at)
{
    char secs[32];
    snprintf(secs, sizeof secs, "%lld", (long long)(retry_at - now));
    http_add_header(resp, "Retry-After", secs);
    long minutes = (long)((retry_at - now + 59) / 60);
    return http_error(resp, 429, NULL,
                      "%d stories an hour can be told from one address; please try again in %ld "
                      "minute%s",
                      STORY_INTAKE_MAX_PER_ADDRESS, minutes, minutes == 1 ? "" : "s");
}

int api_public_story_tell(const http_request *req, http_response *resp)
{
    if (req->body_len > STORY_INTAKE_MAX_BODY)
        return http_error(resp, 413, NULL, "a story may be at most %d KiB in all",
                          STORY_INTAKE_MAX_BODY / 1024);
    err e = {0};
    int64_t now = (int64_t)time(NULL), retry_at = 0;
    /* Every attempt counts, the robots' too, so that the limit also bounds the work. */
    if (story_intake_allow(req->db, http_client_address(req), now, &retry_at, &e))
        return http_error_from(resp, 500, &e);
    if (retry_at)
        return too_many(resp, now, retry_at);
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    /* A filled honeypot gets the same answer as a story, so its sender learns nothing. */
    json_t *trap = json_object_get(body, HONEYPOT);
    int spam =
        trap && !(json_is_string(trap) && json_string_length(trap) == 0) && !json_is_null(trap);
    json_object_del(body, HONEYPOT);
    int rc = 0;
    if (!spam) {
        char today[CLOCK_ISO_LEN], code[STORY_CODE_LEN];
        clock_now_iso(today);
        today[10] = '\0';
        rc = story_intake(req->db, body, today, code, &e);
    }
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    http_json(resp, 201, json_pack("{s:s}", "message", thanks));
    return 0;
}

int api_story_form(const http_request *req, http_response *resp)
{
    json_t *out = NULL;
    err e = {0};
    if (story_form_choices(req->db, &out, &e))
        return http_error_from(resp, 500, &e);
    http_json(resp, 200, out);
    return 0;
}

int api_moderation_queue(const http_request *req, http_response *resp)
{
    json_t *out = NULL;
    err e = {0};
    if (story_moderation_queue(req->db, &out, &e))
        return http_error_from(resp, 500, &e);
    http_json(resp, 200, out);
    return 0;
}

/* A body with only these members, each text (or null); the caller releases *out. */
static int text_body(const http_request *req, http_response *resp, const char *const *names,
                     json_t **out)
{
    if (http_json_body(req, resp, out))
        return -1;
    if (http_reject_unknown(*out, names, resp))
        goto bad;
    for (int i = 0; names[i]; i++) {
        json_t *v = json_object_get(*out, names[i]);
        if (v && !json_is_string(v) && !json_is_null(v)) {
            http_error(resp, 422, names[i], "%s: must be text", names[i]);
            goto bad;
        }
    }
    return 0;
bad:
    json_decref(*out);
    *out = NULL;
    return -1;
}

static const char *member(json_t *obj, const char *name)
{
    return json_string_value(json_object_get(obj, name));
}

int api_moderation_decide(const http_request *req, http_response *resp)
{
    static const char *const names[] = {"moderated_text", "decision", NULL};
    json_t *body;
    if (text_body(req, resp, names, &body))
        return 0;
    err e = {0};
    int rc = story_moderate(req->db, req->params[0], member(body, "decision"),
                            member(body, "moderated_text"), req->user->email, &e);
    if (rc)
        http_error_from(resp, 422, &e);
    else
        http_json(resp, 200,
                  json_pack("{s:s, s:s, s:s}", "code", req->params[0], "moderation",
                            member(body, "decision"), "moderated_by", req->user->email));
    json_decref(body);
    return 0;
}

int api_moderation_respond(const http_request *req, http_response *resp)
{
    static const char *const names[] = {"response", "change", NULL};
    json_t *body;
    if (text_body(req, resp, names, &body))
        return 0;
    err e = {0};
    int rc = story_respond(req->db, req->params[0], member(body, "response"),
                           member(body, "change"), req->user->email, &e);
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    http_json(resp, 200, json_pack("{s:s}", "code", req->params[0]));
    return 0;
}
