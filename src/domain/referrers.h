/* referrers: what stops a row from being deleted. Every foreign key in the
 * schema that points at the row and has no ON DELETE action (CASCADE, SET
 * NULL) is counted, so a DELETE can answer "referred to by 12 sites" instead
 * of the database's bare "FOREIGN KEY constraint failed". */
#ifndef UNLOCK_DOMAIN_REFERRERS_H
#define UNLOCK_DOMAIN_REFERRERS_H

#include "domain/entity.h"
#include "util/strbuf.h"

/* Appends "12 sites (organisation), 3 services (provider)" to out for the rows
 * that refer to the row of def with this key; *count is how many rows refer
 * to it in all (0: nothing stops the delete, out untouched). */
int referrers_describe(db *d, const entity_def *def, const char *const *key, strbuf *out,
                       int64_t *count, err *e);

#endif
