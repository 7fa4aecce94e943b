/* data_generation: a number that changes whenever some kinds of stored data change, so that
 * what was worked out from them can be kept until then.
 *
 * Every write to the health system's data goes through the domain layer, which audits it (from
 * this process or any other: a server and an `unlock import` beside it), so the newest audit
 * entry for the entities a result reads is its generation. */
#ifndef UNLOCK_DOMAIN_DATA_GENERATION_H
#define UNLOCK_DOMAIN_DATA_GENERATION_H

#include "db/db.h"

#include <stdint.h>

/* The newest audit entry of any of the entities (a NULL-terminated list of audit entity names,
 * e.g. "observation"); entities NULL: of any entity. 0 when there is none. */
int data_generation(db *d, const char *const *entities, int64_t *gen, err *e);

#endif
