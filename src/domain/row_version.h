/* row_version: optimistic concurrency, the same way for every kind of row.
 *
 * A stored row counts its changes in a version column. A client sends back the version it
 * read with each change; the update is made `... version = version + 1 WHERE ... AND
 * version = ?`, so a change made to an older version touches nothing and is refused with a
 * conflict (HTTP 409) naming the version the row is at now, instead of overwriting someone
 * else's work unseen. A change that names no version is refused too (HTTP 428). */
#ifndef UNLOCK_DOMAIN_ROW_VERSION_H
#define UNLOCK_DOMAIN_ROW_VERSION_H

#include "db/db.h"

#include <jansson.h>
#include <stdint.h>

/* The version a request body says it read, as *out; a precondition error naming the field
 * when it is missing or not a whole number of at least 1. */
int row_version_from_json(json_t *obj, const char *what, int64_t *out, err *e);

/* The conflict error for a change made to version `sent` of `what` `key` (e.g. "site",
 * "S-1") when the row is at version `now`. Returns -1. */
int row_version_conflict(err *e, const char *what, const char *key, int64_t sent, int64_t now);

/* The version a row is at now: `sql` selects it with one text parameter, the key. *out is 0
 * when there is no such row. */
int row_version_now(db *d, const char *sql, const char *key, int64_t *out, err *e);

#endif
