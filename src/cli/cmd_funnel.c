/* unlock funnel: a funnel plot across organisations for one period. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/analysis.h"
#include "report/analysis_svg.h"

#include <stdio.h>

enum { O_CSV, O_INDICATOR, O_PERIOD, O_KIND, O_TYPE, O_MULTIPLIER, O_JSON, O_SVG, O_DB, O_COUNT };

static void print_table(const funnel_analysis *a)
{
    if (a->indicator.code[0])
        printf("%s: %s, %s\n", a->indicator.code, a->indicator.name, a->period);
    printf("funnel plot of %zu organisations (%s), average %.4g\n\n", a->r.n,
           funnel_type_name(a->r.type), a->r.average);
    printf("%-12s %10s %10s %10s %10s %10s  %s\n", "org", "numerator", "denominator", "value",
           "95% low", "95% high", "significance");
    for (size_t i = 0; i < a->r.n; i++) {
        const funnel_org *o = &a->r.orgs[i];
        printf("%-12s %10.6g %10.6g %10.4g %10.4g %10.4g  %s\n", a->orgs[i], o->numerator,
               o->denominator, o->value, o->limit95_low, o->limit95_high,
               funnel_significance_name(o->significance));
    }
}

int cmd_funnel(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_CSV] = {"--csv", "FILE", "read org,numerator,denominator from a CSV file", 0},
        [O_INDICATOR] = {"--indicator", "CODE", "the indicator, from the database", 0},
        [O_PERIOD] = {"--period", "P", "the period to plot, e.g. 2026-03", 0},
        [O_KIND] = {"--kind", "KIND", "organisations of this kind (default: the most observed)", 0},
        [O_TYPE] = {"--type", "TYPE", "proportion, ratio or rate (default: the indicator's)", 0},
        [O_MULTIPLIER] = {"--multiplier", "M", "units: 100 for %; default the indicator's", 0},
        [O_JSON] = {"--json", NULL, "print JSON", 0},
        [O_SVG] = {"--svg", "FILE", "also write the plot as SVG", 0},
        [O_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    funnel_request req = {.indicator = o[O_INDICATOR].value,
                          .period = o[O_PERIOD].value,
                          .kind = o[O_KIND].value,
                          .csv = o[O_CSV].value,
                          .type = o[O_TYPE].value,
                          .multiplier = o[O_MULTIPLIER].value};
    db *d = NULL;
    funnel_analysis a;
    int rc = req.csv ? 0 : cli_open_db(o[O_DB].value, 0, &d, &e);
    if (!rc)
        rc = analysis_funnel(d, &req, &a, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (o[O_SVG].value) {
        strbuf svg = STRBUF_INIT;
        rc = output_svg(o[O_SVG].value, report_funnel_svg(&a, &svg, &e), &svg, &e);
    }
    if (!rc && o[O_JSON].value)
        output_json(analysis_funnel_json(&a));
    else if (!rc)
        print_table(&a);
    analysis_funnel_free(&a);
    return rc ? cli_fail(&e) : 0;
}
