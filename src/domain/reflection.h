/* reflection: what a member of the learning set writes after a session. A reflection belongs to
 * the user who wrote it: only they see it, unless they share it with the set; it may be linked
 * to a real conversation or project, the cases the set learns from.
 *
 * obj for reflection_add: {"session" (a learning session code), "text" (required), "shared"
 * (false by default), "conversation" (an id), "project" (a code)}; unknown fields are errors
 * naming the field. Lists are {"items":[{"id","session","theme","author","mine","written_at",
 * "text","shared","conversation","project"}]}, newest first: the reader's own and the ones
 * others shared. Someone else's private reflection does not exist for the reader (not found). */
#ifndef UNLOCK_DOMAIN_REFLECTION_H
#define UNLOCK_DOMAIN_REFLECTION_H

#include "db/db.h"

#include <jansson.h>
#include <stdint.h>

int reflection_add(db *d, const json_t *obj, const char *author, int64_t *id, err *e);
int reflection_list(db *d, const char *reader, const char *session, json_t **out, err *e);
int reflection_set_shared(db *d, int64_t id, const char *author, int shared, err *e);

#endif
