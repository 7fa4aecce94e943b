/* public_view_internal: the producers behind each published table (public_view_rows.c).
 * Each appends raw rows to an array; public_view.c projects them onto the table's columns
 * before anything leaves, so a producer that reads a member too many still leaks nothing. */
#ifndef UNLOCK_DOMAIN_PUBLIC_VIEW_INTERNAL_H
#define UNLOCK_DOMAIN_PUBLIC_VIEW_INTERNAL_H

#include "domain/public_view.h"

/* programme may be NULL (all). */
typedef int (*public_rows_fn)(db *d, const char *programme, json_t *rows, err *e);

int public_rows_programmes(db *d, const char *programme, json_t *rows, err *e);
int public_rows_priorities(db *d, const char *programme, json_t *rows, err *e);
int public_rows_pledges(db *d, const char *programme, json_t *rows, err *e);
int public_rows_goals(db *d, const char *programme, json_t *rows, err *e);
int public_rows_goal_points(db *d, const char *programme, json_t *rows, err *e);
int public_rows_stories(db *d, const char *programme, json_t *rows, err *e);
int public_rows_emotional_map(db *d, const char *programme, json_t *rows, err *e);
int public_rows_scorecards(db *d, const char *programme, json_t *rows, err *e);
int public_rows_opportunities(db *d, const char *programme, json_t *rows, err *e);

/* The scorecard group of an indicator domain: safety, effectiveness, experience or other. */
const char *public_scorecard_group(const char *domain);

#endif
