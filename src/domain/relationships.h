/* relationships: who has been talking with whom across the system, and where nobody has.
 *
 * Built from the conversations the viewer may see (src/domain/conversation.h). An
 * organisation took part in a conversation when the conversation names it, or when one of
 * its people was there on the provider side (a GP commissioner's practice does not count:
 * they came as a commissioner).
 *
 * A gap is a provider with a reason to talk (contracts of at least RELATIONSHIP_SPEND_GBP a
 * year, an open opportunity in the register, or a recent concern: an indicator whose latest
 * point is a special cause of concern, or a funnel outlier on the wrong side) and no
 * conversation in the last `days` days.
 *
 * Every function returns JSON the caller owns (shapes in docs/conversations.md). */
#ifndef UNLOCK_DOMAIN_RELATIONSHIPS_H
#define UNLOCK_DOMAIN_RELATIONSHIPS_H

#include "domain/conversation.h"

#include <jansson.h>

#define RELATIONSHIP_DAYS_DEFAULT 90
#define RELATIONSHIP_SPEND_GBP 1000000.0

/* The relationship map as of today (YYYY-MM-DD) over a window of `days`:
 * {"today","days","organisations":[...],"specialties":[...],"services":[...],"gaps":[...]}. */
int relationships_build(db *d, const char *today, int days, const conversation_viewer *v,
                        json_t **out, err *e);

/* {"nodes":[{id,kind,label,organisation}], "edges":[{from,to,conversations,last}]}: people and
 * organisations, and the people who have been in a conversation together with someone from
 * another organisation. */
int relationships_network(db *d, const conversation_viewer *v, json_t **out, err *e);

/* {"organisations":[codes], "names":{code:name}, "counts":[[...]]}: how many conversations
 * each pair of organisations took part in together (the diagonal: each one's own count). */
int relationships_matrix(db *d, const conversation_viewer *v, json_t **out, err *e);

/* Clinical involvement in the redesign of a pathway (or of one service, when service is set
 * and pathway NULL): which services and which specialties have been in the conversations,
 * with a warning when only GPs and managers have. Unknown pathway or service: not found. */
int relationships_involvement(db *d, const char *pathway, const char *service,
                              const conversation_viewer *v, json_t **out, err *e);

#endif
