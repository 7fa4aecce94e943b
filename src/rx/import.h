/* rx import: English Prescribing Dataset CSV files into month files (rx/store.h) and the
 * database's prescribing tables; practice list sizes.
 *
 * Columns are found by header name (older AREA_TEAM and newer ICB layouts alike). Memory is
 * bounded by the dictionaries (practices, presentations) and one block per month being written,
 * whatever the file's size. Each file is all or nothing: its months are renamed into place and
 * recorded only once the whole file has been read, so an interrupted import leaves the previous
 * state. Nothing returned needs freeing. */
#ifndef UNLOCK_RX_IMPORT_H
#define UNLOCK_RX_IMPORT_H

#include "db/db.h"
#include "util/err.h"

#include <stdio.h>

typedef struct rx_import_opts {
    const char *store_dir; /* where month files go (rx_store_dir) */
    long max_errors; /* bad rows to skip (each reported) before failing; 0: fail on the first */
    FILE *report;    /* where skipped rows are reported (may be NULL) */
    int progress;    /* draw a progress line on standard error */
} rx_import_opts;

typedef struct rx_import_stats {
    long long rows, skipped, bytes;
    int months[32], nmonths;
    double seconds;
} rx_import_stats;

/* Imports one EPD file; adds to *st. */
int rx_import_file(db *d, const rx_import_opts *o, const char *path, rx_import_stats *st, err *e);

/* Imports period,practice_code,list_size rows (replacing stored ones); *rows gets the count. */
int rx_import_list_sizes(db *d, const char *path, long *rows, err *e);

#endif
