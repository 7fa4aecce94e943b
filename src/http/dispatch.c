#include "http/dispatch.h"

#include "http/access_log.h"
#include "http/auth.h"
#include "http/cache.h"
#include "http/route_query.h"
#include "http/router.h"

#include "util/arena.h"

#include <string.h>

/* Serves a cacheable route from the cache when the data have not changed since
 * its answer was kept, and keeps a fresh answer. */
static void answer_cached(http_request *req, http_context *ctx, const http_route *r,
                          http_response *resp)
{
    int64_t gen;
    err e = {0};
    if (http_cache_generation(req->db, &gen, &e)) {
        http_error_from(resp, 500, &e);
        return;
    }
    char *key = arena_strdup(req->mem, req->path);
    for (int i = 0; i < ctx->nquery; i++)
        key = arena_printf(req->mem, "%s%c%s=%s", key, i ? '&' : '?', ctx->query[i].name,
                           ctx->query[i].value);
    int claimed;
    if (!http_cache_get_or_claim(key, gen, resp, &claimed)) {
        if (r->fn(req, resp) != 0 && resp->status < 400)
            http_error(resp, 500, NULL, "internal error; the details are in the server log");
        else
            http_cache_put(key, gen, resp);
        if (claimed)
            http_cache_release(key);
    }
}

void http_dispatch(http_request *req, http_context *ctx, http_response *resp)
{
    /* Callers without an arena of their own (tests) get one for the call. */
    arena local = ARENA_INIT;
    if (!req->mem)
        req->mem = &local;
    http_context_attach(req, ctx);
    resp->status = 200;
    resp->content_type = "application/json";
    http_add_header(resp, "Cache-Control", "no-store");
    req->user = NULL;
    req->nparams = 0;

    http_match m;
    if (http_router_match(req->method, req->path, &m)) {
        if (m.status == 405) {
            http_add_header(resp, "Allow", m.allow);
            http_error(resp, 405, NULL, "%s is not allowed on %s (allowed: %s)", req->method,
                       req->path, m.allow);
        } else {
            http_error(resp, 404, NULL, "no such route: %s", req->path);
        }
        goto done;
    }
    const http_route *r = m.route;
    for (int i = 0; i < m.nparams; i++)
        req->params[i] = m.params[i];
    req->nparams = m.nparams;
    /* GET handlers answer HEAD; the server leaves the body out. */
    if (strcmp(req->method, "HEAD") == 0)
        req->method = "GET";
    if (!req->db) {
        http_error(resp, 500, NULL,
                   "the database is not available; the details are in the "
                   "server log");
        goto done;
    }
    err e = {0};
    if (http_authenticate(req, ctx, &e)) {
        http_error_from(resp, 500, &e);
        goto done;
    }
    if (r->min_role > ROLE_ANONYMOUS && !req->user) {
        http_error(resp, 401, NULL,
                   "not signed in (or the session has ended): sign in with "
                   "POST /api/v1/session");
        goto done;
    }
    if (req->user && req->user->role < r->min_role) {
        http_error(resp, 403, NULL, "%s %s needs the %s role; you are signed in as %s", r->method,
                   r->pattern, http_role_name(r->min_role), http_role_name(req->user->role));
        goto done;
    }
    if (http_route_check_query(r, ctx, resp))
        goto done;
    if (http_is_write(req->method) && http_check_write(req, r, resp))
        goto done;
    if (r->cacheable && strcmp(req->method, "GET") == 0) {
        answer_cached(req, ctx, r, resp);
        goto done;
    }
    if (r->fn(req, resp) != 0 && resp->status < 400) {
        http_log("%s %s: the handler failed without an error response", r->method, r->pattern);
        http_error(resp, 500, NULL, "internal error; the details are in the server log");
    }
done:
    http_match_free(&m);
    if (req->mem == &local) {
        arena_free(&local);
        req->mem = NULL;
    }
}
