/* fuzz epd: an English Prescribing Dataset file through the prescribing ingest (rx/import.h),
 * which reads it with the streaming scanner (rx/csvscan.h) and parses its numbers by hand.
 *
 * The input is written to a file, as the importer reads one, and imported into a scratch
 * prescribing store inside a transaction that is rolled back. A few bad rows are skipped and
 * reported (to nowhere), so the rows after one are reached too. An input that starts like a
 * gzip stream is named .csv.gz, so the decompressing reader gets fuzzed as well. */
#include "fuzz.h"

#include "rx/import.h"

#include <stdio.h>

int fuzz_epd(const uint8_t *data, size_t size, err *e)
{
    db *d = fuzz_db();
    char store[512];
    snprintf(store, sizeof store, "%s/rx", fuzz_dir());
    int gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    const char *path = fuzz_write_file(gzip ? "epd.csv.gz" : "epd.csv", data, size);
    rx_import_opts o = {.store_dir = store, .max_errors = 3, .report = NULL, .progress = 0};
    rx_import_stats st = {0};
    if (db_begin(d, e))
        return -1;
    int rc = rx_import_file(d, &o, path, &st, e);
    db_rollback(d);
    return rc;
}
