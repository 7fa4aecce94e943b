/* indicator: what the rest of unlock needs to know about an indicator. */
#ifndef UNLOCK_DOMAIN_INDICATOR_H
#define UNLOCK_DOMAIN_INDICATOR_H

#include "db/db.h"

/* 100 for a proportion (a percentage), 1 for every other type. */
double indicator_default_multiplier(const char *type);

typedef struct indicator_info {
    char code[33];
    char name[201];
    char type[16];     /* proportion, rate, mean, count, ratio */
    char polarity[16]; /* high_is_good, low_is_good, neutral */
    char domain[32];
    double multiplier;
} indicator_info;

/* Looks up an indicator; *found is 0 when there is none. */
int indicator_lookup(db *d, const char *code, indicator_info *out, int *found, err *e);

#endif
