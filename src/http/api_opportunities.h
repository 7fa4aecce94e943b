/* api_opportunities: the register of trapped resources over HTTP (docs/opportunities.md):
 * GET /api/v1/opportunities[?org=&kind=&min=][&format=csv], GET /api/v1/estates[?org=],
 * and PUT /api/v1/opportunities/{id}/status. */
#ifndef UNLOCK_HTTP_API_OPPORTUNITIES_H
#define UNLOCK_HTTP_API_OPPORTUNITIES_H

#include "http/http.h"

int api_opportunities(const http_request *req, http_response *resp);
int api_opportunity_status(const http_request *req, http_response *resp);
int api_estates(const http_request *req, http_response *resp);

#endif
