#include "report/analysis_svg.h"

#include "report/charts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int report_spc_svg(const spc_analysis *a, strbuf *out, err *e)
{
    char title[300];
    if (a->from_csv)
        snprintf(title, sizeof title, "SPC chart");
    else
        snprintf(title, sizeof title, "%s: %s", a->s.indicator.name, a->s.subject);
    chart_spc_options co = {.title = title,
                            .periods = (const char *const *)a->s.periods,
                            .improvement = a->opt.improvement,
                            .has_target = a->opt.has_target,
                            .target = a->opt.target};
    return chart_spc_svg(&a->r, &co, out, e);
}

int report_funnel_svg(const funnel_analysis *a, strbuf *out, err *e)
{
    char title[300];
    if (a->indicator.code[0])
        snprintf(title, sizeof title, "%s, %s", a->indicator.name, a->period);
    else
        snprintf(title, sizeof title, "Funnel plot");
    chart_funnel_options co = {.title = title, .names = (const char *const *)a->names};
    return chart_funnel_svg(&a->r, &co, out, e);
}

int report_compare_svg(const compare_analysis *a, strbuf *out, err *e)
{
    char title[400];
    /* The benchmark's name goes in the title: "all practice organisations" is too long for a
     * column heading. */
    snprintf(title, sizeof title, "%s, %s, against %s", a->c.indicator.name, a->c.period,
             a->benchmark_name);
    chart_spine_row *rows = xcalloc(a->c.n ? a->c.n : 1, sizeof *rows);
    char **labels = xcalloc(a->c.n ? a->c.n : 1, sizeof *labels);
    for (size_t i = 0; i < a->c.n; i++) {
        const compare_row *r = &a->rows[i];
        labels[i] = xmalloc(strlen(r->org) + strlen(r->name) + 4);
        sprintf(labels[i], "%s %s", r->org, r->name);
        rows[i].indicator = labels[i];
        rows[i].spine = a->spine;
        rows[i].spine.value = r->value;
        rows[i].spine.pos_value = r->spine_position;
        rows[i].outcome = r->three;
    }
    chart_spine_options co = {
        .title = title, .area = "Value", .benchmark = "Benchmark", .rows = "Organisation"};
    int rc = chart_spine_svg(rows, a->c.n, &co, out, e);
    for (size_t i = 0; i < a->c.n; i++)
        free(labels[i]);
    free(labels);
    free(rows);
    return rc;
}
