/* Whether a project has the three things improvement needs, and its PDSA cycles on its
 * measure's chart. */
#include "domain/experience.h"

#include "domain/analysis.h"
#include "domain/conversation.h"
#include "domain/experience_row.h"
#include "domain/relationships.h"
#include "domain/row_json.h"
#include "util/strbuf.h"

#include <string.h>

static const struct {
    const char *component, *key, *name, *missing;
} components[] = {
    {"senior_support", "sponsor", "sponsor_name",
     "no senior sponsor: without senior organisational support the project will struggle to "
     "release time and money or to spread"},
    {"clinical_leadership", "clinical_lead", "clinical_lead_name",
     "no clinical lead: without inspired clinical leadership colleagues are unlikely to change "
     "how they work"},
    {"improvement_capability", "improvement_lead", "improvement_lead_name",
     "no improvement lead: without project-level improvement capability changes are not "
     "tested, measured or sustained"},
};

static void add_readiness(json_t *project)
{
    json_t *list = json_array(), *warnings = json_array();
    int present = 0;
    for (size_t i = 0; i < sizeof components / sizeof components[0]; i++) {
        const char *key = experience_str(project, components[i].key);
        json_array_append_new(
            list, json_pack("{s:s, s:b, s:O, s:O}", "component", components[i].component, "present",
                            key != NULL, "person", json_object_get(project, components[i].key),
                            "name", json_object_get(project, components[i].name)));
        if (key)
            present++;
        else
            json_array_append_new(warnings, json_string(components[i].missing));
    }
    json_object_set_new(project, "readiness",
                        json_pack("{s:o, s:b, s:i}", "components", list, "ready", present == 3,
                                  "present", present));
    json_object_set_new(project, "warnings", warnings);
}

/* The conversations' clinical-involvement check of the project's pathway or service. */
static int add_involvement(db *d, json_t *project, err *e)
{
    const char *pathway = experience_str(project, "pathway");
    const char *service = experience_str(project, "service");
    if (!pathway && !service) {
        json_object_set_new(project, "involvement", json_null());
        return 0;
    }
    conversation_viewer all = {.all = 1};
    json_t *inv;
    if (relationships_involvement(d, pathway, pathway ? NULL : service, &all, &inv, e)) {
        if (!e->not_found)
            return -1;
        err_clear(e);
        inv = json_null();
    }
    json_object_set_new(project, "involvement", inv);
    const char *warning = experience_str(inv, "warning");
    if (warning)
        json_array_append_new(json_object_get(project, "warnings"), json_string(warning));
    return 0;
}

/* The measure's SPC chart, a new segment at each cycle marked rebase, and the cycles as
 * annotations at the period their change took effect. */
static int add_chart(db *d, json_t *project, json_t *cycles, err *e)
{
    const char *indicator = experience_str(project, "indicator");
    const char *subject = experience_str(project, "subject");
    if (!indicator || !subject) {
        json_object_set_new(project, "chart", json_null());
        return 0;
    }
    strbuf rebase = STRBUF_INIT;
    json_t *notes = json_array();
    size_t i;
    json_t *c;
    json_array_foreach(cycles, i, c)
    {
        const char *period = experience_str(c, "change_period");
        if (!period)
            continue;
        json_array_append_new(notes, json_pack("{s:s, s:O, s:O}", "period", period, "cycle",
                                               json_object_get(c, "cycle"), "title",
                                               json_object_get(c, "title")));
        if (json_is_true(json_object_get(c, "rebase")))
            strbuf_addf(&rebase, "%s%s", rebase.len ? "," : "", period);
    }
    spc_request req = {.indicator = indicator,
                       .subject = subject,
                       .rebase = rebase.len ? strbuf_str(&rebase) : NULL};
    spc_analysis a = {0};
    int rc = analysis_spc(d, &req, &a, e);
    strbuf_free(&rebase);
    if (rc) {
        analysis_spc_free(&a);
        json_decref(notes);
        if (e->kind != ERR_USER)
            return -1;
        /* A measure with no data yet, or a change outside it, is shown as such. */
        json_object_set_new(project, "chart", json_pack("{s:s}", "unavailable", e->msg));
        err_clear(e);
        return 0;
    }
    json_t *chart = analysis_spc_json(&a);
    json_object_set_new(chart, "annotations", notes);
    json_object_set_new(project, "chart", chart);
    analysis_spc_free(&a);
    return 0;
}

int project_readiness(db *d, const char *code, json_t **out, err *e)
{
    json_t *p;
    if (experience_one_row(
            d,
            "SELECT p.code AS project, p.name, p.aim, p.programme_code AS programme, "
            "p.workstream_code AS workstream, p.indicator_code AS indicator, "
            "COALESCE(p.organisation_code, p.service_code) AS subject, "
            "p.service_code AS service, "
            "COALESCE(p.pathway, (SELECT pathway FROM services WHERE code = "
            "p.service_code), (SELECT pathway FROM programmes WHERE code = "
            "p.programme_code)) AS pathway, "
            "p.sponsor_key AS sponsor, sp.name AS sponsor_name, "
            "p.clinical_lead_key AS clinical_lead, cl.name AS clinical_lead_name, "
            "p.improvement_lead_key AS improvement_lead, "
            "il.name AS improvement_lead_name, p.specialties, "
            "p.start_date AS start, p.progress_score FROM projects p "
            "LEFT JOIN people sp ON sp.key = p.sponsor_key "
            "LEFT JOIN people cl ON cl.key = p.clinical_lead_key "
            "LEFT JOIN people il ON il.key = p.improvement_lead_key "
            "WHERE p.code = ?1",
            "sssssssssssssssssd", code, "project", &p, e))
        return -1;
    add_readiness(p);
    json_t *cycles = json_array();
    json_object_set_new(p, "pdsa_cycles", cycles);
    int rc = row_json_rows(d,
                           "SELECT cycle, title, plan, do_text AS \"do\", study, act, "
                           "start_date AS start, end_date AS \"end\", change_period, rebase "
                           "FROM pdsa_cycles WHERE project_code = ?1 ORDER BY cycle",
                           "issssssssb", &code, 1, cycles, e);
    if (!rc)
        rc = add_involvement(d, p, e);
    if (!rc)
        rc = add_chart(d, p, cycles, e);
    if (rc) {
        json_decref(p);
        return -1;
    }
    *out = p;
    return 0;
}
