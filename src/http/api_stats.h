/* api_stats: the statistics routes (SPC, funnel, comparison, opportunity) and
 * their SVG charts, giving the same JSON as the command line's --json. */
#ifndef UNLOCK_HTTP_API_STATS_H
#define UNLOCK_HTTP_API_STATS_H

#include "http/http.h"

int api_spc(const http_request *req, http_response *resp);
int api_spc_svg(const http_request *req, http_response *resp);
int api_funnel(const http_request *req, http_response *resp);
int api_funnel_svg(const http_request *req, http_response *resp);
int api_compare(const http_request *req, http_response *resp);
int api_compare_svg(const http_request *req, http_response *resp);
int api_opportunity(const http_request *req, http_response *resp);
int api_periods(const http_request *req, http_response *resp);


#endif
