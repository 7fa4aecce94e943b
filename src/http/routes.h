/* routes: the route tables the server serves, each owned by the file that
 * defines it. The server tries them in this order; /api/v1/openapi.json is
 * generated from all of them. */
#ifndef UNLOCK_HTTP_ROUTES_H
#define UNLOCK_HTTP_ROUTES_H

#include "http/http.h"

/* Sessions and users (auth.c, api_users.c). */
extern const http_route auth_routes[];
extern const int auth_route_count;

/* Entities, statistics, imports (api_*.c). */
extern const http_route api_routes[];
extern const int api_route_count;

#endif
