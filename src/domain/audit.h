/* audit: the record of every write: when, who, what entity and key, and the change.
 *
 * The log is a hash chain (audit_chain.c): each row carries its place in the chain (seq), the
 * previous row's hash and its own, SHA-256 over a canonical encoding of its fields and that
 * previous hash. audit_verify walks it and names the first row that does not fit, so an edit,
 * a deletion or a reordering made behind unlock's back shows. It cannot show rows cut from the
 * end, or a whole chain recomputed by someone with write access to the database: for that,
 * keep the head hash verify reports somewhere else and compare (docs/deploy.md). */
#ifndef UNLOCK_DOMAIN_AUDIT_H
#define UNLOCK_DOMAIN_AUDIT_H

#include "db/db.h"

#include <jansson.h>
#include <stdint.h>

#define AUDIT_HASH_HEX 65 /* 64 hex digits and the NUL */

/* Appends one entry, chained to the last. `change` is borrowed (a JSON object of field →
 * value for a create, field → {"from","to"} for an update). Runs in a transaction of its own
 * or the caller's; concurrent writers queue for the chain's head (SQLite's write lock, a
 * PostgreSQL advisory lock), so the chain never forks. */
int audit_record(db *d, const char *actor, const char *action, const char *entity, const char *key,
                 json_t *change, err *e);

typedef struct audit_verdict {
    int64_t rows;              /* rows that verified, in chain order */
    int64_t unsealed;          /* rows written before the chain existed (see audit_seal) */
    int64_t bad_id;            /* the first row that does not fit (0: the chain is whole) */
    char problem[300];         /* what about it differs */
    char head[AUDIT_HASH_HEX]; /* the last row's hash ("" for an empty log) */
    int64_t head_seq;
} audit_verdict;

/* Walks the whole chain in id order. A broken chain is not an error: it fills bad_id and
 * problem; -1 only when the database could not be read. */
int audit_verify(db *d, audit_verdict *out, err *e);

/* The stored hash of chain entry seq, to compare with one noted earlier (a head verify
 * reported): *found 0 when there is no such entry. */
int audit_entry_hash(db *d, int64_t seq, char hash[AUDIT_HASH_HEX], int *found, err *e);

/* Chains the rows written before migration 013 (no seq or hash), in id order, from the
 * start. Done by the first audit_record after the upgrade; needed by hand only to verify a
 * log nothing has written to since. Refuses when chained rows already exist before them
 * (an unchained row among chained ones was not written by unlock). *sealed gets the count. */
int audit_seal(db *d, int64_t *sealed, err *e);

/* The latest `limit` entries (0: all), newest first, as JSON objects. */
int audit_list(db *d, long limit, json_t *array, err *e);

#endif
