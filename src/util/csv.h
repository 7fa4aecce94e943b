/* csv: a chunk-fed RFC 4180 reader.
 *
 * Feed it bytes in pieces of any size (a file read in blocks, an HTTP upload in
 * chunks); it calls back once per complete record. Quoted fields may hold
 * commas, doubled quotes and line breaks. A UTF-8 byte-order mark is skipped,
 * CRLF and LF both end a record, and blank lines are skipped. Hard limits on
 * field size and field count keep hostile input from eating memory.
 *
 * The record passed to the callback, and its fields, are owned by the reader
 * and valid only during the callback. */
#ifndef UNLOCK_UTIL_CSV_H
#define UNLOCK_UTIL_CSV_H

#include "util/err.h"

#include <stddef.h>

#define CSV_MAX_FIELD (1u << 20) /* bytes in one field */
#define CSV_MAX_FIELDS 1024      /* fields in one record */

typedef struct csv_record {
    long line;                 /* physical line (1-based) where the record starts */
    size_t count;              /* number of fields */
    const char *const *fields; /* NUL-terminated field values */
    const size_t *lens;        /* their lengths (a field may contain NUL bytes) */
} csv_record;

/* Return 0 to go on, -1 (with e filled) to stop reading. */
typedef int (*csv_record_fn)(void *ctx, const csv_record *rec, err *e);

typedef struct csv_reader csv_reader;

csv_reader *csv_new(csv_record_fn fn, void *ctx);
void csv_free(csv_reader *r);
/* Parses n more bytes. Errors start with the line number, "57: ...", and callbacks
 * errors should too, so the readers below can turn them into "FILE:57: ...". */
int csv_feed(csv_reader *r, const char *data, size_t n, err *e);
/* Ends the input: delivers a last record without a final newline, and fails on an open quote. */
int csv_finish(csv_reader *r, err *e);

/* For readers that take fields as C strings: fails ("57: field 3 holds a NUL byte") when a
 * field of the record holds one, which would otherwise cut it short without a word. */
int csv_record_no_nul(const csv_record *rec, err *e);

/* Reads a whole file (or "-" for standard input) through fn; errors read "PATH:LINE: ...". */
int csv_read_file(const char *path, csv_record_fn fn, void *ctx, err *e);
/* Reads a buffer through fn; errors are prefixed with `name`. */
int csv_read_buffer(const char *name, const char *data, size_t n, csv_record_fn fn, void *ctx,
                    err *e);

#endif
