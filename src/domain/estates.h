/* estates: resources trapped in buildings, worked out from the sites table (ERIC-style
 * figures, docs/data-formats.md#sites).
 *
 * For one site, or any set of sites (an organisation's, a place's, the system's), the
 * same function gives the same measures, so an organisation's figures are always the
 * sums of its sites' and never an average of their ratios:
 *
 *   cost of occupancy    = hard FM + soft FM                                   (£ a year)
 *   cost per m²          = cost of occupancy ÷ gross internal area
 *   trapped £            = (empty % + under-used %) ÷ 100 × gross area × cost per m²
 *                        (= that share of the cost of occupancy)
 *   non-clinical share   = non-clinical ÷ (clinical + non-clinical) × 100, against the 35%
 *                          Carter benchmark; the space above it, m² and £ (× cost per m²)
 *   backlog per m²       = (high + significant + moderate + low) ÷ gross area
 *   risk-adjusted backlog= high × 1 + significant × 1/2 + moderate × 1/4 + low × 1/8
 *   room utilisation     = sessions booked ÷ sessions available × 100, flagged below 50%
 *
 * Missing values: a figure whose inputs are all missing is NaN ("not known"), never 0; when
 * only some are missing the known ones are used (so costs and backlog are then lower bounds,
 * and the trapped £ errs low). Sums over sites count, for each ratio, only the sites that
 * have both its parts, e.g. cost per m² divides by the area of sites with a known cost.
 *
 * Risk weights: ERIC asks for the cost to eradicate backlog in four risk bands but defines
 * no single weighting. We halve the weight at each band down (1, 1/2, 1/4, 1/8) so that the
 * risk-adjusted figure is dominated by high-risk work, stays within the total, and is easy
 * to check by hand; it is a prioritising aid, not a published NHS measure.
 *
 * Memory: estates_load fills a caller-provided estates_set and allocates its sites;
 * estates_set_free releases them (safe on a zeroed set). */
#ifndef UNLOCK_DOMAIN_ESTATES_H
#define UNLOCK_DOMAIN_ESTATES_H

#include "db/db.h"

#include <jansson.h>
#include <stddef.h>

#define ESTATES_NON_CLINICAL_BENCHMARK_PCT 35.0
#define ESTATES_LOW_ROOM_USE_PCT 50.0
#define ESTATES_WEIGHT_HIGH 1.0
#define ESTATES_WEIGHT_SIGNIFICANT 0.5
#define ESTATES_WEIGHT_MODERATE 0.25
#define ESTATES_WEIGHT_LOW 0.125

/* One site's stored figures; every number is NaN when not recorded. */
typedef struct estates_site {
    char code[33], org[33], org_name[201], name[201];
    double gross_m2, clinical_m2, non_clinical_m2, empty_pct, under_used_pct;
    double hard_fm_gbp, soft_fm_gbp;
    double backlog_high_gbp, backlog_significant_gbp, backlog_moderate_gbp, backlog_low_gbp;
    double rooms, sessions_available, sessions_booked;
} estates_site;

/* The measures of a set of sites. NaN means not known (see above). */
typedef struct estates_metrics {
    size_t sites;
    double gross_m2;
    double occupancy_gbp, cost_per_m2;
    double trapped_m2, trapped_gbp;
    double non_clinical_pct, non_clinical_excess_m2, non_clinical_excess_gbp;
    double backlog_gbp, backlog_per_m2, backlog_risk_adjusted_gbp;
    double sessions_available, sessions_booked, room_utilisation_pct;
    int low_room_use; /* room utilisation known and below 50% */
    /* The denominators of the ratios above (NaN when no site has both parts): the area with a
     * known cost, with a known empty/under-used split, with a known clinical/non-clinical
     * split (the occupied space), and with a known backlog. */
    double costed_m2, split_m2, occupied_m2, backlog_m2;
} estates_metrics;

/* A site with every figure missing, ready to fill. */
void estates_site_init(estates_site *s);

/* The eleven figures an estates return gives, in the order the sites and site_returns tables
 * list them: gross, clinical, non-clinical, empty %, under-used %, hard FM, soft FM, backlog
 * high, significant, moderate, low. Fills out[11] with pointers into s. */
#define ESTATES_RETURN_FIGURES 11
void estates_site_figures(estates_site *s, double *out[ESTATES_RETURN_FIGURES]);
/* Reads those figures from columns col... of a row (NULL: NaN). */
void estates_site_read_figures(estates_site *s, db_stmt *row, int col);

/* The measures of n sites together (n = 1: one site). Cannot fail. */
void estates_measure(const estates_site *sites, size_t n, estates_metrics *out);

typedef struct estates_set {
    size_t n;
    estates_site *sites; /* ordered by occupying organisation, then site code */
} estates_set;

/* The stored sites occupied by org or by any organisation below it (org NULL: every site).
 * An org that is not stored is a not-found error. */
int estates_load(db *d, const char *org, estates_set *out, err *e);
/* The same, only the sites some of whose space is empty or under-used: the register's, which
 * should not cost more as sites with nothing trapped are added. */
int estates_load_trapped(db *d, const char *org, estates_set *out, err *e);
void estates_set_free(estates_set *set);

/* The JSON of `unlock estates --json` and the API: {"org", "benchmarks":{...}, "total":{...},
 * "organisations":[{org, name, metrics..., "sites":[{site, name, metrics...}]}]}. Numbers that
 * are not known are null. The caller owns the result. */
json_t *estates_json(const estates_set *set, const char *org);
/* The metrics as a JSON object (null for unknown numbers). */
json_t *estates_metrics_json(const estates_metrics *m);

#endif
