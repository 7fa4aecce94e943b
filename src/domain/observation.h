/* observation: what other layers need about observations' composite key. */
#ifndef UNLOCK_DOMAIN_OBSERVATION_H
#define UNLOCK_DOMAIN_OBSERVATION_H

#include "db/db.h"

/* Turns the three words a person uses, INDICATOR SUBJECT PERIOD (the subject an
 * organisation or a service code), into the stored key: indicator,
 * organisation, service, period, with "" for the part not used. */
int observation_key(db *d, const char *indicator, const char *subject, const char *period,
                    const char *key[4], err *e);

#endif
