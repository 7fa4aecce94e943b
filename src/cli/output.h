/* output: printing stored records as a readable table, as JSON or as CSV. */
#ifndef UNLOCK_CLI_OUTPUT_H
#define UNLOCK_CLI_OUTPUT_H

#include "domain/record_json.h"
#include "domain/store.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <stdio.h>

/* Writes a chart to path (atomically) when it was drawn (drawn == 0, what the
 * chart function returned), and releases svg. 0, or -1 with e filled. */
int output_svg(const char *path, int drawn, strbuf *svg, err *e);

/* Prints a JSON value to standard output, indented, and releases it. */
void output_json(json_t *j);

/* Ends a command that read one JSON value v: when rc is not 0, prints e and returns its exit
 * status (v is not touched); otherwise prints v as JSON when as_json, else through print,
 * releases v and returns 0. */
int output_result(int rc, const err *e, json_t *v, int as_json, void (*print)(json_t *v));

/* Collects records, then prints them as an aligned table of the entity's list columns. */
typedef struct output_table output_table;
output_table *output_table_new(const entity_def *def);
int output_table_add(void *table, const entity_record *rec, err *e); /* a store_record_fn */
void output_table_print(output_table *t, FILE *out);
void output_table_free(output_table *t);

/* Writes the CSV header of an entity. */
void output_csv_header(const entity_def *def, FILE *out);
/* A store_record_fn writing one CSV row to the FILE* in ctx. */
int output_csv_row(void *file, const entity_record *rec, err *e);

#endif
