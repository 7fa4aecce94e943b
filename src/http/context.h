/* context: what http_request.internal points at. The server fills one per
 * request from libmicrohttpd; tests fill one by hand, so everything below the
 * server (routing, authentication, handlers) runs without a socket.
 *
 * Memory: the context and the strings its arrays point to belong to whoever
 * built it (the server's per-request state, or the test) and must outlive the
 * request. */
#ifndef UNLOCK_HTTP_CONTEXT_H
#define UNLOCK_HTTP_CONTEXT_H

#include "http/http.h"

#include <stddef.h>

typedef struct http_kv {
    const char *name;
    const char *value; /* never NULL: "" for a bare "?flag" */
} http_kv;

/* The settings handlers and authentication need; fixed while the server runs. */
typedef struct http_settings {
    long session_ttl;   /* seconds a session lasts from sign-in */
    int secure_cookies; /* Secure cookies, and an https:// Origin expected */
    size_t max_body;    /* bytes */
} http_settings;

#define HTTP_SESSION_TTL_DEFAULT (12L * 60 * 60)
#define HTTP_MAX_BODY_DEFAULT ((size_t)10 << 20)
#define HTTP_SESSION_COOKIE "unlock_session"

typedef struct http_context {
    const http_settings *settings;
    const http_kv *query;
    int nquery;
    const http_kv *headers;
    int nheaders;
    char client_addr[64];
    /* Filled by authentication (auth.c) when the cookie names a live session. */
    http_user user;
    int signed_in;
    char session_hash[65]; /* hex hash of the session token */
    char csrf[65];         /* the session's CSRF token */
} http_context;

/* Points req->internal at ctx. */
void http_context_attach(http_request *req, http_context *ctx);
/* The context behind a request (never NULL for a request the server or a test built). */
http_context *http_context_of(const http_request *req);

/* Finds cookie `name` in a Cookie header value ("a=1; b=2"). Returns 1 and copies
 * the value into out when it is present and fits, else 0. */
int http_cookie_find(const char *header, const char *name, char *out, size_t size);

#endif
