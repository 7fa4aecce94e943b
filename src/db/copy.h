/* copy: a whole unlock database from one back end to another (or the same), verified. */
#ifndef UNLOCK_DB_COPY_H
#define UNLOCK_DB_COPY_H

#include "db/db.h"

#include <stdint.h>

typedef struct copy_table_result {
    char *table;
    int64_t rows_from, rows_to;
    char checksum_from[33], checksum_to[33]; /* hex; order-free: a sum of row hashes */
} copy_table_result;

typedef struct copy_result {
    copy_table_result *tables;
    int ntables;
    int64_t rows;
} copy_result;

/* Copies every table of `from` into `to` (migrated first), in one transaction on `to`, then
 * reads both back and compares counts and checksums per table: on any difference nothing is
 * kept. `to` must hold no rows unless replace, which empties it in the same transaction.
 * progress (may be NULL) hears of each table and of every 10,000 rows. */
int db_copy(db *from, db *to, int replace, copy_result *out,
            void (*progress)(const char *table, int64_t rows, void *arg), void *arg, err *e);
void copy_result_free(copy_result *r);

#endif
