/* The published tables and their data dictionary: the whitelist every public row passes. */
#include "domain/public_view_internal.h"

#include "domain/experience_row.h"
#include "domain/row_json.h"

#include <string.h>

#define COLS(a) a, sizeof a / sizeof a[0]

static const public_column programme_cols[] = {
    {"code", "text", "The programme's code"},
    {"name", "text", "The programme's name"},
    {"pathway", "text", "The care pathway it is about"},
    {"vision", "text", "What it is for, in the words agreed with patients, carers and staff"},
    {"public_description", "text", "A description for the public"},
    {"status", "text", "planning, active, sustaining or closed"},
    {"progress_score", "number",
     "Progress on the 0.5-5 improvement scale: projects at their score, pledges a quarter each"},
    {"pledges", "integer", "How many pledges organisations have made to it"},
    {"projects", "integer", "How many improvement projects it has"},
};
static const public_column priority_cols[] = {
    {"programme", "text", "The programme's code"},
    {"code", "text", "The priority's code"},
    {"title", "text", "The priority"},
    {"horizon", "text", "short_term or long_term"},
    {"description", "text", "What it means"},
};
static const public_column pledge_cols[] = {
    {"programme", "text", "The programme's code"},
    {"code", "text", "The pledge's code"},
    {"organisation", "text", "The code of the organisation that made it"},
    {"organisation_name", "text", "The organisation that made it"},
    {"pledge", "text", "What was promised"},
    {"made_on", "date", "When it was made"},
    {"due", "date", "When it is due"},
    {"status", "text", "made, in_progress, delivered or lapsed"},
    {"evidence", "text", "The evidence that a delivered pledge was kept"},
};
static const public_column goal_cols[] = {
    {"programme", "text", "The programme's code"},
    {"code", "text", "The goal's code"},
    {"name", "text", "The goal"},
    {"indicator", "text", "The code of the measure it is judged by"},
    {"indicator_name", "text", "The measure it is judged by"},
    {"subject", "text", "The organisation or service measured"},
    {"baseline", "number", "Where it started"},
    {"baseline_period", "period", "When it started"},
    {"target", "number", "Where it is meant to get to"},
    {"target_period", "period", "By when"},
    {"latest_period", "period", "The latest month observed (when this figure was last updated)"},
    {"latest_value", "number", "The latest value observed"},
    {"expected_now", "number", "Where the straight path to target says it should be by then"},
    {"status", "text", "achieved, on_track, off_track or no_data"},
    {"assurance", "text",
     "Whether the process can be expected to meet the target (SPC): consistent_pass, "
     "consistent_fail or inconsistent"},
};
static const public_column goal_point_cols[] = {
    {"goal", "text", "The goal's code"},
    {"period", "period", "The month"},
    {"value", "number", "The value observed"},
    {"expected", "number", "Where the straight path to target is that month"},
};
static const public_column story_cols[] = {
    {"code", "text", "The story's code"},
    {"programme", "text", "The programme's code"},
    {"pathway", "text", "The care pathway"},
    {"teller", "text", "Who told it: patient, carer, staff or public"},
    {"organisation", "text", "The code of the organisation it is about"},
    {"told_on", "date", "When it was told"},
    {"moderated_text", "text",
     "What was said, moderated to remove anything that could identify anyone"},
    {"response", "text", "What the organisation said in response (we did)"},
    {"change", "text", "Whether a change is planned or made: none, planned or made"},
};
static const public_column emotion_cols[] = {
    {"pathway", "text", "The care pathway"},
    {"stage", "text", "A stage of the journey"},
    {"mean_valence", "number", "How it felt on average, from -2 (very bad) to +2 (very good)"},
    {"touchpoints", "integer", "How many moments of the published stories were at this stage"},
    {"stories", "integer", "How many published stories had a moment at this stage"},
    {"emotions", "text", "The words people used most, separated by semicolons"},
};
static const public_column scorecard_cols[] = {
    {"organisation", "text", "The provider's code"},
    {"organisation_name", "text", "The provider"},
    {"group", "text", "safety, effectiveness, experience or other"},
    {"domain", "text", "The measure's domain"},
    {"indicator", "text", "The measure's code"},
    {"indicator_name", "text", "The measure"},
    {"patient_reported", "boolean", "Whether patients or carers report it"},
    {"polarity", "text", "high_is_good, low_is_good or neutral"},
    {"last_period", "period", "The latest month observed (when this figure was last updated)"},
    {"last_value", "number", "The latest value"},
    {"variation", "text", "SPC variation: common_cause, improvement or concern"},
    {"assurance", "text", "SPC assurance against a target, when there is one"},
};
static const public_column opportunity_cols[] = {
    {"organisation", "text", "The organisation's code"},
    {"organisation_name", "text", "The organisation"},
    {"kind", "text", "estates, indicator or prescribing"},
    {"total_gbp", "number", "Resources that could be released, in pounds a year"},
    {"count", "integer", "How many opportunities make up the total"},
};

static const struct {
    public_table t;
    public_rows_fn rows;
} tables[] = {
    {{"programmes", "Programmes", "Programmes of work co-designed with the public.",
      COLS(programme_cols), "programme"},
     public_rows_programmes},
    {{"priorities", "Priorities", "The priorities each programme agreed.", COLS(priority_cols),
      "priority"},
     public_rows_priorities},
    {{"pledges", "Pledges", "What organisations promised, and whether they kept it.",
      COLS(pledge_cols), "pledge"},
     public_rows_pledges},
    {{"goals", "Goals", "Where each programme means to get to, and whether it is on track.",
      COLS(goal_cols), "goal"},
     public_rows_goals},
    {{"goal_points", "Goal trajectories", "Each goal's values month by month against its path.",
      COLS(goal_point_cols), "goal"},
     public_rows_goal_points},
    {{"stories", "You said, we did",
      "Stories published with their tellers' consent, moderated, with what was done.",
      COLS(story_cols), "story"},
     public_rows_stories},
    {{"emotional_map", "Emotional map",
      "How each stage of the journey felt, from the published "
      "stories only.",
      COLS(emotion_cols), "touchpoint"},
     public_rows_emotional_map},
    {{"scorecards", "Provider scorecards",
      "Each provider's measures: safety, effectiveness and experience with equal weight.",
      COLS(scorecard_cols), "observation"},
     public_rows_scorecards},
    {{"opportunities", "Opportunities",
      "Resources trapped in buildings, services and processes, summed per organisation.",
      COLS(opportunity_cols), "opportunity"},
     public_rows_opportunities},
};
#define NTABLES (sizeof tables / sizeof tables[0])

const public_table *public_tables(size_t *n)
{
    static public_table list[NTABLES];
    for (size_t i = 0; i < NTABLES; i++)
        list[i] = tables[i].t;
    *n = NTABLES;
    return list;
}

const public_table *public_table_find(const char *name)
{
    size_t n;
    const public_table *t = public_tables(&n);
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return &t[i];
    return NULL;
}

/* The row reduced to the table's columns, in order; nothing else survives. */
static json_t *project(const public_table *t, const json_t *raw)
{
    json_t *row = json_object();
    for (size_t i = 0; i < t->ncolumns; i++) {
        json_t *v = json_object_get(raw, t->columns[i].name);
        json_object_set_new(row, t->columns[i].name,
                            v && !json_is_object(v) && !json_is_array(v) ? json_incref(v)
                                                                         : json_null());
    }
    return row;
}

int public_table_rows(db *d, const char *table, const char *programme, json_t **out, err *e)
{
    *out = NULL;
    for (size_t i = 0; i < NTABLES; i++) {
        if (strcmp(tables[i].t.name, table) != 0)
            continue;
        json_t *raw = json_array();
        if (tables[i].rows(d, programme, raw, e)) {
            json_decref(raw);
            return -1;
        }
        json_t *rows = json_array();
        size_t k;
        json_t *r;
        json_array_foreach(raw, k, r) json_array_append_new(rows, project(&tables[i].t, r));
        json_decref(raw);
        *out = rows;
        return 0;
    }
    return err_not_found(e, "no published table '%.40s'", table);
}

int public_table_updated(db *d, const public_table *t, json_t **out, err *e)
{
    json_t *rows = json_array();
    const char *entity = t->audit_entity;
    int rc = row_json_rows(d, "SELECT MAX(at) AS at FROM audit_log WHERE entity = ?1", "s", &entity,
                           1, rows, e);
    if (rc) {
        json_decref(rows);
        return -1;
    }
    *out = json_pack("{s:s, s:O}", "table", t->name, "last_changed",
                     json_object_get(json_array_get(rows, 0), "at"));
    json_decref(rows);
    return 0;
}

json_t *public_dictionary(void)
{
    json_t *list = json_array();
    for (size_t i = 0; i < NTABLES; i++) {
        const public_table *t = &tables[i].t;
        json_t *cols = json_array();
        for (size_t k = 0; k < t->ncolumns; k++)
            json_array_append_new(cols,
                                  json_pack("{s:s, s:s, s:s}", "name", t->columns[k].name, "type",
                                            t->columns[k].type, "meaning", t->columns[k].meaning));
        json_t *tab = json_pack("{s:s, s:s, s:s, s:o}", "name", t->name, "title", t->title, "about",
                                t->about, "columns", cols);
        json_object_set_new(tab, "csv", json_sprintf("data/%s.csv", t->name));
        json_object_set_new(tab, "json", json_sprintf("data/%s.json", t->name));
        json_array_append_new(list, tab);
    }
    return json_pack("{s:o}", "tables", list);
}

/* Member name of p: the rows of table for programme code. */
static int add_table(db *d, json_t *p, const char *name, const char *table, const char *code,
                     err *e)
{
    json_t *rows;
    if (public_table_rows(d, table, code, &rows, e))
        return -1;
    json_object_set_new(p, name, rows);
    return 0;
}

static json_t *count_statuses(const json_t *pledges)
{
    json_t *counts = json_object();
    size_t i;
    json_t *pl;
    json_array_foreach(pledges, i, pl)
    {
        const char *s = experience_str(pl, "status");
        json_object_set_new(counts, s,
                            json_integer(json_integer_value(json_object_get(counts, s)) + 1));
    }
    return counts;
}

/* Each goal's points, beside it, for the charts. */
static void attach_points(json_t *goals, const json_t *points)
{
    size_t i, k;
    json_t *g, *pt;
    json_array_foreach(goals, i, g)
    {
        json_t *mine = json_array();
        json_array_foreach(points, k, pt)
        {
            if (strcmp(experience_str(pt, "goal"), experience_str(g, "code")) == 0)
                json_array_append(mine, pt);
        }
        json_object_set_new(g, "points", mine);
    }
}

int public_programme(db *d, const char *code, json_t **out, err *e)
{
    json_t *rows;
    *out = NULL;
    if (public_table_rows(d, "programmes", code, &rows, e))
        return -1;
    if (json_array_size(rows) == 0) {
        json_decref(rows);
        return err_not_found(e, "no programme with code '%.64s'", code);
    }
    json_t *p = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    json_t *points = NULL;
    int rc = add_table(d, p, "priorities", "priorities", code, e);
    if (!rc)
        rc = add_table(d, p, "pledges", "pledges", code, e);
    if (!rc)
        rc = add_table(d, p, "goals", "goals", code, e);
    if (!rc)
        rc = public_table_rows(d, "goal_points", code, &points, e);
    if (!rc)
        rc = add_table(d, p, "stories", "stories", code, e);
    if (!rc)
        rc = add_table(d, p, "emotional_map", "emotional_map", code, e);
    json_t *updated = json_object();
    json_object_set_new(p, "updated", updated);
    static const char *const dated[] = {"programmes", "priorities", "pledges",
                                        "goals",      "stories",    "emotional_map"};
    for (size_t i = 0; !rc && i < sizeof dated / sizeof dated[0]; i++) {
        json_t *u;
        if ((rc = public_table_updated(d, public_table_find(dated[i]), &u, e)) == 0) {
            json_object_set(updated, dated[i], json_object_get(u, "last_changed"));
            json_decref(u);
        }
    }
    if (rc) {
        json_decref(points);
        json_decref(p);
        return -1;
    }
    json_object_set_new(p, "pledge_statuses", count_statuses(json_object_get(p, "pledges")));
    attach_points(json_object_get(p, "goals"), points);
    json_decref(points);
    *out = p;
    return 0;
}

int public_scorecard(db *d, const char *org, json_t **out, err *e)
{
    json_t *providers, *rows;
    *out = NULL;
    if (public_providers(d, &providers, e))
        return -1;
    json_t *found = NULL;
    size_t i;
    json_t *p;
    json_array_foreach(providers, i, p)
    {
        if (strcmp(experience_str(p, "code"), org) == 0)
            found = p;
    }
    if (!found) {
        json_decref(providers);
        return err_not_found(e, "no provider scorecard for '%.40s'", org);
    }
    if (public_table_rows(d, "scorecards", NULL, &rows, e)) {
        json_decref(providers);
        return -1;
    }
    json_t *groups =
        json_pack("{s:[], s:[], s:[], s:[]}", "safety", "effectiveness", "experience", "other");
    json_array_foreach(rows, i, p)
    {
        if (strcmp(experience_str(p, "organisation"), org) == 0)
            json_array_append(json_object_get(groups, experience_str(p, "group")), p);
    }
    *out = json_pack("{s:O, s:O, s:O, s:o}", "organisation", json_object_get(found, "code"),
                     "organisation_name", json_object_get(found, "name"), "kind",
                     json_object_get(found, "kind"), "groups", groups);
    json_decref(rows);
    json_decref(providers);
    return 0;
}
