/* unit_cost: the unit-costs entity (src/domain/unit_cost.c, imported like any other kind)
 * and the demo system's unit costs.
 *
 * The demo's costs are illustrative, rounded figures of the size the National Cost
 * Collection and NHS England publish, not quotations of either: they exist so that the demo
 * register has indicator opportunities in pounds. */
#ifndef UNLOCK_DOMAIN_UNIT_COST_H
#define UNLOCK_DOMAIN_UNIT_COST_H

/* The demo's unit costs as CSV in the `unlock import unit-costs` format (static text: never
 * free it). They refer to the demo's indicators, so import them after those. */
const char *unit_cost_demo_csv(void);

#endif
