/* rx ppu: price-per-unit savings, as OpenPrescribing computes them.
 *
 * Per practice and presentation (15-character BNF code): price per unit = NIC / units
 * (TOTAL_QUANTITY). Presentations that can substitute for each other share the chemical (characters
 * 1-9) and the generic strength and formulation (characters 14-15). The target for such a set is
 * the 10th percentile (PERCENTILE_CONT) of the price per unit over every practice's presentations
 * in it. Saving = max(0, cost - units x target), for a practice's presentation or, at sub_icb, icb
 * and region level, for the organisation's total of it; kept when at least the minimum (practice
 * £10, other levels £200).
 *
 * Ownership: rx_ppu_compute fills a result freed with rx_ppu_free; its strings belong to the month,
 * which must outlive it. */
#ifndef UNLOCK_RX_PPU_H
#define UNLOCK_RX_PPU_H

#include "rx/store.h"

typedef struct rx_ppu_row {
    const char *org, *org_name, *bnf_code, *bnf_name;
    double cost, units, price_per_unit, target, saving;
} rx_ppu_row;

typedef struct rx_ppu_result {
    int month, level;
    size_t n;
    rx_ppu_row *rows; /* largest saving first */
    double total;     /* sum of the rows' savings */
} rx_ppu_result;

/* The minimum saving shown at a level (practice £10, others £200). */
double rx_ppu_minimum(int level);

/* level: RX_PRACTICE.. (rx/measure.h); org: only this organisation's rows, or NULL for all. */
int rx_ppu_compute(rx_month *m, int level, const char *org, rx_ppu_result *out, err *e);
void rx_ppu_free(rx_ppu_result *r);

#endif
