/* row_json: small helpers the domain's hand-written queries share. */
#ifndef UNLOCK_DOMAIN_ROW_JSON_H
#define UNLOCK_DOMAIN_ROW_JSON_H

#include "db/db.h"

#include <jansson.h>

/* The column as a JSON string, or JSON null for SQL NULL (a new reference). */
json_t *row_json_text(db_stmt *s, int col);

/* Whether sql finds a row, with key bound to each of its nparams parameters. */
int row_exists(db *d, const char *sql, int nparams, const char *key, int *found, err *e);

/* Appends one JSON object per row of sql to array, keyed by the column names (alias them
 * in the SQL). types has one letter per column: 's' text, 'd' number, 'i' whole number,
 * 'b' boolean; SQL NULL is JSON null whatever the type. params bind ?1..?nparams as text
 * (NULL binds SQL NULL); those past the highest ?N the SQL names are left unbound. */
int row_json_rows(db *d, const char *sql, const char *types, const char *const *params, int nparams,
                  json_t *array, err *e);

/* The same for a statement already prepared and bound: steps it to the end, appending a row
 * object each time, and finalizes it whatever happens. */
int row_json_stmt_rows(db_stmt *s, const char *types, json_t *array, err *e);

#endif
