/* arena: memory that is all given back at once.
 *
 * A request's bits (copies of its method and path, its query and header
 * lists, its body, the strings built while answering) live exactly as long
 * as the request: allocating them from one arena costs a pointer bump each
 * and one free for the lot, and nothing can leak or be freed twice.
 *
 * A zeroed arena (ARENA_INIT) is empty and valid. Memory comes in blocks that
 * double in size from ARENA_FIRST_BLOCK (or a block of its own for a big
 * allocation); every allocation is aligned for any type. Out of memory aborts
 * (util/err.h). Not for sharing between threads. */
#ifndef UNLOCK_UTIL_ARENA_H
#define UNLOCK_UTIL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#define ARENA_FIRST_BLOCK 4096

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head; /* the block allocations come from; older ones follow */
    size_t next_size;  /* the next block's size */
    /* Zero every block before it goes back (the arena may hold a password). */
    int wipe;
} arena;

#define ARENA_INIT                                                                                 \
    {                                                                                              \
        0                                                                                          \
    }

void *arena_alloc(arena *a, size_t n);
void *arena_calloc(arena *a, size_t count, size_t size);
/* Resizes p, the arena's newest allocation of old bytes, in place when the block
 * has room, else by copying (the old bytes stay until the arena goes); p NULL
 * allocates. Growing the newest allocation is what buffers do. */
void *arena_realloc(arena *a, void *p, size_t old, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Bytes allocated from the system for the arena (for tests and limits). */
size_t arena_footprint(const arena *a);
/* Gives everything back; the arena is empty and usable again. */
void arena_free(arena *a);

#endif
