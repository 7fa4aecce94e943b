/* summary: the local health system at a glance, as numbers by section, for
 * `unlock summary` and GET /api/v1/summary. */
#ifndef UNLOCK_DOMAIN_SUMMARY_H
#define UNLOCK_DOMAIN_SUMMARY_H

#include "db/db.h"

#include <jansson.h>

typedef struct summary_section {
    const char *name;  /* JSON member */
    const char *title; /* heading for a person */
    const char *sql;   /* label, number */
} summary_section;

extern const summary_section summary_sections[];
extern const int summary_section_count;

/* {"icb": code or null, "icb_name", NAME: {label: number, ...}, ...} in section
 * order; the caller owns it. */
int summary_build(db *d, json_t **out, err *e);

#endif
