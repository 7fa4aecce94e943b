/* estates_history: the estates returns of each site, year by year (table site_returns), and
 * the estates measures of each organisation as observations, so that the SPC and funnel views
 * work on them like on any other indicator.
 *
 * One observation per occupying organisation, indicator and financial year, at the period of
 * the year's first month (2023/24 is "2023-04"), worked out by estates_measure over the
 * organisation's site returns for that year (so sums over sites, never averages of ratios):
 *
 *   EST-COST-M2   cost of occupancy per m²     ratio: hard + soft FM £ / gross m² (costed sites)
 *   EST-TRAPPED   trapped £ a year             count: (empty % + under-used %) x occupancy cost
 *   EST-UNUSED    floor area empty or under-used, %  proportion: trapped m² / gross m²
 *   EST-NONCLIN   non-clinical share, %        proportion: non-clinical m² / clinical +
 * non-clinical EST-BACKLOG-M2 backlog per m²              ratio: backlog £ / gross m²
 *
 * Room utilisation is not among them: ERIC does not collect room bookings, so there is no
 * year-by-year source for it (the sites table holds the current figure).
 *
 * The ratios' "events" are pounds, so a funnel plot's Poisson limits around them are very
 * narrow: read those funnels as a ranking, not as a test. The indicators are created the first
 * time they are needed (domain finance or productivity) and may be edited like any other. */
#ifndef UNLOCK_DOMAIN_ESTATES_HISTORY_H
#define UNLOCK_DOMAIN_ESTATES_HISTORY_H

#include "db/db.h"
#include "domain/estates.h"

/* A site's return for one year: the figures of estates_site (room bookings unused) plus the
 * two ERIC figures the measures do not use. */
typedef struct site_return {
    estates_site site;
    double occupied_m2, not_functionally_suitable_pct;
    long line; /* where it was read, for messages */
} site_return;

typedef struct site_return_outcome {
    int return_created; /* no return for this site and year before */
    int site_created;   /* the site was not stored before */
} site_return_outcome;

/* Stores r as the site's return for year ("2023/24"), creating the site if need be and
 * bringing the sites table's figures up to date when this is the site's latest return.
 * Audit-logged (entity "site-return", key "SITE/YEAR"). Runs inside the caller's
 * transaction. */
int site_return_store(db *d, const site_return *r, const char *year, const char *actor,
                      site_return_outcome *out, err *e);

/* Works out again the estates observations of every organisation with returns in year,
 * replacing that year's; *written counts them. Runs inside the caller's transaction. */
int estates_observe(db *d, const char *year, long *written, err *e);

/* The year of the site's latest stored return ("2023/24"), or "" when it has none. */
int site_latest_year(db *d, const char *site, char year[8], err *e);

/* The observation period of a financial year: "2023/24" gives "2023-04". */
void estates_year_period(const char *year, char period[8]);

#endif
