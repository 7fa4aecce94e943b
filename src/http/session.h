/* session: signed-in sessions. A session is 32 random bytes, sent to the
 * browser as 64 hex digits in the unlock_session cookie; the database keeps
 * only their BLAKE2b-256 hash (hex), beside the user, a CSRF token and the
 * expiry. A session ends at its expiry, at sign-out, or when its account is
 * disabled (the lookup only finds enabled accounts). Times are Unix seconds.
 * Everything is returned in caller-owned buffers. */
#ifndef UNLOCK_HTTP_SESSION_H
#define UNLOCK_HTTP_SESSION_H

#include "db/db.h"
#include "http/http.h"

#include <stdint.h>

#define SESSION_HEX_LEN 64 /* a token, a hash or a CSRF token as hex */

/* Hex hash of a cookie token; -1 when the token is not 64 hex digits. */
int session_hash(const char *token, char hash[SESSION_HEX_LEN + 1]);

/* Starts a session for user_id lasting ttl seconds from now, and drops expired
 * ones. Fills the token to put in the cookie and the session's CSRF token. */
int session_create(db *d, int64_t user_id, long ttl, int64_t now, char token[SESSION_HEX_LEN + 1],
                   char csrf[SESSION_HEX_LEN + 1], err *e);

/* Looks a cookie token up. *found is 1 for a live session of an enabled account;
 * then user, csrf and hash are filled. */
int session_find(db *d, const char *token, int64_t now, http_user *user,
                 char csrf[SESSION_HEX_LEN + 1], char hash[SESSION_HEX_LEN + 1], int *found,
                 err *e);

/* Ends the session with this hash (nothing happens when there is none). */
int session_revoke(db *d, const char *hash, err *e);

#endif
