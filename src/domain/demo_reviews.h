/* demo_reviews: the demo's contract reviews (src/domain/demo_reviews.c says what is planted),
 * for `unlock demo` to load after the contracts, people and measures they talk about. */
#ifndef UNLOCK_DOMAIN_DEMO_REVIEWS_H
#define UNLOCK_DOMAIN_DEMO_REVIEWS_H

#include "db/db.h"

/* Records the demo's reviews through review_create, as actor "demo", in the caller's
 * transaction. Those already present (same contract and date) are left as they are;
 * *created (may be NULL) says how many were added. */
int demo_load_reviews(db *d, int *created, err *e);

#endif
