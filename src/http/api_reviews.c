#include "http/api_reviews.h"

#include "domain/review.h"
#include "http/api_conversations.h"
#include "report/pack.h"
#include "report/review_pack.h"

#include <errno.h>
#include <stdlib.h>

static const char *actor(const http_request *req)
{
    return req->user ? req->user->email : "api";
}

static const char *opt(const http_request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v && v[0] ? v : NULL;
}

/* The review id in the path; a 404 when it is not a whole number from 1. */
static int review_id(const http_request *req, http_response *resp, int64_t *out)
{
    const char *s = req->params[0];
    char *end;
    errno = 0;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (!s || errno || *end || end == s || v < 1) {
        http_error(resp, 404, NULL, "no contract review with id '%.40s'", s ? s : "");
        return -1;
    }
    *out = v;
    return 0;
}

int api_review_list(const http_request *req, http_response *resp)
{
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (review_list(req->db, opt(req, "contract"), opt(req, "provider"), &v, &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}

static int answer_with(const http_request *req, http_response *resp, int64_t id, int status)
{
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (review_get(req->db, id, &v, &out, &e))
        return http_error_from(resp, 500, &e);
    http_json(resp, status, out);
    return 0;
}

int api_review_create(const http_request *req, http_response *resp)
{
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    int64_t id = 0;
    err e = {0};
    int rc = review_create(req->db, body, actor(req), &id, &e);
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    return answer_with(req, resp, id, 201);
}

int api_review_get(const http_request *req, http_response *resp)
{
    int64_t id;
    if (review_id(req, resp, &id))
        return 0;
    return answer_with(req, resp, id, 200);
}

int api_review_update(const http_request *req, http_response *resp)
{
    int64_t id;
    if (review_id(req, resp, &id))
        return 0;
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    err e = {0};
    int rc = review_update(req->db, id, body, actor(req), &e);
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    return answer_with(req, resp, id, 200);
}

int api_review_view(const http_request *req, http_response *resp)
{
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (review_view(req->db, req->params[0], &v, &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}

int api_review_pack(const http_request *req, http_response *resp)
{
    char today[11];
    conversation_today(today);
    review_pack_request pr = {.contract = req->params[0],
                              .today = opt(req, "today") ? opt(req, "today") : today,
                              .viewer = api_conversation_viewer(req)};
    strbuf html = STRBUF_INIT;
    err e = {0};
    if (review_pack_html(req->db, &pr, &html, &e)) {
        strbuf_free(&html);
        return http_error_from(resp, 400, &e);
    }
    /* The pack's inline stylesheet needs its own policy; it runs no script at all. */
    http_add_header(resp, "Content-Security-Policy", PACK_CSP);
    http_add_header(resp, "Cache-Control", "no-store");
    http_body(resp, 200, "text/html; charset=utf-8", html.buf, html.len);
    strbuf_free(&html);
    return 0;
}
