/* rx months: which months of prescribing a database holds, and where their files are, for code
 * that has only the database connection (the server, the register).
 *
 * Ownership: rx_store_dir_of gives a malloc'd string (or NULL) for the caller to free. */
#ifndef UNLOCK_RX_MONTHS_H
#define UNLOCK_RX_MONTHS_H

#include "db/db.h"
#include "util/err.h"

/* The month files' directory (rx_store_dir) of the open database; NULL for an in-memory one. */
char *rx_store_dir_of(db *d, err *e);

/* The latest stored months (rx_months), oldest first, at most max; *n gets how many. */
int rx_latest_months(db *d, int max, int *months, int *n, err *e);

#endif
