/* audit_chain: the pieces of the audit log's hash chain that recording, sealing and verifying
 * share. Private to src/domain/audit*.c. */
#ifndef UNLOCK_DOMAIN_AUDIT_CHAIN_H
#define UNLOCK_DOMAIN_AUDIT_CHAIN_H

#include "domain/audit.h"

/* The prev_hash of the chain's first row. */
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Rows are read a batch at a time, so that a long log never sits in memory whole. */
#define AUDIT_BATCH 500

typedef struct audit_row {
    int64_t id;
    int64_t seq; /* 0: not chained */
    char *at, *actor, *action, *entity, *key, *change;
    char *prev_hash, *hash; /* NULL when not chained */
} audit_row;

/* SHA-256 over the row's canonical encoding with prev as its prev_hash, as 64 hex digits. */
void audit_row_hash(const audit_row *r, const char *prev, char out[AUDIT_HASH_HEX]);

/* Waits for the chain's head inside the transaction open on d: on PostgreSQL an advisory
 * lock held to its end; on SQLite the transaction's write lock already is one. */
int audit_chain_lock(db *d, err *e);

/* The chain's last row: its seq and hash; *found 0 when no row is chained yet. With next_id
 * (may be NULL), also the id the next row is to take, in the same query. */
int audit_chain_head(db *d, int64_t *seq, char hash[AUDIT_HASH_HEX], int *found, int64_t *next_id,
                     err *e);

/* Up to AUDIT_BATCH rows with id > after (INT64_MIN: from the first), in id order (only the
 * unchained ones when unchained_only). *n gets the count; free them with audit_rows_free. */
int audit_rows_after(db *d, int64_t after, int unchained_only, audit_row *rows, int *n, err *e);
void audit_rows_free(audit_row *rows, int n);

#endif
