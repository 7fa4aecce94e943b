/* access_log: the server's lines on standard error: one per request (time, method,
 * path, status, body bytes, microseconds, user), and its other messages. Each line
 * goes out in one write(2), so lines from worker threads never interleave. */
#ifndef UNLOCK_HTTP_ACCESS_LOG_H
#define UNLOCK_HTTP_ACCESS_LOG_H

#include <stddef.h>
#include <stdint.h>

/* Formats "TIME METHOD PATH STATUS BYTES USEC USER\n" into buf (always terminated;
 * truncated to size). Bytes of the path outside printable ASCII, spaces, quotes and
 * backslashes become %XX, so a path cannot forge a log line. user NULL or "" is "-".
 * Returns the length written. */
size_t http_access_format(char *buf, size_t size, const char *method, const char *path, int status,
                          uint64_t bytes, int64_t usec, const char *user);

/* Writes one access line to standard error. */
void http_access_log(const char *method, const char *path, int status, uint64_t bytes, int64_t usec,
                     const char *user);

/* Writes "unlock: MESSAGE\n" to standard error. */
void http_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
