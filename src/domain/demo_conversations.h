/* demo_conversations: the demo's conversation log (src/domain/demo_conversations.c says what
 * is planted in it), for `unlock demo` to load after the health system it talks about. */
#ifndef UNLOCK_DOMAIN_DEMO_CONVERSATIONS_H
#define UNLOCK_DOMAIN_DEMO_CONVERSATIONS_H

#include "db/db.h"

/* Logs the demo's conversations through conversation_create, as actor "demo", in the
 * caller's transaction. Those already present (same date and title) are left as they are;
 * *created (may be NULL) says how many were added. */
int demo_load_conversations(db *d, int *created, err *e);

#endif
