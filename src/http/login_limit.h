/* login_limit: how many failed sign-ins an account and an address may have.
 * At most LOGIN_MAX_PER_ACCOUNT failures for one email and LOGIN_MAX_PER_ADDRESS
 * from one client address within LOGIN_WINDOW seconds; past either, sign-in is
 * refused (HTTP 429) until the oldest counted failure leaves the window. Only
 * failures are stored, and a success clears the account's. Times are Unix seconds. */
#ifndef UNLOCK_HTTP_LOGIN_LIMIT_H
#define UNLOCK_HTTP_LOGIN_LIMIT_H

#include "db/db.h"

#include <stdint.h>

#define LOGIN_WINDOW (15 * 60)
#define LOGIN_MAX_PER_ACCOUNT 5
#define LOGIN_MAX_PER_ADDRESS 20

/* *retry_at is 0 when a sign-in may be tried now; otherwise the time from which it
 * may, and *by_account says whether the account (1) or the address (0) is limited. */
int login_limit_check(db *d, const char *email, const char *address, int64_t now, int64_t *retry_at,
                      int *by_account, err *e);
/* Records a failure (and prunes failures older than the window). */
int login_limit_fail(db *d, const char *email, const char *address, int64_t now, err *e);
/* Forgets the account's failures after a successful sign-in. */
int login_limit_clear(db *d, const char *email, err *e);

#endif
