#include "report/project_svg.h"

#include "domain/analysis.h"
#include "domain/experience.h"
#include "report/charts.h"

#include <stdio.h>
#include <string.h>

static const char *str(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

int report_project_svg(db *d, const char *code, strbuf *out, err *e)
{
    json_t *p;
    if (project_readiness(d, code, &p, e))
        return -1;
    json_t *chart = json_object_get(p, "chart");
    if (!json_is_object(chart) || !json_is_array(json_object_get(chart, "points"))) {
        int rc = err_user(e, "project %.64s has no measure with data to chart", code);
        json_decref(p);
        return rc;
    }
    /* The readiness report worked out the rebase; draw the same analysis. */
    char rebase[512] = "";
    json_t *cycles = json_object_get(p, "pdsa_cycles"), *c;
    size_t i, n = 0;
    json_array_foreach(cycles, i,
                       c) if (json_is_true(json_object_get(c, "rebase")) && str(c, "change_period"))
        n += (size_t)snprintf(rebase + n, n < sizeof rebase ? sizeof rebase - n : 0, "%s%s",
                              n ? "," : "", str(c, "change_period"));
    spc_request req = {.indicator = str(p, "indicator"),
                       .subject = str(p, "subject"),
                       .rebase = rebase[0] ? rebase : NULL};
    spc_analysis a = {0};
    int rc = analysis_spc(d, &req, &a, e);
    chart_spc_note notes[32];
    char labels[32][96];
    size_t nn = 0;
    json_array_foreach(cycles, i, c)
    {
        const char *period = str(c, "change_period");
        for (size_t k = 0; !rc && period && nn < 32 && k < a.s.n; k++)
            if (strcmp(a.s.periods[k], period) == 0) {
                snprintf(labels[nn], sizeof labels[nn], "PDSA %lld: %s",
                         (long long)json_integer_value(json_object_get(c, "cycle")),
                         str(c, "title") ? str(c, "title") : "");
                notes[nn] = (chart_spc_note){k, labels[nn]};
                nn++;
            }
    }
    if (!rc) {
        char title[300];
        snprintf(title, sizeof title, "%s: %s", str(p, "name"), a.s.indicator.name);
        chart_spc_options co = {.title = title,
                                .periods = (const char *const *)a.s.periods,
                                .improvement = a.opt.improvement,
                                .notes = notes,
                                .n_notes = nn};
        rc = chart_spc_svg(&a.r, &co, out, e);
    }
    analysis_spc_free(&a);
    json_decref(p);
    return rc;
}
