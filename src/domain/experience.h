/* experience: experience-led commissioning read back as the story of a programme: what
 * people said (stories and the emotional map), what organisations promised (pledges), the
 * work (priorities, work streams, champions, projects), and whether it is getting there
 * (goals, progress). The rows themselves are ordinary entities (programmes, events,
 * stories, ...; see entities.h) imported and edited like any other.
 *
 * Stories are personal data. Who reads decides what they get: commissioners see every
 * story as told; a provider sees only approved, consented (internal or public) stories about
 * its own organisation, in their moderated text; the public sees only approved stories
 * whose teller consented to publication, moderated. The emotional map is built from the
 * same stories its reader may see, so an unconsented story never shapes what others see.
 *
 * Every function fills *out with a new JSON value the caller releases. */
#ifndef UNLOCK_DOMAIN_EXPERIENCE_H
#define UNLOCK_DOMAIN_EXPERIENCE_H

#include "db/db.h"

#include <jansson.h>

typedef enum story_audience {
    STORY_COMMISSIONERS,
    STORY_PROVIDER, /* with audience_org */
    STORY_PUBLIC,
} story_audience;

typedef struct story_reader {
    story_audience audience;
    const char *org; /* STORY_PROVIDER: the reader's organisation */
} story_reader;

/* Stories (with their touchpoints) the reader may see, newest first; pathway and programme
 * filter when not NULL. Non-commissioners get "text" as the moderated text and no
 * moderation fields. */
int stories_list(db *d, const char *pathway, const char *programme, const story_reader *r,
                 json_t **out, err *e);

/* Adds "touchpoints":[{"n","stage","emotion","valence"}] to each story object (with "code")
 * of the array stories. */
int stories_add_touchpoints(db *d, json_t *stories, err *e);

/* The emotional map of a pathway: per stage, in the order stages come in the stories (their
 * mean touchpoint position), the mean valence (-2..+2), the number of touchpoints and of
 * stories, and the emotion words used most: {"pathway", "stories", "stages":[{"stage",
 * "mean_valence", "touchpoints", "stories", "emotions":[...]}]}. */
int emotion_map(db *d, const char *pathway, const story_reader *r, json_t **out, err *e);

/* A goal's progress: its path to target, the actual values, the last one's status, and the
 * SPC assurance icon against the target: {"goal", "name", "indicator", "subject", "baseline",
 * "baseline_period", "target", "target_period", "points":[{"period","value","expected"}],
 * "status", "latest", "expected_now", "assurance", "variation"}. Not found: a user error. */
int goal_progress(db *d, const char *code, json_t **out, err *e);

/* A project's readiness: the three things improvement needs (senior organisational support,
 * clinical leadership, improvement capability), each present or missing with a warning, the
 * clinical-involvement check of its pathway or service, its PDSA cycles, and its measure's
 * SPC chart data rebased where a cycle says so. */
int project_readiness(db *d, const char *code, json_t **out, err *e);

/* How far a programme has got, on the 0.5-5 QI progress scale: projects count one each at
 * their score; pledges count a quarter each at made 1, in_progress 2, delivered 4, lapsed
 * 0.5. {"score", "projects", "pledges", "pledge_statuses":{...}}. */
int programme_progress(db *d, const char *code, json_t **out, err *e);

/* The programme as a story: vision, events (with head counts), the emotional map of its
 * pathway, priorities, pledges, work streams and champions, goals with progress, projects
 * with readiness, and progress. */
int programme_report(db *d, const char *code, const story_reader *r, json_t **out, err *e);

/* The score a pledge status counts for in the roll-up; -1 for an unknown status. */
double pledge_status_score(const char *status);

#endif
