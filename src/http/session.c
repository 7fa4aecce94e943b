#include "http/session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define TOKEN_BYTES 32

static void random_hex(char out[SESSION_HEX_LEN + 1])
{
    unsigned char raw[TOKEN_BYTES];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, SESSION_HEX_LEN + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

static void hash_raw(const unsigned char raw[TOKEN_BYTES], char hash[SESSION_HEX_LEN + 1])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, raw, TOKEN_BYTES, NULL, 0);
    sodium_bin2hex(hash, SESSION_HEX_LEN + 1, h, sizeof h);
}

int session_hash(const char *token, char hash[SESSION_HEX_LEN + 1])
{
    unsigned char raw[TOKEN_BYTES];
    size_t got = 0;
    const char *end = NULL;
    if (!token || strlen(token) != SESSION_HEX_LEN ||
        sodium_hex2bin(raw, sizeof raw, token, SESSION_HEX_LEN, NULL, &got, &end) != 0 ||
        got != TOKEN_BYTES || *end)
        return -1;
    hash_raw(raw, hash);
    sodium_memzero(raw, sizeof raw);
    return 0;
}

int session_create(db *d, int64_t user_id, long ttl, int64_t now, char token[SESSION_HEX_LEN + 1],
                   char csrf[SESSION_HEX_LEN + 1], err *e)
{
    if (sodium_init() < 0)
        return err_internal(e, "libsodium could not start");
    char hash[SESSION_HEX_LEN + 1];
    random_hex(token);
    if (session_hash(token, hash))
        return err_internal(e, "could not hash a session token");
    random_hex(csrf);
    db_stmt *s = NULL;
    if (db_begin(d, e))
        return -1;
    if (db_prepare(d, "DELETE FROM sessions WHERE expires_at <= ?", &s, e) ||
        db_bind_int64(s, 1, now, e) || db_step(s, e) < 0)
        goto fail;
    db_finalize(s);
    s = NULL;
    if (db_prepare(d,
                   "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
                   "VALUES (?, ?, ?, ?, ?)",
                   &s, e) ||
        db_bind_text(s, 1, hash, e) || db_bind_int64(s, 2, user_id, e) ||
        db_bind_text(s, 3, csrf, e) || db_bind_int64(s, 4, now, e) ||
        db_bind_int64(s, 5, now + ttl, e) || db_step(s, e) < 0)
        goto fail;
    db_finalize(s);
    return db_commit(d, e);
fail:
    db_finalize(s);
    db_rollback(d);
    sodium_memzero(token, SESSION_HEX_LEN + 1);
    return -1;
}

int session_find(db *d, const char *token, int64_t now, http_user *user,
                 char csrf[SESSION_HEX_LEN + 1], char hash[SESSION_HEX_LEN + 1], int *found, err *e)
{
    *found = 0;
    if (session_hash(token, hash))
        return 0; /* not a token we could have issued */
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT u.id, u.email, u.role, COALESCE(u.org_code, ''), s.csrf_token "
                   "FROM sessions s JOIN users u ON u.id = s.user_id "
                   "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, hash, e);
    if (!rc)
        rc = db_bind_int64(s, 2, now, e);
    if (!rc)
        rc = db_step(s, e);
    if (rc == DB_ROW) {
        memset(user, 0, sizeof *user);
        user->id = db_col_int64(s, 0);
        const char *email = db_col_text(s, 1), *role = db_col_text(s, 2), *org = db_col_text(s, 3),
                   *c = db_col_text(s, 4);
        snprintf(user->email, sizeof user->email, "%s", email ? email : "");
        snprintf(user->org, sizeof user->org, "%s", org ? org : "");
        snprintf(csrf, SESSION_HEX_LEN + 1, "%s", c ? c : "");
        *found = http_role_parse(role, &user->role) == 0 && strlen(csrf) == SESSION_HEX_LEN;
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int session_revoke(db *d, const char *hash, err *e)
{
    db_stmt *s;
    if (db_prepare(d, "DELETE FROM sessions WHERE token_hash = ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, hash, e);
    if (!rc)
        rc = db_step(s, e);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}
