/* api_overview: the summary, the home page's signals, an organisation's indicators. */
#ifndef UNLOCK_HTTP_API_OVERVIEW_H
#define UNLOCK_HTTP_API_OVERVIEW_H

#include "http/http.h"

int api_summary(const http_request *req, http_response *resp);
int api_signals(const http_request *req, http_response *resp);
int api_subject_indicators(const http_request *req, http_response *resp);

#endif
