/* review_csv: a contract review written as a CSV file, one row per part, for people who keep
 * their notes in a spreadsheet. The header is
 *
 *   part,key,text,assurance,owner,due,status
 *
 * and each row one of:
 *   contract,CODE            held_on,DATE            next_review,DATE
 *   summary,,TEXT            attendee,PERSON KEY
 *   finding,DOMAIN,TEXT,ASSURANCE
 *   action,,DESCRIPTION,,OWNER KEY,DUE DATE,STATUS
 *
 * It becomes the same JSON object the API takes (src/domain/review.h), checked by the same
 * code; review_csv_line says which line a member came from, so that an error the check finds
 * names the file's line too. */
#ifndef UNLOCK_DOMAIN_REVIEW_CSV_H
#define UNLOCK_DOMAIN_REVIEW_CSV_H

#include "util/err.h"

#include <jansson.h>
#include <stddef.h>

/* *out gets the review; *lines (the caller's) maps each member path ("findings[1]",
 * "held_on") to its line. Errors read "NAME:LINE: column 'C': ...". */
int review_from_csv(const char *name, const char *data, size_t n, json_t **out, json_t **lines,
                    err *e);

/* The line of the member an error's field names (its path up to the first '.'), or 0. */
long review_csv_line(json_t *lines, const char *field);

#endif
