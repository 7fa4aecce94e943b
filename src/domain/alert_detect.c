/* Detection: what changed in the followed series since the last look, judged only by the rules
 * that already decide the charts' icons (SPC special causes, funnel limits at 99.8%; a goal's
 * assurance in alert_goal.c, a measure's deciles in alert_rx.c) and by explicit dates (a pledge
 * or an action past due). Each rule keeps one state per series in
 * alert_states; an alert is raised when a rule's state moves to one worth telling. */
#include "domain/alert.h"
#include "domain/alert_internal.h"

#include "domain/analysis.h"
#include "domain/data_generation.h"
#include "util/clock.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- States ------------------------------------------------------------------------------- */

/* Binds texts to ?first, ?first+1, ... */
static int bind_texts_at(db_stmt *s, int first, const char *const *v, int n, err *e)
{
    for (int i = 0; i < n; i++)
        if (db_bind_text(s, first + i, v[i], e))
            return -1;
    return 0;
}

static int bind_texts(db_stmt *s, const char *const *v, int n, err *e)
{
    return bind_texts_at(s, 1, v, n, e);
}

static int stored_state(detector *dt, const char *kind, const char *subject, char *out, size_t size,
                        int *found, err *e)
{
    db_stmt *s;
    if (db_prepare(dt->d, "SELECT state FROM alert_states WHERE kind = ? AND subject = ?", &s, e))
        return -1;
    int rc = bind_texts(s, (const char *[]){kind, subject}, 2, e);
    if (!rc)
        rc = db_step(s, e);
    *found = rc == DB_ROW;
    if (*found)
        snprintf(out, size, "%s", db_col_text(s, 0));
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int run_write(detector *dt, const char *sql, const char *const *texts, int n, int *changed,
                     err *e)
{
    db_stmt *s;
    if (db_prepare(dt->d, sql, &s, e))
        return -1;
    int rc = bind_texts(s, texts, n, e);
    if (!rc)
        rc = db_bind_int64(s, n + 1, dt->generation, e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    *changed = !rc && db_changes(dt->d) == 1;
    return rc;
}

/* Moves the rule's state for subject to `state`. *moved says whether this call moved it (a
 * compare-and-set: when two detections race, only one of them sees the move and raises the
 * alert). *before gets the state it moved from ("" when there was none). */
static int advance(detector *dt, const char *kind, const char *subject, const char *state,
                   int *moved, char *before, size_t size, err *e)
{
    int found;
    *moved = 0;
    before[0] = '\0';
    if (stored_state(dt, kind, subject, before, size, &found, e))
        return -1;
    if (found && (dt->baseline || strcmp(before, state) == 0))
        return 0;
    if (!found)
        return run_write(dt,
                         "INSERT INTO alert_states (kind, subject, state, updated_at, generation)"
                         " VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, subject) DO NOTHING",
                         (const char *[]){kind, subject, state, dt->now}, 4, moved, e);
    return run_write(dt,
                     "UPDATE alert_states SET state = ?3, updated_at = ?4, generation = ?6"
                     " WHERE kind = ?1 AND subject = ?2 AND state = ?5",
                     (const char *[]){kind, subject, state, dt->now, before}, 5, moved, e);
}

/* One alert for each follower, once (a follower of both the indicator and the organisation
 * hears it once; a rerun that finds it already raised adds nothing). */
static int raise(detector *dt, const raised *r, const audience *to, err *e)
{
    char conv[24];
    snprintf(conv, sizeof conv, "%lld", (long long)to->conversation_id);
    const char *sql =
        to->conversation_id > 0
            ? "INSERT INTO alerts (user_id, kind, subject, state, reason, link, generation,"
              " created_at) SELECT DISTINCT f.user_id, CAST(?1 AS TEXT), CAST(?2 AS TEXT),"
              " CAST(?3 AS TEXT), CAST(?4 AS TEXT), CAST(?5 AS TEXT), CAST(?6 AS INTEGER),"
              " CAST(?7 AS TEXT) FROM follows f JOIN users u ON u.id = f.user_id"
              " JOIN conversations c ON c.id = CAST(?8 AS INTEGER)"
              " WHERE u.disabled = 0 AND f.kind = 'organisation' AND f.code IN"
              " (SELECT org_code FROM conversation_organisations WHERE conversation_id = c.id)"
              " AND (u.role <> 'provider' OR (c.visibility = 'shared' AND u.org_code IN"
              " (SELECT org_code FROM conversation_organisations WHERE conversation_id = c.id)))"
              " ON CONFLICT (user_id, kind, subject, state) DO NOTHING"
            : "INSERT INTO alerts (user_id, kind, subject, state, reason, link, generation,"
              " created_at) SELECT DISTINCT f.user_id, CAST(?1 AS TEXT), CAST(?2 AS TEXT),"
              " CAST(?3 AS TEXT), CAST(?4 AS TEXT), CAST(?5 AS TEXT), CAST(?6 AS INTEGER),"
              " CAST(?7 AS TEXT) FROM follows f JOIN users u ON u.id = f.user_id"
              " WHERE u.disabled = 0 AND ((f.kind = ?8 AND f.code = ?9)"
              " OR (f.kind = 'organisation' AND f.code = ?10))"
              " ON CONFLICT (user_id, kind, subject, state) DO NOTHING";
    db_stmt *s;
    if (db_prepare(dt->d, sql, &s, e))
        return -1;
    int rc =
        bind_texts(s, (const char *[]){r->kind, r->subject, r->state, r->reason, r->link}, 5, e);
    if (!rc)
        rc = db_bind_int64(s, 6, dt->generation, e);
    if (!rc)
        rc = db_bind_text(s, 7, dt->now, e);
    if (!rc && to->conversation_id > 0)
        rc = db_bind_text(s, 8, conv, e);
    if (!rc && to->conversation_id <= 0)
        rc = bind_texts_at(s, 8, (const char *[]){to->follow_kind, to->follow_code, to->org}, 3, e);
    if (!rc)
        rc = db_step(s, e) < 0 ? -1 : 0;
    db_finalize(s);
    if (!rc)
        dt->st.raised += (long)db_changes(dt->d);
    return rc;
}

int alert_judge(detector *dt, const char *kind, const char *subject, const char *state,
                const raised *news, const audience *to, err *e)
{
    int moved;
    char before[128];
    if (advance(dt, kind, subject, state, &moved, before, sizeof before, e))
        return -1;
    if (!moved)
        return 0;
    dt->st.changes++;
    if (dt->baseline || !news || (news->needs_before && !before[0]))
        return 0;
    return raise(dt, news, to, e);
}

/* ---- SPC: a new special cause at the latest point ---------------------------------------- */

/* How many points up to the last one the rule flagged, on the same side (or in the same
 * direction) as the last. */
static size_t run_length(const spc_result *r, unsigned rule)
{
    size_t last = r->n - 1, n = 0;
    int above = r->points[last].value > r->points[last].mean;
    for (size_t i = r->n; i-- > 0;) {
        const spc_point *p = &r->points[i];
        if (!(p->rules & rule) || (rule != SPC_RULE_TREND && (p->value > p->mean) != above))
            break;
        n++;
    }
    return n;
}

/* Why the last point is a special cause, as the SPC rules put it (the highest-priority rule
 * that flagged it). */
static void rule_phrase(const spc_result *r, char *out, size_t size)
{
    const spc_point *p = &r->points[r->n - 1];
    int above = p->value > p->mean;
    if (p->rules & SPC_RULE_OUTSIDE)
        snprintf(out, size, "its value %.4g is %s the %s process limit of %.4g", p->value,
                 above ? "above" : "below", above ? "upper" : "lower", above ? p->upl : p->lpl);
    else if (p->rules & SPC_RULE_TREND)
        snprintf(out, size, "it ends a run of %zu points each %s than the one before",
                 run_length(r, SPC_RULE_TREND),
                 r->n > 1 && p->value > r->points[r->n - 2].value ? "higher" : "lower");
    else if (p->rules & SPC_RULE_TWO_OF_THREE)
        snprintf(out, size, "2 of the last 3 points are %s the %s near limit",
                 above ? "above" : "below", above ? "upper" : "lower");
    else
        snprintf(out, size, "the last %zu points are all %s the mean of %.4g",
                 run_length(r, SPC_RULE_SHIFT), above ? "above" : "below", p->mean);
}

static const char *type_phrase(spc_point_type t)
{
    switch (t) {
    case SPC_SPECIAL_IMPROVEMENT:
        return "a special cause of improvement";
    case SPC_SPECIAL_CONCERN:
        return "a special cause of concern";
    case SPC_SPECIAL_NEUTRAL_HIGH:
        return "an unusually high value (neither direction is better)";
    default:
        return "an unusually low value (neither direction is better)";
    }
}

static int judge_spc(detector *dt, const char *indicator, const char *subject, const char *name,
                     const char *key, err *e)
{
    spc_analysis a;
    if (analysis_spc(dt->d, &(spc_request){.indicator = indicator, .subject = subject}, &a, e)) {
        if (e->kind != ERR_USER)
            return -1;
        err_clear(e); /* one observation is not yet a chart */
        return 0;
    }
    const spc_point *p = &a.r.points[a.r.n - 1];
    const char *period = a.s.periods[a.s.n - 1];
    char state[96], reason[1024], link[160], why[256];
    snprintf(state, sizeof state, "%s@%s", spc_point_type_name(p->type), period);
    rule_phrase(&a.r, why, sizeof why);
    snprintf(reason, sizeof reason, "%s for %s (%s) in %s is %s: %s.", a.s.indicator.name, name,
             subject, period, type_phrase(p->type), why);
    snprintf(link, sizeof link, "/indicator.html?code=%s&org=%s", indicator, subject);
    raised news = {"special_cause", key, state, reason, link, 0};
    /* The state is the latest point's type: a run that goes on raises nothing more, and a new
     * episode (after a return to common cause) raises again. */
    int rc = alert_judge(dt, "special_cause", key, spc_point_type_name(p->type),
                         p->type == SPC_COMMON_CAUSE ? NULL : &news,
                         &(audience){"indicator", indicator, subject, 0}, e);
    analysis_spc_free(&a);
    return rc;
}

/* ---- Funnels: a new outlier beyond the 99.8% limits in the latest period ------------------ */

typedef struct funnel_cache {
    char indicator[64];
    int have; /* a funnel for this indicator's latest period */
    funnel_analysis a;
} funnel_cache;

static int load_funnel(detector *dt, const char *indicator, funnel_cache *fc, err *e)
{
    if (strcmp(fc->indicator, indicator) == 0)
        return 0;
    if (fc->have)
        analysis_funnel_free(&fc->a);
    fc->have = 0;
    snprintf(fc->indicator, sizeof fc->indicator, "%s", indicator);
    db_stmt *s;
    if (db_prepare(dt->d,
                   "SELECT MAX(b.period) FROM observations b JOIN indicators i"
                   " ON i.code = b.indicator_code WHERE b.indicator_code = ?"
                   " AND i.type IN ('proportion', 'rate', 'ratio')"
                   " AND b.organisation_code IS NOT NULL",
                   &s, e))
        return -1;
    char period[16] = "";
    int rc = db_bind_text(s, 1, indicator, e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW && db_col_text(s, 0))
        snprintf(period, sizeof period, "%s", db_col_text(s, 0));
    db_finalize(s);
    if (rc < 0)
        return -1;
    if (!period[0])
        return 0;
    if (analysis_funnel(dt->d, &(funnel_request){.indicator = indicator, .period = period}, &fc->a,
                        e)) {
        analysis_funnel_free(&fc->a);
        if (e->kind != ERR_USER)
            return -1;
        err_clear(e); /* not every indicator's month can be a funnel (no denominators) */
        return 0;
    }
    fc->have = 1;
    return 0;
}

static int judge_funnel(detector *dt, const char *indicator, const char *subject, const char *key,
                        funnel_cache *fc, err *e)
{
    if (load_funnel(dt, indicator, fc, e))
        return -1;
    if (!fc->have)
        return 0;
    const funnel_analysis *a = &fc->a;
    for (size_t i = 0; i < a->r.n; i++) {
        if (strcmp(a->orgs[i], subject) != 0)
            continue;
        funnel_significance sig = a->r.orgs[i].significance;
        int high = sig == FUNNEL_HIGH_0_001, low = sig == FUNNEL_LOW_0_001;
        const char *state = high ? "above" : low ? "below" : "within";
        char news_state[64], reason[768], link[192];
        snprintf(news_state, sizeof news_state, "%s@%s", state, a->period);
        snprintf(reason, sizeof reason,
                 "%s (%s) is %s the 99.8%% funnel limits for %s in %s: %.4g against an average "
                 "of %.4g.",
                 a->names[i], subject, high ? "above" : "below", a->indicator.name, a->period,
                 a->r.orgs[i].value, a->r.average);
        snprintf(link, sizeof link, "/indicator.html?code=%s&org=%s&period=%s", indicator, subject,
                 a->period);
        raised news = {"funnel_outlier", key, news_state, reason, link, 0};
        return alert_judge(dt, "funnel_outlier", key, state, high || low ? &news : NULL,
                           &(audience){"indicator", indicator, subject, 0}, e);
    }
    return 0; /* not among the organisations this month's funnel compares */
}

/* ---- The followed series ------------------------------------------------------------------ */

const char *alert_follow_filter(const detector *dt)
{
    return dt->kind ? " AND f.kind = ?1 AND f.code = ?2" : "";
}

int alert_bind_filter(const detector *dt, db_stmt *s, err *e)
{
    return dt->kind ? bind_texts(s, (const char *[]){dt->kind, dt->code}, 2, e) : 0;
}

static int each_series(detector *dt, err *e)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT b.indicator_code, COALESCE(b.organisation_code, b.service_code),"
             " COALESCE(o.name, v.name) FROM observations b"
             " JOIN follows f ON (f.kind = 'indicator' AND f.code = b.indicator_code)"
             " OR (f.kind = 'organisation' AND (f.code = b.organisation_code"
             " OR f.code = b.service_code))"
             " LEFT JOIN organisations o ON o.code = b.organisation_code"
             " LEFT JOIN services v ON v.code = b.service_code WHERE 1 = 1%s ORDER BY 1, 2",
             alert_follow_filter(dt));
    db_stmt *s;
    if (db_prepare(dt->d, sql, &s, e))
        return -1;
    funnel_cache fc = {.indicator = ""};
    int rc = alert_bind_filter(dt, s, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        char indicator[64], subject[64], name[256], key[140];
        snprintf(indicator, sizeof indicator, "%s", db_col_text(s, 0));
        snprintf(subject, sizeof subject, "%s", db_col_text(s, 1));
        snprintf(name, sizeof name, "%s", db_col_text(s, 2) ? db_col_text(s, 2) : subject);
        snprintf(key, sizeof key, "%s/%s", indicator, subject);
        dt->st.series++;
        rc = judge_spc(dt, indicator, subject, name, key, e);
        if (!rc)
            rc = judge_funnel(dt, indicator, subject, key, &fc, e);
    }
    db_finalize(s);
    if (fc.have)
        analysis_funnel_free(&fc.a);
    return rc < 0 ? -1 : 0;
}

/* ---- Explicit dates: pledges and conversation actions past due ----------------------------- */

static int each_pledge(detector *dt, err *e)
{
    if (dt->kind && strcmp(dt->kind, "organisation") != 0)
        return 0;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT p.code, p.pledge, p.due, p.status, p.organisation_code, o.name,"
             " p.programme_code FROM pledges p JOIN organisations o ON o.code ="
             " p.organisation_code JOIN follows f ON f.kind = 'organisation'"
             " AND f.code = p.organisation_code WHERE 1 = 1%s ORDER BY 1",
             alert_follow_filter(dt));
    db_stmt *s;
    if (db_prepare(dt->d, sql, &s, e))
        return -1;
    int rc = alert_bind_filter(dt, s, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        const char *code = db_col_text(s, 0), *due = db_col_text(s, 2), *status = db_col_text(s, 3),
                   *org = db_col_text(s, 4);
        int open = strcmp(status, "made") == 0 || strcmp(status, "in_progress") == 0;
        int overdue = open && due && strcmp(due, dt->today) < 0;
        char key[96], state[64], reason[768], link[128];
        snprintf(key, sizeof key, "pledge/%s", code);
        snprintf(state, sizeof state, "overdue@%s", due ? due : "");
        snprintf(reason, sizeof reason,
                 "Pledge %s by %s (%s), \"%.300s\", was due on %s and is still %s.", code,
                 db_col_text(s, 5), org, db_col_text(s, 1), due ? due : "",
                 strcmp(status, "made") == 0 ? "only made" : "in progress");
        snprintf(link, sizeof link, "/programme.html?code=%s", db_col_text(s, 6));
        raised news = {"overdue", key, state, reason, link, 0};
        rc = alert_judge(dt, "overdue", key, overdue ? "overdue" : "not_overdue",
                         overdue ? &news : NULL, &(audience){NULL, NULL, org, 0}, e);
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int each_action(detector *dt, err *e)
{
    if (dt->kind && strcmp(dt->kind, "organisation") != 0)
        return 0;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT a.conversation_id, a.n, a.description, a.due, a.status, c.title"
             " FROM conversation_actions a JOIN conversations c ON c.id = a.conversation_id"
             " JOIN conversation_organisations co ON co.conversation_id = a.conversation_id"
             " JOIN follows f ON f.kind = 'organisation' AND f.code = co.org_code"
             " WHERE a.due IS NOT NULL%s ORDER BY 1, 2",
             alert_follow_filter(dt));
    db_stmt *s;
    if (db_prepare(dt->d, sql, &s, e))
        return -1;
    int rc = alert_bind_filter(dt, s, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        int64_t conv = db_col_int64(s, 0), n = db_col_int64(s, 1);
        const char *due = db_col_text(s, 3);
        int overdue = strcmp(db_col_text(s, 4), "open") == 0 && strcmp(due, dt->today) < 0;
        char key[96], state[64], reason[768], link[128];
        snprintf(key, sizeof key, "action/%lld-%lld", (long long)conv, (long long)n);
        snprintf(state, sizeof state, "overdue@%s", due);
        snprintf(reason, sizeof reason,
                 "Action %lld of the conversation \"%.200s\", \"%.300s\", was due on %s and is "
                 "still open.",
                 (long long)n, db_col_text(s, 5), db_col_text(s, 2), due);
        snprintf(link, sizeof link, "/conversations.html?id=%lld", (long long)conv);
        raised news = {"overdue", key, state, reason, link, 0};
        rc = alert_judge(dt, "overdue", key, overdue ? "overdue" : "not_overdue",
                         overdue ? &news : NULL, &(audience){NULL, NULL, NULL, conv}, e);
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

/* ---- Runs --------------------------------------------------------------------------------- */

static int run(detector *dt, err *e)
{
    clock_now_iso(dt->now);
    if (!dt->today[0])
        snprintf(dt->today, sizeof dt->today, "%.10s", dt->now);
    if (data_generation(dt->d, NULL, &dt->generation, e))
        return -1;
    if (db_begin(dt->d, e))
        return -1;
    if (each_series(dt, e) || alert_goal_assurance(dt, e) || each_pledge(dt, e) ||
        each_action(dt, e) || alert_rx_deciles(dt, e)) {
        db_rollback(dt->d);
        return -1;
    }
    return db_commit(dt->d, e);
}

int alerts_detect(db *d, const char *today, alert_detect_stats *st, err *e)
{
    detector dt = {.d = d, .prescribing = 1};
    if (today)
        snprintf(dt.today, sizeof dt.today, "%.10s", today);
    int rc = run(&dt, e);
    if (st)
        *st = dt.st;
    return rc;
}

int alerts_baseline(db *d, const char *kind, const char *code, err *e)
{
    detector dt = {.d = d, .baseline = 1, .prescribing = 1, .kind = kind, .code = code};
    return run(&dt, e);
}

void alerts_after_import(db *d, const char *source, int prescribing)
{
    int64_t follows = 0;
    err e = {0};
    /* Nobody follows anything (a fresh database, the demo being loaded): nothing to work out. */
    if (db_query_int64(d, "SELECT COUNT(*) FROM follows", &follows, &e) == 0 && follows == 0)
        return;
    detector dt = {.d = d, .prescribing = prescribing};
    if (e.kind == ERR_NONE && run(&dt, &e) == 0)
        return;
    fprintf(stderr, "unlock: %s: imported, but working out alerts failed: %s\n", source, e.msg);
}
