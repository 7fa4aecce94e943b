#include "domain/user.h"

#include "domain/audit.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USER_COLUMNS "id, email, role, COALESCE(org_code, ''), disabled, created_at"

static const char *const roles[] = {"admin", "commissioner", "provider"};

static int sodium_ready(err *e)
{
    if (sodium_init() < 0)
        return err_internal(e, "libsodium could not start");
    return 0;
}

static int hash_password(const char *password, char out[crypto_pwhash_STRBYTES], err *e)
{
    const char *fast = getenv("UNLOCK_PWHASH_FAST");
    int min = fast && strcmp(fast, "1") == 0;
    unsigned long long ops = min ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = min ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (sodium_ready(e))
        return -1;
    if (crypto_pwhash_str(out, password, strlen(password), ops, mem) != 0)
        return err_internal(e, "could not hash the password (out of memory?)");
    return 0;
}

int user_check_email(const char *in, char out[USER_EMAIL_MAX + 1], err *e)
{
    if (!in)
        return err_user(e, "an email address is required");
    while (*in == ' ' || *in == '\t')
        in++;
    size_t n = strlen(in);
    while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
        n--;
    if (n < 3 || n > USER_EMAIL_MAX)
        return err_user(e, "an email address has 3 to %d characters", USER_EMAIL_MAX);
    const char *at = NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c <= ' ' || c >= 0x7f || strchr("\"(),:;<>[\\]", c))
            return err_user(e, "'%.*s' is not an email address (it has a space or '%c')", (int)n,
                            in, c > ' ' && c < 0x7f ? c : '?');
        if (c == '@') {
            if (at)
                return err_user(e, "'%.*s' is not an email address (two @)", (int)n, in);
            at = in + i;
        }
        out[i] = (char)tolower(c);
    }
    out[n] = '\0';
    const char *domain = at ? at + 1 : NULL;
    if (!at || at == in || !*domain || !strchr(domain, '.') || *domain == '.' || out[n - 1] == '.')
        return err_user(e, "'%s' is not an email address (expected name@domain.example)", out);
    return 0;
}

int user_check_role(const char *role, err *e)
{
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (role && strcmp(role, roles[i]) == 0)
            return 0;
    return err_user(e, "role '%s' is not one of admin, commissioner, provider", role ? role : "");
}

int user_check_password(const char *password, err *e)
{
    size_t n = password ? strlen(password) : 0;
    if (n < USER_PASSWORD_MIN)
        return err_user(e, "a password needs at least %d characters", USER_PASSWORD_MIN);
    if (n > USER_PASSWORD_MAX)
        return err_user(e, "a password has at most %d characters", USER_PASSWORD_MAX);
    return 0;
}

int user_check_org(db *d, const char *role, const char *org, err *e)
{
    int has_org = org && *org;
    if (!has_org)
        return role && strcmp(role, "provider") == 0
                   ? err_user(e, "a provider account needs an organisation (its code)")
                   : 0;
    if (strlen(org) > 32)
        return err_user(e, "organisation code '%.40s...' is too long", org);
    db_stmt *s;
    if (db_prepare(d, "SELECT 1 FROM organisations WHERE code = ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, org, e);
    if (!rc)
        rc = db_step(s, e);
    db_finalize(s);
    if (rc < 0)
        return -1;
    if (rc != DB_ROW)
        return err_user(e, "no organisation with code '%s' is stored", org);
    return 0;
}

static void read_row(db_stmt *s, user_account *u)
{
    memset(u, 0, sizeof *u);
    u->id = db_col_int64(s, 0);
    const char *t;
    if ((t = db_col_text(s, 1)))
        snprintf(u->email, sizeof u->email, "%s", t);
    if ((t = db_col_text(s, 2)))
        snprintf(u->role, sizeof u->role, "%s", t);
    if ((t = db_col_text(s, 3)))
        snprintf(u->org, sizeof u->org, "%s", t);
    u->disabled = db_col_int64(s, 4) != 0;
    if ((t = db_col_text(s, 5)))
        snprintf(u->created_at, sizeof u->created_at, "%s", t);
}

/* Runs a one-row lookup; extra columns after USER_COLUMNS stay readable in s
 * for the caller when keep is given (the caller finalizes). */
static int find(db *d, const char *sql, const char *text, int64_t id, user_account *out, int *found,
                db_stmt **keep, err *e)
{
    db_stmt *s;
    *found = 0;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = text ? db_bind_text(s, 1, text, e) : db_bind_int64(s, 1, id, e);
    if (!rc)
        rc = db_step(s, e);
    if (rc == DB_ROW) {
        read_row(s, out);
        *found = 1;
    }
    if (keep && rc == DB_ROW)
        *keep = s;
    else
        db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int user_find_email(db *d, const char *email, user_account *out, int *found, err *e)
{
    char norm[USER_EMAIL_MAX + 1];
    err ignored = {0};
    if (user_check_email(email, norm, &ignored)) {
        *found = 0;
        return 0; /* not an email, so not an account */
    }
    return find(d, "SELECT " USER_COLUMNS " FROM users WHERE email = ?", norm, 0, out, found, NULL,
                e);
}

int user_find_id(db *d, int64_t id, user_account *out, int *found, err *e)
{
    return find(d, "SELECT " USER_COLUMNS " FROM users WHERE id = ?", NULL, id, out, found, NULL,
                e);
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static int dummy_ok;
static void make_dummy(void)
{
    err e = {0};
    char pw[USER_GENERATED_LEN + 1];
    user_generate_password(pw);
    dummy_ok = hash_password(pw, dummy_hash, &e) == 0;
    sodium_memzero(pw, sizeof pw);
}

int user_authenticate(db *d, const char *email, const char *password, user_account *out, int *ok,
                      err *e)
{
    *ok = 0;
    if (sodium_ready(e))
        return -1;
    size_t pwlen = password ? strlen(password) : 0;
    if (pwlen > USER_PASSWORD_MAX)
        return 0; /* never hash an unbounded input */
    char norm[USER_EMAIL_MAX + 1];
    err ignored = {0};
    int found = 0;
    char stored[crypto_pwhash_STRBYTES] = "";
    if (user_check_email(email, norm, &ignored) == 0) {
        db_stmt *s = NULL;
        if (find(d, "SELECT " USER_COLUMNS ", password_hash FROM users WHERE email = ?", norm, 0,
                 out, &found, &s, e))
            return -1;
        if (found) {
            const char *h = db_col_text(s, 6);
            snprintf(stored, sizeof stored, "%s", h ? h : "");
            db_finalize(s);
        }
    }
    if (!found) {
        /* Spend the same time as a real check, so timing does not tell which
         * emails have accounts. */
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, make_dummy);
        if (dummy_ok && crypto_pwhash_str_verify(dummy_hash, password ? password : "", pwlen) == 0)
            return 0; /* (never true; the result only has to be used) */
        return 0;
    }
    *ok = crypto_pwhash_str_verify(stored, password ? password : "", pwlen) == 0;
    sodium_memzero(stored, sizeof stored);
    return 0;
}

static int end_sessions(db *d, int64_t id, err *e)
{
    db_stmt *s;
    if (db_prepare(d, "DELETE FROM sessions WHERE user_id = ?", &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, id, e);
    if (!rc)
        rc = db_step(s, e);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int user_create(db *d, const char *email, const char *role, const char *org, const char *password,
                const char *actor, user_account *out, err *e)
{
    char norm[USER_EMAIL_MAX + 1];
    if (user_check_email(email, norm, e) || user_check_role(role, e) ||
        user_check_password(password, e))
        return -1;
    const char *org_or_null = org && *org ? org : NULL;
    char hash[crypto_pwhash_STRBYTES];
    /* Hashing is slow on purpose: do it before taking the write lock. */
    if (hash_password(password, hash, e))
        return -1;
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    int found = 0;
    db_stmt *s = NULL;
    if (db_begin(d, e))
        goto fail_nolock;
    if (user_check_org(d, role, org, e))
        goto fail;
    if (user_find_email(d, norm, out, &found, e))
        goto fail;
    if (found) {
        err_user(e, "an account for %s already exists", norm);
        goto fail;
    }
    if (db_prepare(d,
                   "INSERT INTO users (email, password_hash, role, org_code, disabled, created_at) "
                   "VALUES (?, ?, ?, ?, 0, ?)",
                   &s, e))
        goto fail;
    if (db_bind_text(s, 1, norm, e) || db_bind_text(s, 2, hash, e) || db_bind_text(s, 3, role, e) ||
        db_bind_text(s, 4, org_or_null, e) || db_bind_text(s, 5, now, e) || db_step(s, e) < 0)
        goto fail;
    db_finalize(s);
    s = NULL;
    if (user_find_email(d, norm, out, &found, e))
        goto fail;
    json_t *change = json_pack("{s:s, s:s, s:o, s:b}", "email", norm, "role", role, "org",
                               org_or_null ? json_string(org_or_null) : json_null(), "disabled", 0);
    int rc = audit_record(d, actor, "create", "users", norm, change, e);
    json_decref(change);
    if (rc || db_commit(d, e))
        goto fail;
    sodium_memzero(hash, sizeof hash);
    return 0;
fail:
    db_finalize(s);
    db_rollback(d);
fail_nolock:
    sodium_memzero(hash, sizeof hash);
    return -1;
}

int user_set_password(db *d, const char *email, const char *password, const char *actor, err *e)
{
    if (user_check_password(password, e))
        return -1;
    char hash[crypto_pwhash_STRBYTES];
    if (hash_password(password, hash, e))
        return -1;
    user_account u;
    int found = 0;
    db_stmt *s = NULL;
    if (db_begin(d, e))
        goto fail_nolock;
    if (user_find_email(d, email, &u, &found, e))
        goto fail;
    if (!found) {
        err_user(e, "no account for '%s'", email);
        goto fail;
    }
    if (db_prepare(d, "UPDATE users SET password_hash = ? WHERE id = ?", &s, e) ||
        db_bind_text(s, 1, hash, e) || db_bind_int64(s, 2, u.id, e) || db_step(s, e) < 0)
        goto fail;
    db_finalize(s);
    s = NULL;
    json_t *change = json_pack("{s:s}", "password", "changed");
    int rc = audit_record(d, actor, "update", "users", u.email, change, e);
    json_decref(change);
    /* A new password shuts out whoever knew the old one. */
    if (rc || end_sessions(d, u.id, e) || db_commit(d, e))
        goto fail;
    sodium_memzero(hash, sizeof hash);
    return 0;
fail:
    db_finalize(s);
    db_rollback(d);
fail_nolock:
    sodium_memzero(hash, sizeof hash);
    return -1;
}

static int other_admins(db *d, int64_t id, int64_t *count, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?",
                   &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, id, e);
    if (!rc)
        rc = db_step(s, e);
    if (rc == DB_ROW)
        *count = db_col_int64(s, 0);
    db_finalize(s);
    return rc == DB_ROW ? 0 : -1;
}

static void note_change(json_t *change, const char *field, json_t *from, json_t *to)
{
    if (json_equal(from, to)) {
        json_decref(from);
        json_decref(to);
        return;
    }
    json_object_set_new(change, field, json_pack("{s:o, s:o}", "from", from, "to", to));
}

static json_t *text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

int user_update(db *d, int64_t id, const user_change *c, const char *actor, user_account *out,
                err *e)
{
    user_account before;
    int found = 0;
    db_stmt *s = NULL;
    json_t *change = NULL;
    if (c->role && user_check_role(c->role, e))
        return -1;
    if (c->disabled != -1 && c->disabled != 0 && c->disabled != 1)
        return err_user(e, "disabled must be true or false");
    if (db_begin(d, e))
        return -1;
    if (user_find_id(d, id, &before, &found, e))
        goto fail;
    if (!found) {
        err_user(e, "no account with id %lld", (long long)id);
        goto fail;
    }
    const char *role = c->role ? c->role : before.role;
    const char *org = c->set_org ? (c->org ? c->org : "") : before.org;
    int disabled = c->disabled == -1 ? before.disabled : c->disabled;
    if (user_check_org(d, role, org, e))
        goto fail;
    int was_admin = strcmp(before.role, "admin") == 0 && !before.disabled;
    int is_admin = strcmp(role, "admin") == 0 && !disabled;
    if (was_admin && !is_admin) {
        int64_t others = 0;
        if (other_admins(d, id, &others, e))
            goto fail;
        if (others == 0) {
            err_user(e, "%s is the last enabled admin; make another account admin first",
                     before.email);
            goto fail;
        }
    }
    if (db_prepare(d, "UPDATE users SET role = ?, org_code = ?, disabled = ? WHERE id = ?", &s,
                   e) ||
        db_bind_text(s, 1, role, e) || db_bind_text(s, 2, *org ? org : NULL, e) ||
        db_bind_int64(s, 3, disabled, e) || db_bind_int64(s, 4, id, e) || db_step(s, e) < 0)
        goto fail;
    db_finalize(s);
    s = NULL;
    change = json_object();
    note_change(change, "role", json_string(before.role), json_string(role));
    note_change(change, "org", text_or_null(before.org), text_or_null(org));
    note_change(change, "disabled", json_boolean(before.disabled), json_boolean(disabled));
    if (json_object_size(change) &&
        audit_record(d, actor, "update", "users", before.email, change, e))
        goto fail;
    if (disabled && !before.disabled && end_sessions(d, id, e))
        goto fail;
    if (user_find_id(d, id, out, &found, e) || db_commit(d, e))
        goto fail;
    json_decref(change);
    return 0;
fail:
    json_decref(change);
    db_finalize(s);
    db_rollback(d);
    return -1;
}

int user_each(db *d, user_fn fn, void *ctx, err *e)
{
    db_stmt *s;
    if (db_prepare(d, "SELECT " USER_COLUMNS " FROM users ORDER BY email", &s, e))
        return -1;
    int rc;
    while ((rc = db_step(s, e)) == DB_ROW) {
        user_account u;
        read_row(s, &u);
        if (fn(ctx, &u, e)) {
            rc = -1;
            break;
        }
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

void user_generate_password(char out[USER_GENERATED_LEN + 1])
{
    /* No 0/O, 1/l/I: people read these aloud and copy them by hand. */
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    if (sodium_init() < 0)
        abort(); /* no randomness: nothing safe to hand out */
    for (int i = 0; i < USER_GENERATED_LEN; i++)
        out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
    out[USER_GENERATED_LEN] = '\0';
}
