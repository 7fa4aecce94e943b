#include "http/api_reviews.h"

#include "domain/review.h"
#include "http/api_conversations.h"
#include "http/api_pack.h"
#include "report/review_pack.h"

static const char *opt(const http_request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v && v[0] ? v : NULL;
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

static const api_record_ops REVIEW = {"contract review", review_get, review_create, review_update};

int api_review_create(const http_request *req, http_response *resp)
{
    return api_record_create(req, resp, &REVIEW);
}

int api_review_get(const http_request *req, http_response *resp)
{
    return api_record_get(req, resp, &REVIEW);
}

int api_review_update(const http_request *req, http_response *resp)
{
    return api_record_update(req, resp, &REVIEW);
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
    return api_pack_send(resp, &html);
}
