/* Conversations: reading them back as JSON, only for those allowed to see them. */
#include "domain/conversation.h"

#include "domain/row_json.h"
#include "util/clock.h"
#include "util/markdown.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void conversation_today(char out[11])
{
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    memcpy(out, now, 10);
    out[10] = '\0';
}

const char *conversation_visible_sql(const conversation_viewer *v)
{
    if (v && v->all)
        return "1 = 1";
    if (v && v->org && v->org[0])
        return "(c.visibility = 'shared' AND EXISTS (SELECT 1 FROM conversation_organisations vo"
               " WHERE vo.conversation_id = c.id AND vo.org_code = ?))";
    return "1 = 0";
}

int conversation_bind_visible(db_stmt *s, int *idx, const conversation_viewer *v, err *e)
{
    if (v && !v->all && v->org && v->org[0])
        return db_bind_text(s, (*idx)++, v->org, e);
    return 0;
}

/* Runs sql (one ? for the conversation id) and appends, per row, fn's JSON to arr. */
static int each_row(db *d, const char *sql, int64_t id, json_t *arr,
                    json_t *(*fn)(db_stmt *s, const char *today), const char *today, err *e)
{
    db_stmt *s;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, id, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        json_array_append_new(arr, fn(s, today));
        rc = 0;
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static json_t *participant_json(db_stmt *s, const char *today)
{
    (void)today;
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "person", db_col_text(s, 0), "side",
                     db_col_text(s, 1), "name", row_json_text(s, 2), "role", row_json_text(s, 3),
                     "specialty", row_json_text(s, 4), "organisation", row_json_text(s, 5));
}

static json_t *first_col(db_stmt *s, const char *today)
{
    (void)today;
    return json_string(db_col_text(s, 0));
}

static json_t *action_json(db_stmt *s, const char *today)
{
    const char *due = db_col_text(s, 3), *status = db_col_text(s, 4);
    int overdue = due && strcmp(status, "open") == 0 && strcmp(due, today) < 0;
    return json_pack("{s:I, s:s, s:o, s:o, s:o, s:s, s:b}", "n", (json_int_t)db_col_int64(s, 0),
                     "description", db_col_text(s, 1), "owner", row_json_text(s, 2), "owner_name",
                     row_json_text(s, 5), "due", row_json_text(s, 3), "status", status, "overdue",
                     overdue);
}

static const struct {
    const char *member, *kind;
} LINK_MEMBERS[] = {{"services", "service"},
                    {"pathways", "pathway"},
                    {"opportunities", "opportunity"},
                    {"charts", "chart"},
                    {"tags", "tag"}};

static int fill_children(db *d, int64_t id, json_t *obj, const char *today, err *e)
{
    json_t *arr = json_array();
    json_object_set_new(obj, "participants", arr);
    if (each_row(d,
                 "SELECT cp.person_key, cp.side, p.name, p.role, p.specialty, p.organisation_code"
                 " FROM conversation_participants cp JOIN people p ON p.key = cp.person_key"
                 " WHERE cp.conversation_id = ? ORDER BY cp.side, p.name",
                 id, arr, participant_json, today, e))
        return -1;
    arr = json_array();
    json_object_set_new(obj, "organisations", arr);
    if (each_row(d,
                 "SELECT org_code FROM conversation_organisations WHERE conversation_id = ?"
                 " ORDER BY org_code",
                 id, arr, first_col, today, e))
        return -1;
    json_t *names = json_object();
    json_object_set_new(obj, "organisation_names", names);
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT o.code, o.name FROM conversation_organisations co JOIN organisations o"
                   " ON o.code = co.org_code WHERE co.conversation_id = ?",
                   &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, id, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        json_object_set_new(names, db_col_text(s, 0), json_string(db_col_text(s, 1)));
        rc = 0;
    }
    db_finalize(s);
    if (rc < 0)
        return -1;
    for (size_t l = 0; l < sizeof LINK_MEMBERS / sizeof LINK_MEMBERS[0]; l++) {
        arr = json_array();
        json_object_set_new(obj, LINK_MEMBERS[l].member, arr);
        if (db_prepare(d,
                       "SELECT ref FROM conversation_links WHERE conversation_id = ? AND kind = ?"
                       " ORDER BY ref",
                       &s, e))
            return -1;
        rc = db_bind_int64(s, 1, id, e);
        rc = rc ? rc : db_bind_text(s, 2, LINK_MEMBERS[l].kind, e);
        while (!rc && (rc = db_step(s, e)) == DB_ROW) {
            json_array_append_new(arr, json_string(db_col_text(s, 0)));
            rc = 0;
        }
        db_finalize(s);
        if (rc < 0)
            return -1;
    }
    arr = json_array();
    json_object_set_new(obj, "actions", arr);
    return each_row(d,
                    "SELECT a.n, a.description, a.owner_key, a.due, a.status, p.name"
                    " FROM conversation_actions a LEFT JOIN people p ON p.key = a.owner_key"
                    " WHERE a.conversation_id = ? ORDER BY a.n",
                    id, arr, action_json, today, e);
}

int conversation_get(db *d, int64_t id, const conversation_viewer *v, json_t **out, err *e)
{
    *out = NULL;
    strbuf sql = STRBUF_INIT;
    strbuf_addf(&sql,
                "SELECT c.id, c.held_on, c.mode, c.title, c.what_matters, c.concerns, c.ideas,"
                " c.agreements, c.notes, c.follow_up, c.parent_id, c.visibility, c.version,"
                " c.created_at, c.created_by, c.updated_at, c.updated_by"
                " FROM conversations c WHERE c.id = ? AND %s",
                conversation_visible_sql(v));
    db_stmt *s;
    int rc = db_prepare(d, sql.buf, &s, e);
    strbuf_free(&sql);
    if (rc)
        return -1;
    int idx = 2;
    rc = db_bind_int64(s, 1, id, e);
    rc = rc ? rc : conversation_bind_visible(s, &idx, v, e);
    if (!rc)
        rc = db_step(s, e);
    if (rc != DB_ROW) {
        db_finalize(s);
        return rc < 0 ? -1 : err_not_found(e, "no conversation with id %lld", (long long)id);
    }
    static const char *const names[] = {
        "id",      "held_on",    "mode",       "title",      "what_matters", "concerns",
        "ideas",   "agreements", "notes",      "follow_up",  "parent",       "visibility",
        "version", "created_at", "created_by", "updated_at", "updated_by"};
    json_t *obj = json_object();
    for (int c = 0; c < (int)(sizeof names / sizeof names[0]); c++) {
        if (db_col_is_null(s, c))
            json_object_set_new(obj, names[c], json_null());
        else if (c == 0 || c == 10 || c == 12)
            json_object_set_new(obj, names[c], json_integer(db_col_int64(s, c)));
        else
            json_object_set_new(obj, names[c], json_string(db_col_text(s, c)));
    }
    char *html = markdown_to_safe_html(db_col_text(s, 8));
    json_object_set_new(obj, "notes_html", json_string(html));
    free(html);
    db_finalize(s);
    char today[11];
    conversation_today(today);
    if (fill_children(d, id, obj, today, e))
        goto fail;
    /* The follow-ups this viewer may see. */
    json_t *kids = json_array();
    json_object_set_new(obj, "children", kids);
    sql = (strbuf)STRBUF_INIT;
    strbuf_addf(&sql, "SELECT c.id FROM conversations c WHERE c.parent_id = ? AND %s ORDER BY c.id",
                conversation_visible_sql(v));
    rc = db_prepare(d, sql.buf, &s, e);
    strbuf_free(&sql);
    if (rc)
        goto fail;
    idx = 2;
    rc = db_bind_int64(s, 1, id, e);
    rc = rc ? rc : conversation_bind_visible(s, &idx, v, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        json_array_append_new(kids, json_integer(db_col_int64(s, 0)));
        rc = 0;
    }
    db_finalize(s);
    if (rc < 0)
        goto fail;
    *out = obj;
    return 0;
fail:
    json_decref(obj);
    return -1;
}

/* The words of a search as an FTS5 query that cannot be malformed: each word quoted, as a
 * prefix, all required ("end of life" finds notes with end, of and life). */
static int fts_query(const char *q, strbuf *out, err *e)
{
    const char *p = q;
    int words = 0;
    while (*p) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        size_t start = out->len; /* a word of nothing but quotes and stars is dropped whole */
        strbuf_adds(out, words ? " \"" : "\"");
        int kept = 0;
        for (; *p && !isspace((unsigned char)*p); p++)
            if (*p != '"' && *p != '*') {
                strbuf_addc(out, *p);
                kept++;
            }
        strbuf_adds(out, "\"*");
        if (!kept) {
            out->len = start;
            out->buf[out->len] = '\0';
        } else {
            words++;
        }
    }
    if (!words) {
        err_user(e, "the search has no words to look for");
        err_at(e, 0, "q");
        return -1;
    }
    return 0;
}

/* The same search for PostgreSQL's to_tsquery: each word's letters and digits, as a prefix,
 * all required. */
static void tsquery_words(const char *fts, strbuf *out)
{
    int in_word = 0, words = 0;
    for (const char *p = fts; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c) || c >= 0x80) {
            if (!in_word && words++)
                strbuf_adds(out, " & ");
            strbuf_addc(out, (char)c);
            in_word = 1;
        } else if (in_word && (c == '"' || isspace(c))) {
            strbuf_adds(out, ":*");
            in_word = 0;
        }
    }
    if (in_word)
        strbuf_adds(out, ":*");
}

/* The WHERE clause and its parameters for a filter; texts are bound in order after the
 * viewer's parameter. */
typedef struct where {
    strbuf sql;
    const char *params[8];
    int n;
} where;

static void where_add(where *w, const char *cond, const char *param)
{
    strbuf_adds(&w->sql, " AND ");
    strbuf_adds(&w->sql, cond);
    if (param)
        w->params[w->n++] = param;
}

static int bind_where(db_stmt *s, int *idx, const where *w, const conversation_viewer *v, err *e)
{
    if (conversation_bind_visible(s, idx, v, e))
        return -1;
    for (int i = 0; i < w->n; i++)
        if (db_bind_text(s, (*idx)++, w->params[i], e))
            return -1;
    return 0;
}

int conversation_list(db *d, const conversation_filter *f, const conversation_viewer *v,
                      json_t **out, err *e)
{
    *out = NULL;
    long limit = f && f->limit > 0 ? f->limit : 50, offset = f && f->offset > 0 ? f->offset : 0;
    strbuf match = STRBUF_INIT;
    int searching = f && f->q && f->q[0];
    if (searching && fts_query(f->q, &match, e)) {
        strbuf_free(&match);
        return -1;
    }
    where w = {.sql = STRBUF_INIT};
    strbuf_adds(&w.sql, conversation_visible_sql(v));
    int postgres = strcmp(db_dialect(d), "postgres") == 0;
    if (searching && postgres) {
        strbuf words = STRBUF_INIT;
        tsquery_words(match.buf, &words);
        strbuf_free(&match);
        match = words;
        /* The query is made once, in FROM (its parameter bound first), for the match, the
         * ranking and the snippet. */
        where_add(&w, "conversations_fts.words @@ tsq.q", NULL);
    } else if (searching) {
        where_add(&w, "conversations_fts MATCH ?", match.buf);
    }
    if (f && f->org && f->org[0])
        where_add(&w,
                  "EXISTS (SELECT 1 FROM conversation_organisations x WHERE x.conversation_id ="
                  " c.id AND x.org_code = ?)",
                  f->org);
    if (f && f->person && f->person[0])
        where_add(&w,
                  "EXISTS (SELECT 1 FROM conversation_participants x WHERE x.conversation_id ="
                  " c.id AND x.person_key = ?)",
                  f->person);
    static const char *const link_cond =
        "EXISTS (SELECT 1 FROM conversation_links x WHERE x.conversation_id = c.id AND"
        " x.kind = '%s' AND x.ref = ?)";
    const char *links[][2] = {{"service", f ? f->service : NULL},
                              {"pathway", f ? f->pathway : NULL},
                              {"tag", f ? f->tag : NULL}};
    char conds[3][200];
    for (int i = 0; i < 3; i++)
        if (links[i][1] && links[i][1][0]) {
            snprintf(conds[i], sizeof conds[i], link_cond, links[i][0]);
            where_add(&w, conds[i], links[i][1]);
        }
    const char *from = !searching ? "conversations c"
                       : postgres ? "conversations c JOIN conversations_fts ON"
                                    " conversations_fts.rowid = c.id CROSS JOIN"
                                    " (SELECT to_tsquery('english', ?) AS q) tsq"
                                  : "conversations c JOIN conversations_fts ON"
                                    " conversations_fts.rowid = c.id";
    int bind_query_first = searching && postgres;
    strbuf sql = STRBUF_INIT;
    strbuf_addf(&sql, "SELECT COUNT(*) FROM %s WHERE %s", from, w.sql.buf);
    db_stmt *s;
    int rc = db_prepare(d, sql.buf, &s, e), idx = 1;
    int64_t total = 0;
    if (!rc) {
        if (bind_query_first)
            rc = db_bind_text(s, idx++, match.buf, e);
        if (!rc)
            rc = bind_where(s, &idx, &w, v, e);
        if (!rc && (rc = db_step(s, e)) == DB_ROW)
            total = db_col_int64(s, 0);
        db_finalize(s);
    }
    json_t *items = json_array();
    if (rc >= 0) {
        strbuf_reset(&sql);
        strbuf_addf(&sql,
                    "SELECT c.id, c.held_on, c.mode, c.title, c.visibility, c.follow_up,"
                    " (SELECT COUNT(*) FROM conversation_actions a WHERE a.conversation_id = c.id"
                    " AND a.status = 'open'),"
                    " (SELECT %s(org_code, ' ') FROM conversation_organisations o"
                    " WHERE o.conversation_id = c.id),"
                    " (SELECT %s(p.name, ', ') FROM conversation_participants cp JOIN"
                    " people p ON p.key = cp.person_key WHERE cp.conversation_id = c.id), %s"
                    " FROM %s WHERE %s ORDER BY %s c.held_on DESC, c.id DESC LIMIT ? OFFSET ?",
                    postgres ? "string_agg" : "group_concat",
                    postgres ? "string_agg" : "group_concat",
                    !searching ? "NULL"
                    : postgres
                        ? "ts_headline('english', concat_ws(' ', conversations_fts.title,"
                          " conversations_fts.what_matters, conversations_fts.concerns,"
                          " conversations_fts.ideas, conversations_fts.agreements,"
                          " conversations_fts.notes), tsq.q, 'StartSel=' || chr(2) ||"
                          " ', StopSel=' || chr(3) || ', MaxWords=16, MinWords=6')"
                        : "snippet(conversations_fts, -1, char(2), char(3), '…', 16)",
                    from, w.sql.buf,
                    !searching ? ""
                    : postgres ? "ts_rank(conversations_fts.words, tsq.q) DESC,"
                               : "bm25(conversations_fts),");
        rc = db_prepare(d, sql.buf, &s, e);
        if (!rc) {
            idx = 1;
            if (bind_query_first)
                rc = db_bind_text(s, idx++, match.buf, e);
            if (!rc)
                rc = bind_where(s, &idx, &w, v, e);
            rc = rc ? rc : db_bind_int64(s, idx++, limit, e);
            rc = rc ? rc : db_bind_int64(s, idx++, offset, e);
            while (!rc && (rc = db_step(s, e)) == DB_ROW) {
                json_t *orgs = json_array();
                const char *o = db_col_text(s, 7);
                while (o && *o) {
                    size_t n = strcspn(o, " ");
                    json_array_append_new(orgs, json_stringn(o, n));
                    o += n + (o[n] == ' ');
                }
                json_t *item =
                    json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:I, s:o, s:o}", "id",
                              (json_int_t)db_col_int64(s, 0), "held_on", db_col_text(s, 1), "mode",
                              db_col_text(s, 2), "title", db_col_text(s, 3), "visibility",
                              db_col_text(s, 4), "follow_up", row_json_text(s, 5), "open_actions",
                              (json_int_t)db_col_int64(s, 6), "organisations", orgs, "participants",
                              row_json_text(s, 8));
                if (searching)
                    json_object_set_new(item, "snippet", row_json_text(s, 9));
                json_array_append_new(items, item);
                rc = 0;
            }
            db_finalize(s);
        }
    }
    strbuf_free(&sql);
    strbuf_free(&w.sql);
    strbuf_free(&match);
    if (rc < 0) {
        json_decref(items);
        return -1;
    }
    *out = json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)total, "limit", (json_int_t)limit,
                     "offset", (json_int_t)offset, "items", items);
    return 0;
}

int conversation_open_items(db *d, const char *today, int overdue_only,
                            const conversation_viewer *v, json_t **out, err *e)
{
    *out = NULL;
    strbuf sql = STRBUF_INIT;
    strbuf_addf(&sql,
                "SELECT c.id, c.title, a.n, a.description, a.owner_key, p.name, a.due"
                " FROM conversation_actions a JOIN conversations c ON c.id = a.conversation_id"
                " LEFT JOIN people p ON p.key = a.owner_key"
                " WHERE a.status = 'open' AND %s %s"
                " ORDER BY a.due IS NULL, a.due, c.id, a.n",
                conversation_visible_sql(v),
                overdue_only ? "AND a.due IS NOT NULL AND a.due < ?" : "");
    json_t *actions = json_array(), *follow = json_array();
    db_stmt *s;
    int rc = db_prepare(d, sql.buf, &s, e), idx = 1;
    if (!rc) {
        rc = conversation_bind_visible(s, &idx, v, e);
        if (!rc && overdue_only)
            rc = db_bind_text(s, idx++, today, e);
        while (!rc && (rc = db_step(s, e)) == DB_ROW) {
            const char *due = db_col_text(s, 6);
            json_array_append_new(
                actions,
                json_pack("{s:I, s:s, s:I, s:s, s:o, s:o, s:o, s:b}", "conversation",
                          (json_int_t)db_col_int64(s, 0), "title", db_col_text(s, 1), "n",
                          (json_int_t)db_col_int64(s, 2), "description", db_col_text(s, 3), "owner",
                          row_json_text(s, 4), "owner_name", row_json_text(s, 5), "due",
                          row_json_text(s, 6), "overdue", due && strcmp(due, today) < 0));
            rc = 0;
        }
        db_finalize(s);
    }
    /* A follow-up is done once a later conversation continues the chain. */
    strbuf_reset(&sql);
    strbuf_addf(&sql,
                "SELECT c.id, c.title, c.held_on, c.follow_up FROM conversations c"
                " WHERE c.follow_up IS NOT NULL AND c.follow_up %s ? AND %s"
                " AND NOT EXISTS (SELECT 1 FROM conversations k WHERE k.parent_id = c.id)"
                " ORDER BY c.follow_up, c.id",
                overdue_only ? "<" : "<=", conversation_visible_sql(v));
    if (rc >= 0 && !(rc = db_prepare(d, sql.buf, &s, e))) {
        idx = 1;
        rc = db_bind_text(s, idx++, today, e);
        rc = rc ? rc : conversation_bind_visible(s, &idx, v, e);
        while (!rc && (rc = db_step(s, e)) == DB_ROW) {
            const char *due = db_col_text(s, 3);
            json_array_append_new(follow,
                                  json_pack("{s:I, s:s, s:s, s:s, s:b}", "conversation",
                                            (json_int_t)db_col_int64(s, 0), "title",
                                            db_col_text(s, 1), "held_on", db_col_text(s, 2),
                                            "follow_up", due, "overdue", strcmp(due, today) < 0));
            rc = 0;
        }
        db_finalize(s);
    }
    strbuf_free(&sql);
    if (rc < 0) {
        json_decref(actions);
        json_decref(follow);
        return -1;
    }
    *out = json_pack("{s:s, s:o, s:o}", "today", today, "actions", actions, "follow_ups", follow);
    return 0;
}
