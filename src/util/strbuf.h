/* strbuf: a growable, always NUL-terminated byte buffer.
 *
 * A zeroed strbuf (STRBUF_INIT) is empty and valid. The buffer owns `buf`;
 * strbuf_free releases it, strbuf_detach hands it to the caller. Growth aborts
 * on out-of-memory (see util/err.h). */
#ifndef UNLOCK_UTIL_STRBUF_H
#define UNLOCK_UTIL_STRBUF_H

#include <stddef.h>

typedef struct strbuf {
    char *buf;
    size_t len, cap;
} strbuf;

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        0                                                                                          \
    }

void strbuf_grow(strbuf *sb, size_t extra);
void strbuf_add(strbuf *sb, const char *s, size_t n);
void strbuf_adds(strbuf *sb, const char *s);
void strbuf_addc(strbuf *sb, char c);
void strbuf_addf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a CSV field, quoted only when it holds a comma, quote, CR or LF. */
void strbuf_add_csv_field(strbuf *sb, const char *s);
/* Appends a number in the shortest form that reads back to the same double. */
void strbuf_add_number(strbuf *sb, double v);
void strbuf_reset(strbuf *sb);
/* Returns the contents (never NULL); the caller owns it and the strbuf is empty again. */
char *strbuf_detach(strbuf *sb, size_t *len);
void strbuf_free(strbuf *sb);
/* The contents as a C string (never NULL, "" when empty); valid until the next change. */
const char *strbuf_str(const strbuf *sb);

#endif
