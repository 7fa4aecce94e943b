#include "http/router.h"

#include "http/routes.h"
#include "util/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SEG_CAPTURE = 0, SEG_SUFFIXED = 1, SEG_LITERAL = 2 };

/* Splits a path copy in place into segments; -1 when it is not "/..." or has too many. */
static int split(char *p, char **segs, int *nsegs)
{
    if (*p != '/')
        return -1;
    int n = 0;
    p++;
    for (;;) {
        if (n == HTTP_MAX_SEGMENTS)
            return -1;
        segs[n++] = p;
        char *slash = strchr(p, '/');
        if (!slash)
            break;
        *slash = '\0';
        p = slash + 1;
    }
    *nsegs = n;
    return 0;
}

/* Matches one pattern segment against one path segment. Sets *kind; with a
 * capture, *cap_len is how much of the path segment the capture takes. */
static int seg_match(const char *pat, size_t plen, const char *seg, int *kind, size_t *cap_len)
{
    size_t slen = strlen(seg);
    if (plen == 0 || pat[0] != '{') {
        *kind = SEG_LITERAL;
        return plen == slen && memcmp(pat, seg, plen) == 0;
    }
    const char *close = memchr(pat, '}', plen);
    if (!close)
        return 0; /* a malformed pattern matches nothing */
    const char *suffix = close + 1;
    size_t sufflen = plen - (size_t)(suffix - pat);
    *kind = sufflen ? SEG_SUFFIXED : SEG_CAPTURE;
    if (slen <= sufflen || memcmp(seg + slen - sufflen, suffix, sufflen) != 0)
        return 0;
    *cap_len = slen - sufflen;
    return 1;
}

/* Matches a whole pattern; fills score (one entry per segment) and, when cap is
 * given, the captures (NUL-terminating them inside segs). */
static int pattern_match(const char *pattern, char **segs, int nsegs, int *score, const char **cap,
                         int *ncap)
{
    if (*pattern != '/')
        return 0;
    const char *p = pattern + 1;
    int ncaptures = 0;
    for (int i = 0; i < nsegs; i++) {
        if (!p)
            return 0;
        const char *slash = strchr(p, '/');
        size_t plen = slash ? (size_t)(slash - p) : strlen(p);
        int kind;
        size_t cap_len = 0;
        if (!seg_match(p, plen, segs[i], &kind, &cap_len))
            return 0;
        score[i] = kind;
        if (kind != SEG_LITERAL) {
            if (ncaptures == HTTP_MAX_PARAMS)
                return 0;
            if (cap) {
                segs[i][cap_len] = '\0';
                cap[ncaptures] = segs[i];
            }
            ncaptures++;
        }
        p = slash ? slash + 1 : NULL;
    }
    if (p)
        return 0; /* the pattern has more segments than the path */
    if (ncap)
        *ncap = ncaptures;
    return 1;
}

static int score_cmp(const int *a, const int *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] - b[i];
    return 0;
}

static void allow_add(char *allow, size_t size, const char *method)
{
    /* Each method once, whatever the number of routes that list it. */
    size_t mlen = strlen(method);
    for (const char *p = allow; (p = strstr(p, method)); p += mlen)
        if ((p == allow || p[-1] == ' ') && (p[mlen] == ',' || p[mlen] == '\0'))
            return;
    size_t len = strlen(allow);
    snprintf(allow + len, size - len, "%s%s", len ? ", " : "", method);
}

int http_router_find(const http_route_table *tables, int ntables, const char *method,
                     const char *path, http_match *m)
{
    memset(m, 0, sizeof *m);
    m->status = 404;
    m->storage = xstrdup(path);
    char *segs[HTTP_MAX_SEGMENTS];
    int nsegs;
    if (split(m->storage, segs, &nsegs))
        return m->status;
    const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;

    int best[HTTP_MAX_SEGMENTS], score[HTTP_MAX_SEGMENTS];
    int have_best = 0;
    const http_route *chosen = NULL;
    for (int t = 0; t < ntables; t++)
        for (int i = 0; i < tables[t].count; i++) {
            const http_route *r = &tables[t].routes[i];
            if (!r->pattern || !pattern_match(r->pattern, segs, nsegs, score, NULL, NULL))
                continue;
            int cmp = have_best ? score_cmp(score, best, nsegs) : 1;
            if (cmp < 0)
                continue;
            if (cmp > 0) {
                memcpy(best, score, sizeof score[0] * (size_t)nsegs);
                have_best = 1;
                chosen = NULL;
                m->allow[0] = '\0';
            }
            allow_add(m->allow, sizeof m->allow, r->method);
            if (strcmp(r->method, "GET") == 0)
                allow_add(m->allow, sizeof m->allow, "HEAD");
            if (!chosen && strcmp(r->method, want) == 0)
                chosen = r;
        }
    if (!have_best)
        return m->status;
    if (!chosen) {
        m->status = 405;
        return m->status;
    }
    pattern_match(chosen->pattern, segs, nsegs, score, m->params, &m->nparams);
    m->route = chosen;
    m->allow[0] = '\0';
    m->status = 0;
    return 0;
}

int http_router_match(const char *method, const char *path, http_match *m)
{
    const http_route_table tables[] = {{auth_routes, auth_route_count},
                                       {api_routes, api_route_count}};
    return http_router_find(tables, 2, method, path, m);
}

void http_match_free(http_match *m)
{
    free(m->storage);
    m->storage = NULL;
}

int http_route_total(void)
{
    return auth_route_count + api_route_count;
}

const http_route *http_route_at(int i)
{
    if (i < 0 || i >= http_route_total())
        return NULL;
    return i < auth_route_count ? &auth_routes[i] : &api_routes[i - auth_route_count];
}
