/* unlock compare: each organisation against a benchmark, as Fingertips does it. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/analysis.h"
#include "report/analysis_svg.h"

#include <math.h>
#include <stdio.h>

enum { O_INDICATOR, O_PERIOD, O_KIND, O_BENCHMARK, O_JSON, O_SVG, O_DB, O_COUNT };

static void print_cuts(const char *what, const double *cuts, int groups)
{
    if (!isfinite(cuts[0])) {
        printf("%s: too few organisations to divide into %d\n", what, groups);
        return;
    }
    printf("%s cut at", what);
    for (int k = 0; k <= groups; k++)
        printf("%s %.4g", k ? "," : "", cuts[k]);
    printf("\n");
}

/* A number in a fixed-width column, or "-" where there is none (a mean has no interval). */
static void cell(double v)
{
    if (isfinite(v))
        printf(" %10.4g", v);
    else
        printf(" %10s", "-");
}

static void print_table(const compare_analysis *a)
{
    printf("%s: %s, %s\nbenchmark: %s = %.4g; polarity %s\n", a->c.indicator.code,
           a->c.indicator.name, a->c.period, a->benchmark_name, a->benchmark,
           compare_polarity_name(a->polarity));
    const char *first = a->polarity == COMPARE_HIGH_IS_GOOD || a->polarity == COMPARE_LOW_IS_GOOD
                            ? "worst"
                            : "lowest";
    printf("quartiles and quintiles by PHE's method, 1 = %s\n", first);
    print_cuts("quartiles", a->quartile_cuts, 4);
    print_cuts("quintiles", a->quintile_cuts, 5);
    printf("\n%-12s %10s %10s %10s  %-12s %-12s %8s %8s\n", "org", "value", "95% low", "95% high",
           "compared", "five tiers", "quartile", "quintile");
    for (size_t i = 0; i < a->c.n; i++) {
        const compare_row *r = &a->rows[i];
        printf("%-12s", r->org);
        cell(r->value);
        cell(r->ci95.lower);
        cell(r->ci95.upper);
        printf("  %-12s %-12s %8d %8d\n", compare_outcome_name(r->three),
               compare_outcome_name(r->five), r->quartile, r->quintile);
    }
}

int cmd_compare(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_INDICATOR] = {"--indicator", "CODE", "the indicator", 0},
        [O_PERIOD] = {"--period", "P", "the period, e.g. 2026-03", 0},
        [O_KIND] = {"--kind", "KIND", "organisations of this kind (default: the most observed)", 0},
        [O_BENCHMARK] = {"--benchmark", "ORG",
                         "compare with this organisation's value (default: all compared)", 0},
        [O_JSON] = {"--json", NULL, "print JSON", 0},
        [O_SVG] = {"--svg", "FILE", "also write the spine chart as SVG", 0},
        [O_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    compare_request req = {.indicator = o[O_INDICATOR].value,
                           .period = o[O_PERIOD].value,
                           .kind = o[O_KIND].value,
                           .benchmark = o[O_BENCHMARK].value};
    db *d;
    if (cli_open_db(o[O_DB].value, 0, &d, &e))
        return cli_fail(&e);
    compare_analysis a;
    int rc = analysis_compare(d, &req, &a, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (o[O_SVG].value) {
        strbuf svg = STRBUF_INIT;
        rc = output_svg(o[O_SVG].value, report_compare_svg(&a, &svg, &e), &svg, &e);
    }
    if (!rc && o[O_JSON].value)
        output_json(analysis_compare_json(&a));
    else if (!rc)
        print_table(&a);
    analysis_compare_free(&a);
    return rc ? cli_fail(&e) : 0;
}
