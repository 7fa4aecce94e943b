/* indicator: what the rest of unlock needs to know about an indicator. */
#ifndef UNLOCK_DOMAIN_INDICATOR_H
#define UNLOCK_DOMAIN_INDICATOR_H

#include "db/db.h"

/* 100 for a proportion (a percentage), 1 for every other type. */
double indicator_default_multiplier(const char *type);

typedef struct indicator_info {
    char type[16];
    double multiplier;
} indicator_info;

/* Looks up an indicator's type and multiplier; *found is 0 when there is none. */
int indicator_lookup(db *d, const char *code, indicator_info *out, int *found, err *e);

#endif
