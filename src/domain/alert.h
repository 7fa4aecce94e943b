/* alert: what a user follows, and the alerts raised for them when the data change
 * (docs/alerts.md).
 *
 * A user follows an organisation (or a service), an indicator or a prescribing measure. After
 * every import alerts_after_import works out, for each series a follow covers, the state each
 * rule sees now (the SPC type of the latest point, the funnel position in the latest period, a
 * pledge past its due date) and compares it with the state stored in alert_states. Only a rule
 * that moves its state somewhere worth telling raises an alert, one per follower, each with one
 * sentence saying why and a link to the chart; unchanged data raise nothing. A new follow records
 * the present states first, so it alerts on what changes from then on, not on history. */
#ifndef UNLOCK_DOMAIN_ALERT_H
#define UNLOCK_DOMAIN_ALERT_H

#include "db/db.h"

#include <jansson.h>
#include <stdint.h>

/* ---- Follows (follow.c) ------------------------------------------------------------------ */

/* "organisation", "indicator" or "measure"; a user error listing them otherwise. */
int follow_check_kind(const char *kind, err *e);
/* Follows kind/code for the user (a second follow of the same is no error: *created 0). The
 * organisation, service or indicator must exist; a measure is named by its id. Records the
 * present states of what it covers, so that only later changes alert. */
int follow_add(db *d, int64_t user_id, const char *kind, const char *code, int *created, err *e);
/* Stops following; *found 0 when the user did not follow it. */
int follow_remove(db *d, int64_t user_id, const char *kind, const char *code, int *found, err *e);
/* {"items":[{"kind","code","name","created_at"}]}: the user's follows, by kind and code. */
int follow_list_json(db *d, int64_t user_id, json_t **out, err *e);

/* ---- Alerts (alert.c) -------------------------------------------------------------------- */

/* {"unread":N,"items":[{"id","user","kind","subject","reason","link","generation",
 *  "created_at","read_at"}]}: the user's alerts (user_id 0: everyone's), newest first (day
 *  "YYYY-MM-DD": only those raised that day, NULL: all). */
int alert_list_json(db *d, int64_t user_id, const char *day, json_t **out, err *e);
/* Marks one of the user's alerts read (again is no error); *found 0 when it is not theirs. */
int alert_mark_read(db *d, int64_t user_id, int64_t id, int *found, err *e);

/* ---- Detection (alert_detect.c) ---------------------------------------------------------- */

typedef struct alert_detect_stats {
    long series;  /* followed series looked at */
    long changes; /* states that moved */
    long raised;  /* alerts written (one per follower) */
} alert_detect_stats;

/* Compares every followed series (prescribing measures too) with its stored states and raises
 * alerts for the changes, in one transaction. today ("YYYY-MM-DD", NULL: the clock's) decides what
 * is past due. */
int alerts_detect(db *d, const char *today, alert_detect_stats *st, err *e);
/* The same for what one follow covers, recording states without raising alerts (for
 * follow_add: a new follow starts from what is there now). */
int alerts_baseline(db *d, const char *kind, const char *code, err *e);
/* The hook the importers call once their data are committed: detection whose failure is
 * reported on standard error and never undoes the import (its data are already in). The
 * prescribing importer sets `prescribing`: only then are the measures worked out again. */
void alerts_after_import(db *d, const char *source, int prescribing);

#endif
