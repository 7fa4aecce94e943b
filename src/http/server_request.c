/* libmicrohttpd's callbacks: read and limit a request, hand it to dispatch or
 * the static files, turn the http_response into an MHD response, and log it.
 *
 * MHD calls the access handler at least twice per request: once when the
 * headers are in (we only set up state), then with each piece of body, then
 * once more with no data, when we answer. Answering on that later call keeps
 * the connection usable for the next request (keep-alive). The one early
 * answer is a 413 for a declared Content-Length over the limit when the
 * client waits for 100 Continue (it then never sends the body) or declares
 * more than we are willing to read and discard. */
#include "http/access_log.h"
#include "http/dispatch.h"
#include "http/server_internal.h"
#include "util/arena.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

typedef struct kv_list {
    arena *mem;
    http_kv *items;
    int count, cap;
} kv_list;

/* Everything about one request, in the request's own arena (the state itself
 * too), so that its completion frees it all in one go. Jansson's values are
 * not in it: its allocator is one for the whole process, and values handed to
 * the cache or kept by a library must not vanish with a request. */
typedef struct req_state {
    arena mem;
    int64_t start_ns;
    char *method, *path; /* copies: MHD's may be gone when the completion is logged */
    char *body;          /* NUL-terminated; body_len bytes of body_cap */
    size_t body_len, body_cap;
    int too_large;
    size_t discarded;
    int responded;
    int status;
    uint64_t bytes;
    char user[256];
    kv_list query, headers;
    http_context ctx;
} req_state;

static req_state *state_new(void)
{
    /* A body may hold a password, the context a session's secrets: the arena is
     * wiped before its memory goes back. */
    arena mem = {.wipe = 1};
    req_state *st = arena_calloc(&mem, 1, sizeof *st);
    st->mem = mem;
    return st;
}

static void state_free(req_state *st)
{
    arena mem = st->mem; /* the arena's own blocks hold st */
    arena_free(&mem);
}

/* Makes room for n more body bytes and the NUL after them. */
static void body_reserve(req_state *st, size_t n)
{
    if (st->body_len + n + 1 <= st->body_cap)
        return;
    size_t cap = st->body_cap ? st->body_cap : 1024;
    while (cap < st->body_len + n + 1)
        cap *= 2;
    st->body = arena_realloc(&st->mem, st->body, st->body_cap, cap);
    st->body_cap = cap;
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t timeout_ns(const server *srv)
{
    return (int64_t)(srv->opt.request_timeout * 1e9);
}

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    (void)kind;
    kv_list *l = cls;
    if (!key)
        return MHD_YES;
    if (l->count == l->cap) {
        size_t old = sizeof *l->items * (size_t)l->cap;
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = arena_realloc(l->mem, l->items, old, sizeof *l->items * (size_t)l->cap);
    }
    /* The strings live in MHD's connection memory until the request completes. */
    l->items[l->count].name = key;
    l->items[l->count].value = value ? value : "";
    l->count++;
    return MHD_YES;
}

static void client_address(struct MHD_Connection *c, char *out, size_t size)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    out[0] = '\0';
    if (!info || !info->client_addr)
        return;
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)size);
}

static void add_security_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    /* data: images only, for icons inlined in the design system's CSS. A handler that set its
     * own policy (a self-contained page with inline styles) keeps it: a second policy would
     * only add restrictions. */
    if (!MHD_get_response_header(r, "Content-Security-Policy"))
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                                "base-uri 'self'; form-action 'self'");
}

/* Copies the "Name: value\r\n" lines a handler added. */
static void add_handler_headers(struct MHD_Response *r, const strbuf *headers, arena *mem)
{
    char *copy = arena_strdup(mem, strbuf_str(headers));
    for (char *line = copy; *line;) {
        char *end = strstr(line, "\r\n");
        if (end)
            *end = '\0';
        char *colon = strstr(line, ": ");
        if (colon) {
            *colon = '\0';
            MHD_add_response_header(r, line, colon + 2);
        }
        if (!end)
            break;
        line = end + 2;
    }
}

static enum MHD_Result finish(server *srv, struct MHD_Connection *c, req_state *st,
                              struct MHD_Response *r, int status, uint64_t bytes)
{
    add_security_headers(r);
    if (atomic_load(&srv->stopping))
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    st->status = status;
    st->bytes = bytes;
    st->responded = 1;
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_response(server *srv, struct MHD_Connection *c, req_state *st,
                                     http_response *resp)
{
    size_t len;
    char *buf = strbuf_detach(&resp->body, &len);
    struct MHD_Response *r = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(buf);
        strbuf_free(&resp->headers);
        return MHD_NO;
    }
    if (resp->content_type && (len || (resp->status != 204 && resp->status != 304)))
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
    add_handler_headers(r, &resp->headers, &st->mem);
    strbuf_free(&resp->headers);
    return finish(srv, c, st, r, resp->status ? resp->status : 500, len);
}

static enum MHD_Result send_error(server *srv, struct MHD_Connection *c, req_state *st, int status,
                                  const char *allow, const char *msg)
{
    http_response resp = {0};
    if (allow)
        http_add_header(&resp, "Allow", allow);
    http_add_header(&resp, "Cache-Control", "no-store");
    http_error(&resp, status, NULL, "%s", msg);
    return send_response(srv, c, st, &resp);
}

static enum MHD_Result send_too_large(server *srv, struct MHD_Connection *c, req_state *st)
{
    char msg[128];
    snprintf(msg, sizeof msg, "the request body is over the limit of %zu bytes",
             srv->settings.max_body);
    return send_error(srv, c, st, 413, NULL, msg);
}

static enum MHD_Result serve_static(server *srv, struct MHD_Connection *c, req_state *st)
{
    if (strcmp(st->method, "GET") != 0 && strcmp(st->method, "HEAD") != 0)
        return send_error(srv, c, st, 405, "GET, HEAD", "only GET and HEAD are allowed here");
    http_static_file f;
    if (http_static_open(&srv->roots, st->path, &f))
        return send_error(srv, c, st, 404, NULL, "no such page or file");
    struct MHD_Response *r = MHD_create_response_from_fd64(f.size, f.fd);
    if (!r) {
        close(f.fd);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, f.content_type);
    /* Pages and our own scripts change with every release and carry no version
     * in their names; the vendored design system changes only on upgrade. */
    int vendor = strncmp(st->path, "/vendor/", 8) == 0;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
                            vendor && !f.is_html ? "public, max-age=86400" : "no-cache");
    return finish(srv, c, st, r, 200, f.size);
}

static enum MHD_Result serve_api(server *srv, struct MHD_Connection *c, req_state *st)
{
    http_request req = {0};
    req.method = st->method;
    req.path = st->path;
    body_reserve(st, 0); /* a NUL-terminated body even when empty */
    st->body[st->body_len] = '\0';
    req.body = st->body;
    req.body_len = st->body_len;
    req.mem = &st->mem;
    req.db = server_thread_db(srv);
    db_set_deadline(req.db, st->start_ns + timeout_ns(srv));
    http_response resp = {0};
    http_dispatch(&req, &st->ctx, &resp);
    db_set_deadline(req.db, 0);
    if (st->ctx.signed_in)
        snprintf(st->user, sizeof st->user, "%s", st->ctx.user.email);
    return send_response(srv, c, st, &resp);
}

/* Past the limit, a body is read and thrown away up to this many bytes in all,
 * so that a client still sending gets its 413 rather than a reset connection;
 * beyond it the connection is cut. */
static size_t discard_cap(size_t max)
{
    return max + (max > ((size_t)1 << 20) ? max : ((size_t)1 << 20));
}

/* The declared Content-Length, or SIZE_MAX when it is too big to hold. */
static size_t declared_length(const char *content_length)
{
    size_t n = 0;
    for (const char *p = content_length; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0; /* MHD refuses a malformed length itself */
        if (n > (SIZE_MAX - 9) / 10)
            return SIZE_MAX;
        n = n * 10 + (size_t)(*p - '0');
    }
    return n;
}

enum MHD_Result server_on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    server *srv = cls;
    req_state *st = *con_cls;
    if (!st) {
        st = state_new();
        st->start_ns = now_ns();
        st->method = arena_strdup(&st->mem, method);
        st->path = arena_strdup(&st->mem, url);
        st->query.mem = st->headers.mem = &st->mem;
        atomic_fetch_add(&srv->in_flight, 1);
        *con_cls = st;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        size_t declared = cl ? declared_length(cl) : 0;
        if (declared > srv->settings.max_body) {
            st->too_large = 1;
            /* A client waiting for 100 Continue sends nothing more once answered; one
             * declaring far too much is not worth reading. Both are answered now. */
            const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Expect");
            if ((expect && strcasecmp(expect, "100-continue") == 0) ||
                declared > discard_cap(srv->settings.max_body))
                return send_too_large(srv, c, st);
        } else if (declared) {
            body_reserve(st, declared); /* one allocation, not a doubling series */
        }
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        /* The idle timeout cannot stop a body trickled in forever; this can. */
        if (now_ns() - st->start_ns > timeout_ns(srv))
            return MHD_NO;
        if (st->responded)
            return MHD_YES;
        if (st->too_large || st->body_len + n > srv->settings.max_body) {
            /* Past the limit nothing more is kept; the 413 goes at the body's end. */
            st->too_large = 1;
            st->discarded += st->body_len + n;
            st->body_len = 0;
            return st->discarded > discard_cap(srv->settings.max_body) ? MHD_NO : MHD_YES;
        }
        body_reserve(st, n);
        memcpy(st->body + st->body_len, upload, n);
        st->body_len += n;
        return MHD_YES;
    }
    if (st->responded)
        return MHD_YES;
    if (st->too_large)
        return send_too_large(srv, c, st);

    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, &st->query);
    MHD_get_connection_values(c, MHD_HEADER_KIND, collect, &st->headers);
    st->ctx.settings = &srv->settings;
    st->ctx.query = st->query.items;
    st->ctx.nquery = st->query.count;
    st->ctx.headers = st->headers.items;
    st->ctx.nheaders = st->headers.count;
    client_address(c, st->ctx.client_addr, sizeof st->ctx.client_addr);
    if (strncmp(st->path, "/api/", 5) == 0 || strcmp(st->path, "/api") == 0 ||
        strncmp(st->path, "/public/", 8) == 0)
        return serve_api(srv, c, st);
    return serve_static(srv, c, st);
}

void server_on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c;
    (void)toe;
    server *srv = cls;
    req_state *st = *con_cls;
    if (!st)
        return;
    *con_cls = NULL;
    /* Status 0: the connection ended before we answered. */
    http_access_log(st->method, st->path, st->responded ? st->status : 0, st->bytes,
                    (now_ns() - st->start_ns) / 1000, st->user);
    state_free(st);
    atomic_fetch_sub(&srv->in_flight, 1);
}
