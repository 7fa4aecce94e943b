/* http: what a request handler sees. The server (server.c) parses and limits
 * the request, authenticates the session, checks the route's role and the CSRF
 * token on writes, and hands the handler a request with this worker's database
 * connection; the handler fills the response. Handlers stay thin: parse,
 * authorise beyond the route's role (e.g. a provider's own organisation), call
 * domain/stats, render JSON.
 *
 * Memory: everything in a request (path, params, query values, body, user)
 * belongs to the server and lives until the response is sent, in the
 * request's arena (req->mem), which handlers may allocate from too. The
 * response body is a strbuf the server hands to libmicrohttpd to send. */
#ifndef UNLOCK_HTTP_HTTP_H
#define UNLOCK_HTTP_HTTP_H

#include "db/db.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <stdint.h>

/* Roles, ordered: a route open to a role is open to every role above it. */
typedef enum http_role {
    ROLE_ANONYMOUS = 0,
    ROLE_PROVIDER,
    ROLE_COMMISSIONER,
    ROLE_ADMIN,
} http_role;

const char *http_role_name(http_role r); /* "anonymous", "provider", "commissioner", "admin" */
/* Parses "admin", "commissioner" or "provider"; -1 otherwise. */
int http_role_parse(const char *s, http_role *out);

typedef struct http_user {
    int64_t id;
    char email[256];
    http_role role;
    char org[33]; /* a provider's organisation code; "" otherwise */
} http_user;

#define HTTP_MAX_PARAMS 4

typedef struct http_request {
    const char *method; /* "GET", "POST", "PUT", "PATCH", "DELETE" */
    const char *path;   /* decoded path without the query: "/api/v1/organisations/QNV" */
    /* Values captured by {name} segments of the route pattern, in order. */
    const char *params[HTTP_MAX_PARAMS];
    int nparams;
    const char *body; /* NUL-terminated; "" when there is none */
    size_t body_len;
    const http_user *user; /* NULL when anonymous */
    db *db;                /* this worker's connection */
    /* Memory for the request's own strings and buffers (util/arena.h): never
     * freed by the handler, all given back when the request completes. */
    struct arena *mem;
    void *internal; /* the server's; use the accessors below */
} http_request;

/* A query-string argument (decoded), or NULL. */
const char *http_query(const http_request *r, const char *name);
/* Calls fn for every query argument, in order; stops early when fn returns non-zero. */
int http_query_each(const http_request *r, int (*fn)(void *ctx, const char *k, const char *v),
                    void *ctx);
/* A request header (name compared without case), or NULL. */
const char *http_header(const http_request *r, const char *name);
/* The client's IP address as text ("127.0.0.1"), "" when unknown. */
const char *http_client_address(const http_request *r);

/* Deepest nesting of arrays and objects http_json_body accepts. */
#define HTTP_JSON_MAX_DEPTH 32

typedef struct http_response {
    int status;
    const char *content_type; /* static string; "application/json" by default */
    strbuf body;
    strbuf headers; /* extra "Name: value\r\n" lines, e.g. Set-Cookie */
} http_response;

/* Sets status and a JSON body (steals the reference to body). */
void http_json(http_response *resp, int status, json_t *body);
/* Sets an error: {"error":{"status":S,"message":"...","field":"..."}} (field may be NULL).
 * Returns 0 so handlers can `return http_error(...)`. */
int http_error(http_response *resp, int status, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Turns an err into an error response: user errors become `user_status` (400 or 422),
 * internal ones 500 (the message is logged, not shown), work stopped by the request's
 * time limit 503. */
int http_error_from(http_response *resp, int user_status, const err *e);
/* A new {"error":{"status","message","field"}} object (the caller owns it), for handlers
 * that add members (e.g. "line") before passing it to http_json. */
json_t *http_error_object(int status, const char *field, const char *message);
/* Sets a non-JSON body (copied). Status 204 with no body: http_body(resp, 204, NULL, NULL, 0). */
void http_body(http_response *resp, int status, const char *content_type, const char *data,
               size_t len);
/* Adds a response header line. */
void http_add_header(http_response *resp, const char *name, const char *value);

/* Parses the request body as one JSON object into *out (the caller owns it). Rejects,
 * with a 400 in resp and -1: an empty body, malformed JSON (the message names line and
 * column), nesting deeper than HTTP_JSON_MAX_DEPTH, duplicate keys, and anything but an
 * object. Handlers: `if (http_json_body(req, resp, &obj)) return 0;` */
int http_json_body(const http_request *req, http_response *resp, json_t **out);
/* Unknown fields are rejected, not ignored: answers 422 naming the first member
 * of obj not in `allowed` (NULL-terminated) and returns -1; 0 when all are known. */
int http_reject_unknown(json_t *obj, const char *const *allowed, http_response *resp);

/* Returns 0 when the response is complete (including error responses). */
typedef int (*http_handler)(const http_request *req, http_response *resp);

typedef struct http_route {
    const char *method;  /* "GET", ... */
    const char *pattern; /* "/api/v1/{kind}/{key}"; a {name} matches one non-empty segment */
    http_handler fn;
    http_role min_role;  /* lowest role allowed; ROLE_ANONYMOUS for public routes */
    const char *summary; /* one line, for /api/v1/openapi.json */
    /* The answer depends only on the path, the query and the stored data, not on who
     * asks: the server keeps it in memory until the data change (http/cache.h). */
    int cacheable;
    /* The query parameters the route takes, comma-separated ("org,period"); NULL or
     * "" for none. Dispatch answers any other with 400 naming it, and openapi.json
     * lists these. A "*" entry lets the handler judge the names not listed (the
     * entity lists' filters, one per field of the kind). */
    const char *query;
} http_route;

/* http_route.query of a route that takes no query parameters. */
#define NO_QUERY NULL

#endif
