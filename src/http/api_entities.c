#include "http/api_entities.h"

#include "domain/observation.h"
#include "domain/record_json.h"
#include "domain/referrers.h"
#include "domain/row_version.h"
#include "domain/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_LIMIT_DEFAULT 50
#define LIST_LIMIT_MAX 1000

const char *api_actor(const http_request *req)
{
    return req->user ? req->user->email : "anonymous";
}

/* The field naming the organisation that owns a row, for the provider role. */
static int owner_field(const entity_def *def)
{
    static const struct {
        const char *kind, *column;
    } owners[] = {
        {"organisations", "code"}, {"people", "organisation"},       {"sites", "organisation"},
        {"services", "provider"},  {"observations", "organisation"},
    };
    for (size_t i = 0; i < sizeof owners / sizeof owners[0]; i++)
        if (strcmp(def->kind, owners[i].kind) == 0)
            return entity_field_index(def, owners[i].column);
    return -1;
}

int api_kind_has_owner(const entity_def *def)
{
    return owner_field(def) >= 0;
}

static int service_provider(db *d, const char *service, char *out, size_t size, err *e)
{
    db_stmt *s;
    out[0] = '\0';
    if (db_prepare(d, "SELECT provider_code FROM services WHERE code = ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, service, e);
    if (!rc)
        rc = db_step(s, e);
    if (rc == DB_ROW)
        snprintf(out, size, "%s", db_col_text(s, 0));
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

/* Whether the user may write a row whose values are `values` (field texts).
 * Only providers are limited: to rows their organisation owns. */
static int may_write(const http_request *req, const entity_def *def, const char *const *values,
                     int *ok, err *e)
{
    *ok = 1;
    if (!req->user || req->user->role != ROLE_PROVIDER)
        return 0;
    int f = owner_field(def);
    if (f < 0) {
        *ok = 0;
        return 0;
    }
    const char *owner = values[f];
    char provider[33];
    if (!owner && strcmp(def->kind, "observations") == 0) {
        const char *service = values[entity_field_index(def, "service")];
        if (service && service_provider(req->db, service, provider, sizeof provider, e))
            return -1;
        owner = provider;
    }
    *ok = owner && strcmp(owner, req->user->org) == 0;
    return 0;
}

int api_import_row_allowed(void *ctx, const entity_row *row, int *ok, err *e)
{
    const http_request *req = ctx;
    if (may_write(req, row->def, row->text, ok, e))
        return -1;
    if (*ok)
        return 0;
    int f = owner_field(row->def);
    if (!row->text[f] && strcmp(row->def->kind, "observations") == 0)
        f = entity_field_index(row->def, "service");
    entity_row_fail(row, f, e, "a provider may import only its own organisation's rows (%s)",
                    req->user->org);
    return 0;
}

static const entity_def *kind_of(const http_request *req, http_response *resp)
{
    const entity_def *def = entity_find(req->params[0]);
    if (!def || strcmp(def->kind, req->params[0]) != 0) {
        http_error(resp, 404, NULL, "no such kind '%.40s'; the kinds are: %s", req->params[0],
                   entity_kinds_list());
        return NULL;
    }
    if (def->commissioners_only && (!req->user || req->user->role == ROLE_PROVIDER)) {
        http_error(resp, 403, NULL, "%s are seen by commissioners only", def->kind);
        return NULL;
    }
    return def;
}

/* The key from the path: one segment, or three for an observation. */
static int path_key(const http_request *req, const entity_def *def, const char *key[4],
                    http_response *resp)
{
    err e = {0};
    memset(key, 0, 4 * sizeof *key);
    int words = req->nparams - 1;
    if (def->nkey == 4) {
        if (words != 3)
            return http_error(resp, 404, NULL,
                              "an observation is at /api/v1/observations/INDICATOR/SUBJECT/PERIOD"),
                   -1;
        if (observation_key(req->db, req->params[1], req->params[2], req->params[3], key, &e))
            return http_error_from(resp, 400, &e), -1;
        return 0;
    }
    if (words != 1)
        return http_error(resp, 404, NULL, "%s are at /api/v1/%s/CODE", def->kind, def->kind), -1;
    key[0] = req->params[1];
    return 0;
}

/* Reads people only within a provider's own organisation: names are personal data. */
static int hides_people(const http_request *req, const entity_def *def)
{
    return req->user && req->user->role == ROLE_PROVIDER && strcmp(def->kind, "people") == 0;
}

typedef struct collect {
    json_t *items;
} collect;

static int add_item(void *ctx, const entity_record *rec, err *e)
{
    (void)e;
    json_array_append_new(((collect *)ctx)->items, record_json(rec));
    return 0;
}

typedef struct list_query {
    const entity_def *def;
    store_filter filters[ENTITY_MAX_FIELDS];
    store_page page;
    http_response *resp;
    int failed;
} list_query;

static int parse_count(const char *name, const char *v, long min, long max, long *out,
                       http_response *resp)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < min || n > max)
        return http_error(resp, 400, name, "%s: expected a whole number from %ld to %ld", name, min,
                          max),
               -1;
    *out = n;
    return 0;
}

static int list_arg(void *ctx, const char *k, const char *v)
{
    list_query *q = ctx;
    const entity_def *def = q->def;
    if (strcmp(k, "limit") == 0)
        return q->failed = parse_count(k, v, 1, LIST_LIMIT_MAX, &q->page.limit, q->resp);
    if (strcmp(k, "offset") == 0)
        return q->failed = parse_count(k, v, 0, 1L << 40, &q->page.offset, q->resp);
    if (strcmp(k, "sort") == 0) {
        q->page.desc = v[0] == '-';
        q->page.sort = entity_field_index(def, v + q->page.desc);
        if (q->page.sort < 0) {
            http_error(q->resp, 400, "sort", "sort: no field '%.40s' in %s", v, def->kind);
            return q->failed = -1; /* non-zero stops at the first bad parameter */
        }
        return 0;
    }
    int f = entity_field_index(def, k);
    if (f < 0) {
        http_error(q->resp, 400, k,
                   "unknown query parameter '%.40s': filter by a field of %s, or use "
                   "limit, offset and sort",
                   k, def->kind);
        return q->failed = -1;
    }
    field_type t = def->fields[f].type;
    if (t == FT_NUMBER || t == FT_INTEGER) {
        char *end;
        strtod(v, &end);
        if (!*v || *end) {
            http_error(q->resp, 400, k, "%s: expected a number", k);
            return q->failed = -1;
        }
    }
    if (q->page.nfilters < ENTITY_MAX_FIELDS)
        q->filters[q->page.nfilters++] = (store_filter){f, v};
    return 0;
}

int api_entity_list(const http_request *req, http_response *resp)
{
    const entity_def *def = kind_of(req, resp);
    if (!def)
        return 0;
    list_query q = {.def = def, .resp = resp};
    q.page.filters = q.filters;
    q.page.sort = -1;
    q.page.limit = LIST_LIMIT_DEFAULT;
    if (http_query_each(req, list_arg, &q) || q.failed)
        return 0;
    if (hides_people(req, def) && q.page.nfilters < ENTITY_MAX_FIELDS)
        q.filters[q.page.nfilters++] =
            (store_filter){entity_field_index(def, "organisation"), req->user->org};
    collect c = {json_array()};
    int64_t total = 0;
    err e = {0};
    if (store_list(req->db, def, &q.page, add_item, &c, &total, &e)) {
        json_decref(c.items);
        return http_error_from(resp, 400, &e);
    }
    http_json(resp, 200,
              json_pack("{s:o, s:I, s:I, s:I}", "items", c.items, "total", (json_int_t)total,
                        "limit", (json_int_t)q.page.limit, "offset", (json_int_t)q.page.offset));
    return 0;
}

/* The stored row with this key as JSON, or NULL (none, or an error in e). */
static json_t *fetch(db *d, const entity_def *def, const char *const *key, err *e)
{
    collect c = {json_array()};
    json_t *one = NULL;
    if (store_each(d, def, key, 1, add_item, &c, e) == 0 && json_array_size(c.items) == 1)
        one = json_incref(json_array_get(c.items, 0));
    json_decref(c.items);
    return one;
}

static int not_found(http_response *resp, const entity_def *def, const char *const *key)
{
    char joined[200] = "";
    size_t n = 0;
    for (int k = 0; k < def->nkey && n < sizeof joined; k++)
        if (key[k] && *key[k])
            n += (size_t)snprintf(joined + n, sizeof joined - n, "%s%s", n ? "/" : "", key[k]);
    return http_error(resp, 404, NULL, "no %s '%s'", def->singular, joined);
}

int api_entity_get(const http_request *req, http_response *resp)
{
    const entity_def *def = kind_of(req, resp);
    const char *key[4];
    if (!def || path_key(req, def, key, resp))
        return 0;
    err e = {0};
    json_t *obj = fetch(req->db, def, key, &e);
    if (!obj)
        return e.kind ? http_error_from(resp, 400, &e) : not_found(resp, def, key);
    if (hides_people(req, def)) {
        const char *org = json_string_value(json_object_get(obj, "organisation"));
        if (!org || strcmp(org, req->user->org) != 0) {
            json_decref(obj);
            return http_error(resp, 403, NULL,
                              "people of other organisations are not shown to "
                              "providers");
        }
    }
    http_json(resp, 200, obj);
    return 0;
}

/* Values of the stored row with row's key, for the provider check on updates. */
static int stored_owner_ok(const http_request *req, const entity_def *def, const char *const *key,
                           int *ok, err *e)
{
    *ok = 1;
    if (!req->user || req->user->role != ROLE_PROVIDER)
        return 0;
    json_t *old = fetch(req->db, def, key, e);
    if (!old)
        return e->kind ? -1 : 0;
    const char *values[ENTITY_MAX_FIELDS] = {0};
    for (int f = 0; f < def->nfields; f++)
        values[f] = json_string_value(json_object_get(old, def->fields[f].column));
    int rc = may_write(req, def, values, ok, e);
    json_decref(old);
    return rc;
}

/* POST (create) and PUT (update) share everything but the existence rule. */
static int write_one(const http_request *req, http_response *resp, int create)
{
    const entity_def *def = kind_of(req, resp);
    const char *key[4];
    if (!def || (!create && path_key(req, def, key, resp)))
        return 0;
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    err e = {0};
    entity_row row;
    store *st = NULL;
    int status = 422,
        rc = record_row_from_json(def, body, create ? NULL : (const char *const *)key, &row, &e);
    int64_t version = 0;
    if (!rc && !create)
        rc = row_version_from_json(body, def->singular, &version, &e);
    int ok = 1, found = 0;
    if (!rc)
        rc = db_begin(req->db, &e);
    int in_tx = !rc;
    if (!rc)
        rc = store_open(req->db, def, &st, &e);
    if (!rc)
        rc = store_validate(st, &row, req->db, &e);
    if (!rc)
        rc = store_exists(st, &row, &found, &e);
    if (!rc && create == found) {
        status = create ? 409 : 404;
        char k[256];
        entity_row_key(&row, k, sizeof k);
        rc = err_user(&e, create ? "%s '%s' already exists; update it with PUT" : "no %s '%s'",
                      def->singular, k);
    }
    if (!rc && !create)
        rc = stored_owner_ok(req, def, (const char *const *)key, &ok, &e);
    if (!rc && ok)
        rc = may_write(req, def, row.text, &ok, &e);
    if (!rc && !ok) {
        status = 403;
        rc = err_user(&e, "a provider may change only its own organisation's %s", def->kind);
    }
    store_outcome outcome;
    if (!rc)
        rc = store_upsert(st, &row, api_actor(req), version, &outcome, &e);
    store_close(st);
    if (!rc)
        rc = db_commit(req->db, &e);
    else if (in_tx)
        db_rollback(req->db);
    if (rc) {
        json_decref(body);
        entity_row_clear(&row);
        return http_error_from(resp, status, &e);
    }
    const char *stored[4] = {0};
    for (int k = 0; k < def->nkey; k++)
        stored[k] = row.text[def->key[k]] ? row.text[def->key[k]] : "";
    json_t *obj = fetch(req->db, def, stored, &e);
    entity_row_clear(&row);
    json_decref(body);
    if (!obj)
        return http_error_from(resp, 500, &e);
    http_json(resp, create ? 201 : 200, obj);
    return 0;
}

int api_entity_create(const http_request *req, http_response *resp)
{
    return write_one(req, resp, 1);
}

int api_entity_update(const http_request *req, http_response *resp)
{
    return write_one(req, resp, 0);
}

/* A row others refer to stays: answers 409 naming them and returns 1; 0 when
 * nothing refers to it; -1 on a database error (in e). */
static int refuse_referred(const http_request *req, http_response *resp, const entity_def *def,
                           const char *const *key, err *e)
{
    strbuf who = STRBUF_INIT;
    int64_t count = 0;
    int rc = referrers_describe(req->db, def, key, &who, &count, e);
    if (!rc && count > 0) {
        http_error(resp, 409, NULL, "%s '%s' is referred to by %s; remove or change those first",
                   def->singular, key[0], strbuf_str(&who));
        rc = 1;
    }
    strbuf_free(&who);
    return rc;
}

int api_entity_delete(const http_request *req, http_response *resp)
{
    const entity_def *def = kind_of(req, resp);
    const char *key[4];
    if (!def || path_key(req, def, key, resp))
        return 0;
    err e = {0};
    int ok = 1, found = 0, rc = db_begin(req->db, &e);
    if (rc)
        return http_error_from(resp, 500, &e);
    rc = stored_owner_ok(req, def, key, &ok, &e);
    if (!rc &&
        (!ok || (req->user && req->user->role == ROLE_PROVIDER && !api_kind_has_owner(def)))) {
        db_rollback(req->db);
        return http_error(resp, 403, NULL, "a provider may delete only its own organisation's %s",
                          def->kind);
    }
    if (!rc && (rc = refuse_referred(req, resp, def, key, &e)) > 0) {
        db_rollback(req->db);
        return 0;
    }
    if (!rc)
        rc = store_delete(req->db, def, key, api_actor(req), &found, &e);
    if (!rc && !found) {
        db_rollback(req->db);
        return not_found(resp, def, key);
    }
    if (rc) {
        db_rollback(req->db);
        return http_error_from(resp, 500, &e);
    }
    if (db_commit(req->db, &e))
        return http_error(resp, 409, NULL,
                          "%s is still referred to by other rows (%s); remove or change those "
                          "first",
                          def->singular, e.msg);
    http_body(resp, 204, NULL, NULL, 0);
    return 0;
}
