#include "report/analysis_svg.h"

#include "report/charts.h"

#include <stdio.h>

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
