#include "http/api_alerts.h"

#include "domain/alert.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Routes are for signed-in roles only, so there is always a user. */
static int64_t user_id(const http_request *req)
{
    return req->user ? req->user->id : -1;
}

int api_alert_list(const http_request *req, http_response *resp)
{
    const char *day = http_query(req, "day");
    if (day && (strlen(day) != 10 || strspn(day, "0123456789-") != 10))
        return http_error(resp, 400, "day", "day: expected YYYY-MM-DD, got '%.40s'", day);
    json_t *out;
    err e = {0};
    if (alert_list_json(req->db, user_id(req), day, &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}

int api_alert_read(const http_request *req, http_response *resp)
{
    char *end;
    errno = 0;
    long long id = strtoll(req->params[0], &end, 10);
    if (errno || *end || end == req->params[0] || id < 1)
        return http_error(resp, 404, NULL, "no alert '%.40s'", req->params[0]);
    int found;
    err e = {0};
    if (alert_mark_read(req->db, user_id(req), id, &found, &e))
        return http_error_from(resp, 400, &e);
    if (!found)
        return http_error(resp, 404, NULL, "no alert %lld", id);
    http_json(resp, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "read", 1));
    return 0;
}

int api_follow_list(const http_request *req, http_response *resp)
{
    json_t *out;
    err e = {0};
    if (follow_list_json(req->db, user_id(req), &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}

int api_follow_create(const http_request *req, http_response *resp)
{
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    static const char *const allowed[] = {"kind", "code", NULL};
    if (http_reject_unknown(body, allowed, resp)) {
        json_decref(body);
        return 0;
    }
    const char *kind = json_string_value(json_object_get(body, "kind"));
    const char *code = json_string_value(json_object_get(body, "code"));
    int created = 0;
    err e = {0};
    int rc = follow_add(req->db, user_id(req), kind, code, &created, &e);
    if (!rc)
        http_json(resp, created ? 201 : 200,
                  json_pack("{s:s, s:s, s:b}", "kind", kind, "code", code, "created", created));
    json_decref(body);
    return rc ? http_error_from(resp, 422, &e) : 0;
}

/* Stopping following what one does not follow is done already: 204 either way. */
int api_follow_delete(const http_request *req, http_response *resp)
{
    int found;
    err e = {0};
    if (follow_remove(req->db, user_id(req), req->params[0], req->params[1], &found, &e))
        return http_error_from(resp, 422, &e);
    http_body(resp, 204, NULL, NULL, 0);
    return 0;
}
