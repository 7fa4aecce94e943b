/* Reading a request: query arguments, headers, cookies, the client's address. */
#include "http/context.h"

#include <string.h>
#include <strings.h>

void http_context_attach(http_request *req, http_context *ctx)
{
    req->internal = ctx;
}

http_context *http_context_of(const http_request *req)
{
    return req->internal;
}

const char *http_query(const http_request *r, const char *name)
{
    const http_context *c = http_context_of(r);
    if (!c)
        return NULL;
    for (int i = 0; i < c->nquery; i++)
        if (strcmp(c->query[i].name, name) == 0)
            return c->query[i].value;
    return NULL;
}

int http_query_each(const http_request *r, int (*fn)(void *ctx, const char *k, const char *v),
                    void *ctx)
{
    const http_context *c = http_context_of(r);
    if (!c)
        return 0;
    for (int i = 0; i < c->nquery; i++) {
        int rc = fn(ctx, c->query[i].name, c->query[i].value);
        if (rc)
            return rc;
    }
    return 0;
}

const char *http_header(const http_request *r, const char *name)
{
    const http_context *c = http_context_of(r);
    if (!c)
        return NULL;
    for (int i = 0; i < c->nheaders; i++)
        if (strcasecmp(c->headers[i].name, name) == 0)
            return c->headers[i].value;
    return NULL;
}

const char *http_client_address(const http_request *r)
{
    const http_context *c = http_context_of(r);
    return c ? c->client_addr : "";
}

int http_cookie_find(const char *header, const char *name, char *out, size_t size)
{
    if (!header)
        return 0;
    size_t nlen = strlen(name);
    const char *p = header;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        const char *eq = p;
        while (*eq && *eq != '=' && *eq != ';')
            eq++;
        const char *end = eq;
        while (*end && *end != ';')
            end++;
        if (*eq == '=' && (size_t)(eq - p) == nlen && memcmp(p, name, nlen) == 0) {
            const char *v = eq + 1;
            size_t vlen = (size_t)(end - v);
            while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
                vlen--;
            /* RFC 6265 allows a quoted value. */
            if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
                v++;
                vlen -= 2;
            }
            if (vlen + 1 > size)
                return 0;
            memcpy(out, v, vlen);
            out[vlen] = '\0';
            return 1;
        }
        p = end;
    }
    return 0;
}
