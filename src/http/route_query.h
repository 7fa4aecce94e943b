/* route_query: the query parameters a route takes (http_route.query), for
 * dispatch to enforce and openapi.json to describe. */
#ifndef UNLOCK_HTTP_ROUTE_QUERY_H
#define UNLOCK_HTTP_ROUTE_QUERY_H

#include "http/context.h"

/* Whether the route's list names `name` (or has "*"). */
int http_route_takes(const http_route *r, const char *name);
/* Calls fn with each name in the route's list except "*", in order. */
void http_route_query_each(const http_route *r, void (*fn)(void *ctx, const char *name, size_t len),
                           void *ctx);
/* Answers 400 naming the first query parameter the route does not take, and
 * returns -1; 0 when all are taken. */
int http_route_check_query(const http_route *r, const http_context *ctx, http_response *resp);

#endif
