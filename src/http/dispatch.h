/* dispatch: answering one API request, whatever carried it. Routes the method
 * and path (404, 405 with Allow), authenticates the session cookie, refuses
 * anonymous callers of non-public routes (401) and roles below the route's
 * (403), checks Origin and the CSRF token on writes (403), then calls the
 * route's handler. Every outcome is a response: nothing here fails.
 *
 * The server calls it with a context built from libmicrohttpd; tests call it
 * with one built by hand, so all of this runs without a socket. */
#ifndef UNLOCK_HTTP_DISPATCH_H
#define UNLOCK_HTTP_DISPATCH_H

#include "http/context.h"

/* req: method, path, body and db set (db NULL when the database cannot be
 * opened: a 500). Fills resp (status, body, headers, Cache-Control: no-store);
 * sets req->user and ctx->user when the request is signed in. */
void http_dispatch(http_request *req, http_context *ctx, http_response *resp);

#endif
