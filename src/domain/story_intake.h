/* story_intake: stories told by members of the public through the form on the live server,
 * and the moderation queue they go into.
 *
 * A story told in public is checked field by field (the error names the field, e.g.
 * "touchpoints[2].valence"), stored with moderation 'pending', told_on today and a code of
 * its own ("PUB-20261202-0001"), and audited as told by "public". Nothing told this way is
 * seen outside the commissioners until a moderator approves a moderated text, and then only
 * as far as the teller's consent allows (domain/experience.h).
 *
 * The moderation queue is for commissioners: the teller's own words beside the moderated
 * version; a decision (approved, which needs a moderated text different from the teller's,
 * or rejected) is recorded with the moderator's email. */
#ifndef UNLOCK_DOMAIN_STORY_INTAKE_H
#define UNLOCK_DOMAIN_STORY_INTAKE_H

#include "db/db.h"

#include <jansson.h>
#include <stdint.h>

#define STORY_INTAKE_MAX_BODY (32 * 1024) /* bytes of request body */
#define STORY_INTAKE_MAX_TITLE 200        /* bytes */
#define STORY_INTAKE_MAX_TEXT 4000        /* bytes */
#define STORY_INTAKE_MAX_TOUCHPOINTS 12
#define STORY_INTAKE_WINDOW (60 * 60)  /* seconds */
#define STORY_INTAKE_MAX_PER_ADDRESS 5 /* stories told from one address per window */
#define STORY_INTAKE_ACTOR "public"
#define STORY_CODE_LEN 32

/* Stores a story from a JSON object {"teller", "pathway", "title", "text", "consent",
 * "organisation"?, "touchpoints"?: [{"stage", "emotion", "valence"}]} told on `today`
 * (YYYY-MM-DD); fills code. Bad input: a user error naming the field (err_at), nothing
 * stored. */
int story_intake(db *d, json_t *in, const char *today, char code[STORY_CODE_LEN], err *e);

/* Counts one attempt from address at `now` (Unix seconds) unless the address has had
 * STORY_INTAKE_MAX_PER_ADDRESS within the window: then *retry_at is when it may try again
 * (0 when this attempt is allowed and counted). Attempts older than the window are
 * forgotten. */
int story_intake_allow(db *d, const char *address, int64_t now, int64_t *retry_at, err *e);

/* What the public form offers: {"pathways":[...] (the services' pathways; "other" is always
 * allowed too), "organisations":[{"code","name"}] (those providing services), "max_title",
 * "max_text", "max_touchpoints"}. Nothing in it is personal. */
int story_form_choices(db *d, json_t **out, err *e);

/* The pending stories, oldest first, as told (teller's text, touchpoints): {"stories":[...]}. */
int story_moderation_queue(db *d, json_t **out, err *e);

/* Records a moderator's decision ("approved" or "rejected") on a pending or earlier-moderated
 * story, with the moderated text (required to approve) and the moderator's email. */
int story_moderate(db *d, const char *code, const char *decision, const char *moderated_text,
                   const char *moderator, err *e);

/* Records the provider's response to an approved story and whether a change is "none",
 * "planned" or "made". */
int story_respond(db *d, const char *code, const char *response, const char *change,
                  const char *actor, err *e);

#endif
