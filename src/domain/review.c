/* Contract reviews: validating a review object and writing it (with its attendees, findings
 * and actions) in one audited transaction. */
#include "domain/review.h"

#include "domain/json_member.h"
#include "domain/json_record.h"

#include <stdio.h>
#include <string.h>

/* The quality domains first, in the order a review takes them; then what the system leader
 * also looks at across providers. */
static const char *const DOMAINS[] = {"safety",       "effectiveness", "experience", "innovation",
                                      "productivity", "integration",   NULL};
static const char *const ASSURANCES[] = {"assured", "partly_assured", "not_assured", NULL};

#define CONTRACT_EXISTS "SELECT 1 FROM contracts WHERE code = ?"

/* Members a client may send back unchanged from a GET; not stored. */
static const char *const READ_ONLY[] = {
    "id",         "version",  "created_at",    "created_by",    "updated_at",
    "updated_by", "provider", "provider_name", "contract_name", NULL};

static int check_attendees(db *d, json_t *arr, err *e)
{
    size_t i, j;
    json_t *a;
    char path[64];
    static const char *const known[] = {"person",       "name",      "role", "specialty",
                                        "organisation", "clinician", NULL};
    json_array_foreach(arr, i, a)
    {
        snprintf(path, sizeof path, "attendees[%zu]", i);
        if (!json_is_object(a))
            return member_fail(e, path, "%s: expected {\"person\":KEY}", path);
        const char *k;
        json_t *v;
        json_object_foreach(a, k, v) if (!member_one_of(k, known))
        {
            snprintf(path, sizeof path, "attendees[%zu].%.20s", i, k);
            return member_fail(e, path, "%s: unknown field (known: person)", path);
        }
        const char *person;
        snprintf(path, sizeof path, "attendees[%zu].person", i);
        if (member_text(a, "person", 1, 64, &person, e))
            return member_fail(e, path, "%s: required: the key of a person", path);
        if (member_must_exist(d, PERSON_EXISTS, person, path, "person", e))
            return -1;
        for (j = 0; j < i; j++)
            if (strcmp(json_string_value(json_object_get(json_array_get(arr, j), "person")),
                       person) == 0)
                return member_fail(e, path, "%s: '%s' is listed twice", path, person);
    }
    return 0;
}

static int check_findings(json_t *arr, err *e)
{
    size_t i, j;
    json_t *f;
    char path[64];
    static const char *const known[] = {"domain", "finding", "assurance", NULL};
    json_array_foreach(arr, i, f)
    {
        snprintf(path, sizeof path, "findings[%zu]", i);
        if (!json_is_object(f))
            return member_fail(e, path, "%s: expected {\"domain\":..., \"finding\":...}", path);
        const char *k;
        json_t *v;
        json_object_foreach(f, k, v) if (!member_one_of(k, known))
        {
            snprintf(path, sizeof path, "findings[%zu].%.20s", i, k);
            return member_fail(e, path, "%s: unknown field (known: domain, finding, assurance)",
                               path);
        }
        const char *domain, *finding, *assurance;
        int rc = member_text(f, "domain", 1, 64, &domain, e);
        rc = rc ? rc : member_enum(f, "domain", DOMAINS, NULL, &domain, e);
        rc = rc ? rc : member_text(f, "finding", 1, REVIEW_TEXT_MAX, &finding, e);
        rc = rc ? rc : member_enum(f, "assurance", ASSURANCES, NULL, &assurance, e);
        if (rc) {
            char inner[80];
            snprintf(inner, sizeof inner, "findings[%zu].%.40s", i, e->field);
            err_prefix(e, "findings[%zu]", i);
            err_at(e, 0, inner);
            return -1;
        }
        for (j = 0; j < i; j++)
            if (strcmp(json_string_value(json_object_get(json_array_get(arr, j), "domain")),
                       domain) == 0) {
                snprintf(path, sizeof path, "findings[%zu].domain", i);
                return member_fail(e, path, "%s: '%s' is found twice: one finding per domain", path,
                                   domain);
            }
    }
    return 0;
}

/* id (0 for a new review) is not needed: a review has nothing that could loop back to it. */
static int validate(db *d, json_t *obj, int64_t id, err *e)
{
    (void)id;
    static const char *const known[] = {"contract", "held_on", "attendees",   "findings",
                                        "actions",  "summary", "next_review", NULL};
    if (!json_is_object(obj))
        return err_user(e, "a contract review is a JSON object");
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) if (!member_one_of(k, known) && !member_one_of(k, READ_ONLY))
    {
        char list[200];
        member_join_choices(known, list, sizeof list);
        return member_fail(e, k, "%.40s: unknown field (known: %s)", k, list);
    }
    const char *contract, *held_on, *next, *s;
    if (member_text(obj, "contract", 1, 64, &contract, e) ||
        member_must_exist(d, CONTRACT_EXISTS, contract, "contract", "contract", e) ||
        member_date(obj, "held_on", 1, &held_on, e) ||
        member_date(obj, "next_review", 0, &next, e) ||
        member_text(obj, "summary", 0, REVIEW_TEXT_MAX, &s, e))
        return -1;
    if (next && strcmp(next, held_on) <= 0)
        return member_fail(e, "next_review",
                           "next_review: value '%s': the next review must come after this one (%s)",
                           next, held_on);
    json_t *arr;
    if (member_array(obj, "attendees", &arr, e) || (arr && check_attendees(d, arr, e)))
        return -1;
    if (member_array(obj, "findings", &arr, e) || (arr && check_findings(arr, e)))
        return -1;
    if (member_array(obj, "actions", &arr, e) || (arr && member_actions(d, arr, e)))
        return -1;
    return 0;
}

static const char *str_or_null(json_t *obj, const char *name)
{
    const char *s = json_string_value(json_object_get(obj, name));
    return s && s[0] ? s : NULL;
}

/* Runs sql with text parameters ?2.. after the review id as ?1. */
static int run(db *d, const char *sql, int64_t id, const char *const *params, int n, err *e)
{
    db_stmt *s;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, id, e);
    for (int i = 0; i < n && !rc; i++)
        rc = db_bind_text(s, 2 + i, params[i], e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    return rc;
}

static int write_children(db *d, int64_t id, json_t *obj, err *e)
{
    static const char *const clear[] = {
        "DELETE FROM contract_review_attendees WHERE review_id = ?",
        "DELETE FROM contract_review_findings WHERE review_id = ?",
        "DELETE FROM contract_review_actions WHERE review_id = ?",
    };
    for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++)
        if (run(d, clear[i], id, NULL, 0, e))
            return -1;
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(obj, "attendees"), i, v)
    {
        const char *p[] = {str_or_null(v, "person")};
        if (run(d, "INSERT INTO contract_review_attendees (review_id, person_key) VALUES (?, ?)",
                id, p, 1, e))
            return -1;
    }
    json_array_foreach(json_object_get(obj, "findings"), i, v)
    {
        const char *p[] = {str_or_null(v, "domain"), str_or_null(v, "finding"),
                           str_or_null(v, "assurance")};
        if (run(d,
                "INSERT INTO contract_review_findings (review_id, domain, finding, assurance)"
                " VALUES (?, ?, ?, ?)",
                id, p, 3, e))
            return -1;
    }
    json_array_foreach(json_object_get(obj, "actions"), i, v)
    {
        char n[24];
        snprintf(n, sizeof n, "%zu", i + 1);
        const char *status = str_or_null(v, "status");
        const char *p[] = {n, str_or_null(v, "description"), str_or_null(v, "owner"),
                           str_or_null(v, "due"), status ? status : "open"};
        if (run(d,
                "INSERT INTO contract_review_actions (review_id, n, description, owner_key, due,"
                " status) VALUES (?, CAST(? AS INTEGER), ?, ?, ?, ?)",
                id, p, 5, e))
            return -1;
    }
    return 0;
}

static int bind_fields(db_stmt *s, json_t *obj, const char *actor, const char *now, err *e)
{
    int rc = db_bind_text(s, 1, str_or_null(obj, "contract"), e);
    rc = rc ? rc : db_bind_text(s, 2, str_or_null(obj, "held_on"), e);
    rc = rc ? rc : db_bind_text(s, 3, str_or_null(obj, "summary"), e);
    rc = rc ? rc : db_bind_text(s, 4, str_or_null(obj, "next_review"), e);
    rc = rc ? rc : db_bind_text(s, 5, now, e);
    rc = rc ? rc : db_bind_text(s, 6, actor, e);
    return rc;
}

static const json_record_kind REVIEW = {
    .table = "contract_reviews",
    .what = "contract review",
    .entity = "contract_review",
    .insert_sql = "INSERT INTO contract_reviews (contract_code, held_on, summary, next_review,"
                  " updated_at, updated_by, created_at, created_by)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    .update_sql = "UPDATE contract_reviews SET contract_code = ?, held_on = ?, summary = ?,"
                  " next_review = ?, updated_at = ?, updated_by = ?, version = version + 1"
                  " WHERE id = ? AND version = ?",
    .nbind = 6,
    .bind = bind_fields,
    .validate = validate,
    .children = write_children,
    .read_only = READ_ONLY,
};

int review_create(db *d, json_t *obj, const char *actor, int64_t *id, err *e)
{
    return json_record_create(d, &REVIEW, obj, actor, id, e);
}

int review_update(db *d, int64_t id, json_t *obj, const char *actor, err *e)
{
    return json_record_update(d, &REVIEW, id, obj, actor, e);
}
