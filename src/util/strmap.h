/* strmap: a string → long hash map (open addressing), for "have I seen this
 * key, and on which line?". Keys are copied; strmap_free releases everything. */
#ifndef UNLOCK_UTIL_STRMAP_H
#define UNLOCK_UTIL_STRMAP_H

#include <stddef.h>

typedef struct strmap {
    char **keys;
    long *values;
    size_t cap, count;
} strmap;

#define STRMAP_INIT                                                                                \
    {                                                                                              \
        0                                                                                          \
    }

/* Returns 1 and sets *value when key is present, else 0. */
int strmap_get(const strmap *m, const char *key, long *value);
/* Inserts or replaces. */
void strmap_put(strmap *m, const char *key, long value);
void strmap_free(strmap *m);

#endif
