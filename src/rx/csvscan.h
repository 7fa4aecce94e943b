/* rx csvscan: a fast, streaming reader of CSV records for EPD files, with no allocation per row.
 *
 * Reads the file (plain, or gzip-compressed when its name ends in .gz) in large chunks and splits
 * each record into field slices that point into its own buffer (valid until the next rx_scan_next).
 * Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF both end a record.
 * Memory is bounded by the chunk size and the longest record (records over 1 MB are an error). The
 * scanner owns its buffer; rx_scan_close frees it. */
#ifndef UNLOCK_RX_CSVSCAN_H
#define UNLOCK_RX_CSVSCAN_H

#include "util/err.h"

#include <stddef.h>
#include <stdio.h>

#define RX_SCAN_MAX_FIELDS 64

typedef struct rx_field {
    const char *p; /* the field's bytes, without surrounding quotes (doubled quotes left in) */
    size_t len;
    int escaped; /* 1 when p holds doubled quotes: use rx_field_copy to undo them */
} rx_field;

typedef struct rx_scan {
    const char *path;
    FILE *fp;
    void *gz; /* a zlib gzFile when reading a .gz file */
    char *buf;
    size_t cap, pos, end;
    int eof;
    long line; /* the line the current record starts on (1 = header) */
    long next_line;
    int nf;
    rx_field f[RX_SCAN_MAX_FIELDS];
    long long consumed; /* bytes before buf[pos] */
    long long size;     /* the file's size when known (not for .gz), else -1 */
} rx_scan;

/* Opens path ("-" = standard input). */
int rx_scan_open(rx_scan *s, const char *path, err *e);
/* Reads the next record into s->f[0..nf). Returns 1 for a record, 0 at the end, -1 on error
 * (a read error, a record too long, more than RX_SCAN_MAX_FIELDS fields, an unclosed quote). */
int rx_scan_next(rx_scan *s, err *e);
void rx_scan_close(rx_scan *s);

/* Copies a field's text into out (size cap, NUL-terminated, cut short if needed), undoing doubled
 * quotes; returns the length copied. */
size_t rx_field_copy(const rx_field *f, char *out, size_t cap);

/* Parses a plain decimal number (optional sign, digits, optional fraction, optional exponent) by
 * hand, correctly rounded for up to 19 significant digits; falls back to strtod beyond. Returns
 * 0, or -1 when the field is empty or not a number. */
int rx_parse_number(const char *p, size_t len, double *out);

#endif
