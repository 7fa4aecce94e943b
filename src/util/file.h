/* file: writing a whole file safely. */
#ifndef UNLOCK_UTIL_FILE_H
#define UNLOCK_UTIL_FILE_H

#include "util/err.h"

#include <stddef.h>

/* Writes data to path through a temporary file beside it and a rename, so a
 * reader never sees half a file and a failure leaves any old file untouched. */
int file_write_atomic(const char *path, const char *data, size_t len, err *e);

/* Reads a whole file ("-": standard input) into a NUL-terminated buffer the caller frees;
 * *len (may be NULL) is its length. A file that cannot be opened or read is a user error
 * naming it. */
int file_read_all(const char *path, char **out, size_t *len, err *e);

#endif
