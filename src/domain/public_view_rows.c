/* The rows of each published table, read with explicitly named public columns only. */
#include "domain/public_view_internal.h"

#include "domain/experience.h"
#include "domain/experience_row.h"
#include "domain/opportunity.h"
#include "domain/row_json.h"
#include "domain/signals.h"
#include "util/strbuf.h"

#include <string.h>

static const story_reader public_reader = {STORY_PUBLIC, NULL};

int public_rows_programmes(db *d, const char *programme, json_t *rows, err *e)
{
    if (row_json_rows(d,
                      "SELECT code, name, pathway, vision, public_description, status "
                      "FROM programmes WHERE ?1 IS NULL OR code = ?1 ORDER BY code",
                      "ssssss", &programme, 1, rows, e))
        return -1;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        json_t *progress;
        if (programme_progress(d, experience_str(row, "code"), &progress, e))
            return -1;
        json_object_set(row, "progress_score", json_object_get(progress, "score"));
        json_object_set(row, "pledges", json_object_get(progress, "pledges"));
        json_object_set(row, "projects", json_object_get(progress, "projects"));
        json_decref(progress);
    }
    return 0;
}

int public_rows_priorities(db *d, const char *programme, json_t *rows, err *e)
{
    return row_json_rows(d,
                         "SELECT programme_code AS programme, code, title, horizon, description "
                         "FROM priorities WHERE ?1 IS NULL OR programme_code = ?1 "
                         "ORDER BY programme_code, horizon DESC, code",
                         "sssss", &programme, 1, rows, e);
}

int public_rows_pledges(db *d, const char *programme, json_t *rows, err *e)
{
    return row_json_rows(
        d,
        "SELECT pl.programme_code AS programme, pl.code, pl.organisation_code AS "
        "organisation, o.name AS organisation_name, pl.pledge, pl.made_on, pl.due, "
        "pl.status, pl.evidence FROM pledges pl JOIN organisations o ON o.code = "
        "pl.organisation_code WHERE ?1 IS NULL OR pl.programme_code = ?1 "
        "ORDER BY pl.programme_code, pl.code",
        "sssssssss", &programme, 1, rows, e);
}

/* Each goal of the programme (or all) run through goal_progress, which reads the goal's own
 * public columns and the aggregate observations of its measure. */
static int each_goal(db *d, const char *programme, int (*fn)(json_t *goal, json_t *rows),
                     json_t *rows, err *e)
{
    json_t *codes = json_array();
    int rc = row_json_rows(d,
                           "SELECT g.code AS code, i.name AS indicator_name FROM goals g "
                           "JOIN indicators i ON i.code = g.indicator_code "
                           "WHERE ?1 IS NULL OR g.programme_code = ?1 ORDER BY g.code",
                           "ss", &programme, 1, codes, e);
    size_t i;
    json_t *row;
    json_array_foreach(codes, i, row)
    {
        json_t *goal;
        if (rc || (rc = goal_progress(d, experience_str(row, "code"), &goal, e)) != 0)
            break;
        json_object_set(goal, "indicator_name", json_object_get(row, "indicator_name"));
        fn(goal, rows);
        json_decref(goal);
    }
    json_decref(codes);
    return rc;
}

static int goal_row(json_t *goal, json_t *rows)
{
    json_t *latest = json_object_get(goal, "latest");
    json_t *row = json_deep_copy(goal);
    json_object_set(row, "code", json_object_get(goal, "goal"));
    json_object_set(row, "latest_period", json_object_get(latest, "period"));
    json_object_set(row, "latest_value", json_object_get(latest, "value"));
    json_object_set(row, "points", json_object_get(goal, "points"));
    return json_array_append_new(rows, row);
}

static int goal_point_rows(json_t *goal, json_t *rows)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(goal, "points"), i, p)
    {
        json_t *row = json_deep_copy(p);
        json_object_set(row, "goal", json_object_get(goal, "goal"));
        json_array_append_new(rows, row);
    }
    return 0;
}

int public_rows_goals(db *d, const char *programme, json_t *rows, err *e)
{
    return each_goal(d, programme, goal_row, rows, e);
}

int public_rows_goal_points(db *d, const char *programme, json_t *rows, err *e)
{
    return each_goal(d, programme, goal_point_rows, rows, e);
}

int public_rows_stories(db *d, const char *programme, json_t *rows, err *e)
{
    json_t *list;
    if (stories_list(d, NULL, programme, &public_reader, &list, e))
        return -1;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(list, "stories"), i, s)
    {
        /* stories_list gives the public reader the moderated text as "text". */
        json_t *row = json_object();
        static const char *const keep[] = {"code",    "programme",    "pathway",  "teller",
                                           "told_on", "organisation", "response", "change"};
        for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++)
            json_object_set(row, keep[k], json_object_get(s, keep[k]));
        json_object_set(row, "moderated_text", json_object_get(s, "text"));
        json_array_append_new(rows, row);
    }
    json_decref(list);
    return 0;
}

static void join_emotions(json_t *stage)
{
    strbuf words = STRBUF_INIT;
    size_t i;
    json_t *w;
    json_array_foreach(json_object_get(stage, "emotions"), i, w)
    {
        if (i)
            strbuf_adds(&words, "; ");
        strbuf_adds(&words, experience_str(w, "emotion"));
    }
    json_object_set_new(stage, "emotions", json_string(strbuf_str(&words)));
    strbuf_free(&words);
}

int public_rows_emotional_map(db *d, const char *programme, json_t *rows, err *e)
{
    json_t *pathways = json_array();
    int rc = row_json_rows(d,
                           "SELECT DISTINCT pathway FROM programmes WHERE pathway IS NOT NULL "
                           "AND (?1 IS NULL OR code = ?1) ORDER BY pathway",
                           "s", &programme, 1, pathways, e);
    size_t i;
    json_t *p;
    json_array_foreach(pathways, i, p)
    {
        json_t *map;
        const char *pathway = experience_str(p, "pathway");
        if (rc || (rc = emotion_map(d, pathway, &public_reader, &map, e)) != 0)
            break;
        size_t k;
        json_t *stage;
        json_array_foreach(json_object_get(map, "stages"), k, stage)
        {
            json_t *row = json_deep_copy(stage);
            json_object_set_new(row, "pathway", json_string(pathway));
            join_emotions(row);
            json_array_append_new(rows, row);
        }
        json_decref(map);
    }
    json_decref(pathways);
    return rc;
}

const char *public_scorecard_group(const char *domain)
{
    static const char *const quality[] = {"safety", "effectiveness", "experience"};
    for (size_t i = 0; domain && i < 3; i++)
        if (strcmp(domain, quality[i]) == 0)
            return quality[i];
    return "other";
}

int public_providers(db *d, json_t **out, err *e)
{
    /* Providers of care, not commissioners or practices' groupings: the kinds that have a
     * quality scorecard in the workbench. */
    *out = json_array();
    if (row_json_rows(d,
                      "SELECT o.code, o.name, o.kind FROM organisations o WHERE o.kind IN "
                      "('acute_trust', 'community_trust', 'mental_health_trust', 'hospice', "
                      "'gp_federation', 'voluntary') AND EXISTS (SELECT 1 FROM observations ob "
                      "WHERE ob.organisation_code = o.code) ORDER BY o.name, o.code",
                      "sss", NULL, 0, *out, e)) {
        json_decref(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

static int scorecard_rows(db *d, const json_t *org, json_t *rows, err *e)
{
    json_t *ind;
    if (signals_for_subject(d, experience_str(org, "code"), &ind, e))
        return -1;
    json_t *flags = json_array();
    int rc = row_json_rows(d, "SELECT code, patient_reported FROM indicators ORDER BY code", "sb",
                           NULL, 0, flags, e);
    size_t i, k;
    json_t *it, *f;
    json_array_foreach(json_object_get(ind, "items"), i, it)
    {
        if (rc)
            break;
        json_t *row = json_deep_copy(it);
        json_object_set(row, "organisation", json_object_get(org, "code"));
        json_object_set(row, "organisation_name", json_object_get(org, "name"));
        json_object_set(row, "indicator_name", json_object_get(it, "name"));
        json_object_set_new(row, "group",
                            json_string(public_scorecard_group(experience_str(it, "domain"))));
        json_array_foreach(flags, k, f)
        {
            if (strcmp(experience_str(f, "code"), experience_str(it, "indicator")) == 0)
                json_object_set(row, "patient_reported", json_object_get(f, "patient_reported"));
        }
        json_array_append_new(rows, row);
    }
    json_decref(flags);
    json_decref(ind);
    return rc;
}

int public_rows_scorecards(db *d, const char *programme, json_t *rows, err *e)
{
    (void)programme;
    json_t *providers;
    if (public_providers(d, &providers, e))
        return -1;
    int rc = 0;
    size_t i;
    json_t *org;
    json_array_foreach(providers, i, org)
    {
        if ((rc = scorecard_rows(d, org, rows, e)) != 0)
            break;
    }
    json_decref(providers);
    return rc;
}

int public_rows_opportunities(db *d, const char *programme, json_t *rows, err *e)
{
    (void)programme;
    opportunity_filter f = {0};
    opportunity_list l = {0};
    if (opportunities_build(d, &f, &l, e)) {
        opportunity_list_free(&l);
        return -1;
    }
    /* Only the sum per organisation and kind leaves: nothing people wrote about a row. */
    for (size_t i = 0; i < l.n; i++) {
        const opportunity *o = &l.items[i];
        json_t *row = NULL;
        size_t k;
        json_t *r;
        json_array_foreach(rows, k, r)
        {
            if (strcmp(experience_str(r, "organisation"), o->org) == 0 &&
                strcmp(experience_str(r, "kind"), o->kind) == 0)
                row = r;
        }
        if (!row) {
            row =
                json_pack("{s:s, s:s, s:s, s:f, s:i}", "organisation", o->org, "organisation_name",
                          o->org_name, "kind", o->kind, "total_gbp", 0.0, "count", 0);
            json_array_append_new(rows, row);
        }
        json_object_set_new(row, "total_gbp",
                            json_real(json_real_value(json_object_get(row, "total_gbp")) + o->gbp));
        json_object_set_new(row, "count",
                            json_integer(json_integer_value(json_object_get(row, "count")) + 1));
    }
    opportunity_list_free(&l);
    return 0;
}
