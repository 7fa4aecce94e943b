/* alert_internal: what the detectors of src/domain/alert_*.c share. */
#ifndef UNLOCK_DOMAIN_ALERT_INTERNAL_H
#define UNLOCK_DOMAIN_ALERT_INTERNAL_H

#include "domain/alert.h"
#include "util/clock.h"

typedef struct detector {
    db *d;
    int baseline;     /* record states that are missing, raise nothing */
    int prescribing;  /* look at prescribing measures too (a month is many numbers: only
                       * after a prescribing import, a new follow or when asked) */
    const char *kind; /* baseline: the one follow to look at */
    const char *code;
    int64_t generation; /* the newest audit entry: what the alerts were raised from */
    char today[11];     /* YYYY-MM-DD: past due is before this */
    char now[CLOCK_ISO_LEN];
    alert_detect_stats st;
} detector;

/* Who hears about an alert: the followers of the series' indicator or measure, or of its
 * organisation (or service). */
typedef struct audience {
    const char *follow_kind; /* "indicator", "measure", or NULL: organisation followers only */
    const char *follow_code;
    const char *org;         /* the organisation or service */
    int64_t conversation_id; /* > 0: an action: the conversation's organisations' followers,
                              * who may see the conversation */
} audience;

typedef struct raised {
    const char *kind, *subject, *state, *reason, *link;
    int needs_before; /* news only as a move from a stored state ("no longer ...") */
} raised;

/* Moves the rule's state for subject to `state` and, when it moved and the new state is news
 * (news not NULL) and this is not a baseline, raises the alert for its audience. */
int alert_judge(detector *dt, const char *kind, const char *subject, const char *state,
                const raised *news, const audience *to, err *e);

/* " AND f.kind = ?1 AND f.code = ?2" for a baseline's one follow, "" for every follow: SQL over
 * follows f; alert_bind_filter binds it. */
const char *alert_follow_filter(const detector *dt);
int alert_bind_filter(const detector *dt, db_stmt *s, err *e);

/* Goals (alert_goal.c): a change of SPC assurance, the goal's target against the limits of its
 * series, for followers of its indicator or organisation. */
int alert_goal_assurance(detector *dt, err *e);

/* Prescribing measures (alert_rx.c): a move into or out of the best or worst decile in the
 * latest stored month, for followed measures and organisations. */
int alert_rx_deciles(detector *dt, err *e);

#endif
