/* eric: importing NHS estates returns (ERIC, the Estates Returns Information Collection) as
 * published: the site data CSV, one row per site, some hundred columns of which we read the
 * ones the estates measures need (docs/opportunities.md#eric).
 *
 * Columns are found by their ERIC heading, compared without case, spacing, the unit in
 * brackets at the end ("(m²)", "(£)", "(%)") and the encoding of those units (files come in
 * Latin-1 and UTF-8), and with the other names ERIC has used for the same figure over the
 * years. Other columns are ignored. Numbers may carry thousands commas, "£" and "%"; a blank,
 * "-", "N/A" or "Not applicable" is not known.
 *
 * One file is one financial year ("2023/24"), taken from the caller or else from the file
 * name ("ERIC - 202324 - Site Data.csv", "ERIC2023_24Site.csv"). Each row is stored as that
 * year's return for the site (table site_returns); a site not yet stored is created; a site
 * whose latest return this is gets its figures in the sites table updated (room bookings,
 * which ERIC does not collect, are kept). Then the estates observations of every
 * organisation the file covers are worked out again for the year (estates_observe).
 *
 * All or nothing: the first bad value stops the import, changes nothing, and fails with
 * "FILE:LINE: column 'HEADING': value 'V': what was expected". */
#ifndef UNLOCK_DOMAIN_ERIC_H
#define UNLOCK_DOMAIN_ERIC_H

#include "db/db.h"

#include <stddef.h>

#define ERIC_YEAR_LEN 8 /* "2023/24" */

typedef struct eric_stats {
    long rows, created, updated; /* site returns: new for the year, or replaced */
    long sites_created;          /* sites that were not stored before */
    long skipped;                /* rows with no floor area (land, car parks): no measures */
    long observations;           /* estates observations written for the year */
    char year[ERIC_YEAR_LEN];
} eric_stats;

/* "2023/24", "2023-24", "2023_24" or "202324" to "2023/24"; 0 on success, -1 when s is not a
 * financial year (the second part must be the year after the first). */
int eric_year_parse(const char *s, char out[ERIC_YEAR_LEN]);
/* The first financial year written in a file name, as eric_year_parse reads them; -1 if none. */
int eric_year_from_name(const char *name, char out[ERIC_YEAR_LEN]);

/* year NULL or "": from the file name. path "-" is standard input (then a year is needed). */
int eric_import_file(db *d, const char *path, const char *year, const char *actor, eric_stats *st,
                     err *e);
int eric_import_buffer(db *d, const char *name, const char *data, size_t len, const char *year,
                       const char *actor, eric_stats *st, err *e);

#endif
