/* audit_chain: the canonical encoding and hash of an audit row, the chain's lock and head,
 * and the sealing of rows written before the chain existed. */
#include "domain/audit_chain.h"

#include "util/strbuf.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Any constant will do: every writer of the chain asks for the same one. ("unlk") */
#define AUDIT_LOCK_KEY "1970170987"

/* Each field as its length, a colon and its bytes: no separator can be forged by a value,
 * so two different rows never encode alike. The version tag lets the encoding change. */
static void add_field(strbuf *sb, const char *v)
{
    size_t n = v ? strlen(v) : 0;
    strbuf_addf(sb, "%zu:", n);
    strbuf_add(sb, v ? v : "", n);
}

void audit_row_hash(const audit_row *r, const char *prev, char out[AUDIT_HASH_HEX])
{
    strbuf sb = STRBUF_INIT;
    char num[32];
    add_field(&sb, "unlock-audit-1");
    snprintf(num, sizeof num, "%lld", (long long)r->id);
    add_field(&sb, num);
    snprintf(num, sizeof num, "%lld", (long long)r->seq);
    add_field(&sb, num);
    add_field(&sb, r->at);
    add_field(&sb, r->actor);
    add_field(&sb, r->action);
    add_field(&sb, r->entity);
    add_field(&sb, r->key);
    add_field(&sb, r->change);
    add_field(&sb, prev);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)sb.buf, sb.len);
    sodium_bin2hex(out, AUDIT_HASH_HEX, h, sizeof h);
    strbuf_free(&sb);
}

int audit_chain_lock(db *d, err *e)
{
    if (strcmp(db_dialect(d), "postgres") != 0)
        return 0;
    return db_exec(d, "SELECT pg_advisory_xact_lock(" AUDIT_LOCK_KEY ")", e);
}

/* The next id: the identity's own sequence on PostgreSQL (so ids it gives later never
 * collide); on SQLite one past the largest, as SQLite itself would choose, the write lock
 * keeping anyone else from taking it first. */
static const char *next_id_sql(db *d)
{
    return strcmp(db_dialect(d), "postgres") == 0
               ? "nextval(pg_get_serial_sequence('audit_log', 'id'))"
               : "(SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log)";
}

int audit_chain_head(db *d, int64_t *seq, char hash[AUDIT_HASH_HEX], int *found, int64_t *next_id,
                     err *e)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT %s, (SELECT seq FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC "
             "LIMIT 1), (SELECT hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC "
             "LIMIT 1)",
             next_id ? next_id_sql(d) : "0");
    db_stmt *s;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_step(s, e);
    *found = rc == DB_ROW && !db_col_is_null(s, 1);
    if (next_id && rc == DB_ROW)
        *next_id = db_col_int64(s, 0);
    if (*found) {
        *seq = db_col_int64(s, 1);
        const char *h = db_col_text(s, 2);
        snprintf(hash, AUDIT_HASH_HEX, "%s", h ? h : "");
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static char *text_or_null(db_stmt *s, int col)
{
    const char *v = db_col_text(s, col);
    return v ? xstrdup(v) : NULL;
}

int audit_rows_after(db *d, int64_t after, int unchained_only, audit_row *rows, int *n, err *e)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT id, seq, at, actor, action, entity, entity_key, change, prev_hash, hash "
             "FROM audit_log WHERE id > ?%s ORDER BY id LIMIT %d",
             unchained_only ? " AND seq IS NULL" : "", AUDIT_BATCH);
    db_stmt *s;
    *n = 0;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, after, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        rc = 0;
        audit_row *r = &rows[(*n)++];
        r->id = db_col_int64(s, 0);
        r->seq = db_col_is_null(s, 1) ? 0 : db_col_int64(s, 1);
        r->at = text_or_null(s, 2);
        r->actor = text_or_null(s, 3);
        r->action = text_or_null(s, 4);
        r->entity = text_or_null(s, 5);
        r->key = text_or_null(s, 6);
        r->change = text_or_null(s, 7);
        r->prev_hash = text_or_null(s, 8);
        r->hash = text_or_null(s, 9);
    }
    db_finalize(s);
    if (rc < 0) {
        audit_rows_free(rows, *n);
        *n = 0;
        return -1;
    }
    return 0;
}

void audit_rows_free(audit_row *rows, int n)
{
    for (int i = 0; i < n; i++) {
        audit_row *r = &rows[i];
        free(r->at);
        free(r->actor);
        free(r->action);
        free(r->entity);
        free(r->key);
        free(r->change);
        free(r->prev_hash);
        free(r->hash);
    }
}

static int seal_row(db *d, audit_row *r, const char *prev, char hash[AUDIT_HASH_HEX], err *e)
{
    audit_row_hash(r, prev, hash);
    db_stmt *s;
    if (db_prepare(d, "UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?", &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, r->seq, e);
    if (!rc)
        rc = db_bind_text(s, 2, prev, e);
    if (!rc)
        rc = db_bind_text(s, 3, hash, e);
    if (!rc)
        rc = db_bind_int64(s, 4, r->id, e);
    if (!rc && db_step(s, e) < 0)
        rc = -1;
    db_finalize(s);
    return rc;
}

static int seal_locked(db *d, int64_t *sealed, err *e)
{
    int64_t seq = 0;
    char prev[AUDIT_HASH_HEX];
    int found = 0;
    if (audit_chain_head(d, &seq, prev, &found, NULL, e))
        return -1;
    audit_row *rows = xcalloc(AUDIT_BATCH, sizeof *rows);
    int n = 0;
    if (audit_rows_after(d, INT64_MIN, 1, rows, &n, e)) {
        free(rows);
        return -1;
    }
    if (found && n) {
        err_user(e,
                 "audit log row %lld has no place in the chain, but rows are chained already: "
                 "it was not written by unlock (inserted or altered directly in the database), "
                 "so it is not sealed; `unlock audit verify` names what else differs",
                 (long long)rows[0].id);
        audit_rows_free(rows, n);
        free(rows);
        return -1;
    }
    if (!found)
        snprintf(prev, sizeof prev, "%s", AUDIT_GENESIS);
    int rc = 0;
    while (n && !rc) {
        for (int i = 0; i < n && !rc; i++) {
            rows[i].seq = ++seq;
            char hash[AUDIT_HASH_HEX];
            rc = seal_row(d, &rows[i], prev, hash, e);
            memcpy(prev, hash, sizeof prev);
            (*sealed)++;
        }
        int64_t last = rows[n - 1].id;
        audit_rows_free(rows, n);
        n = 0;
        if (!rc)
            rc = audit_rows_after(d, last, 1, rows, &n, e);
    }
    audit_rows_free(rows, n);
    free(rows);
    return rc;
}

int audit_seal(db *d, int64_t *sealed, err *e)
{
    *sealed = 0;
    if (sodium_init() < 0)
        return err_internal(e, "libsodium did not start");
    if (db_begin(d, e))
        return -1;
    if (audit_chain_lock(d, e) || seal_locked(d, sealed, e)) {
        db_rollback(d);
        *sealed = 0;
        return -1;
    }
    return db_commit(d, e);
}
