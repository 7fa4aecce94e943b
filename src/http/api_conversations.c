#include "http/api_conversations.h"

#include "domain/conversation.h"
#include "http/api_stats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

conversation_viewer api_conversation_viewer(const http_request *req)
{
    conversation_viewer v = {0};
    if (!req->user)
        return v;
    if (req->user->role >= ROLE_COMMISSIONER)
        v.all = 1;
    else if (req->user->role == ROLE_PROVIDER && req->user->org[0])
        v.org = req->user->org;
    return v;
}

static const char *actor(const http_request *req)
{
    return req->user ? req->user->email : "api";
}

/* A path or query number: a whole number from min; -1 (with a 400 or 404 in resp) when not. */
static int whole(const char *s, const char *name, long long min, long long *out,
                 http_response *resp, int status)
{
    char *end;
    errno = 0;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (!s || errno || *end || end == s || v < min) {
        if (status == 404)
            http_error(resp, 404, NULL, "no conversation with id '%.40s'", s ? s : "");
        else
            http_error(resp, status, name, "%s: expected a whole number from %lld", name, min);
        return -1;
    }
    *out = v;
    return 0;
}

static const char *opt(const http_request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v && v[0] ? v : NULL;
}

int api_conversation_list(const http_request *req, http_response *resp)
{
    conversation_filter f = {.org = opt(req, "org"),
                             .person = opt(req, "person"),
                             .service = opt(req, "service"),
                             .pathway = opt(req, "pathway"),
                             .tag = opt(req, "tag"),
                             .q = http_query(req, "q")};
    long long limit = 50, offset = 0;
    if ((opt(req, "limit") && whole(opt(req, "limit"), "limit", 1, &limit, resp, 400)) ||
        (opt(req, "offset") && whole(opt(req, "offset"), "offset", 0, &offset, resp, 400)))
        return 0;
    if (limit > 500)
        return http_error(resp, 400, "limit", "limit: at most 500");
    f.limit = (long)limit;
    f.offset = (long)offset;
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (conversation_list(req->db, &f, &v, &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}

/* The record's id in the path: a 404 when it is not a whole number from 1. */
static int record_id(const http_request *req, http_response *resp, const api_record_ops *ops,
                     int64_t *out)
{
    const char *s = req->params[0];
    char *end;
    errno = 0;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (!s || errno || *end || end == s || v < 1) {
        http_error(resp, 404, NULL, "no %s with id '%.40s'", ops->what, s ? s : "");
        return -1;
    }
    *out = v;
    return 0;
}

static int answer_with(const http_request *req, http_response *resp, const api_record_ops *ops,
                       int64_t id, int status, int fallback)
{
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (ops->get(req->db, id, &v, &out, &e))
        return http_error_from(resp, fallback, &e);
    http_json(resp, status, out);
    return 0;
}

int api_record_create(const http_request *req, http_response *resp, const api_record_ops *ops)
{
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    int64_t id = 0;
    err e = {0};
    int rc = ops->create(req->db, body, actor(req), &id, &e);
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    return answer_with(req, resp, ops, id, 201, 500);
}

int api_record_get(const http_request *req, http_response *resp, const api_record_ops *ops)
{
    int64_t id;
    if (record_id(req, resp, ops, &id))
        return 0;
    return answer_with(req, resp, ops, id, 200, 400);
}

int api_record_update(const http_request *req, http_response *resp, const api_record_ops *ops)
{
    int64_t id;
    if (record_id(req, resp, ops, &id))
        return 0;
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    err e = {0};
    int rc = ops->update(req->db, id, body, actor(req), &e);
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    return answer_with(req, resp, ops, id, 200, 500);
}

static const api_record_ops CONVERSATION = {"conversation", conversation_get, conversation_create,
                                            conversation_update};

int api_conversation_create(const http_request *req, http_response *resp)
{
    return api_record_create(req, resp, &CONVERSATION);
}

int api_conversation_get(const http_request *req, http_response *resp)
{
    return api_record_get(req, resp, &CONVERSATION);
}

int api_conversation_update(const http_request *req, http_response *resp)
{
    return api_record_update(req, resp, &CONVERSATION);
}

int api_conversation_delete(const http_request *req, http_response *resp)
{
    long long id;
    if (whole(req->params[0], "id", 1, &id, resp, 404))
        return 0;
    err e = {0};
    if (conversation_delete(req->db, id, actor(req), &e))
        return http_error_from(resp, 400, &e);
    http_body(resp, 204, NULL, NULL, 0);
    return 0;
}

int api_conversation_action(const http_request *req, http_response *resp)
{
    long long id, n;
    if (whole(req->params[0], "id", 1, &id, resp, 404))
        return 0;
    if (whole(req->params[1], "n", 1, &n, resp, 400))
        return 0;
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    static const char *const allowed[] = {"status", NULL};
    if (http_reject_unknown(body, allowed, resp)) {
        json_decref(body);
        return 0;
    }
    err e = {0};
    int rc = conversation_action_status(
        req->db, id, (int)n, json_string_value(json_object_get(body, "status")), actor(req), &e);
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    return answer_with(req, resp, &CONVERSATION, id, 200, 500);
}

int api_conversation_open_items(const http_request *req, http_response *resp)
{
    const char *overdue = http_query(req, "overdue");
    if (overdue && strcmp(overdue, "") != 0 && strcmp(overdue, "1") != 0 &&
        strcmp(overdue, "0") != 0 && strcmp(overdue, "true") != 0 && strcmp(overdue, "false") != 0)
        return http_error(resp, 400, "overdue", "overdue: expected 1 or 0");
    int only = overdue && (strcmp(overdue, "1") == 0 || strcmp(overdue, "true") == 0 ||
                           strcmp(overdue, "") == 0);
    char today[11];
    conversation_today(today);
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (conversation_open_items(req->db, today, only, &v, &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}
