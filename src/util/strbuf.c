#include "util/strbuf.h"

#include "util/err.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strbuf_grow(strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    sb->buf = xrealloc(sb->buf, cap);
    sb->cap = cap;
}

void strbuf_add(strbuf *sb, const char *s, size_t n)
{
    strbuf_grow(sb, n);
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void strbuf_adds(strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_addc(strbuf *sb, char c)
{
    strbuf_add(sb, &c, 1);
}

void strbuf_addf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    strbuf_grow(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void strbuf_add_csv_field(strbuf *sb, const char *s)
{
    if (!s)
        return;
    /* A field starting with a byte-order mark is quoted too: at the start of a file, a reader
     * would take the mark for the file's own and drop it. */
    if (!strpbrk(s, ",\"\r\n") && strncmp(s, "\xEF\xBB\xBF", 3) != 0) {
        strbuf_adds(sb, s);
        return;
    }
    strbuf_addc(sb, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            strbuf_addc(sb, '"');
        strbuf_addc(sb, *p);
    }
    strbuf_addc(sb, '"');
}

void strbuf_add_number(strbuf *sb, double v)
{
    char tmp[40];
    if (v == 0) {
        strbuf_addc(sb, '0'); /* also folds -0 */
        return;
    }
    if (isnan(v) || isinf(v)) {
        strbuf_adds(sb, "");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(tmp, sizeof tmp, "%.0f", v); /* money and counts read better without exponents */
        strbuf_adds(sb, tmp);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    strbuf_adds(sb, tmp);
}

void strbuf_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

char *strbuf_detach(strbuf *sb, size_t *len)
{
    char *out = sb->buf ? sb->buf : xstrdup("");
    if (len)
        *len = sb->len;
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return out;
}

void strbuf_free(strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

const char *strbuf_str(const strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}
