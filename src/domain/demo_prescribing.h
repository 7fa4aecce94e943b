/* demo_prescribing: a year of synthetic English Prescribing Dataset for the demo's own thirty
 * practices (rx/gen.h), imported as any EPD file is (rx/import.h), so the prescribing measures,
 * price-per-unit savings and the register's prescribing rows have something to show.
 *
 * Practices are the demo's (X81001-X81030) with their list sizes; a practice's sub-ICB
 * (PCO_CODE) is its place (QNV-RAV, QNV-CAL, QNV-FEL), the ICB is QNV and the region a made-up
 * Y99, so every prescribing organisation is also a demo organisation. Months DEMO_RX_FIRST to
 * DEMO_RX_LAST (the demo's last year); deterministic like the rest of the demo. */
#ifndef UNLOCK_DOMAIN_DEMO_PRESCRIBING_H
#define UNLOCK_DOMAIN_DEMO_PRESCRIBING_H

#include "db/db.h"

#define DEMO_RX_FIRST 202504
#define DEMO_RX_LAST 202603
#define DEMO_RX_MONTHS 12
#define DEMO_RX_ROWS_PER_PRACTICE 400 /* a month; a real practice has about 2,500 */

/* Imports the year into the database and its month files in store_dir (rx_store_dir), with the
 * practices' list sizes for every month, in the caller's transaction. *rows (may be NULL) gets
 * the rows imported. */
int demo_load_prescribing(db *d, const char *store_dir, long long *rows, err *e);

#endif
