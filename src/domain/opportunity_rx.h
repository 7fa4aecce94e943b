/* opportunity_rx: the register's prescribing rows (kind "prescribing"), from the prescribing
 * engine (src/rx) over the latest 12 stored months.
 *
 * At one level (practice, the default, or sub_icb; never both, so a total counts no pound twice):
 *   measure rows  one per organisation and cost-based measure: the saving at the 50th percentile
 *                 (OpenPrescribing's cost-based saving against the median organisation of the
 *                 level), months with a positive saving only, summed. Id
 *                 "prescribing:MEASURE:ORG".
 *   ppu rows      one per organisation: the price-per-unit savings (rx/ppu.h: presentations bought
 *                 above the 10th centile price of their substitutes, from £10 a practice or £200
 *                 a sub-ICB), summed. Id "prescribing:ppu:ORG".
 * £ a year = the sum over the months x 12 / months (a year when 12 are stored). Credibility:
 * low_data with fewer than 12 months or fewer than 4 organisations at the level; a measure row is
 * significant when the saving was positive in at least 10 of the 12 months (a one-sided sign
 * test, p < 0.05: above the median more often than chance), else not_significant; a ppu row is a
 * price paid, a measurement, so significant. Measure and ppu rows can overlap (a brand bought
 * instead of its generic shows in both): docs/opportunities.md says so.
 *
 * No stored months, or no measures directory (rx_measures_dir), give no rows, not an error. */
#ifndef UNLOCK_DOMAIN_OPPORTUNITY_RX_H
#define UNLOCK_DOMAIN_OPPORTUNITY_RX_H

#include "domain/opportunity.h"

#define OPPORTUNITY_RX_MIN_ORGS 4
#define OPPORTUNITY_RX_SIGN_MONTHS 10

/* keep(ctx, code): whether an organisation is in the filter. level: "practice" or "sub_icb". */
int opportunity_prescribing_rows(db *d, const char *level,
                                 int (*keep)(const void *ctx, const char *code), const void *ctx,
                                 opportunity_list *l, size_t *cap, err *e);

/* For the opportunity_*.c files: a new zeroed item (status "new") at the end of l; pounds in
 * a sentence ("1,234,568"). */
opportunity *opportunity_push(opportunity_list *l, size_t *cap);
void opportunity_grouped(double v, char *out, size_t size);

#endif
