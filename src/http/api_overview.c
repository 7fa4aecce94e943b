/* The overview routes: the system summary, the home page's signals, and one
 * organisation's indicators with their SPC icons. */
#include "http/api_overview.h"

#include "domain/signals.h"
#include "domain/summary.h"
#include "http/api_stats.h"

int api_summary(const http_request *req, http_response *resp)
{
    json_t *j;
    err e = {0};
    if (summary_build(req->db, &j, &e))
        return http_error_from(resp, 500, &e);
    http_json(resp, 200, j);
    return 0;
}

int api_signals(const http_request *req, http_response *resp)
{
    json_t *j;
    err e = {0};
    if (signals_build(req->db, &j, &e))
        return http_error_from(resp, 500, &e);
    http_json(resp, 200, j);
    return 0;
}

int api_subject_indicators(const http_request *req, http_response *resp)
{
    json_t *j;
    err e = {0};
    if (signals_for_subject(req->db, req->params[0], &j, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, j);
    return 0;
}
