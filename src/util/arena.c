#include "util/arena.h"

#include "util/err.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

#define ALIGN (alignof(max_align_t))

static size_t round_up(size_t n)
{
    if (n > SIZE_MAX - ALIGN)
        abort();
    return (n + ALIGN - 1) & ~(ALIGN - 1);
}

static arena_block *new_block(arena *a, size_t need)
{
    size_t size = a->next_size ? a->next_size : ARENA_FIRST_BLOCK;
    if (size < need)
        size = need;
    else if (a->next_size < ((size_t)1 << 30))
        a->next_size = size * 2;
    arena_block *b = xmalloc(sizeof *b + size);
    b->size = size;
    b->used = 0;
    /* A big one-off allocation goes behind the current block, which keeps its free room. */
    if (a->head && size == need && a->head->size - a->head->used > 0) {
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = a->head;
        a->head = b;
    }
    return b;
}

void *arena_alloc(arena *a, size_t n)
{
    n = round_up(n ? n : 1);
    arena_block *b = a->head;
    if (!b || b->size - b->used < n)
        b = new_block(a, n);
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

void *arena_calloc(arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        abort();
    void *p = arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

void *arena_realloc(arena *a, void *p, size_t old, size_t n)
{
    if (!p)
        return arena_alloc(a, n);
    arena_block *b = a->head;
    unsigned char *at = p;
    size_t old_rounded = round_up(old ? old : 1);
    /* The newest allocation of the current block can grow or shrink where it is. */
    if (b && at >= b->data && at + old_rounded == b->data + b->used) {
        size_t start = (size_t)(at - b->data), want = round_up(n ? n : 1);
        if (b->size - start >= want) {
            b->used = start + want;
            return p;
        }
    }
    void *q = arena_alloc(a, n);
    memcpy(q, p, old < n ? old : n);
    return q;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0) {
        va_end(again);
        return arena_strdup(a, "");
    }
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, again);
    va_end(again);
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_footprint(const arena *a)
{
    size_t n = 0;
    for (const arena_block *b = a->head; b; b = b->next)
        n += sizeof *b + b->size;
    return n;
}

void arena_free(arena *a)
{
    for (arena_block *b = a->head, *next; b; b = next) {
        next = b->next;
        if (a->wipe)
            explicit_bzero(b->data, b->size);
        free(b);
    }
    a->head = NULL;
    a->next_size = 0;
}
