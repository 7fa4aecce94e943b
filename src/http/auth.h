/* auth: sessions over HTTP and the checks every API request passes.
 *
 * The routes in auth_routes (routes.h): POST/GET/DELETE /api/v1/session (sign
 * in, who am I, sign out) and the admin-only users API (api_users.c). The
 * checks: the session cookie becomes req->user; writes (POST, PUT, PATCH,
 * DELETE) must come from our own Origin when the browser says where it comes
 * from, and, except signing in, carry the session's CSRF token. */
#ifndef UNLOCK_HTTP_AUTH_H
#define UNLOCK_HTTP_AUTH_H

#include "http/context.h"

/* Looks the unlock_session cookie up; when it names a live session, fills
 * ctx->user, ctx->csrf, ctx->session_hash and points req->user at ctx->user. */
int http_authenticate(http_request *req, http_context *ctx, err *e);

/* 1 for POST, PUT, PATCH and DELETE. */
int http_is_write(const char *method);

/* The Origin and CSRF checks for a write to route. Returns 0 when it may go on,
 * -1 after filling resp with a 403. */
int http_check_write(const http_request *req, const http_route *route, http_response *resp);

/* Whether route is signing in (the one write without a CSRF token). */
int http_route_is_sign_in(const http_route *route);

/* The users API (api_users.c), admin only. */
int http_users_list(const http_request *req, http_response *resp);
int http_users_create(const http_request *req, http_response *resp);
int http_users_update(const http_request *req, http_response *resp);

#endif
