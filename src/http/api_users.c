/* The users API: list, create and change accounts (admins only; the route
 * table in auth.c says so). Passwords go in, never come out. */
#include "http/auth.h"

#include "domain/user.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static json_t *user_json(const user_account *u)
{
    return json_pack("{s:I, s:s, s:s, s:o, s:b}", "id", (json_int_t)u->id, "email", u->email,
                     "role", u->role, "org", u->org[0] ? json_string(u->org) : json_null(),
                     "disabled", u->disabled);
}

static int add_item(void *items, const user_account *u, err *e)
{
    (void)e;
    json_array_append_new(items, user_json(u));
    return 0;
}

int http_users_list(const http_request *req, http_response *resp)
{
    err e = {0};
    json_t *items = json_array();
    if (user_each(req->db, add_item, items, &e)) {
        json_decref(items);
        return http_error_from(resp, 500, &e);
    }
    http_json(resp, 200, json_pack("{s:o}", "items", items));
    return 0;
}

/* A member that must be a string (or absent, or null when nullable). Returns -1
 * after a 422. */
static int string_field(json_t *body, const char *name, int nullable, const char **out,
                        http_response *resp)
{
    json_t *v = json_object_get(body, name);
    *out = NULL;
    if (!v || (nullable && json_is_null(v)))
        return 0;
    if (!json_is_string(v)) {
        http_error(resp, 422, name, "%s must be a string%s", name, nullable ? " or null" : "");
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

int http_users_create(const http_request *req, http_response *resp)
{
    static const char *const fields[] = {"email", "role", "org", "password", NULL};
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    const char *email_in, *role, *org, *password = NULL;
    err e = {0};
    char email[USER_EMAIL_MAX + 1];
    user_account u;
    int found = 0;
    if (http_reject_unknown(body, fields, resp) ||
        string_field(body, "email", 0, &email_in, resp) ||
        string_field(body, "role", 0, &role, resp) || string_field(body, "org", 1, &org, resp) ||
        string_field(body, "password", 0, &password, resp))
        goto done;
    if (user_check_email(email_in, email, &e)) {
        http_error(resp, 422, "email", "%s", e.msg);
        goto done;
    }
    if (user_check_role(role, &e)) {
        http_error(resp, 422, "role", "%s", e.msg);
        goto done;
    }
    if (user_check_password(password, &e)) {
        http_error(resp, 422, "password", "%s", e.msg);
        goto done;
    }
    if (user_check_org(req->db, role, org, &e)) {
        if (e.kind == ERR_USER)
            http_error(resp, 422, "org", "%s", e.msg);
        else
            http_error_from(resp, 500, &e);
        goto done;
    }
    if (user_find_email(req->db, email, &u, &found, &e)) {
        http_error_from(resp, 500, &e);
        goto done;
    }
    if (found) {
        http_error(resp, 409, "email", "an account for %s already exists", email);
        goto done;
    }
    if (user_create(req->db, email, role, org, password, req->user->email, &u, &e)) {
        http_error_from(resp, 422, &e);
        goto done;
    }
    http_json(resp, 201, user_json(&u));
done:
    if (password)
        sodium_memzero((char *)password, strlen(password));
    json_decref(body);
    return 0;
}

/* Ids are decimal row ids; anything else names no account. */
static int parse_id(const char *s, int64_t *id)
{
    if (!s || !*s || strlen(s) > 18)
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    *id = strtoll(s, NULL, 10);
    return 0;
}

int http_users_update(const http_request *req, http_response *resp)
{
    static const char *const fields[] = {"role", "org", "disabled", NULL};
    int64_t id;
    user_account before, after;
    int found = 0;
    err e = {0};
    if (req->nparams < 1 || parse_id(req->params[0], &id))
        return http_error(resp, 404, NULL, "no account with id '%s'",
                          req->nparams ? req->params[0] : "");
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    user_change c = {.disabled = -1};
    json_t *dis = json_object_get(body, "disabled");
    if (http_reject_unknown(body, fields, resp) || string_field(body, "role", 0, &c.role, resp) ||
        string_field(body, "org", 1, &c.org, resp))
        goto done;
    c.set_org = json_object_get(body, "org") != NULL;
    if (dis) {
        if (!json_is_boolean(dis)) {
            http_error(resp, 422, "disabled", "disabled must be true or false");
            goto done;
        }
        c.disabled = json_is_true(dis);
    }
    if (c.role && user_check_role(c.role, &e)) {
        http_error(resp, 422, "role", "%s", e.msg);
        goto done;
    }
    if (user_find_id(req->db, id, &before, &found, &e)) {
        http_error_from(resp, 500, &e);
        goto done;
    }
    if (!found) {
        http_error(resp, 404, NULL, "no account with id %lld", (long long)id);
        goto done;
    }
    if (user_check_org(req->db, c.role ? c.role : before.role, c.set_org ? c.org : before.org,
                       &e)) {
        if (e.kind == ERR_USER)
            http_error(resp, 422, "org", "%s", e.msg);
        else
            http_error_from(resp, 500, &e);
        goto done;
    }
    if (user_update(req->db, id, &c, req->user->email, &after, &e)) {
        http_error_from(resp, 422, &e);
        goto done;
    }
    http_json(resp, 200, user_json(&after));
done:
    json_decref(body);
    return 0;
}
