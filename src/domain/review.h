/* review: clinically oriented contract review. For each contract, a record of each review
 * meeting, and the view a review is held over: the contract's value and services beside the
 * provider's quality, domain by domain (docs/contract-review.md).
 *
 * A review is one JSON object, the same from the API, `unlock review add --file` and the demo:
 *
 *   {"contract":"C-2025-ACU", "held_on":"2026-11-20",
 *    "attendees":[{"person":"p-0018"}],
 *    "findings":[{"domain":"safety|effectiveness|experience|innovation|productivity|integration",
 *                 "finding":"...", "assurance":"assured|partly_assured|not_assured"}],
 *    "actions":[{"description":"...","owner":"p-0018","due":"2027-01-31",
 *                "status":"open|done|dropped"}],
 *    "summary":"...", "next_review":"2027-02-19"}
 *
 * contract and held_on are required; next_review, when given, comes after held_on; each domain
 * is found at most once. An update carries "version", the one it was read at: a stale one is a
 * conflict (HTTP 409).
 *
 * Who sees what: reuses conversation_viewer. A viewer with all (commissioners, administrators)
 * sees every review; a provider user (org) only the reviews of contracts its organisation
 * provides; an empty viewer none. Nothing here is public. Every write is audit-logged
 * ("contract_review") in its own transaction. JSON returned is the caller's. */
#ifndef UNLOCK_DOMAIN_REVIEW_H
#define UNLOCK_DOMAIN_REVIEW_H

#include "db/db.h"
#include "domain/conversation.h"

#include <jansson.h>
#include <stdint.h>

#define REVIEW_TEXT_MAX 20000 /* bytes in the summary and in each finding */

int review_create(db *d, json_t *obj, const char *actor, int64_t *id, err *e);
/* Replaces review id by obj, which must carry the stored "version" (else a conflict). */
int review_update(db *d, int64_t id, json_t *obj, const char *actor, err *e);

/* The review as stored: id, version, created/updated by and at, the contract with its
 * provider's code and name, attendees with name, role, specialty, organisation and whether
 * each is a clinician, findings in domain order, actions (with owner_name and overdue as of
 * today). Not found when the viewer may not see it. */
int review_get(db *d, int64_t id, const conversation_viewer *v, json_t **out, err *e);

/* {"items":[{id, contract, provider, provider_name, held_on, next_review, attendees (count),
 *  clinicians (count), findings (count), open_actions, overdue_actions}]}, newest first; only
 * those of `contract` or of contracts provided by `provider` when given. */
int review_list(db *d, const char *contract, const char *provider, const conversation_viewer *v,
                json_t **out, err *e);

/* The view a review is held over, for one contract:
 * {"contract":{code, commissioner, commissioner_name, provider, provider_name, provider_kind,
 *   annual_value_gbp, start, end},
 *  "money":{annual_value_gbp, services_gbp}, "services":[{code, name, pathway, annual_gbp}],
 *  "domains":[{"domain", "indicators":[{indicator, name, polarity, subject, last_period,
 *     last_value, variation, assurance, "funnel":{period, value, average, significance,
 *     peers} or null, "compare":{period, benchmark, benchmark_name, three, five, quartile,
 *     areas} or null}]}],
 *  "activity":[... the same, for indicators of population health and finance],
 *  "latest_review": the latest review the viewer may see, or null}
 * Safety, effectiveness and experience are always there (empty when nothing is observed);
 * innovation, productivity and integration only when the provider has such indicators. The
 * indicators are those observed for the provider and for its services (subject says which);
 * funnel and comparison are of the provider in the indicator's latest period, among the
 * organisations the funnel chart compares (src/domain/series.h: cross_section_load with no
 * kind), null for a service's own indicator. Not found: no such contract, or one the viewer
 * may not see. */
int review_view(db *d, const char *contract, const conversation_viewer *v, json_t **out, err *e);

#endif
