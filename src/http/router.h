/* router: which route answers a method and path.
 *
 * A pattern is a path of segments: a literal ("users", "spc.svg"), "{name}"
 * (captures one non-empty segment) or "{name}SUFFIX" (captures the non-empty
 * part of a segment before a literal suffix, e.g. "{code}.svg"). When several
 * patterns match a path the most specific wins: compared segment by segment
 * from the left, a literal beats a suffixed capture, which beats a capture.
 * Patterns equally specific are one resource: the first route (tables in
 * order, routes in order) with the request's method answers; none is a 405
 * listing the methods the resource has. HEAD is answered by GET routes. */
#ifndef UNLOCK_HTTP_ROUTER_H
#define UNLOCK_HTTP_ROUTER_H

#include "http/http.h"

#define HTTP_MAX_SEGMENTS 32

typedef struct http_route_table {
    const http_route *routes;
    int count;
} http_route_table;

typedef struct http_match {
    const http_route *route; /* the route to call; NULL with status 404 or 405 */
    int status;              /* 0 when route is set */
    char allow[64];          /* for a 405: "GET, HEAD, POST" */
    const char *params[HTTP_MAX_PARAMS];
    int nparams;
    char *storage; /* owns the captured text; http_match_free releases it */
} http_match;

/* Matches against the given tables. Returns m->status (0 when a route was found). */
int http_router_find(const http_route_table *tables, int ntables, const char *method,
                     const char *path, http_match *m);
/* Matches against the server's tables: auth_routes, then api_routes. */
int http_router_match(const char *method, const char *path, http_match *m);
void http_match_free(http_match *m);

/* Every route the server serves, in the order it tries them (for openapi.json). */
int http_route_total(void);
const http_route *http_route_at(int i);

#endif
