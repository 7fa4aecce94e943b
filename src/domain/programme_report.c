/* A programme read back as its story, and its progress. */
#include "domain/experience.h"

#include "domain/experience_row.h"
#include "domain/row_json.h"

#include <math.h>
#include <string.h>

double pledge_status_score(const char *status)
{
    static const struct {
        const char *status;
        double score;
    } scores[] = {{"made", 1}, {"in_progress", 2}, {"delivered", 4}, {"lapsed", 0.5}};
    for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++)
        if (strcmp(status, scores[i].status) == 0)
            return scores[i].score;
    return -1;
}

/* Forty pledges must not outweigh five projects: a pledge is a promise, a project is work
 * with a measure, so four pledges weigh as one project. */
#define PLEDGE_WEIGHT 0.25

int programme_progress(db *d, const char *code, json_t **out, err *e)
{
    json_t *projects = json_array(), *pledges = json_array();
    int rc = row_json_rows(d,
                           "SELECT code, progress_score FROM projects WHERE programme_code = ?1 "
                           "ORDER BY code",
                           "sd", &code, 1, projects, e);
    if (!rc)
        rc = row_json_rows(d,
                           "SELECT status, COUNT(*) AS n FROM pledges WHERE programme_code = ?1 "
                           "GROUP BY status ORDER BY status",
                           "si", &code, 1, pledges, e);
    if (rc) {
        json_decref(projects);
        json_decref(pledges);
        return -1;
    }
    double sum = 0, weight = 0;
    size_t i;
    json_t *row;
    json_array_foreach(projects, i, row)
    {
        sum += json_real_value(json_object_get(row, "progress_score"));
        weight += 1;
    }
    json_t *statuses = json_object();
    json_int_t n_pledges = 0;
    json_array_foreach(pledges, i, row)
    {
        const char *status = experience_str(row, "status");
        json_int_t n = json_integer_value(json_object_get(row, "n"));
        json_object_set_new(statuses, status, json_integer(n));
        sum += PLEDGE_WEIGHT * (double)n * pledge_status_score(status);
        weight += PLEDGE_WEIGHT * (double)n;
        n_pledges += n;
    }
    json_decref(pledges);
    /* One decimal place: the scale moves in halves, and more digits would claim a precision
     * the scoring does not have. */
    double score = weight > 0 ? round(sum / weight * 10) / 10 : NAN;
    *out = json_pack("{s:o, s:I, s:I, s:o, s:f, s:o}", "score",
                     weight > 0 ? json_real(score) : json_null(), "projects",
                     (json_int_t)json_array_size(projects), "pledges", n_pledges, "pledge_statuses",
                     statuses, "pledge_weight", PLEDGE_WEIGHT, "project_scores", projects);
    return 0;
}

/* Appends rows of sql (programme code as ?1) as member name of report. */
static int add_rows(db *d, json_t *report, const char *name, const char *sql, const char *types,
                    const char *code, err *e)
{
    json_t *rows = json_array();
    json_object_set_new(report, name, rows);
    return row_json_rows(d, sql, types, &code, 1, rows, e);
}

/* Each row's code member run through one of the per-item reports, as member name. */
static int expand(db *d, json_t *rows, const char *code_member, const char *name,
                  int (*report)(db *, const char *, json_t **, err *), err *e)
{
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        json_t *detail;
        if (report(d, experience_str(row, code_member), &detail, e))
            return -1;
        json_object_set_new(row, name, detail);
    }
    return 0;
}

int programme_report(db *d, const char *code, const story_reader *r, json_t **out, err *e)
{
    json_t *p;
    if (experience_one_row(d,
                           "SELECT p.code AS programme, p.name, p.pathway, p.vision, "
                           "p.lead_key AS lead, pe.name AS lead_name, p.status, "
                           "p.public_description FROM programmes p "
                           "LEFT JOIN people pe ON pe.key = p.lead_key WHERE p.code = ?1",
                           "ssssssss", code, "programme", &p, e))
        return -1;
    int rc = add_rows(d, p, "events",
                      "SELECT code, event_date AS date, place, kind, patients, carers, staff, "
                      "organisations, priorities_agreed, (SELECT COUNT(*) FROM event_attendees a "
                      "WHERE a.event_code = e.code AND a.person_key IS NOT NULL) AS named_people "
                      "FROM codesign_events e WHERE programme_code = ?1 ORDER BY event_date, code",
                      "ssssiiiisi", code, e);
    if (!rc)
        rc = add_rows(d, p, "priorities",
                      "SELECT code, title, horizon, description FROM priorities WHERE "
                      "programme_code = ?1 ORDER BY horizon DESC, code",
                      "ssss", code, e);
    if (!rc)
        rc = add_rows(d, p, "pledges",
                      "SELECT pl.code, pl.organisation_code AS organisation, o.name AS "
                      "organisation_name, pl.pledge, pl.made_on, pl.due, pl.status, pl.evidence "
                      "FROM pledges pl JOIN organisations o ON o.code = pl.organisation_code "
                      "WHERE pl.programme_code = ?1 ORDER BY pl.code",
                      "ssssssss", code, e);
    if (!rc)
        rc = add_rows(d, p, "workstreams",
                      "SELECT w.code, w.name, w.aim, w.lead_key AS lead, pe.name AS lead_name, "
                      "pe.role AS lead_role, w.priority_code AS priority, (SELECT COUNT(*) FROM "
                      "champions c WHERE c.workstream_code = w.code) AS champions FROM "
                      "workstreams w LEFT JOIN people pe ON pe.key = w.lead_key WHERE "
                      "w.programme_code = ?1 ORDER BY w.code",
                      "sssssssi", code, e);
    if (!rc)
        rc = add_rows(d, p, "champions",
                      "SELECT c.person_key AS person, pe.name, c.workstream_code AS workstream, "
                      "c.coaching FROM champions c JOIN people pe ON pe.key = c.person_key WHERE "
                      "c.programme_code = ?1 ORDER BY c.person_key",
                      "ssss", code, e);
    if (!rc)
        rc = add_rows(d, p, "goals",
                      "SELECT code FROM goals WHERE programme_code = ?1 ORDER BY code", "s", code,
                      e);
    if (!rc)
        rc = expand(d, json_object_get(p, "goals"), "code", "progress", goal_progress, e);
    if (!rc)
        rc = add_rows(d, p, "projects",
                      "SELECT code FROM projects WHERE programme_code = ?1 ORDER BY code", "s",
                      code, e);
    if (!rc)
        rc = expand(d, json_object_get(p, "projects"), "code", "detail", project_readiness, e);
    json_t *part = NULL;
    if (!rc && (rc = programme_progress(d, code, &part, e)) == 0)
        json_object_set_new(p, "progress", part);
    const char *pathway = experience_str(p, "pathway");
    if (!rc && pathway && (rc = emotion_map(d, pathway, r, &part, e)) == 0)
        json_object_set_new(p, "emotional_map", part);
    if (rc) {
        json_decref(p);
        return -1;
    }
    *out = p;
    return 0;
}
