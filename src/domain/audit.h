/* audit: the record of every write: when, who, what entity and key, and the change. */
#ifndef UNLOCK_DOMAIN_AUDIT_H
#define UNLOCK_DOMAIN_AUDIT_H

#include "db/db.h"

#include <jansson.h>

/* Appends one entry. `change` is borrowed (a JSON object of field → value for a
 * create, field → {"from","to"} for an update). */
int audit_record(db *d, const char *actor, const char *action, const char *entity, const char *key,
                 json_t *change, err *e);

#endif
