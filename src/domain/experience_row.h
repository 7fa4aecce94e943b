/* experience_row: the one-row lookups the experience reports share. */
#ifndef UNLOCK_DOMAIN_EXPERIENCE_ROW_H
#define UNLOCK_DOMAIN_EXPERIENCE_ROW_H

#include "db/db.h"

#include <jansson.h>

/* The first row of sql (one text parameter, key) as an object, or a not-found error naming
 * what ("goal", "project", ...) and key. */
int experience_one_row(db *d, const char *sql, const char *types, const char *key, const char *what,
                       json_t **out, err *e);

/* The string member name of obj, or NULL. */
const char *experience_str(const json_t *obj, const char *name);

#endif
