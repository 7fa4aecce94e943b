#include "http/api_relationships.h"

#include "domain/relationships.h"
#include "http/api_conversations.h"
#include "http/api_stats.h"
#include "report/chart_network.h"
#include "util/date.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int api_relationships(const http_request *req, http_response *resp)
{
    long days = RELATIONSHIP_DAYS_DEFAULT;
    const char *d = http_query(req, "days"), *t = http_query(req, "today");
    if (d && d[0]) {
        char *end;
        errno = 0;
        days = strtol(d, &end, 10);
        if (errno || *end || days < 1 || days > 3660)
            return http_error(resp, 400, "days", "days: expected a number of days from 1 to 3660");
    }
    char today[11];
    conversation_today(today);
    if (t && t[0]) {
        int ok;
        date_to_days(t, &ok);
        if (!ok || strlen(t) != 10)
            return http_error(resp, 400, "today", "today: expected a date written YYYY-MM-DD");
        snprintf(today, sizeof today, "%s", t);
    }
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (relationships_build(req->db, today, (int)days, &v, &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}

int api_relationships_network(const http_request *req, http_response *resp)
{
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (relationships_network(req->db, &v, &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}

int api_relationships_network_svg(const http_request *req, http_response *resp)
{
    conversation_viewer v = api_conversation_viewer(req);
    json_t *net;
    err e = {0};
    if (relationships_network(req->db, &v, &net, &e))
        return http_error_from(resp, 400, &e);
    strbuf svg = STRBUF_INIT;
    int rc = chart_network_svg(net, &svg, &e);
    json_decref(net);
    if (rc) {
        strbuf_free(&svg);
        return http_error_from(resp, 422, &e);
    }
    http_body(resp, 200, "image/svg+xml", svg.buf, svg.len);
    strbuf_free(&svg);
    return 0;
}

int api_relationships_matrix(const http_request *req, http_response *resp)
{
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (relationships_matrix(req->db, &v, &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}

int api_involvement(const http_request *req, http_response *resp)
{
    const char *p = http_query(req, "pathway"), *s = http_query(req, "service");
    p = p && p[0] ? p : NULL;
    s = s && s[0] ? s : NULL;
    if (!p == !s)
        return http_error(resp, 400, "pathway", "give one of pathway= or service=");
    conversation_viewer v = api_conversation_viewer(req);
    json_t *out;
    err e = {0};
    if (relationships_involvement(req->db, p, s, &v, &out, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, out);
    return 0;
}
