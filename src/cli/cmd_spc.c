/* unlock spc: a Making Data Count XmR chart of one series, from the database
 * or a CSV file, as a table, JSON or SVG. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/analysis.h"
#include "report/analysis_svg.h"

#include <stdio.h>

enum {
    O_CSV,
    O_INDICATOR,
    O_ORG,
    O_IMPROVEMENT,
    O_TARGET,
    O_REBASE,
    O_FIX_AFTER,
    O_JSON,
    O_SVG,
    O_DB,
    O_COUNT
};

static void print_table(const spc_analysis *a)
{
    const spc_result *r = &a->r;
    if (!a->from_csv)
        printf("%s: %s, for %s\n", a->s.indicator.code, a->s.indicator.name, a->s.subject);
    printf("XmR chart, improvement direction: %s\n\n", spc_direction_name(a->opt.improvement));
    printf("%-10s %12s %12s %12s %12s  %s\n", "period", "value", "mean", "lower limit",
           "upper limit", "type");
    for (size_t i = 0; i < r->n; i++) {
        const spc_point *p = &r->points[i];
        printf("%-10s %12.4g %12.4g %12.4g %12.4g  %s\n", a->s.periods[i], p->value, p->mean,
               p->lpl, p->upl, spc_point_type_name(p->type));
    }
    const char *assurance = spc_assurance_name(r->assurance);
    printf("\nvariation: %s\nassurance: %s\n", spc_variation_name(r->variation),
           assurance ? assurance : "none (needs --target and an improvement direction)");
    for (size_t i = 0; i < r->n_warnings; i++)
        printf("warning: %s\n", r->warnings[i]);
}

int cmd_spc(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_CSV] = {"--csv", "FILE", "read the series from a CSV file with columns period,value", 0},
        [O_INDICATOR] = {"--indicator", "CODE", "the indicator to chart, from the database", 0},
        [O_ORG] = {"--org", "CODE", "the organisation or service", 0},
        [O_IMPROVEMENT] = {"--improvement", "DIR",
                           "increase, decrease or neutral (default: the indicator's polarity; "
                           "neutral for --csv)",
                           0},
        [O_TARGET] = {"--target", "X", "a target, for the assurance icon", 0},
        [O_REBASE] = {"--rebase", "PERIODS", "start new limits at these periods (comma-separated)",
                      0},
        [O_FIX_AFTER] = {"--fix-after", "N", "fix each segment's limits from its first N points",
                         0},
        [O_JSON] = {"--json", NULL, "print JSON", 0},
        [O_SVG] = {"--svg", "FILE", "also write the chart as SVG", 0},
        [O_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    spc_request req = {.indicator = o[O_INDICATOR].value,
                       .subject = o[O_ORG].value,
                       .csv = o[O_CSV].value,
                       .improvement = o[O_IMPROVEMENT].value,
                       .target = o[O_TARGET].value,
                       .rebase = o[O_REBASE].value,
                       .fix_after = o[O_FIX_AFTER].value};
    db *d = NULL;
    spc_analysis a;
    int rc = req.csv ? 0 : cli_open_db(o[O_DB].value, 0, &d, &e);
    if (!rc)
        rc = analysis_spc(d, &req, &a, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (o[O_SVG].value) {
        strbuf svg = STRBUF_INIT;
        rc = output_svg(o[O_SVG].value, report_spc_svg(&a, &svg, &e), &svg, &e);
    }
    if (!rc && o[O_JSON].value)
        output_json(analysis_spc_json(&a));
    else if (!rc)
        print_table(&a);
    analysis_spc_free(&a);
    return rc ? cli_fail(&e) : 0;
}
