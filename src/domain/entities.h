/* entities: the descriptors of the local health system model, one file each. */
#ifndef UNLOCK_DOMAIN_ENTITIES_H
#define UNLOCK_DOMAIN_ENTITIES_H

#include "domain/entity.h"

extern const entity_def organisation_def;
extern const entity_def person_def;
extern const entity_def site_def;
extern const entity_def service_def;
extern const entity_def contract_def;
extern const entity_def indicator_def;
extern const entity_def observation_def;
extern const entity_def unit_cost_def;

/* Shared value rules, so every entity says "money" the same way. */
#define MONEY(col, text)                                                                           \
    {.column = col, .sql = col, .type = FT_NUMBER, .min_bound = BOUND_INCLUSIVE, .min = 0,         \
     .help = text " (pounds, 0 or more)"}
#define PERCENT(col, text)                                                                         \
    {.column = col, .sql = col, .type = FT_NUMBER, .min_bound = BOUND_INCLUSIVE, .min = 0,         \
     .max_bound = BOUND_INCLUSIVE, .max = 100, .help = text " (a percentage from 0 to 100)"}
#define COUNT(col, text)                                                                           \
    {.column = col, .sql = col, .type = FT_INTEGER, .min_bound = BOUND_INCLUSIVE, .min = 0,        \
     .help = text " (a whole number, 0 or more)"}

#endif
