/* err: the error every fallible function fills, with a message a person can act on.
 *
 * Functions return 0 on success and -1 on failure, after filling an `err` with
 * err_user() (bad input: exit status 1, HTTP 4xx) or err_internal() (our fault or
 * the system's: exit status 2, HTTP 500). Only main and the HTTP layer turn an
 * err into an exit or status code. Messages name the file, line, field and what
 * was expected wherever those are known. */
#ifndef UNLOCK_UTIL_ERR_H
#define UNLOCK_UTIL_ERR_H

#include <stddef.h>

enum { ERR_NONE = 0, ERR_USER = 1, ERR_INTERNAL = 2 };

typedef struct err {
    int kind;       /* ERR_NONE, ERR_USER or ERR_INTERNAL; doubles as the exit status */
    char msg[1024]; /* one or more lines, no trailing newline */
    /* Where in the input, when known (set by err_at): for an API answer's "field" and
     * "line", which the message also states in words. */
    char field[64];
    long line;
    int not_found;    /* a user error that names something that does not exist (HTTP 404) */
    int conflict;     /* a user error about a stale version: someone else changed it (HTTP 409) */
    int precondition; /* a change sent without the version it was made to (HTTP 428) */
    int timed_out;    /* the work ran past its time limit (db_set_deadline; HTTP 503) */
} err;

/* Sets a user error and returns -1. */
int err_user(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets a user error about something that does not exist and returns -1. */
int err_not_found(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets a user error about a write that lost a race with another (a stale version). */
int err_conflict(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets a user error about a change that does not say which version it was made to. */
int err_precondition(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets an internal error and returns -1. */
int err_internal(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Puts "prefix: " in front of an existing message (e.g. a file name); a prefix
 * ending in ":" or " " is joined as it is ("FILE:" gives "FILE:57: ..."). */
void err_prefix(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void err_clear(err *e);
/* Sets a user error about one field of a request body: "FIELD: <message>", with the field
 * recorded for the API's answer. Returns -1. */
int err_field(err *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records the line (0: none) and field (NULL: none) the current error is about. */
void err_at(err *e, long line, const char *field);

/* Out of memory is not an error callers can handle: these abort with a message. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
