/* Follows: which organisations, indicators and measures a user wants to hear about. */
#include "domain/alert.h"

#include "domain/row_json.h"
#include "util/clock.h"

#include <stdio.h>
#include <string.h>

#define CODE_MAX 64

int follow_check_kind(const char *kind, err *e)
{
    if (kind && (strcmp(kind, "organisation") == 0 || strcmp(kind, "indicator") == 0 ||
                 strcmp(kind, "measure") == 0))
        return 0;
    return err_field(e, "kind",
                     "'%.40s' is not something to follow; follow an organisation, "
                     "an indicator or a measure",
                     kind ? kind : "");
}

/* Codes are what the CSV files use: letters, digits and - _ . (a measure id has underscores). */
static int check_code(const char *code, err *e)
{
    size_t n = code ? strlen(code) : 0;
    if (n == 0 || n > CODE_MAX ||
        strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789-_.") != n)
        return err_field(e, "code", "'%.40s': a code of 1 to %d letters, digits, '-', '_' or '.'",
                         code ? code : "", CODE_MAX);
    return 0;
}

static int check_exists(db *d, const char *kind, const char *code, err *e)
{
    if (strcmp(kind, "measure") == 0)
        return 0; /* measures are definition files, not rows: a follow may come before them */
    int found;
    const char *sql = strcmp(kind, "indicator") == 0
                          ? "SELECT 1 FROM indicators WHERE code = ?1"
                          : "SELECT 1 FROM organisations WHERE code = ?1 UNION ALL"
                            " SELECT 1 FROM services WHERE code = ?1";
    if (row_exists(d, sql, 1, code, &found, e))
        return -1;
    if (!found) {
        err_not_found(e, "code: no %s '%s'",
                      strcmp(kind, "indicator") == 0 ? "indicator" : "organisation or service",
                      code);
        err_at(e, 0, "code");
        return -1;
    }
    return 0;
}

int follow_add(db *d, int64_t user_id, const char *kind, const char *code, int *created, err *e)
{
    *created = 0;
    if (follow_check_kind(kind, e) || check_code(code, e) || check_exists(d, kind, code, e))
        return -1;
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    if (db_begin(d, e))
        return -1;
    db_stmt *s;
    int rc = db_prepare(d,
                        "INSERT INTO follows (user_id, kind, code, created_at) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (user_id, kind, code) DO NOTHING",
                        &s, e);
    if (!rc) {
        rc = db_bind_int64(s, 1, user_id, e);
        if (!rc)
            rc = db_bind_text(s, 2, kind, e);
        if (!rc)
            rc = db_bind_text(s, 3, code, e);
        if (!rc)
            rc = db_bind_text(s, 4, now, e);
        if (!rc)
            rc = db_step(s, e) < 0 ? -1 : 0;
        db_finalize(s);
    }
    if (!rc)
        *created = db_changes(d) == 1;
    /* From now on: what the data show today is the starting point, not news. */
    if (!rc && *created)
        rc = alerts_baseline(d, kind, code, e);
    if (rc) {
        db_rollback(d);
        return -1;
    }
    return db_commit(d, e);
}

int follow_remove(db *d, int64_t user_id, const char *kind, const char *code, int *found, err *e)
{
    *found = 0;
    if (follow_check_kind(kind, e))
        return -1;
    db_stmt *s;
    if (db_prepare(d, "DELETE FROM follows WHERE user_id = ? AND kind = ? AND code = ?", &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, user_id, e);
    if (!rc)
        rc = db_bind_text(s, 2, kind, e);
    if (!rc)
        rc = db_bind_text(s, 3, code ? code : "", e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    if (!rc)
        *found = db_changes(d) > 0;
    return rc;
}

int follow_list_json(db *d, int64_t user_id, json_t **out, err *e)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)user_id);
    const char *params[] = {id};
    json_t *items = json_array();
    if (row_json_rows(d,
                      "SELECT f.kind AS kind, f.code AS code,"
                      " COALESCE(o.name, v.name, i.name) AS name, f.created_at AS created_at"
                      " FROM follows f"
                      " LEFT JOIN organisations o ON f.kind = 'organisation' AND o.code = f.code"
                      " LEFT JOIN services v ON f.kind = 'organisation' AND v.code = f.code"
                      " LEFT JOIN indicators i ON f.kind = 'indicator' AND i.code = f.code"
                      " WHERE f.user_id = CAST(?1 AS INTEGER) ORDER BY f.kind, f.code",
                      "ssss", params, 1, items, e)) {
        json_decref(items);
        return -1;
    }
    *out = json_pack("{s:o}", "items", items);
    return 0;
}
