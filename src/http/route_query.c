#include "http/route_query.h"

#include <stdio.h>
#include <string.h>

/* Each entry of a comma-separated list, spaces around it skipped. */
static void each_entry(const char *list, void (*fn)(void *ctx, const char *name, size_t len),
                       void *ctx)
{
    for (const char *p = list ? list : ""; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ",");
        size_t len = n;
        while (len && p[len - 1] == ' ')
            len--;
        if (len)
            fn(ctx, p, len);
        p += n;
    }
}

typedef struct lookup {
    const char *name;
    int found;
} lookup;

static void match(void *ctx, const char *name, size_t len)
{
    lookup *l = ctx;
    if ((len == 1 && name[0] == '*') || (strncmp(name, l->name, len) == 0 && !l->name[len]))
        l->found = 1;
}

int http_route_takes(const http_route *r, const char *name)
{
    lookup l = {name, 0};
    each_entry(r->query, match, &l);
    return l.found;
}

typedef struct forward {
    void (*fn)(void *ctx, const char *name, size_t len);
    void *ctx;
} forward;

static void skip_star(void *ctx, const char *name, size_t len)
{
    forward *f = ctx;
    if (!(len == 1 && name[0] == '*'))
        f->fn(f->ctx, name, len);
}

void http_route_query_each(const http_route *r, void (*fn)(void *ctx, const char *name, size_t len),
                           void *ctx)
{
    forward f = {fn, ctx};
    each_entry(r->query, skip_star, &f);
}

typedef struct listing {
    char text[256];
    size_t len;
} listing;

static void list_name(void *ctx, const char *name, size_t len)
{
    listing *l = ctx;
    if (l->len < sizeof l->text)
        l->len += (size_t)snprintf(l->text + l->len, sizeof l->text - l->len, "%s%.*s",
                                   l->len ? ", " : "", (int)len, name);
}

int http_route_check_query(const http_route *r, const http_context *ctx, http_response *resp)
{
    for (int i = 0; i < ctx->nquery; i++) {
        const char *name = ctx->query[i].name;
        if (http_route_takes(r, name))
            continue;
        listing names = {"", 0};
        http_route_query_each(r, list_name, &names);
        if (names.len)
            http_error(resp, 400, name, "unknown query parameter '%.40s'; %s %s takes: %s", name,
                       r->method, r->pattern, names.text);
        else
            http_error(resp, 400, name,
                       "unknown query parameter '%.40s'; %s %s takes no query parameters", name,
                       r->method, r->pattern);
        return -1;
    }
    return 0;
}
