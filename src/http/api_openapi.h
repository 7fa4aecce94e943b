/* api_openapi: GET /api/v1/openapi.json, an OpenAPI 3 description generated
 * from the route tables themselves, so it cannot drift from what is served. */
#ifndef UNLOCK_HTTP_API_OPENAPI_H
#define UNLOCK_HTTP_API_OPENAPI_H

#include "http/http.h"

int api_openapi(const http_request *req, http_response *resp);

/* The description as a new JSON object (the caller owns it). */
json_t *api_openapi_build(void);

#endif
