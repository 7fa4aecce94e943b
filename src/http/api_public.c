/* The public site and API: thin handlers over the public view. */
#include "http/api_public.h"

#include "domain/public_view.h"
#include "report/public_html.h"

#include <string.h>

#define SITE_PREFIX "/public/"
#define API_PREFIX "/api/v1/public/"

int api_public_page(const http_request *req, http_response *resp)
{
    const char *page = strncmp(req->path, SITE_PREFIX, strlen(SITE_PREFIX)) == 0
                           ? req->path + strlen(SITE_PREFIX)
                           : "";
    /* "/public/" is the front page; its relative links resolve as from index.html. */
    if (!page[0])
        page = "index.html";
    strbuf body = STRBUF_INIT;
    const char *type;
    err e = {0};
    if (public_render(req->db, page, &body, &type, &e)) {
        strbuf_free(&body);
        return http_error_from(resp, 400, &e);
    }
    http_body(resp, 200, type, body.buf ? body.buf : "", body.len);
    strbuf_free(&body);
    return 0;
}

int api_public_table(const http_request *req, http_response *resp)
{
    /* The table is the last segment: /api/v1/public/pledges is table "pledges". */
    const char *table = req->path + strlen(API_PREFIX);
    json_t *rows;
    err e = {0};
    if (public_table_rows(req->db, table, http_query(req, "programme"), &rows, &e))
        return http_error_from(resp, 400, &e);
    json_t *updated = NULL;
    if (public_table_updated(req->db, public_table_find(table), &updated, &e)) {
        json_decref(rows);
        return http_error_from(resp, 400, &e);
    }
    http_json(resp, 200,
              json_pack("{s:s, s:O, s:o}", "table", table, "last_changed",
                        json_object_get(updated, "last_changed"), "items", rows));
    json_decref(updated);
    return 0;
}

int api_public_programme(const http_request *req, http_response *resp)
{
    json_t *p;
    err e = {0};
    if (public_programme(req->db, req->params[0], &p, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, p);
    return 0;
}

int api_public_scorecards(const http_request *req, http_response *resp)
{
    json_t *list;
    err e = {0};
    if (public_providers(req->db, &list, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, json_pack("{s:o}", "items", list));
    return 0;
}

int api_public_scorecard(const http_request *req, http_response *resp)
{
    json_t *s;
    err e = {0};
    if (public_scorecard(req->db, req->params[0], &s, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, s);
    return 0;
}

int api_public_dictionary(const http_request *req, http_response *resp)
{
    (void)req;
    http_json(resp, 200, public_dictionary());
    return 0;
}
