/* server: `unlock serve`, the HTTP server on libmicrohttpd. An epoll thread
 * pool, one database connection per worker thread (opened on its first request,
 * all closed at shutdown), hard limits on request headers, body size, body time
 * and JSON depth, an access log line per request on standard error, security
 * headers on every response, and a clean stop on SIGTERM or SIGINT that lets
 * requests in flight finish. API paths (/api/...) go to dispatch.c; everything
 * else is a static file (static_files.c). */
#ifndef UNLOCK_HTTP_SERVER_H
#define UNLOCK_HTTP_SERVER_H

#include "util/err.h"

#include <stddef.h>

typedef struct server_options {
    const char *db_url;  /* as db_open takes it; the schema must be up to date */
    const char *bind;    /* an IPv4 or IPv6 address; "127.0.0.1" by default */
    int port;            /* 0 picks a free port */
    int threads;         /* worker threads; 0 means one per CPU (at least 2) */
    const char *web_dir; /* the front end: $UNLOCK_WEB or ./web by default */
    long session_ttl;    /* seconds */
    int secure_cookies;  /* for a server behind HTTPS */
    size_t max_body;     /* bytes; a bigger body gets 413 */
    /* Seconds a request may take: to send its body, and for its database work (a
     * query still running then is stopped and answered 503); also how long an
     * idle connection is kept (rounded up to whole seconds). */
    double request_timeout;
    size_t header_limit; /* bytes per connection for the request line and headers */
} server_options;

#define SERVER_REQUEST_TIMEOUT_DEFAULT 30.0

/* Fills the defaults described above. */
void server_options_init(server_options *o);

/* Serves until SIGTERM or SIGINT. Once listening, prints exactly one line,
 * "unlock: serving http://HOST:PORT/", to standard output. Returns 0 after a
 * clean stop; -1 (e filled) when it cannot start. Blocks SIGTERM, SIGINT and
 * SIGPIPE in the calling thread. */
int server_run(const server_options *o, err *e);

#endif
