/* public_view: the one view of the data the public site (unlock publish, /public/...) and the
 * public API (/api/v1/public/...) read through. Nothing else of theirs touches the database.
 *
 * The guarantee: every row this view hands out is projected onto its table's columns in
 * public_tables() (the data dictionary), so a column not listed there cannot leave, whatever
 * a query happened to read. The queries themselves name only public columns, never `*`, and
 * never read people, users, conversations, reflections, opportunity notes, event minutes,
 * observation notes or a story's teller text or title. Stories come only through
 * STORY_PUBLIC (approved, consented to publication, moderated text), and the emotional map
 * only from those stories.
 *
 * Tables (each also CSV and JSON on the site, data/NAME.csv and data/NAME.json):
 *   programmes, priorities, pledges, goals, goal_points, stories ("you said, we did"),
 *   emotional_map, scorecards (provider indicators: latest value, SPC icons), opportunities
 *   (the register summed per organisation and kind).
 *
 * Every function fills *out with a new JSON value the caller releases. */
#ifndef UNLOCK_DOMAIN_PUBLIC_VIEW_H
#define UNLOCK_DOMAIN_PUBLIC_VIEW_H

#include "db/db.h"

#include <jansson.h>
#include <stddef.h>

typedef struct public_column {
    const char *name;
    const char *type; /* "text", "number", "integer", "date" (YYYY-MM-DD), "period" (YYYY-MM) */
    const char *meaning;
} public_column;

typedef struct public_table {
    const char *name;  /* stable: the file names data/NAME.csv, data/NAME.json */
    const char *title; /* a heading */
    const char *about; /* one sentence */
    const public_column *columns;
    size_t ncolumns;
    const char *audit_entity; /* the audit log's entity whose changes date the table, or NULL */
} public_table;

/* The published tables, in the order pages list them. */
const public_table *public_tables(size_t *n);
/* The table called name, or NULL. */
const public_table *public_table_find(const char *name);

/* Every row of a published table (an array of objects with exactly its columns, in order);
 * programme, when not NULL, keeps only that programme's rows where the table has a programme
 * column. An unknown table is a not-found error. */
int public_table_rows(db *d, const char *table, const char *programme, json_t **out, err *e);

/* When the table's rows last changed: the latest audit-log time of its entity (null when
 * never), as {"table", "last_changed"}; observation-based tables give their latest period. */
int public_table_updated(db *d, const public_table *t, json_t **out, err *e);

/* {"tables":[{"name","title","about","csv","json","columns":[{name,type,meaning}]}]} */
json_t *public_dictionary(void);

/* One programme with everything published about it: the programmes row, "priorities",
 * "pledges", "pledge_statuses" ({status: count}), "goals" (each with "points"), "stories",
 * "emotional_map" and "updated" ({table: last_changed}). Not found: not-found error. */
int public_programme(db *d, const char *code, json_t **out, err *e);

/* The providers that have a scorecard: [{"code","name","kind"}]. */
int public_providers(db *d, json_t **out, err *e);

/* A provider's scorecard: {"organisation","organisation_name","groups":{"safety":[...],
 * "effectiveness":[...],"experience":[...],"other":[...]}} of scorecards rows. Not a
 * provider: not-found error. */
int public_scorecard(db *d, const char *org, json_t **out, err *e);

#endif
