#include "http/access_log.h"

#include "util/clock.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

size_t http_access_format(char *buf, size_t size, const char *method, const char *path, int status,
                          uint64_t bytes, int64_t usec, const char *user)
{
    static const char hex[] = "0123456789ABCDEF";
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    if (size == 0)
        return 0;
    int n = snprintf(buf, size, "%s %s ", now, method);
    size_t len = n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
    for (const unsigned char *p = (const unsigned char *)path; *p && len + 4 < size; p++) {
        if (*p > 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && *p != '%') {
            buf[len++] = (char)*p;
        } else {
            buf[len++] = '%';
            buf[len++] = hex[*p >> 4];
            buf[len++] = hex[*p & 15];
        }
    }
    buf[len] = '\0';
    n = snprintf(buf + len, size - len, " %d %" PRIu64 " %" PRId64 " %s\n", status, bytes, usec,
                 user && *user ? user : "-");
    if (n > 0)
        len += (size_t)n < size - len ? (size_t)n : size - len - 1;
    return len;
}

static void write_all(const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(STDERR_FILENO, s, n);
        if (w <= 0)
            return; /* a log we cannot write must not stop the server */
        s += w;
        n -= (size_t)w;
    }
}

void http_access_log(const char *method, const char *path, int status, uint64_t bytes, int64_t usec,
                     const char *user)
{
    char line[2048];
    size_t n = http_access_format(line, sizeof line, method, path, status, bytes, usec, user);
    if (n && line[n - 1] != '\n')
        line[n - 1] = '\n'; /* truncated: still one line */
    write_all(line, n);
}

void http_log(const char *fmt, ...)
{
    char msg[1900], line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int n = snprintf(line, sizeof line, "unlock: %s\n", msg);
    if (n > 0)
        write_all(line, (size_t)n);
}
