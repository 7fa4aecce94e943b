/* user: the accounts that sign in to `unlock serve`: create, find, check a
 * password, change a password, role, organisation or disabled flag, list.
 *
 * Passwords are stored only as Argon2id hashes (libsodium crypto_pwhash_str, at
 * the "interactive" cost). Setting UNLOCK_PWHASH_FAST=1 in the environment
 * hashes new passwords at libsodium's minimum cost instead: for the test suite
 * under sanitizers only, never for real accounts (a hash records its own
 * cost, so verifying works either way).
 *
 * Every write is recorded in the audit log (entity "users", key the email; a
 * password change is logged as "changed", never its value). Disabling an
 * account or changing its password ends all its sessions. Emails are stored
 * in lower case and matched without case. At least one enabled admin always
 * remains: a change that would remove the last one is refused.
 *
 * Roles here are the strings "admin", "commissioner", "provider"; a provider
 * needs an organisation code naming a stored organisation. Results are filled
 * into caller-owned user_account structs; nothing to free. */
#ifndef UNLOCK_DOMAIN_USER_H
#define UNLOCK_DOMAIN_USER_H

#include "db/db.h"
#include "util/clock.h"

#include <stdint.h>

#define USER_EMAIL_MAX 254
#define USER_PASSWORD_MIN 10
#define USER_PASSWORD_MAX 1024
#define USER_GENERATED_LEN 20

typedef struct user_account {
    int64_t id;
    char email[USER_EMAIL_MAX + 1];
    char role[16];
    char org[33]; /* "" when none */
    int disabled;
    char created_at[CLOCK_ISO_LEN];
} user_account;

/* Validators, one field each, so callers can name the field at fault. */
/* Trims and lower-cases an email into out, or fails naming what is wrong. */
int user_check_email(const char *in, char out[USER_EMAIL_MAX + 1], err *e);
int user_check_role(const char *role, err *e);
int user_check_password(const char *password, err *e);
/* A provider needs org; any org given must be a stored organisation. */
int user_check_org(db *d, const char *role, const char *org, err *e);

/* Creates an enabled account (email must not exist yet; org NULL or "" for none). */
int user_create(db *d, const char *email, const char *role, const char *org, const char *password,
                const char *actor, user_account *out, err *e);

/* *found is 0 (and out untouched) when there is no such account. */
int user_find_email(db *d, const char *email, user_account *out, int *found, err *e);
int user_find_id(db *d, int64_t id, user_account *out, int *found, err *e);

/* Checks a password in roughly constant time whether or not the account exists.
 * *ok is 1 when the account exists and the password is its own; the caller still
 * decides what a disabled account (out->disabled) may do. */
int user_authenticate(db *d, const char *email, const char *password, user_account *out, int *ok,
                      err *e);

int user_set_password(db *d, const char *email, const char *password, const char *actor, err *e);

typedef struct user_change {
    const char *role; /* NULL keeps the role */
    int set_org;      /* 1 to set org (NULL or "" clears it) */
    const char *org;
    int disabled; /* -1 keeps it, else 0 or 1 */
} user_change;

/* Applies a change to the account with this id and fills out with the result. */
int user_update(db *d, int64_t id, const user_change *c, const char *actor, user_account *out,
                err *e);

typedef int (*user_fn)(void *ctx, const user_account *u, err *e);
/* Calls fn for every account in email order. */
int user_each(db *d, user_fn fn, void *ctx, err *e);

/* A random password of USER_GENERATED_LEN characters from an alphabet without
 * look-alikes (about 116 bits). */
void user_generate_password(char out[USER_GENERATED_LEN + 1]);

#endif
