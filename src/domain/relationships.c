/* The relationship map: per provider, specialty and service, when we last talked and what
 * is open; the gaps; the network of who talked with whom; the organisation matrix. */
#include "domain/relationships.h"

#include "domain/opportunity.h"
#include "domain/row_json.h"
#include "domain/signals.h"
#include "util/date.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The conversations the viewer may see, and which organisations took part in each. */
#define VISIBLE_CTE                                                                                \
    "WITH vis AS (SELECT c.id, c.held_on FROM conversations c WHERE %s),"                          \
    " co AS (SELECT conversation_id AS cid, org_code AS org FROM conversation_organisations"       \
    " UNION SELECT cp.conversation_id, p.organisation_code FROM conversation_participants cp"      \
    " JOIN people p ON p.key = cp.person_key WHERE cp.side = 'provider'"                           \
    " AND p.organisation_code IS NOT NULL) "

#define PROVIDER_KINDS                                                                             \
    "('acute_trust', 'community_trust', 'mental_health_trust', 'hospice', 'gp_federation',"        \
    " 'voluntary', 'local_authority')"

/* Prepares fmt, whose one %s is replaced by the viewer's condition, and binds the viewer. *idx is
 * the next parameter number. */
static int prepare_visible(db *d, const char *fmt, const conversation_viewer *v, db_stmt **s,
                           int *idx, err *e)
{
    strbuf sql = STRBUF_INIT;
    const char *at = strstr(fmt, "%s");
    strbuf_add(&sql, fmt, (size_t)(at - fmt));
    strbuf_adds(&sql, conversation_visible_sql(v));
    strbuf_adds(&sql, at + 2);
    int rc = db_prepare(d, sql.buf, s, e);
    strbuf_free(&sql);
    if (rc)
        return -1;
    *idx = 1;
    if (conversation_bind_visible(*s, idx, v, e)) {
        db_finalize(*s);
        return -1;
    }
    return 0;
}

static void money(double gbp, char *out, size_t size)
{
    if (gbp >= 1e6)
        snprintf(out, size, "£%.1fm", gbp / 1e6);
    else
        snprintf(out, size, "£%.0fk", gbp / 1e3);
}

/* Open opportunities (not released or dismissed) per organisation: {org:{n,gbp}}. */
static int open_opportunities(db *d, json_t *by_org, err *e)
{
    opportunity_list l;
    if (opportunities_build(d, NULL, &l, e))
        return -1;
    for (size_t i = 0; i < l.n; i++) {
        const opportunity *o = &l.items[i];
        if (strcmp(o->status, "released") == 0 || strcmp(o->status, "dismissed") == 0)
            continue;
        json_t *t = json_object_get(by_org, o->org);
        if (!t) {
            t = json_pack("{s:i, s:f}", "n", 0, "gbp", 0.0);
            json_object_set_new(by_org, o->org, t);
        }
        json_object_set_new(t, "n", json_integer(json_integer_value(json_object_get(t, "n")) + 1));
        json_object_set_new(t, "gbp",
                            json_real(json_real_value(json_object_get(t, "gbp")) + o->gbp));
    }
    opportunity_list_free(&l);
    return 0;
}

/* The organisation a series belongs to: itself, or a service's provider. */
static int owner_of(db *d, const char *code, char *out, size_t size, err *e)
{
    db_stmt *s;
    snprintf(out, size, "%s", code);
    if (db_prepare(d, "SELECT provider_code FROM services WHERE code = ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, code, e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW)
        snprintf(out, size, "%s", db_col_text(s, 0));
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static void bump(json_t *counts, const char *org)
{
    json_object_set_new(counts, org,
                        json_integer(json_integer_value(json_object_get(counts, org)) + 1));
}

/* Recent concerns per organisation: {org:n}. */
static int recent_concerns(db *d, json_t *counts, err *e)
{
    json_t *sig;
    if (signals_build(d, &sig, e))
        return -1;
    size_t i;
    json_t *it;
    char org[64];
    json_array_foreach(json_object_get(sig, "spc"), i, it)
    {
        const char *var = json_string_value(json_object_get(it, "variation"));
        if (!var || strncmp(var, "concern", 7) != 0)
            continue;
        if (owner_of(d, json_string_value(json_object_get(it, "org")), org, sizeof org, e)) {
            json_decref(sig);
            return -1;
        }
        bump(counts, org);
    }
    json_array_foreach(json_object_get(sig, "outliers"), i, it)
    {
        const char *s = json_string_value(json_object_get(it, "significance"));
        const char *pol = json_string_value(json_object_get(it, "polarity"));
        int high = s && strncmp(s, "high", 4) == 0;
        if (!pol || strcmp(pol, "neutral") == 0 || high != (strcmp(pol, "low_is_good") == 0))
            continue;
        bump(counts, json_string_value(json_object_get(it, "org")));
    }
    json_decref(sig);
    return 0;
}

static int organisations(db *d, const char *today, const char *since, int days,
                         const conversation_viewer *v, json_t *orgs, json_t *gaps, err *e)
{
    json_t *opps = json_object(), *concerns = json_object();
    if (open_opportunities(d, opps, e) || recent_concerns(d, concerns, e)) {
        json_decref(opps);
        json_decref(concerns);
        return -1;
    }
    db_stmt *s;
    int idx;
    int rc = prepare_visible(
        d,
        VISIBLE_CTE
        "SELECT o.code, o.name, o.kind,"
        " (SELECT MAX(v.held_on) FROM co JOIN vis v ON v.id = co.cid WHERE co.org = o.code),"
        " (SELECT COUNT(*) FROM co JOIN vis v ON v.id = co.cid WHERE co.org = o.code"
        "  AND v.held_on > ?),"
        " (SELECT COUNT(*) FROM co JOIN vis v ON v.id = co.cid JOIN conversation_actions a"
        "  ON a.conversation_id = v.id WHERE co.org = o.code AND a.status = 'open'),"
        " (SELECT COUNT(*) FROM co JOIN vis v ON v.id = co.cid JOIN conversation_actions a"
        "  ON a.conversation_id = v.id WHERE co.org = o.code AND a.status = 'open'"
        "  AND a.due < ?),"
        " (SELECT SUM(annual_value_gbp) FROM contracts WHERE provider_code = o.code),"
        " (SELECT SUM(annual_gbp) FROM services WHERE provider_code = o.code)"
        " FROM organisations o WHERE o.kind IN " PROVIDER_KINDS
        " OR EXISTS (SELECT 1 FROM co JOIN vis v ON v.id = co.cid WHERE co.org = o.code)"
        " ORDER BY o.code",
        v, &s, &idx, e);
    if (!rc) {
        rc = db_bind_text(s, idx++, since, e);
        rc = rc ? rc : db_bind_text(s, idx++, today, e);
    }
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        const char *code = db_col_text(s, 0), *last = db_col_text(s, 3);
        /* Contracts are the money; services' figures only where there is no contract. */
        double spend = db_col_is_null(s, 7) ? db_col_double(s, 8) : db_col_double(s, 7);
        json_t *op = json_object_get(opps, code);
        long nopp = (long)json_integer_value(json_object_get(op, "n"));
        double gopp = json_real_value(json_object_get(op, "gbp"));
        long nconc = (long)json_integer_value(json_object_get(concerns, code));
        long in_window = (long)db_col_int64(s, 4);
        json_t *reasons = json_array();
        char m[32], line[256];
        if (in_window == 0) {
            if (spend >= RELATIONSHIP_SPEND_GBP) {
                money(spend, m, sizeof m);
                snprintf(line, sizeof line, "%s a year of contracts", m);
                json_array_append_new(reasons, json_string(line));
            }
            if (nopp) {
                money(gopp, m, sizeof m);
                snprintf(line, sizeof line, "%ld open opportunit%s worth %s a year", nopp,
                         nopp == 1 ? "y" : "ies", m);
                json_array_append_new(reasons, json_string(line));
            }
            if (nconc) {
                snprintf(line, sizeof line, "%ld indicator%s showing a concern", nconc,
                         nconc == 1 ? "" : "s");
                json_array_append_new(reasons, json_string(line));
            }
        }
        int gap = json_array_size(reasons) > 0;
        int reason_to_talk = spend >= RELATIONSHIP_SPEND_GBP || nopp || nconc;
        json_t *since_last = last ? json_integer(date_diff(last, today)) : json_null();
        json_t *row = json_pack(
            "{s:s, s:s, s:s, s:o, s:o, s:i, s:I, s:I, s:f, s:i, s:f, s:i, s:b, s:o}", "code", code,
            "name", db_col_text(s, 1), "kind", db_col_text(s, 2), "last_conversation",
            row_json_text(s, 3), "days_since", since_last, "conversations_in_window",
            (int)in_window, "open_actions", (json_int_t)db_col_int64(s, 5), "overdue_actions",
            (json_int_t)db_col_int64(s, 6), "spend_gbp", spend, "open_opportunities", (int)nopp,
            "open_opportunities_gbp", gopp, "recent_concerns", (int)nconc, "gap", gap,
            "gap_reasons", reasons);
        json_object_set_new(row, "reason_to_talk", json_boolean(reason_to_talk));
        if (gap) {
            char when[96];
            if (last)
                snprintf(when, sizeof when, "last conversation %ld days ago (%s)",
                         date_diff(last, today), last);
            else
                snprintf(when, sizeof when, "no conversation recorded");
            json_t *why = json_deep_copy(reasons);
            json_array_append_new(why, json_string(when));
            json_array_append_new(gaps,
                                  json_pack("{s:s, s:s, s:o, s:i}", "organisation", code, "name",
                                            db_col_text(s, 1), "reasons", why, "days", days));
        }
        json_array_append_new(orgs, row);
        rc = 0;
    }
    if (rc >= 0)
        db_finalize(s);
    json_decref(opps);
    json_decref(concerns);
    return rc < 0 ? -1 : 0;
}

static int specialties(db *d, const char *since, const conversation_viewer *v, json_t *out, err *e)
{
    db_stmt *s;
    int idx;
    if (prepare_visible(
            d,
            VISIBLE_CTE
            "SELECT p.organisation_code AS organisation, COALESCE(p.specialty, p.role) AS "
            "specialty,"
            " COUNT(DISTINCT p.key) AS people, MAX(v.held_on) AS last_conversation,"
            " COUNT(DISTINCT CASE WHEN v.held_on > ? THEN v.id END) AS conversations_in_window"
            " FROM people p JOIN organisations o ON o.code = p.organisation_code"
            " LEFT JOIN conversation_participants cp ON cp.person_key = p.key"
            " LEFT JOIN vis v ON v.id = cp.conversation_id"
            " WHERE o.kind IN " PROVIDER_KINDS " AND p.role IN ('clinician', 'manager',"
            " 'improvement_lead', 'executive')"
            " GROUP BY p.organisation_code, COALESCE(p.specialty, p.role) ORDER BY 1, 2",
            v, &s, &idx, e))
        return -1;
    if (db_bind_text(s, idx++, since, e)) {
        db_finalize(s);
        return -1;
    }
    return row_json_stmt_rows(s, "ssisi", out, e);
}

static int services(db *d, const char *since, const conversation_viewer *v, json_t *out, err *e)
{
    db_stmt *s;
    int idx;
    if (prepare_visible(
            d,
            VISIBLE_CTE
            "SELECT s.code AS code, s.name AS name, s.provider_code AS provider,"
            " s.pathway AS pathway, s.annual_gbp AS annual_gbp,"
            " (SELECT MAX(v.held_on) FROM conversation_links l JOIN vis v ON v.id ="
            "  l.conversation_id WHERE l.kind = 'service' AND l.ref = s.code) AS last_conversation,"
            " (SELECT COUNT(*) FROM conversation_links l JOIN vis v ON v.id = l.conversation_id"
            "  WHERE l.kind = 'service' AND l.ref = s.code AND v.held_on > ?)"
            "  AS conversations_in_window"
            " FROM services s ORDER BY s.code",
            v, &s, &idx, e))
        return -1;
    if (db_bind_text(s, idx++, since, e)) {
        db_finalize(s);
        return -1;
    }
    return row_json_stmt_rows(s, "ssssdsi", out, e);
}

int relationships_build(db *d, const char *today, int days, const conversation_viewer *v,
                        json_t **out, err *e)
{
    *out = NULL;
    int ok;
    long t = date_to_days(today, &ok);
    if (!ok)
        return err_user(e, "today: '%.20s' is not a date written YYYY-MM-DD", today);
    if (days < 1 || days > 3660)
        return err_user(e, "days: expected a number of days from 1 to 3660");
    char since[11];
    date_from_days(t - days, since);
    json_t *orgs = json_array(), *gaps = json_array(), *specs = json_array(), *svcs = json_array();
    json_t *result = json_pack("{s:s, s:i, s:s, s:o, s:o, s:o, s:o}", "today", today, "days", days,
                               "since", since, "organisations", orgs, "specialties", specs,
                               "services", svcs, "gaps", gaps);
    if (organisations(d, today, since, days, v, orgs, gaps, e) ||
        specialties(d, since, v, specs, e) || services(d, since, v, svcs, e)) {
        json_decref(result);
        return -1;
    }
    /* A specialty is a gap when its organisation has a reason to talk and nobody from it has
     * been in a conversation in the window, even if others from the organisation have. */
    json_t *reason = json_object(), *o, *spec_gaps = json_array();
    size_t i;
    json_array_foreach(orgs, i, o)
        json_object_set(reason, json_string_value(json_object_get(o, "code")),
                        json_object_get(o, "reason_to_talk"));
    json_array_foreach(specs, i, o)
    {
        int gap = json_is_true(json_object_get(
                      reason, json_string_value(json_object_get(o, "organisation")))) &&
                  json_integer_value(json_object_get(o, "conversations_in_window")) == 0;
        json_object_set_new(o, "gap", json_boolean(gap));
        if (gap)
            json_array_append_new(spec_gaps,
                                  json_pack("{s:O, s:O, s:O}", "organisation",
                                            json_object_get(o, "organisation"), "specialty",
                                            json_object_get(o, "specialty"), "last_conversation",
                                            json_object_get(o, "last_conversation")));
    }
    json_decref(reason);
    json_object_set_new(result, "specialty_gaps", spec_gaps);
    *out = result;
    return 0;
}

int relationships_network(db *d, const conversation_viewer *v, json_t **out, err *e)
{
    *out = NULL;
    json_t *nodes = json_array(), *edges = json_array();
    json_t *result = json_pack("{s:o, s:o}", "nodes", nodes, "edges", edges);
    db_stmt *s;
    int idx;
    /* Organisations first, then their people, so a drawing can group them. */
    int rc = prepare_visible(d,
                             VISIBLE_CTE
                             "SELECT DISTINCT o.code, o.name, o.kind FROM co JOIN vis v ON v.id ="
                             " co.cid JOIN organisations o ON o.code = co.org ORDER BY o.code",
                             v, &s, &idx, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        char id[48];
        snprintf(id, sizeof id, "org:%s", db_col_text(s, 0));
        json_array_append_new(nodes,
                              json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "kind",
                                        "organisation", "label", db_col_text(s, 1), "organisation",
                                        db_col_text(s, 0), "org_kind", db_col_text(s, 2)));
        rc = 0;
    }
    if (rc >= 0)
        db_finalize(s);
    if (rc >= 0)
        rc = prepare_visible(d,
                             VISIBLE_CTE "SELECT p.key, p.name, p.organisation_code, p.role,"
                                         " COUNT(DISTINCT v.id) FROM conversation_participants cp"
                                         " JOIN vis v ON v.id = cp.conversation_id"
                                         " JOIN people p ON p.key = cp.person_key"
                                         " GROUP BY p.key, p.name, p.organisation_code, p.role"
                                         " ORDER BY p.organisation_code, p.key",
                             v, &s, &idx, e);
    while (rc >= 0 && (rc = db_step(s, e)) == DB_ROW) {
        char id[48];
        snprintf(id, sizeof id, "person:%s", db_col_text(s, 0));
        json_array_append_new(nodes, json_pack("{s:s, s:s, s:s, s:o, s:s, s:I}", "id", id, "kind",
                                               "person", "label", db_col_text(s, 1), "organisation",
                                               row_json_text(s, 2), "role", db_col_text(s, 3),
                                               "conversations", (json_int_t)db_col_int64(s, 4)));
        rc = 0;
    }
    if (rc >= 0)
        db_finalize(s);
    /* Edges: people who were in a conversation together, across organisations. */
    if (rc >= 0)
        rc = prepare_visible(
            d,
            VISIBLE_CTE
            "SELECT a.person_key, b.person_key, COUNT(*), MAX(v.held_on)"
            " FROM conversation_participants a JOIN conversation_participants b"
            " ON b.conversation_id = a.conversation_id AND a.person_key < b.person_key"
            " JOIN vis v ON v.id = a.conversation_id"
            " JOIN people pa ON pa.key = a.person_key JOIN people pb ON pb.key = b.person_key"
            " WHERE COALESCE(pa.organisation_code, '') <> COALESCE(pb.organisation_code, '')"
            " GROUP BY a.person_key, b.person_key ORDER BY 1, 2",
            v, &s, &idx, e);
    while (rc >= 0 && (rc = db_step(s, e)) == DB_ROW) {
        char from[48], to[48];
        snprintf(from, sizeof from, "person:%s", db_col_text(s, 0));
        snprintf(to, sizeof to, "person:%s", db_col_text(s, 1));
        json_array_append_new(edges, json_pack("{s:s, s:s, s:I, s:s}", "from", from, "to", to,
                                               "conversations", (json_int_t)db_col_int64(s, 2),
                                               "last", db_col_text(s, 3)));
        rc = 0;
    }
    if (rc >= 0)
        db_finalize(s);
    if (rc < 0) {
        json_decref(result);
        return -1;
    }
    *out = result;
    return 0;
}

int relationships_matrix(db *d, const conversation_viewer *v, json_t **out, err *e)
{
    *out = NULL;
    json_t *codes = json_array(), *names = json_object(), *counts = json_array();
    json_t *result =
        json_pack("{s:o, s:o, s:o}", "organisations", codes, "names", names, "counts", counts);
    db_stmt *s;
    int idx;
    int rc = prepare_visible(d,
                             VISIBLE_CTE
                             "SELECT DISTINCT o.code, o.name FROM co JOIN vis v ON v.id = co.cid"
                             " JOIN organisations o ON o.code = co.org ORDER BY o.code",
                             v, &s, &idx, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        json_array_append_new(codes, json_string(db_col_text(s, 0)));
        json_object_set_new(names, db_col_text(s, 0), json_string(db_col_text(s, 1)));
        rc = 0;
    }
    if (rc >= 0)
        db_finalize(s);
    size_t n = json_array_size(codes);
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array();
        for (size_t j = 0; j < n; j++)
            json_array_append_new(row, json_integer(0));
        json_array_append_new(counts, row);
    }
    if (rc >= 0)
        rc = prepare_visible(d,
                             VISIBLE_CTE
                             "SELECT x.org, y.org, COUNT(DISTINCT x.cid) FROM co x JOIN co y"
                             " ON y.cid = x.cid JOIN vis v ON v.id = x.cid"
                             " GROUP BY x.org, y.org",
                             v, &s, &idx, e);
    while (rc >= 0 && (rc = db_step(s, e)) == DB_ROW) {
        size_t a = n, b = n, k;
        json_t *c;
        json_array_foreach(codes, k, c)
        {
            if (strcmp(json_string_value(c), db_col_text(s, 0)) == 0)
                a = k;
            if (strcmp(json_string_value(c), db_col_text(s, 1)) == 0)
                b = k;
        }
        if (a < n && b < n)
            json_array_set_new(json_array_get(counts, a), b, json_integer(db_col_int64(s, 2)));
        rc = 0;
    }
    if (rc >= 0)
        db_finalize(s);
    if (rc < 0) {
        json_decref(result);
        return -1;
    }
    *out = result;
    return 0;
}

/* The conversations about the pathway (or service), as a CTE `conv` after VISIBLE_CTE; binds
 * one parameter for a service, two for a pathway. */
#define ABOUT_PATHWAY                                                                              \
    ", conv AS (SELECT DISTINCT l.conversation_id AS cid FROM conversation_links l JOIN vis v"     \
    " ON v.id = l.conversation_id WHERE (l.kind = 'pathway' AND l.ref = ?) OR (l.kind ="           \
    " 'service' AND l.ref IN (SELECT code FROM services WHERE pathway = ?))) "
#define ABOUT_SERVICE                                                                              \
    ", conv AS (SELECT DISTINCT l.conversation_id AS cid FROM conversation_links l JOIN vis v"     \
    " ON v.id = l.conversation_id WHERE l.kind = 'service' AND l.ref = ?) "

static int about(db *d, const char *tail, const char *pathway, const char *service,
                 const conversation_viewer *v, db_stmt **s, int *next, err *e)
{
    strbuf fmt = STRBUF_INIT;
    strbuf_adds(&fmt, VISIBLE_CTE);
    strbuf_adds(&fmt, pathway ? ABOUT_PATHWAY : ABOUT_SERVICE);
    strbuf_adds(&fmt, tail);
    int idx;
    int rc = prepare_visible(d, fmt.buf, v, s, &idx, e);
    strbuf_free(&fmt);
    if (rc)
        return -1;
    rc = db_bind_text(*s, idx++, pathway ? pathway : service, e);
    if (!rc && pathway)
        rc = db_bind_text(*s, idx++, pathway, e);
    if (rc)
        db_finalize(*s);
    if (next)
        *next = idx;
    return rc;
}

int relationships_involvement(db *d, const char *pathway, const char *service,
                              const conversation_viewer *v, json_t **out, err *e)
{
    *out = NULL;
    if (!pathway && !service)
        return err_user(e, "say which pathway or service the redesign is about");
    int found = 0;
    if (pathway ? row_exists(d,
                             "SELECT 1 FROM services WHERE pathway = ? UNION SELECT 1 FROM"
                             " conversation_links WHERE kind = 'pathway' AND ref = ?",
                             2, pathway, &found, e)
                : row_exists(d, "SELECT 1 FROM services WHERE code = ?", 1, service, &found, e))
        return -1;
    if (!found)
        return err_not_found(e,
                             pathway ? "no service or conversation has the pathway '%.64s'"
                                     : "no service with code '%.64s'",
                             pathway ? pathway : service);
    json_t *svcs = json_array(), *specs = json_array(), *roles = json_object();
    json_t *result =
        json_pack("{s:s, s:s, s:o, s:o, s:o}", pathway ? "pathway" : "service",
                  pathway ? pathway : service, "subject", pathway ? "pathway" : "service",
                  "services", svcs, "specialties", specs, "roles", roles);
    const char *what = pathway ? pathway : service;
    db_stmt *s;
    int next;
    int rc = about(d,
                   "SELECT s.code, s.name, s.provider_code,"
                   " (SELECT COUNT(*) FROM conversation_links l JOIN conv ON conv.cid ="
                   "  l.conversation_id WHERE l.kind = 'service' AND l.ref = s.code),"
                   " (SELECT MAX(c.held_on) FROM conversation_links l JOIN conv ON conv.cid ="
                   "  l.conversation_id JOIN conversations c ON c.id = conv.cid"
                   "  WHERE l.kind = 'service' AND l.ref = s.code)"
                   " FROM services s WHERE s.code = ? OR s.pathway = ? ORDER BY s.code",
                   pathway, service, v, &s, &next, e);
    if (!rc) {
        rc = db_bind_text(s, next++, what, e);
        rc = rc ? rc : db_bind_text(s, next++, what, e);
        if (rc)
            db_finalize(s);
    }
    json_t *untouched = json_array();
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        json_int_t n = (json_int_t)db_col_int64(s, 3);
        json_array_append_new(svcs, json_pack("{s:s, s:s, s:s, s:I, s:o}", "code",
                                              db_col_text(s, 0), "name", db_col_text(s, 1),
                                              "provider", db_col_text(s, 2), "conversations", n,
                                              "last_conversation", row_json_text(s, 4)));
        if (!n)
            json_array_append_new(untouched, json_string(db_col_text(s, 1)));
        rc = 0;
    }
    if (rc >= 0)
        db_finalize(s);
    long people = 0, clinical = 0, conversations = 0;
    if (rc >= 0)
        rc = about(d,
                   "SELECT COALESCE(p.specialty, p.role), p.role, cp.side,"
                   " COUNT(DISTINCT p.key), COUNT(DISTINCT cp.conversation_id)"
                   " FROM conv JOIN conversation_participants cp ON cp.conversation_id = conv.cid"
                   " JOIN people p ON p.key = cp.person_key"
                   " GROUP BY COALESCE(p.specialty, p.role), p.role, cp.side ORDER BY 2, 1",
                   pathway, service, v, &s, NULL, e);
    while (rc >= 0 && (rc = db_step(s, e)) == DB_ROW) {
        const char *role = db_col_text(s, 1);
        json_int_t n = (json_int_t)db_col_int64(s, 3);
        json_array_append_new(specs,
                              json_pack("{s:s, s:s, s:s, s:I, s:I}", "specialty", db_col_text(s, 0),
                                        "role", role, "side", db_col_text(s, 2), "people", n,
                                        "conversations", (json_int_t)db_col_int64(s, 4)));
        json_object_set_new(roles, role,
                            json_integer(json_integer_value(json_object_get(roles, role)) + n));
        people += (long)n;
        /* Clinicians from the services, and improvement leads who bring front-line staff:
         * what makes a redesign more than the commissioners' own idea. */
        if (strcmp(role, "clinician") == 0)
            clinical += (long)n;
        rc = 0;
    }
    if (rc >= 0)
        db_finalize(s);
    if (rc >= 0) {
        if (!about(d, "SELECT COUNT(*) FROM conv", pathway, service, v, &s, NULL, e)) {
            if ((rc = db_step(s, e)) == DB_ROW)
                conversations = (long)db_col_int64(s, 0);
            db_finalize(s);
        } else {
            rc = -1;
        }
    }
    if (rc < 0) {
        json_decref(untouched);
        json_decref(result);
        return -1;
    }
    char warning[600] = "";
    if (conversations == 0)
        snprintf(warning, sizeof warning,
                 "No conversation about %s has been logged: its design has not yet involved "
                 "the clinicians who provide it.",
                 what);
    else if (clinical == 0)
        snprintf(warning, sizeof warning,
                 "Only GPs and managers have been involved in the design of %s so far: no "
                 "clinician from the services that provide it has been in the conversations.",
                 what);
    json_object_set_new(result, "conversations", json_integer(conversations));
    json_object_set_new(result, "people", json_integer(people));
    json_object_set_new(result, "clinicians", json_integer(clinical));
    json_object_set_new(result, "only_gps_and_managers",
                        json_boolean(conversations > 0 && clinical == 0));
    json_object_set_new(result, "services_not_discussed", untouched);
    json_object_set_new(result, "warning", warning[0] ? json_string(warning) : json_null());
    *out = result;
    return 0;
}
