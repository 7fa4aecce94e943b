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
 * identical row alone; writes an audit entry (who = actor) for any change. */
int store_upsert(store *st, const entity_row *row, const char *actor, store_outcome *outcome,
                 err *e);

/* Whether a row of `kind` with this code exists. */
int store_ref_exists(store *st, int field, const char *code, int *found, err *e);

/* A stored row, formatted for output: each value as export writes it, NULL when empty. */
typedef struct entity_record {
    const entity_def *def;
    const char *values[ENTITY_MAX_FIELDS];
} entity_record;

typedef int (*store_record_fn)(void *ctx, const entity_record *rec, err *e);

/* Calls fn for each stored row in key order. With key (nkey strings; NULL or ""
 * for an empty part) only that row is visited. limit <= 0 means all. */
int store_each(db *d, const entity_def *def, const char *const *key, long limit,
               store_record_fn fn, void *ctx, err *e);

/* Number of stored rows of an entity. */
int store_count(db *d, const entity_def *def, int64_t *count, err *e);

#endif
