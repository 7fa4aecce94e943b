/* unlock opportunity: what one organisation could gain by matching its best peers. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/analysis.h"

#include <math.h>
#include <stdio.h>

enum {
    O_INDICATOR,
    O_PERIOD,
    O_ORG,
    O_PEERS,
    O_CONTEXT,
    O_NEAREST,
    O_BEST,
    O_UNIT_COST,
    O_JSON,
    O_DB,
    O_COUNT
};

static void print_result(const opportunity_analysis *a)
{
    const peer_result *r = &a->r;
    printf("%s: %s, %s, for %s\n\n%s\n\n", a->c.indicator.code, a->c.indicator.name, a->c.period,
           a->c.rows[a->target].org, r->description);
    printf("value %.4g, benchmark %.4g, difference %.4g (standard error %.4g)\n", r->own_rate,
           r->benchmark, r->difference, r->se_difference);
    if (r->opportunity > 0) {
        printf("opportunity: %.1f events", r->opportunity);
        if (isfinite(r->opportunity_cost))
            printf(", £%.0f", r->opportunity_cost);
        printf("\n");
    } else {
        printf("opportunity: none (%s)\n",
               !r->worse ? "not worse than the benchmark" : "the difference is not significant");
    }
}

int cmd_opportunity(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_INDICATOR] = {"--indicator", "CODE", "the indicator", 0},
        [O_PERIOD] = {"--period", "P", "the period, e.g. 2026-03", 0},
        [O_ORG] = {"--org", "CODE", "the organisation to assess", 0},
        [O_PEERS] = {"--peers", "CODES", "its peers, comma-separated (default: all others)", 0},
        [O_CONTEXT] = {"--context", "CODES",
                       "or choose the most similar peers by these contextual indicators", 0},
        [O_NEAREST] = {"--nearest", "N", "with --context, how many similar peers (default 10)", 0},
        [O_BEST] = {"--best", "K", "benchmark on the best K peers (default 5)", 0},
        [O_UNIT_COST] = {"--unit-cost", "GBP", "cost of one event, to size the opportunity in £",
                         0},
        [O_JSON] = {"--json", NULL, "print JSON", 0},
        [O_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    opportunity_request req = {.indicator = o[O_INDICATOR].value,
                               .period = o[O_PERIOD].value,
                               .org = o[O_ORG].value,
                               .peers = o[O_PEERS].value,
                               .context = o[O_CONTEXT].value,
                               .nearest = o[O_NEAREST].value,
                               .best = o[O_BEST].value,
                               .unit_cost = o[O_UNIT_COST].value};
    db *d;
    if (cli_open_db(o[O_DB].value, 0, &d, &e))
        return cli_fail(&e);
    opportunity_analysis a;
    int rc = analysis_opportunity(d, &req, &a, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (o[O_JSON].value)
        output_json(analysis_opportunity_json(&a));
    else
        print_result(&a);
    analysis_opportunity_free(&a);
    return 0;
}
