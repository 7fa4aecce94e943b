/* record_json: entities as JSON objects, both ways, with the same value rules
 * as the CSV files (numbers as numbers, booleans as booleans, empty as null). */
#ifndef UNLOCK_DOMAIN_RECORD_JSON_H
#define UNLOCK_DOMAIN_RECORD_JSON_H

#include "domain/store.h"

#include <jansson.h>

/* A stored record as a new JSON object (the caller owns it). */
json_t *record_json(const entity_record *rec);

/* Fills row from a JSON object's members: each value is checked exactly as a
 * CSV field would be. A member that is not a field, or a value that is an
 * array or object, is an error naming the field (err_at). With key (nkey
 * strings, "" for an empty part; e.g. from a URL) the key fields take those
 * values, and a body that gives a different one is an error. The row owns its
 * text; release with entity_row_clear. */
int record_row_from_json(const entity_def *def, json_t *obj, const char *const *key,
                         entity_row *row, err *e);

#endif
