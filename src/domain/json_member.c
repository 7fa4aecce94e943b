/* json_member: checking the members of a JSON record (a conversation, a contract review) the
 * same way everywhere, with errors that name the member as a path ("actions[1].due"). */
#include "domain/json_member.h"

#include "domain/entity.h"
#include "domain/row_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const MEMBER_ACTION_STATUSES[] = {"open", "done", "dropped", NULL};

/* A user error about one field (a path such as "actions[0].due"), named in the message by
 * the format's first %s. */
int member_fail(err *e, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[sizeof e->msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_user(e, "%s", msg);
    err_at(e, 0, field);
    return -1;
}

int member_one_of(const char *s, const char *const *choices)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(s, choices[i]) == 0)
            return 1;
    return 0;
}

void member_join_choices(const char *const *choices, char *out, size_t size)
{
    out[0] = '\0';
    for (int i = 0; choices[i]; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? ", " : "", choices[i]);
}

/* A text member: absent or null gives NULL; anything but a string is an error. */
int member_text(json_t *obj, const char *name, int required, size_t max, const char **out, err *e)
{
    json_t *v = json_object_get(obj, name);
    *out = NULL;
    if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
        if (required)
            return member_fail(e, name, "%s: required", name);
        return 0;
    }
    if (!json_is_string(v))
        return member_fail(e, name, "%s: expected text", name);
    if (json_string_length(v) > max) {
        char msg[64];
        snprintf(msg, sizeof msg, " (at most %zu bytes)", max);
        return member_fail(e, name, "%s: too long%s", name, msg);
    }
    *out = json_string_value(v);
    return 0;
}

int member_date(json_t *obj, const char *name, int required, const char **out, err *e)
{
    if (member_text(obj, name, required, 10, out, e)) {
        if (!required || json_object_get(obj, name))
            return member_fail(e, name, "%s: expected a date written YYYY-MM-DD", name);
        return -1;
    }
    if (*out && !entity_valid_date(*out))
        return member_fail(e, name, "%s: value '%s': expected a real date written YYYY-MM-DD", name,
                           *out);
    return 0;
}

int member_enum(json_t *obj, const char *name, const char *const *choices, const char *dflt,
                const char **out, err *e)
{
    if (member_text(obj, name, 0, 64, out, e))
        return -1;
    if (!*out) {
        *out = dflt;
        return 0;
    }
    if (!member_one_of(*out, choices)) {
        char list[128], msg[256];
        member_join_choices(choices, list, sizeof list);
        snprintf(msg, sizeof msg, "%s: value '%.40s': expected one of: %s", name, *out, list);
        err_user(e, "%s", msg);
        err_at(e, 0, name);
        return -1;
    }
    return 0;
}

/* The array member `name` (absent or null: an empty array). */
int member_array(json_t *obj, const char *name, json_t **out, err *e)
{
    json_t *v = json_object_get(obj, name);
    *out = v && !json_is_null(v) ? v : NULL;
    if (*out && !json_is_array(*out))
        return member_fail(e, name, "%s: expected a list", name);
    return 0;
}

/* Checks that code names a row (sql selects by one text key); the error names path. */
int member_must_exist(db *d, const char *sql, const char *code, const char *path, const char *what,
                      err *e)
{
    int found = 0;
    if (row_exists(d, sql, 1, code, &found, e))
        return -1;
    if (!found) {
        err_user(e, "%s: no %s with code '%.64s'", path, what, code);
        err_at(e, 0, path);
        return -1;
    }
    return 0;
}

int member_actions(db *d, json_t *arr, err *e)
{
    size_t i;
    json_t *a;
    char path[64];
    static const char *const known[] = {"n",   "description", "owner",   "owner_name",
                                        "due", "status",      "overdue", NULL};
    json_array_foreach(arr, i, a)
    {
        snprintf(path, sizeof path, "actions[%zu]", i);
        if (!json_is_object(a))
            return member_fail(
                e, path, "%s: expected {\"description\":..., \"owner\":KEY, \"due\":DATE}", path);
        const char *k;
        json_t *v;
        json_object_foreach(a, k, v) if (!member_one_of(k, known))
        {
            snprintf(path, sizeof path, "actions[%zu].%.20s", i, k);
            return member_fail(e, path,
                               "%s: unknown field (known: description, owner, due, status)", path);
        }
        const char *desc, *owner, *due, *status;
        int rc = member_text(a, "description", 1, 2000, &desc, e);
        if (!rc && !(rc = member_text(a, "owner", 0, 64, &owner, e)) && owner) {
            snprintf(path, sizeof path, "actions[%zu].owner", i);
            rc = member_must_exist(d, PERSON_EXISTS, owner, path, "person", e);
            if (rc)
                return -1;
        }
        if (!rc)
            rc = member_date(a, "due", 0, &due, e);
        if (!rc)
            rc = member_enum(a, "status", MEMBER_ACTION_STATUSES, "open", &status, e);
        if (rc) {
            char inner[80];
            snprintf(inner, sizeof inner, "actions[%zu].%.40s", i, e->field);
            err_prefix(e, "actions[%zu]", i);
            err_at(e, 0, inner);
            return -1;
        }
    }
    return 0;
}
