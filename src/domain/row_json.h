/* row_json: small helpers the domain's hand-written queries share. */
#ifndef UNLOCK_DOMAIN_ROW_JSON_H
#define UNLOCK_DOMAIN_ROW_JSON_H

#include "db/db.h"

#include <jansson.h>

/* The column as a JSON string, or JSON null for SQL NULL (a new reference). */
json_t *row_json_text(db_stmt *s, int col);

/* Whether sql finds a row, with key bound to each of its nparams parameters. */
int row_exists(db *d, const char *sql, int nparams, const char *key, int *found, err *e);

#endif
