/* fuzz url: a request's method, path and query through routing (http/router.h), the check of
 * the query parameters a route takes (http/route_query.h) and the whole of dispatch: the
 * handlers' own reading of their path captures, query values and body.
 *
 * Input: "METHOD /path?query" on the first line; on the second, whose session it carries
 * ("admin", "provider", anything else for none), with the CSRF token writes need; the body
 * after. The query is split and decoded as libmicrohttpd does (name=value pairs between '&',
 * %XX and '+'). Paths outside the API go to the static files, as the server sends them. Each
 * request runs in a transaction rolled back afterwards. */
#include "fuzz.h"

#include "http/context.h"
#include "http/dispatch.h"
#include "http/static_files.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_QUERY = 16 };

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes s in place; a "%" not followed by two hex digits stays as it is. */
static void decode(char *s)
{
    char *out = s;
    for (; *s; s++) {
        if (*s == '+') {
            *out++ = ' ';
        } else if (*s == '%' && hex(s[1]) >= 0 && hex(s[2]) >= 0) {
            *out++ = (char)(hex(s[1]) * 16 + hex(s[2]));
            s += 2;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
}

/* Splits "a=1&b&c=%41" in place into decoded pairs (a bare name has the value ""). A value
 * decoded to hold a NUL ends there, as it does in the server's C strings. */
static int split_query(char *q, http_kv *kv)
{
    int n = 0;
    for (char *part = q; part && n < MAX_QUERY;) {
        char *amp = strchr(part, '&');
        if (amp)
            *amp = '\0';
        if (*part) {
            char *eq = strchr(part, '=');
            if (eq)
                *eq = '\0';
            decode(part);
            if (eq)
                decode(eq + 1);
            kv[n++] = (http_kv){part, eq ? eq + 1 : ""};
        }
        part = amp ? amp + 1 : NULL;
    }
    return n;
}

static int is_api(const char *path)
{
    return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0 ||
           strncmp(path, "/public/", 8) == 0;
}

static void static_file(const char *path)
{
    static http_static_roots roots;
    static int ready;
    if (!ready) {
        http_static_roots_init(&roots, "web");
        ready = 1;
    }
    http_static_file f;
    if (http_static_open(&roots, path, &f) == 0)
        close(f.fd);
}

int fuzz_url(const uint8_t *data, size_t size, err *e)
{
    char line[4096], who[32];
    const uint8_t *rest, *body;
    size_t rest_size, body_size;
    fuzz_first_line(data, size, line, sizeof line, &rest, &rest_size);
    fuzz_first_line(rest, rest_size, who, sizeof who, &body, &body_size);
    char *sp = strchr(line, ' ');
    if (!sp)
        return err_user(e, "fuzz url: the first line is not \"METHOD /path\"");
    *sp = '\0';
    const char *method = line;
    char *path = sp + 1, *q = strchr(path, '?');
    http_kv query[MAX_QUERY];
    int nquery = 0;
    if (q) {
        *q = '\0';
        nquery = split_query(q + 1, query);
    }
    if (!is_api(path)) {
        static_file(path);
        return 0;
    }
    http_kv headers[5];
    int nheaders = 0;
    headers[nheaders++] = (http_kv){"Host", "localhost:8080"};
    headers[nheaders++] = (http_kv){"Origin", "http://localhost:8080"};
    if (fuzz_cookie(who)) {
        headers[nheaders++] = (http_kv){"Cookie", fuzz_cookie(who)};
        headers[nheaders++] = (http_kv){"X-CSRF-Token", fuzz_csrf(who)};
    }
    static const http_settings settings = {.session_ttl = 3600, .max_body = 1 << 20};
    http_context ctx = {.settings = &settings,
                        .query = query,
                        .nquery = nquery,
                        .headers = headers,
                        .nheaders = nheaders,
                        .client_addr = "127.0.0.1"};
    char *text = xmalloc(body_size + 1);
    memcpy(text, body, body_size);
    text[body_size] = '\0';
    db *d = fuzz_db();
    http_request req = {
        .method = method, .path = path, .body = text, .body_len = body_size, .db = d};
    http_response resp = {0};
    if (db_begin(d, e)) {
        free(text);
        return -1;
    }
    http_dispatch(&req, &ctx, &resp);
    db_rollback(d);
    free(text);
    return fuzz_answer(&resp, e);
}
