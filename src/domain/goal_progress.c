/* A goal's path to its target, and whether the actual values are on it. */
#include "domain/experience.h"

#include "domain/analysis.h"
#include "domain/experience_row.h"
#include "stats/trajectory.h"

#include <stdio.h>
#include <string.h>

static void add_points(json_t *goal, const spc_analysis *a, const trajectory_goal *g)
{
    json_t *points = json_array();
    trajectory_status status = TRAJECTORY_NO_DATA;
    int last = -1;
    for (size_t i = 0; i < a->s.n; i++) {
        int m = trajectory_month(a->s.periods[i]);
        if (m < g->baseline_month)
            continue;
        json_array_append_new(points,
                              json_pack("{s:s, s:f, s:f}", "period", a->s.periods[i], "value",
                                        a->s.values[i], "expected", trajectory_expected(g, m)));
        status = trajectory_assess(g, m, a->s.values[i]);
        last = (int)i;
    }
    json_object_set_new(goal, "points", points);
    json_object_set_new(goal, "status", json_string(trajectory_status_name(status)));
    if (last >= 0 && status != TRAJECTORY_NO_DATA) {
        int m = trajectory_month(a->s.periods[last]);
        json_object_set_new(
            goal, "latest",
            json_pack("{s:s, s:f}", "period", a->s.periods[last], "value", a->s.values[last]));
        json_object_set_new(goal, "expected_now", json_real(trajectory_expected(g, m)));
    } else {
        json_object_set_new(goal, "latest", json_null());
        json_object_set_new(goal, "expected_now", json_null());
    }
    const char *assurance = a->r.n ? spc_assurance_name(a->r.assurance) : NULL;
    json_object_set_new(goal, "assurance", assurance ? json_string(assurance) : json_null());
    json_object_set_new(goal, "variation",
                        a->r.n ? json_string(spc_variation_name(a->r.variation)) : json_null());
}

int goal_progress(db *d, const char *code, json_t **out, err *e)
{
    json_t *goal;
    if (experience_one_row(d,
                           "SELECT code AS goal, name, programme_code AS programme, "
                           "indicator_code AS indicator, "
                           "COALESCE(organisation_code, service_code) AS subject, baseline, "
                           "baseline_period, target, target_period FROM goals WHERE code = ?1",
                           "sssssdsds", code, "goal", &goal, e))
        return -1;
    trajectory_goal g = {
        .baseline = json_real_value(json_object_get(goal, "baseline")),
        .baseline_month = trajectory_month(experience_str(goal, "baseline_period")),
        .target = json_real_value(json_object_get(goal, "target")),
        .target_month = trajectory_month(experience_str(goal, "target_period")),
    };
    char target[32];
    snprintf(target, sizeof target, "%.17g", g.target);
    spc_request req = {
        .indicator = experience_str(goal, "indicator"),
        .subject = experience_str(goal, "subject"),
        .improvement = g.target > g.baseline ? "increase" : "decrease",
        .target = target,
    };
    spc_analysis a = {0};
    if (analysis_spc(d, &req, &a, e)) {
        /* No observations yet is a goal with no data, not a failure. */
        if (e->kind != ERR_USER) {
            analysis_spc_free(&a);
            json_decref(goal);
            return -1;
        }
        err_clear(e);
        analysis_spc_free(&a);
        memset(&a, 0, sizeof a);
    }
    add_points(goal, &a, &g);
    analysis_spc_free(&a);
    *out = goal;
    return 0;
}
