/* rx store: one month of prescribing in a compact columnar file beside the database.
 *
 * A month file (DIR/YYYYMM.rxm) holds the practices and BNF presentations of the month once each
 * (dictionaries), then the rows in blocks of up to RX_BLOCK rows, each block columnar: practice
 * index (u32), BNF index (u32), then items, quantity, total quantity, NIC and actual cost
 * (doubles). Files are written under a temporary name and renamed into place by rx_writer_commit,
 * so readers see the old month or the new one, never half of either.
 *
 * Ownership: rx_writer_open gives a writer that rx_writer_commit or rx_writer_abort frees;
 * rx_month_open gives a month that rx_month_close frees; the strings and block arrays it exposes
 * belong to it. */
#ifndef UNLOCK_RX_STORE_H
#define UNLOCK_RX_STORE_H

#include "util/err.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RX_BLOCK 65536

/* The practice dictionary's columns, in order. */
enum {
    RX_P_CODE,
    RX_P_NAME,
    RX_P_SUB_ICB,
    RX_P_SUB_ICB_NAME,
    RX_P_ICB,
    RX_P_ICB_NAME,
    RX_P_REGION,
    RX_P_REGION_NAME,
    RX_P_NCOLS
};
/* The numeric columns, in order. */
enum { RX_ITEMS, RX_QUANTITY, RX_TOTAL_QUANTITY, RX_NIC, RX_ACTUAL_COST, RX_NNUM };

/* A string → index dictionary whose entries each carry ncols strings (column 0 is the key). */
typedef struct rx_dict {
    char **cols;     /* count × ncols strings, owned */
    uint32_t *slots; /* index + 1, 0 = empty */
    size_t count, cap, nslots;
    int ncols;
} rx_dict;

void rx_dict_init(rx_dict *d, int ncols);
/* The index of key (len bytes), or -1. */
long rx_dict_find(const rx_dict *d, const char *key, size_t len);
/* Adds an entry (vals[0] is the key, copied with the rest) and returns its index. */
uint32_t rx_dict_add(rx_dict *d, const char *const *vals);
const char *rx_dict_col(const rx_dict *d, size_t i, int col);
void rx_dict_free(rx_dict *d);

typedef struct rx_writer rx_writer;

/* Starts DIR/MONTH.rxm (as a temporary file); creates DIR when missing. */
int rx_writer_open(const char *dir, int month, rx_writer **out, err *e);
/* The writer's dictionaries, to look codes up and add new ones. */
rx_dict *rx_writer_practices(rx_writer *w);
rx_dict *rx_writer_bnf(rx_writer *w);
int rx_writer_month(const rx_writer *w);
int rx_writer_add(rx_writer *w, uint32_t practice, uint32_t bnf, const double num[RX_NNUM], err *e);
long long rx_writer_rows(const rx_writer *w);
/* Writes the dictionaries and syncs the temporary file (rx_writer_tmp_path), which readers can
 * then open with rx_month_open_file; rx_writer_publish or rx_writer_abort follows. */
int rx_writer_finish(rx_writer *w, err *e);
const char *rx_writer_tmp_path(const rx_writer *w);
/* Renames a finished file into place (and syncs the directory); frees w either way. */
int rx_writer_publish(rx_writer *w, err *e);
/* rx_writer_finish then rx_writer_publish; frees w either way. */
int rx_writer_commit(rx_writer *w, err *e);
/* Removes the temporary file and frees w. */
void rx_writer_abort(rx_writer *w);

typedef struct rx_month {
    int month;
    long long rows;
    rx_dict practices, bnf;
    /* the current block (rx_month_next_block) */
    uint32_t n;
    uint32_t *practice, *bnf_idx;
    double *num[RX_NNUM];
    FILE *f;
    long data_start;
    void *blockbuf;
} rx_month;

/* DIR/YYYYMM.rxm; a missing file is a user error naming the month. */
int rx_month_open(const char *dir, int month, rx_month **out, err *e);
/* A month file by its path (a finished writer's temporary file). */
int rx_month_open_file(const char *path, rx_month **out, err *e);
/* Loads the next block; returns 1, 0 at the end, -1 on error. */
int rx_month_next_block(rx_month *m, err *e);
/* Back to the first block. */
int rx_month_rewind(rx_month *m, err *e);
void rx_month_close(rx_month *m);

/* The directory of month files for a database URL: "PATH.rx" beside a SQLite file; for a
 * PostgreSQL database NAME, $UNLOCK_RX_STORE/NAME.rx, else ~/.local/share/unlock/NAME.rx
 * (the month files are the engine's own format, kept on the server's disk). malloc'd. */
char *rx_store_dir(const char *db_url);
char *rx_store_dir_postgres(const char *dbname);

#endif
