#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((format(printf, 3, 0))) static int set(err *e, int kind, const char *fmt, va_list ap)
{
    if (e) {
        e->kind = kind;
        e->field[0] = '\0';
        e->line = 0;
        e->not_found = 0;
        e->conflict = 0;
        e->precondition = 0;
        e->timed_out = 0;
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    }
    return -1;
}

int err_user(err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set(e, ERR_USER, fmt, ap);
    va_end(ap);
    return -1;
}

int err_not_found(err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set(e, ERR_USER, fmt, ap);
    va_end(ap);
    if (e)
        e->not_found = 1;
    return -1;
}

int err_conflict(err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set(e, ERR_USER, fmt, ap);
    va_end(ap);
    if (e)
        e->conflict = 1;
    return -1;
}

int err_precondition(err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set(e, ERR_USER, fmt, ap);
    va_end(ap);
    if (e)
        e->precondition = 1;
    return -1;
}

int err_internal(err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set(e, ERR_INTERNAL, fmt, ap);
    va_end(ap);
    return -1;
}

void err_prefix(err *e, const char *fmt, ...)
{
    if (!e)
        return;
    char prefix[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t plen = strlen(prefix), mlen = strnlen(e->msg, sizeof e->msg - 1);
    /* A prefix ending in ':' joins directly ("FILE:57: ..."); otherwise ": " separates. */
    const char *sep =
        plen && prefix[plen - 1] == ':' ? "" : (plen && prefix[plen - 1] == ' ' ? "" : ": ");
    size_t slen = strlen(sep), cap = sizeof e->msg - 1;
    if (plen + slen >= cap)
        return;
    if (mlen > cap - plen - slen)
        mlen = cap - plen - slen;
    memmove(e->msg + plen + slen, e->msg, mlen);
    memcpy(e->msg, prefix, plen);
    memcpy(e->msg + plen, sep, slen);
    e->msg[plen + slen + mlen] = '\0';
}

void err_clear(err *e)
{
    e->kind = ERR_NONE;
    e->msg[0] = '\0';
    e->field[0] = '\0';
    e->line = 0;
    e->not_found = 0;
    e->conflict = 0;
    e->precondition = 0;
    e->timed_out = 0;
}

int err_field(err *e, const char *field, const char *fmt, ...)
{
    char msg[sizeof e->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_user(e, "%s: %s", field, msg);
    err_at(e, 0, field);
    return -1;
}

void err_at(err *e, long line, const char *field)
{
    if (!e)
        return;
    e->line = line;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
}

static void *oom(size_t n)
{
    fprintf(stderr, "unlock: out of memory (asked for %zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    return p ? p : oom(n);
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    return p ? p : oom(count * size);
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    return q ? q : oom(n);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
