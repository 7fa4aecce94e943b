/* unlock opportunities: the ranked register of trapped resources; and unlock
 * opportunity-status: what has been done about one of them. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/analysis.h"
#include "domain/opportunity.h"

#include <stdio.h>
#include <string.h>

enum { O_ORG, O_KIND, O_MIN, O_JSON, O_DB, O_LEVEL, O_COUNT };

static void pounds(double v, char *out, size_t size)
{
    char digits[40];
    snprintf(digits, sizeof digits, "%.0f", v < 0 ? -v : v);
    size_t n = strlen(digits), o = 0;
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

int cmd_opportunities(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_ORG] = {"--org", "CODE", "an organisation and everything below it", 0},
        [O_KIND] = {"--kind", "KIND", "estates, indicator or prescribing", 0},
        [O_MIN] = {"--min", "GBP", "leave out opportunities under this many pounds a year", 0},
        [O_JSON] = {"--json", NULL, "print JSON", 0},
        [O_DB] = CLI_DB_OPT,
        [O_LEVEL] = {"--level", "L",
                     "prescribing rows at practice (default) or sub_icb level, never both", 0},
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    opportunity_filter f = {
        .org = o[O_ORG].value, .kind = o[O_KIND].value, .level = o[O_LEVEL].value};
    if (o[O_MIN].value && analysis_number("min", o[O_MIN].value, &f.min_gbp, &e))
        return cli_fail(&e);
    db *d;
    if (cli_open_db(o[O_DB].value, 0, &d, &e))
        return cli_fail(&e);
    opportunity_list l;
    int rc = opportunities_build(d, &f, &l, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (o[O_JSON].value) {
        output_json(opportunities_json(&l, &f));
        opportunity_list_free(&l);
        return 0;
    }
    printf("%12s  %-11s %-15s %-10s %-16s %s\n", "£ a year", "kind", "credibility", "org", "status",
           "what");
    for (size_t i = 0; i < l.n; i++) {
        const opportunity *p = &l.items[i];
        char gbp[40];
        pounds(p->gbp, gbp, sizeof gbp);
        printf("%12s  %-11s %-15s %-10s %-16s %s\n", gbp, p->kind, p->credibility, p->org,
               p->status, p->what);
        printf("%12s  id %s, %s\n", "", p->id, p->period);
    }
    char total[40];
    pounds(l.total_gbp, total, sizeof total);
    printf("\n%zu opportunit%s, £%s a year in all (each counted once: estates at the site, "
           "indicators at the level compared, prescribing at %s level).\n",
           l.n, l.n == 1 ? "y" : "ies", total, f.level ? f.level : "practice");
    opportunity_list_free(&l);
    return 0;
}

enum { S_NOTE, S_ACTOR, S_DB, S_COUNT };

int cmd_opportunity_status(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[S_COUNT] = {
        [S_NOTE] = {"--note", "TEXT", "why, or what happens next (required to dismiss)", 0},
        [S_ACTOR] = {"--as", "NAME", "who made the change, for the audit log (default cli)", 0},
        [S_DB] = CLI_DB_OPT,
    };
    char *pos[2];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, S_COUNT, pos, 2, 2, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(o[S_DB].value, 0, &d, &e))
        return cli_fail(&e);
    int rc = opportunity_set_status(d, pos[0], pos[1], o[S_NOTE].value,
                                    o[S_ACTOR].value ? o[S_ACTOR].value : "cli", &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf("%s: %s\n", pos[0], pos[1]);
    return 0;
}
