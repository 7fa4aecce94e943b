/* audit_verify: walking the audit log's hash chain and naming the first row that does not fit. */
#include "domain/audit_chain.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct walk {
    audit_verdict *v;
    int64_t position;          /* chained rows seen so far */
    int64_t prev_id;           /* the last chained row's id (0: none yet) */
    char prev[AUDIT_HASH_HEX]; /* and its hash */
    int64_t first_unchained;   /* the first row with no place in the chain (0: none) */
} walk;

static void broken(walk *w, int64_t id, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void broken(walk *w, int64_t id, const char *fmt, ...)
{
    w->v->bad_id = id;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->v->problem, sizeof w->v->problem, fmt, ap);
    va_end(ap);
}

/* Checks one chained row against the one before it; 0 when it fits. */
static int check_row(walk *w, const audit_row *r)
{
    int64_t expected = w->position + 1;
    if (!r->seq || !r->hash) {
        broken(w, r->id, "row %lld: its %s was removed", (long long)r->id,
               r->seq ? "hash" : "seq (its place in the chain)");
        return -1;
    }
    if (r->seq != expected) {
        if (r->seq > expected)
            broken(w, r->id,
                   "row %lld: it is chain entry %lld but follows entry %lld: %lld row%s before "
                   "it %s missing (deleted, or this row was moved)",
                   (long long)r->id, (long long)r->seq, (long long)w->position,
                   (long long)(r->seq - expected), r->seq - expected == 1 ? "" : "s",
                   r->seq - expected == 1 ? "is" : "are");
        else
            broken(w, r->id,
                   "row %lld: it is chain entry %lld but follows entry %lld: rows were "
                   "reordered or duplicated",
                   (long long)r->id, (long long)r->seq, (long long)w->position);
        return -1;
    }
    if (!r->prev_hash || strcmp(r->prev_hash, w->prev) != 0) {
        if (w->prev_id)
            broken(w, r->id,
                   "row %lld: its prev_hash %.16s... is not the hash of the row before it "
                   "(row %lld, %.16s...)",
                   (long long)r->id, r->prev_hash ? r->prev_hash : "(none)", (long long)w->prev_id,
                   w->prev);
        else
            broken(w, r->id, "row %lld: the chain's first row does not start from the genesis hash",
                   (long long)r->id);
        return -1;
    }
    char hash[AUDIT_HASH_HEX];
    audit_row_hash(r, r->prev_hash, hash);
    if (strcmp(hash, r->hash) != 0) {
        broken(w, r->id,
               "row %lld: its stored hash %.16s... is not the hash of its contents "
               "(%.16s...): its id, at, actor, action, entity, entity_key, change or hash "
               "was edited",
               (long long)r->id, r->hash, hash);
        return -1;
    }
    return 0;
}

/* The rows of one batch; 1 when the walk is over (a break found). */
static int walk_batch(walk *w, const audit_row *rows, int n)
{
    for (int i = 0; i < n; i++) {
        const audit_row *r = &rows[i];
        if (!r->seq && !r->hash && !r->prev_hash) {
            if (!w->first_unchained)
                w->first_unchained = r->id;
            w->v->unsealed++;
            continue;
        }
        if (check_row(w, r))
            return 1;
        w->position = r->seq;
        w->prev_id = r->id;
        memcpy(w->prev, r->hash, sizeof w->prev);
        w->v->rows++;
    }
    return 0;
}

int audit_verify(db *d, audit_verdict *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return err_internal(e, "libsodium did not start");
    walk w = {.v = out};
    snprintf(w.prev, sizeof w.prev, "%s", AUDIT_GENESIS);
    audit_row *rows = xcalloc(AUDIT_BATCH, sizeof *rows);
    int64_t after = INT64_MIN; /* any id, even one edited below 1 */
    int n = 0, rc = 0, done = 0;
    while (!done && !(rc = audit_rows_after(d, after, 0, rows, &n, e)) && n) {
        done = walk_batch(&w, rows, n);
        after = rows[n - 1].id;
        audit_rows_free(rows, n);
    }
    free(rows);
    if (rc)
        return -1;
    /* Unchained rows are a log from before the chain only while nothing is chained: the first
     * write after the upgrade seals them all. Beside chained rows, unlock did not write them. */
    if (!out->bad_id && w.first_unchained && out->rows)
        broken(&w, w.first_unchained,
               "row %lld: it has no place in the chain (no seq or hash), but other rows are "
               "chained: it was inserted or altered directly in the database",
               (long long)w.first_unchained);
    if (!out->bad_id) {
        memcpy(out->head, w.prev_id ? w.prev : "", w.prev_id ? sizeof out->head : 1);
        out->head_seq = w.position;
    }
    return 0;
}

int audit_entry_hash(db *d, int64_t seq, char hash[AUDIT_HASH_HEX], int *found, err *e)
{
    db_stmt *s;
    *found = 0;
    if (db_prepare(d, "SELECT hash FROM audit_log WHERE seq = ?", &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, seq, e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW) {
        const char *h = db_col_text(s, 0);
        snprintf(hash, AUDIT_HASH_HEX, "%s", h ? h : "");
        *found = 1;
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}
