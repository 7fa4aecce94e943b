/* Starting, running and stopping the server; the worker threads' database
 * connections. */
#include "domain/opportunity_memo.h"
#include "http/access_log.h"
#include "http/cache.h"
#include "http/server_internal.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How long a stop waits for requests in flight before closing anyway. */
#define DRAIN_SECONDS 10
#define MAX_CONNECTIONS 1000

static _Thread_local db *thread_db;

void server_options_init(server_options *o)
{
    memset(o, 0, sizeof *o);
    o->bind = "127.0.0.1";
    o->port = 8080;
    const char *web = getenv("UNLOCK_WEB");
    o->web_dir = web && *web ? web : "web";
    o->session_ttl = HTTP_SESSION_TTL_DEFAULT;
    o->max_body = HTTP_MAX_BODY_DEFAULT;
    o->request_timeout = SERVER_REQUEST_TIMEOUT_DEFAULT;
    o->header_limit = 32 * 1024;
}

db *server_thread_db(server *srv)
{
    if (thread_db)
        return thread_db;
    err e = {0};
    db *d = NULL;
    if (db_open(srv->opt.db_url, &d, &e)) {
        http_log("a worker cannot open the database: %s", e.msg);
        return NULL;
    }
    pthread_mutex_lock(&srv->lock);
    if (srv->ndbs == srv->capdbs) {
        srv->capdbs = srv->capdbs ? srv->capdbs * 2 : 8;
        srv->dbs = xrealloc(srv->dbs, sizeof *srv->dbs * (size_t)srv->capdbs);
    }
    srv->dbs[srv->ndbs++] = d;
    pthread_mutex_unlock(&srv->lock);
    thread_db = d;
    return d;
}

__attribute__((format(printf, 2, 0))) static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    http_log("libmicrohttpd: %s", msg);
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 2 ? 2 : n > 64 ? 64 : (int)n;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int hex_value(char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Percent-decoding of the path and the query, as MHD's own but for "%00": decoded, a NUL would
 * cut the text short ("/index.html%00.png" would serve /index.html). Left encoded it names no
 * file and no row. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    char *w = s;
    for (const char *r = s; *r;) {
        if (r[0] == '%' && isxdigit((unsigned char)r[1]) && isxdigit((unsigned char)r[2]) &&
            !(r[1] == '0' && r[2] == '0')) {
            *w++ = (char)(hex_value(r[1]) * 16 + hex_value(r[2]));
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

int server_run(const server_options *o, err *e)
{
    if (sodium_init() < 0)
        return err_internal(e, "libsodium could not start");
    /* Jansson seeds its hash function on first use; do it before threads race to. */
    json_object_seed(0);

    server *srv = xcalloc(1, sizeof *srv);
    srv->opt = *o;
    if (srv->opt.threads <= 0)
        srv->opt.threads = default_threads();
    srv->settings.session_ttl = o->session_ttl;
    srv->settings.secure_cookies = o->secure_cookies;
    srv->settings.max_body = o->max_body;
    atomic_init(&srv->in_flight, 0);
    atomic_init(&srv->stopping, 0);
    pthread_mutex_init(&srv->lock, NULL);
    http_static_roots_init(&srv->roots, o->web_dir);
    if (!srv->roots.web)
        http_log("no front end at '%s' (set --web or UNLOCK_WEB); serving the API only",
                 o->web_dir);

    struct sockaddr_in v4 = {0};
    struct sockaddr_in6 v6 = {0};
    struct sockaddr *addr;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (inet_pton(AF_INET, o->bind, &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        v4.sin_port = htons((uint16_t)o->port);
        addr = (struct sockaddr *)&v4;
    } else if (inet_pton(AF_INET6, o->bind, &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons((uint16_t)o->port);
        addr = (struct sockaddr *)&v6;
        flags |= MHD_USE_IPv6;
    } else {
        err_user(e, "--bind '%s' is not an IPv4 or IPv6 address", o->bind);
        goto fail;
    }

    /* Workers inherit this mask: the signals come to sigwait below, never to a
     * thread in the middle of a request. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)o->port, NULL, NULL, server_on_request, srv,
        /* The logger first, so that MHD's messages about the other options use it. */
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR, addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)srv->opt.threads, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        o->header_limit, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)ceil(o->request_timeout),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS, MHD_OPTION_NOTIFY_COMPLETED,
        server_on_completed, srv, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
    if (!d) {
        err_user(e, "cannot listen on %s port %d (in use, or not an address of this machine?)",
                 o->bind, o->port);
        goto fail;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    int port = info ? info->port : o->port;
    printf(flags & MHD_USE_IPv6 ? "unlock: serving http://[%s]:%d/\n"
                                : "unlock: serving http://%s:%d/\n",
           o->bind, port);
    fflush(stdout);

    int sig = 0;
    sigwait(&set, &sig);
    http_log("%s: finishing requests in flight, then stopping",
             sig == SIGINT ? "SIGINT" : "SIGTERM");
    atomic_store(&srv->stopping, 1);
    MHD_socket listener = MHD_quiesce_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    for (int waited = 0; atomic_load(&srv->in_flight) > 0 && waited < DRAIN_SECONDS * 100; waited++)
        sleep_ms(10);
    MHD_stop_daemon(d);
    for (int i = 0; i < srv->ndbs; i++)
        db_close(srv->dbs[i]);
    free(srv->dbs);
    http_cache_clear();
    opportunity_memo_clear();
    http_static_roots_free(&srv->roots);
    pthread_mutex_destroy(&srv->lock);
    free(srv);
    http_log("stopped");
    return 0;
fail:
    http_static_roots_free(&srv->roots);
    pthread_mutex_destroy(&srv->lock);
    free(srv);
    return -1;
}
