/* opportunity: the one ranked register of resources trapped in buildings, services and
 * processes, in pounds a year, with how sure we are and what has been done about each.
 *
 * The register is computed from the data each time it is asked for; only the status people
 * give an opportunity is stored (table opportunity_status, keyed by the opportunity's stable
 * id). Kinds and the level each is counted at, so that a total never counts one pound twice:
 *
 *   estates     one row per site with trapped space: (empty % + under-used %) x area x cost
 *               per m² (src/domain/estates.h). Counted at the site, under the organisation that
 *               occupies it. Id "estates:SITE".
 *   indicator   one row per organisation that is worse than its peers on an indicator that has
 *               a unit cost: the peer opportunity (stats/peer.h: best 5 peers, 95% allowing for
 *               both sides' uncertainty) over the indicator's latest 12 months of observations,
 *               x the unit cost. Counted only at the level the indicator is compared at (the
 *               kind of organisation with most observations, e.g. practices, never also their
 *               sub-ICB place or ICB sums). Id "indicator:INDICATOR:ORG".
 *   prescribing one row per organisation and cost-based prescribing measure (the saving at the
 *               median) and one per organisation for price-per-unit savings, over the latest 12
 *               stored months (domain/opportunity_rx.h). Counted at one level, practice or
 *               sub_icb as the filter says, never both. Ids "prescribing:MEASURE:ORG",
 *               "prescribing:ppu:ORG".
 *
 * Credibility: `significant` (an indicator difference significant at 95%; or a complete estates
 * return, which is a measurement, not a sample), `not_significant` (worse, but within chance:
 * sized as |difference| x denominator x unit cost, for information), `low_data` (fewer than 3
 * peers or fewer than 12 months; an estates return missing the empty/under-used split or one
 * of the FM costs).
 *
 * Ranked by £ a year (largest first), then credibility (significant, not_significant,
 * low_data), then id.
 *
 * Memory: opportunities_build fills a caller-provided list and allocates its items and their
 * text; opportunity_list_free releases everything (safe on a zeroed list). */
#ifndef UNLOCK_DOMAIN_OPPORTUNITY_H
#define UNLOCK_DOMAIN_OPPORTUNITY_H

#include "db/db.h"

#include <jansson.h>
#include <stddef.h>

#define OPPORTUNITY_MIN_PEERS 3
#define OPPORTUNITY_MONTHS 12

typedef struct opportunity {
    char id[128];     /* stable across runs: "estates:S-FMH", "indicator:OP-DNA:RNV" */
    const char *kind; /* "estates", "indicator", "prescribing" (static) */
    char org[33], org_name[201];
    char level[32];   /* where it is counted: "site", or the kind of organisation compared */
    char subject[33]; /* the site or indicator code */
    char subject_name[201];
    char *what;              /* one sentence */
    double gbp;              /* pounds a year */
    const char *credibility; /* "significant", "not_significant", "low_data" (static) */
    char *method;            /* how it was worked out, peers named */
    char period[32];         /* the data it rests on, e.g. "2025-04 to 2026-03" */
    char status[16];         /* "new" unless someone said otherwise */
    char *note;              /* NULL when none */
    char changed_at[32], changed_by[128];
} opportunity;

typedef struct opportunity_filter {
    const char *org;   /* the organisation and everything below it; NULL: all */
    const char *kind;  /* "estates", "indicator" or "prescribing"; NULL: all */
    double min_gbp;    /* rows below this are left out (0: none) */
    const char *level; /* prescribing rows: "practice" (NULL) or "sub_icb" */
} opportunity_filter;

typedef struct opportunity_list {
    size_t n;
    opportunity *items; /* ranked */
    double total_gbp;   /* the sum of the rows: each counted at one level only (see above) */
} opportunity_list;

/* The register, filtered and ranked. User errors: an unknown kind (naming the three), a
 * negative minimum, a level other than practice or sub_icb; not found: an org that is not stored.
 */
int opportunities_build(db *d, const opportunity_filter *f, opportunity_list *out, err *e);
void opportunity_list_free(opportunity_list *l);

/* {"filters":{org,kind,min_gbp,level}, "total_gbp", "count", "by_kind":{estates,indicator,
 *  prescribing}, "levels":"...", "items":[{id,kind,org,org_name,level,subject,subject_name,
 *  what,gbp,credibility,method,period,status,note,changed_at,changed_by}]}. Caller owns it. */
json_t *opportunities_json(const opportunity_list *l, const opportunity_filter *f);

/* Whether `status` is one of new, in_conversation, project, released, dismissed. */
int opportunity_status_valid(const char *status);

/* Records a status for the opportunity with this id (which must be in the current register:
 * otherwise a not-found error), with an optional note (required for `dismissed`: the reason),
 * audit-logged as entity "opportunity" under actor. Runs in its own transaction. */
int opportunity_set_status(db *d, const char *id, const char *status, const char *note,
                           const char *actor, err *e);

#endif
