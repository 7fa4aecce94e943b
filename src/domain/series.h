/* series: observations read back for the statistics: one subject's values over
 * time (for SPC) and one period's values across organisations (for funnels,
 * comparisons and peer opportunity).
 *
 * The loaders fill caller-provided structs and allocate their arrays; release
 * them with the matching _free (safe on a zeroed struct). */
#ifndef UNLOCK_DOMAIN_SERIES_H
#define UNLOCK_DOMAIN_SERIES_H

#include "db/db.h"
#include "domain/indicator.h"

#include <stddef.h>

typedef struct series {
    indicator_info indicator;
    char subject[33];
    size_t n;
    char **periods; /* in time order */
    double *values;
} series;

/* All observations of an indicator for one organisation or service (subject),
 * oldest first. User errors name an unknown indicator or subject, or a subject
 * with no observations of that indicator. */
int series_load(db *d, const char *indicator, const char *subject, series *out, err *e);
void series_free(series *s);

typedef struct cross_row {
    char *org;
    char *name;
    double numerator, denominator, value;
    int has_fraction; /* numerator and denominator were both recorded */
} cross_row;

typedef struct cross_section {
    indicator_info indicator;
    char period[11];
    char kind[32]; /* the kind of organisation compared */
    size_t n;
    cross_row *rows; /* ordered by organisation code */
} cross_section;

/* One period's observations of an indicator across organisations of one kind
 * (kind NULL: the kind with most observations, so practices are compared with
 * practices rather than with the ICB they sum to; when that kind has fewer
 * than 3, every provider whatever its kind). The kind "provider" means every
 * organisation that is not a practice or a commissioning or planning body. */
int cross_section_load(db *d, const char *indicator, const char *period, const char *kind,
                       cross_section *out, err *e);
void cross_section_free(cross_section *c);

/* A contextual indicator (a deprivation score, the share aged 65 and over) for
 * each organisation of a cross section, into out[0..c->n): its latest
 * observation at or before the cross section's period, because context is
 * published rarely (the Index of Multiple Deprivation every few years); NaN
 * for an organisation with none. *info describes the indicator. User error
 * (not found) for an unknown indicator. */
int context_load(db *d, const char *indicator, const cross_section *c, indicator_info *info,
                 double *out, err *e);

#endif
