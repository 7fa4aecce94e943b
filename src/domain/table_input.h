/* table_input: small CSV tables that feed the statistics directly, like
 * `unlock spc --csv` (period,value) and `unlock funnel --csv`
 * (org,numerator,denominator). Columns are found by header name; every
 * number is checked, a key column (a period, an organisation) must be filled
 * in and must not repeat, and a bad value is reported as FILE:LINE, column,
 * value. A missing column is named.
 *
 * table_input_read fills a caller-provided table and allocates its arrays;
 * table_input_free releases them (safe on a zeroed table). */
#ifndef UNLOCK_DOMAIN_TABLE_INPUT_H
#define UNLOCK_DOMAIN_TABLE_INPUT_H

#include "util/err.h"

#include <stddef.h>

#define TABLE_INPUT_MAX_COLUMNS 8

typedef struct table_column {
    const char *name;
    int numeric;  /* parse as a finite number */
    int positive; /* numeric and more than 0 */
    int key;      /* text that names the row: never empty, never repeated */
} table_column;

typedef struct table_input {
    size_t n; /* data rows */
    int ncols;
    char **text[TABLE_INPUT_MAX_COLUMNS]; /* per column, per row */
    double *num[TABLE_INPUT_MAX_COLUMNS]; /* numeric columns, per row */
    long *lines;                          /* the file line of each row */
} table_input;

/* Reads path ("-" for standard input) with exactly these columns (any order,
 * more are refused, listing the expected ones). Needs at least min_rows rows. */
int table_input_read(const char *path, const table_column *cols, int ncols, size_t min_rows,
                     table_input *out, err *e);
void table_input_free(table_input *t);

#endif
