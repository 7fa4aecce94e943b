/* Goals: a change of SPC assurance, the target against the process limits of the goal's series
 * (goal_progress). Indicators carry no target of their own; a goal gives its series one. */
#include "domain/alert_internal.h"

#include "domain/experience.h"

#include <stdio.h>
#include <string.h>

static const char *assurance_phrase(const char *a)
{
    if (strcmp(a, "consistent_pass") == 0)
        return "will now be met every month: the process limits lie on the right side of it";
    if (strcmp(a, "consistent_fail") == 0)
        return "will not be met without a change to the process: the limits lie on the wrong "
               "side of it";
    if (strcmp(a, "inconsistent") == 0)
        return "is now met in some months and not others: it lies between the process limits";
    return "can no longer be judged";
}

static int judge_goal(detector *dt, const char *code, err *e)
{
    json_t *g;
    if (goal_progress(dt->d, code, &g, e))
        return -1;
    const char *assurance = json_string_value(json_object_get(g, "assurance"));
    const char *indicator = json_string_value(json_object_get(g, "indicator"));
    const char *subject = json_string_value(json_object_get(g, "subject"));
    const char *programme = json_string_value(json_object_get(g, "programme"));
    char key[96], state[64], reason[1024], link[192];
    snprintf(key, sizeof key, "goal/%.80s", code);
    json_t *points = json_object_get(g, "points");
    const char *last = json_string_value(
        json_object_get(json_array_get(points, json_array_size(points) - 1), "period"));
    snprintf(state, sizeof state, "%s@%.20s", assurance ? assurance : "none", last ? last : "");
    snprintf(reason, sizeof reason,
             "The target of the goal \"%.200s\" (%.40s), %.6g for %.40s at %.40s by %.10s, %s.",
             json_string_value(json_object_get(g, "name")), code,
             json_number_value(json_object_get(g, "target")), indicator, subject,
             json_string_value(json_object_get(g, "target_period")),
             assurance_phrase(assurance ? assurance : "none"));
    if (programme)
        snprintf(link, sizeof link, "/programme.html?code=%.60s", programme);
    else
        snprintf(link, sizeof link, "/indicator.html?code=%.40s&org=%.40s", indicator, subject);
    /* A change of assurance is news; the first look at a goal is only where it starts. */
    raised news = {"assurance", key, state, reason, link, 1};
    int rc = alert_judge(dt, "assurance", key, assurance ? assurance : "none", &news,
                         &(audience){"indicator", indicator, subject, 0}, e);
    json_decref(g);
    return rc;
}

int alert_goal_assurance(detector *dt, err *e)
{
    char sql[768];
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT g.code FROM goals g JOIN follows f"
             " ON (f.kind = 'indicator' AND f.code = g.indicator_code)"
             " OR (f.kind = 'organisation' AND (f.code = g.organisation_code"
             " OR f.code = g.service_code)) WHERE 1 = 1%s ORDER BY 1",
             alert_follow_filter(dt));
    db_stmt *s;
    if (db_prepare(dt->d, sql, &s, e))
        return -1;
    int rc = alert_bind_filter(dt, s, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        char code[64];
        snprintf(code, sizeof code, "%s", db_col_text(s, 0));
        rc = judge_goal(dt, code, e);
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}
