/* Contract reviews: reading them back as JSON, only for those allowed to see them. */
#include "domain/review.h"

#include "domain/row_json.h"

#include <stdio.h>
#include <string.h>

/* The condition a viewer may see, over contracts aliased `k`, with its parameter as ?N (the
 * parameter after the query's own: PostgreSQL refuses a gap in the numbers). */
static void visible_sql(const conversation_viewer *v, int n, char *out, size_t size)
{
    if (v && v->all)
        snprintf(out, size, "1 = 1");
    else if (v && v->org && v->org[0])
        snprintf(out, size, "k.provider_code = ?%d", n);
    else
        snprintf(out, size, "1 = 0");
}

static const char *viewer_org(const conversation_viewer *v)
{
    return v && !v->all && v->org && v->org[0] ? v->org : NULL;
}

/* The one object sql finds (params as for row_json_rows), or NULL. */
static int one_row(db *d, const char *sql, const char *types, const char *const *params, int n,
                   json_t **out, err *e)
{
    json_t *rows = json_array();
    int rc = row_json_rows(d, sql, types, params, n, rows, e);
    *out = rc || json_array_size(rows) == 0 ? NULL : json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return rc;
}

/* Today is ?2 for the actions' overdue flag. */
static int fill_children(db *d, const char *id, json_t *obj, err *e)
{
    char today[11];
    conversation_today(today);
    const char *const params[] = {id, today};
    json_t *arr = json_array();
    json_object_set_new(obj, "attendees", arr);
    int rc = row_json_rows(d,
                           "SELECT a.person_key AS person, p.name, p.role, p.specialty,"
                           " p.organisation_code AS organisation,"
                           " CASE WHEN p.role = 'clinician' THEN 1 ELSE 0 END AS clinician"
                           " FROM contract_review_attendees a JOIN people p ON p.key = a.person_key"
                           " WHERE a.review_id = CAST(?1 AS INTEGER) ORDER BY p.name, p.key",
                           "sssssb", params, 1, arr, e);
    arr = json_array();
    json_object_set_new(obj, "findings", arr);
    rc = rc ? rc
            : row_json_rows(d,
                            "SELECT domain, finding, assurance FROM contract_review_findings"
                            " WHERE review_id = CAST(?1 AS INTEGER) ORDER BY CASE domain"
                            " WHEN 'safety' THEN 1 WHEN 'effectiveness' THEN 2"
                            " WHEN 'experience' THEN 3 WHEN 'innovation' THEN 4"
                            " WHEN 'productivity' THEN 5 ELSE 6 END",
                            "sss", params, 1, arr, e);
    arr = json_array();
    json_object_set_new(obj, "actions", arr);
    rc = rc ? rc
            : row_json_rows(d,
                            "SELECT a.n, a.description, a.owner_key AS owner, p.name AS owner_name,"
                            " a.due, a.status, CASE WHEN a.status = 'open' AND a.due IS NOT NULL"
                            " AND a.due < ?2 THEN 1 ELSE 0 END AS overdue"
                            " FROM contract_review_actions a LEFT JOIN people p ON p.key ="
                            " a.owner_key WHERE a.review_id = CAST(?1 AS INTEGER) ORDER BY a.n",
                            "isssssb", params, 2, arr, e);
    return rc;
}

int review_get(db *d, int64_t id, const conversation_viewer *v, json_t **out, err *e)
{
    char key[32], sql[1024], visible[64];
    visible_sql(v, 2, visible, sizeof visible);
    snprintf(key, sizeof key, "%lld", (long long)id);
    snprintf(sql, sizeof sql,
             "SELECT r.id, r.version, r.contract_code AS contract, k.provider_code AS provider,"
             " o.name AS provider_name, r.held_on, r.summary, r.next_review, r.created_at,"
             " r.created_by, r.updated_at, r.updated_by FROM contract_reviews r"
             " JOIN contracts k ON k.code = r.contract_code"
             " JOIN organisations o ON o.code = k.provider_code"
             " WHERE r.id = CAST(?1 AS INTEGER) AND %s",
             visible);
    const char *params[] = {key, viewer_org(v)};
    if (one_row(d, sql, "iissssssssss", params, 2, out, e))
        return -1;
    if (!*out)
        return err_not_found(e, "no contract review with id %s", key);
    if (fill_children(d, key, *out, e)) {
        json_decref(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

int review_list(db *d, const char *contract, const char *provider, const conversation_viewer *v,
                json_t **out, err *e)
{
    char today[11], sql[2048], visible[64];
    conversation_today(today);
    visible_sql(v, 4, visible, sizeof visible);
    snprintf(sql, sizeof sql,
             "SELECT r.id, r.contract_code AS contract, k.provider_code AS provider,"
             " o.name AS provider_name, r.held_on, r.next_review,"
             " (SELECT COUNT(*) FROM contract_review_attendees a WHERE a.review_id = r.id)"
             " AS attendees,"
             " (SELECT COUNT(*) FROM contract_review_attendees a JOIN people p ON p.key ="
             " a.person_key WHERE a.review_id = r.id AND p.role = 'clinician') AS clinicians,"
             " (SELECT COUNT(*) FROM contract_review_findings f WHERE f.review_id = r.id)"
             " AS findings,"
             " (SELECT COUNT(*) FROM contract_review_actions a WHERE a.review_id = r.id"
             " AND a.status = 'open') AS open_actions,"
             " (SELECT COUNT(*) FROM contract_review_actions a WHERE a.review_id = r.id"
             " AND a.status = 'open' AND a.due IS NOT NULL AND a.due < ?3) AS overdue_actions"
             " FROM contract_reviews r JOIN contracts k ON k.code = r.contract_code"
             " JOIN organisations o ON o.code = k.provider_code"
             " WHERE (?1 IS NULL OR r.contract_code = ?1) AND (?2 IS NULL OR k.provider_code = ?2)"
             " AND %s ORDER BY r.held_on DESC, r.id DESC",
             visible);
    const char *params[] = {contract, provider, today, viewer_org(v)};
    json_t *items = json_array();
    if (row_json_rows(d, sql, "isssssiiiii", params, 4, items, e)) {
        json_decref(items);
        return -1;
    }
    *out = json_pack("{s:o}", "items", items);
    return 0;
}
