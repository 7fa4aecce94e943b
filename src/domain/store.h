/* store: reading and writing entities through the db layer, with every write
 * recorded in the audit log.
 *
 * A store holds the prepared statements for one entity; open it once per
 * import or request and close it after. Callers own the transaction. */
#ifndef UNLOCK_DOMAIN_STORE_H
#define UNLOCK_DOMAIN_STORE_H

#include "db/db.h"
#include "domain/entity.h"

typedef struct store store;

typedef enum store_outcome { STORE_CREATED, STORE_UPDATED, STORE_UNCHANGED } store_outcome;

int store_open(db *d, const entity_def *def, store **out, err *e);
void store_close(store *st);

/* Inserts the row, or updates the stored row with its key, or leaves an
 * identical row alone; writes an audit entry (who = actor) for any change.
 * With expected > 0 (the version the writer read) a stored row at another version is a
 * conflict (err.conflict, naming the version it is at). Every update bumps the version and
 * is made only to the version just read, so a concurrent writer's change is never lost. */
int store_upsert(store *st, const entity_row *row, const char *actor, int64_t expected,
                 store_outcome *outcome, err *e);

/* Whether a row of `kind` with this code exists. */
int store_ref_exists(store *st, int field, const char *code, int *found, err *e);

/* A stored row, formatted for output: each value as export writes it, NULL when empty. */
typedef struct entity_record {
    const entity_def *def;
    const char *values[ENTITY_MAX_FIELDS];
    int64_t version; /* how many times the row was written (1: as created) */
} entity_record;

typedef int (*store_record_fn)(void *ctx, const entity_record *rec, err *e);

/* Calls fn for each stored row in key order. With key (nkey strings; NULL or ""
 * for an empty part) only that row is visited. limit <= 0 means all. */
int store_each(db *d, const entity_def *def, const char *const *key, long limit, store_record_fn fn,
               void *ctx, err *e);

/* The first reference field of row naming a row that is not stored, or -1 when
 * every reference resolves. */
int store_missing_ref(store *st, const entity_row *row, int *field, err *e);

/* Validates a row as the import does, for a single write: the entity's rules across fields,
 * then every reference must resolve (else a user error naming the field). */
int store_validate(store *st, entity_row *row, db *d, err *e);

/* Whether a row with row's key is stored. */
int store_exists(store *st, const entity_row *row, int *found, err *e);

/* Deletes the row with this key (nkey strings, "" for an empty part) and audits
 * it; *found says whether there was one. A row others refer to fails at commit. */
int store_delete(db *d, const entity_def *def, const char *const *key, const char *actor,
                 int *found, err *e);

/* A listing: rows matching every filter (field = value, compared as the
 * field's type), sorted by one field (desc for descending) then by key, a page
 * of at most limit rows from offset; *total counts all the matches. */
typedef struct store_filter {
    int field;
    const char *value;
} store_filter;

typedef struct store_page {
    const store_filter *filters;
    int nfilters;
    int sort; /* field index, or -1 for key order */
    int desc;
    long limit, offset;
} store_page;

int store_list(db *d, const entity_def *def, const store_page *page, store_record_fn fn, void *ctx,
               int64_t *total, err *e);

/* Number of stored rows of an entity. */
int store_count(db *d, const entity_def *def, int64_t *count, err *e);

#endif
