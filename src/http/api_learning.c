#include "http/api_learning.h"

#include "domain/reflection.h"

#include <errno.h>
#include <stdlib.h>

static const char *author(const http_request *req)
{
    return req->user ? req->user->email : "";
}

int api_reflection_list(const http_request *req, http_response *resp)
{
    const char *session = http_query(req, "session");
    json_t *out = NULL;
    err e = {0};
    int rc =
        reflection_list(req->db, author(req), session && session[0] ? session : NULL, &out, &e);
    if (rc)
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}

int api_reflection_create(const http_request *req, http_response *resp)
{
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    int64_t id = 0;
    err e = {0};
    int rc = reflection_add(req->db, body, author(req), &id, &e);
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    http_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

int api_reflection_share(const http_request *req, http_response *resp)
{
    char *end;
    errno = 0;
    long long id = strtoll(req->params[0], &end, 10);
    if (errno || *end || end == req->params[0] || id < 1)
        return http_error(resp, 404, NULL, "no reflection '%.40s'", req->params[0]);
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    json_t *shared = json_object_get(body, "shared");
    if (!json_is_boolean(shared) || json_object_size(body) != 1) {
        json_decref(body);
        return http_error(resp, 422, "shared", "send {\"shared\": true} or {\"shared\": false}");
    }
    err e = {0};
    int rc = reflection_set_shared(req->db, id, author(req), json_is_true(shared), &e);
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    http_json(resp, 200,
              json_pack("{s:I, s:b}", "id", (json_int_t)id, "shared", json_is_true(shared)));
    return 0;
}
