/* entities: the descriptors of the local health system model, one file each. */
#ifndef UNLOCK_DOMAIN_ENTITIES_H
#define UNLOCK_DOMAIN_ENTITIES_H

#include "domain/entity.h"

extern const entity_def organisation_def;
extern const entity_def person_def;
extern const entity_def site_def;
extern const entity_def service_def;
extern const entity_def contract_def;
extern const entity_def indicator_def;
extern const entity_def observation_def;
extern const entity_def unit_cost_def;
/* Experience-led commissioning and improvement (docs/experience.md). */
extern const entity_def programme_def;
extern const entity_def codesign_event_def;
extern const entity_def event_attendee_def;
extern const entity_def priority_def;
extern const entity_def pledge_def;
extern const entity_def workstream_def;
extern const entity_def champion_def;
extern const entity_def goal_def;
extern const entity_def project_def;
extern const entity_def pdsa_cycle_def;
extern const entity_def story_def;
extern const entity_def touchpoint_def;
extern const entity_def experience_measure_def;
extern const entity_def learning_session_def;
extern const entity_def learning_member_def;

/* Shared value rules, so every entity says "money" the same way. */
#define MONEY(col, text)                                                                           \
    {                                                                                              \
        .column = col, .sql = col, .type = FT_NUMBER, .min_bound = BOUND_INCLUSIVE, .min = 0,      \
        .help = text " (pounds, 0 or more)"                                                        \
    }
#define PERCENT(col, text)                                                                         \
    {                                                                                              \
        .column = col, .sql = col, .type = FT_NUMBER, .min_bound = BOUND_INCLUSIVE, .min = 0,      \
        .max_bound = BOUND_INCLUSIVE, .max = 100, .help = text " (a percentage from 0 to 100)"     \
    }
/* A code naming a row of another kind. */
#define REF(col, sqlcol, kind, req)                                                                \
    {                                                                                              \
        .column = col, .sql = sqlcol, .type = FT_CODE, .required = req, .ref = kind                \
    }
#define COUNT(col, text)                                                                           \
    {                                                                                              \
        .column = col, .sql = col, .type = FT_INTEGER, .min_bound = BOUND_INCLUSIVE, .min = 0,     \
        .help = text " (a whole number, 0 or more)"                                                \
    }

#endif
