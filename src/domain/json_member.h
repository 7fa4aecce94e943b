/* json_member: checking the members of a JSON record (a conversation, a contract review) the
 * same way everywhere. Every error is a user error naming the member as a path in e->field
 * ("actions[1].due"), and the message starts with that path. */
#ifndef UNLOCK_DOMAIN_JSON_MEMBER_H
#define UNLOCK_DOMAIN_JSON_MEMBER_H

#include "db/db.h"

#include <jansson.h>
#include <stddef.h>

#define ORG_EXISTS "SELECT 1 FROM organisations WHERE code = ?"
#define PERSON_EXISTS "SELECT 1 FROM people WHERE key = ?"
#define SERVICE_EXISTS "SELECT 1 FROM services WHERE code = ?"

/* open, done, dropped: what an agreed action can be. */
extern const char *const MEMBER_ACTION_STATUSES[];

/* A user error about one field (a path), formatted. Returns -1. */
__attribute__((format(printf, 3, 4))) int member_fail(err *e, const char *field, const char *fmt,
                                                      ...);
int member_one_of(const char *s, const char *const *choices);
/* "a, b, c" from a NULL-ended list. */
void member_join_choices(const char *const *choices, char *out, size_t size);

/* A text member: absent, null or "" gives NULL (an error when required); anything but a
 * string, or more than max bytes, is an error. */
int member_text(json_t *obj, const char *name, int required, size_t max, const char **out, err *e);
/* A real date written YYYY-MM-DD. */
int member_date(json_t *obj, const char *name, int required, const char **out, err *e);
/* One of choices; absent gives dflt. */
int member_enum(json_t *obj, const char *name, const char *const *choices, const char *dflt,
                const char **out, err *e);
/* The array member `name` (absent or null: *out NULL). */
int member_array(json_t *obj, const char *name, json_t **out, err *e);
/* That code names a row (sql selects by one text key); the error names path. */
int member_must_exist(db *d, const char *sql, const char *code, const char *path, const char *what,
                      err *e);

/* A list of agreed actions: [{"description", "owner" (a person's key), "due" (a date),
 * "status" (open, done, dropped)}], description required. */
int member_actions(db *d, json_t *arr, err *e);

#endif
