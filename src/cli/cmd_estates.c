/* unlock estates: resources trapped in buildings, per site and per organisation. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/estates.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { O_ORG, O_JSON, O_DB, O_COUNT };

/* A number for a person, or "-" when it is not known. */
static const char *fmt(char *buf, size_t size, int decimals, double v)
{
    if (!isfinite(v))
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%.*f", decimals, v);
    return buf;
}

static void print_line(const char *code, const char *name, const estates_metrics *m)
{
    char a[32], b[32], c[32], d[32], e[32], f[32], g[32];
    printf("%-10s %-34.34s %9s %11s %7s %10s %6s %11s %6s%s\n", code, name,
           fmt(a, sizeof a, 0, m->gross_m2), fmt(b, sizeof b, 0, m->occupancy_gbp),
           fmt(c, sizeof c, 0, m->cost_per_m2), fmt(d, sizeof d, 0, m->trapped_gbp),
           fmt(e, sizeof e, 1, m->non_clinical_pct),
           fmt(f, sizeof f, 0, m->backlog_risk_adjusted_gbp),
           fmt(g, sizeof g, 1, m->room_utilisation_pct), m->low_room_use ? "  low" : "");
}

int cmd_estates(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_ORG] = {"--org", "CODE", "an organisation: its sites and those of everything below it",
                   0},
        [O_JSON] = {"--json", NULL, "print JSON", 0},
        [O_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(o[O_DB].value, 0, &d, &e))
        return cli_fail(&e);
    estates_set set;
    int rc = estates_load(d, o[O_ORG].value, &set, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (o[O_JSON].value) {
        output_json(estates_json(&set, o[O_ORG].value));
        estates_set_free(&set);
        return 0;
    }
    printf("%-10s %-34s %9s %11s %7s %10s %6s %11s %6s\n", "code", "site / organisation", "area m2",
           "FM £/yr", "£/m2", "trapped £", "non-cl%", "risk backlog", "rooms%");
    for (size_t i = 0; i < set.n;) {
        size_t end = i;
        while (end < set.n && strcmp(set.sites[end].org, set.sites[i].org) == 0)
            end++;
        estates_metrics m;
        estates_measure(set.sites + i, end - i, &m);
        print_line(set.sites[i].org, set.sites[i].org_name, &m);
        for (size_t k = i; k < end; k++) {
            estates_measure(set.sites + k, 1, &m);
            char code[40];
            snprintf(code, sizeof code, "  %s", set.sites[k].code);
            print_line(code, set.sites[k].name, &m);
        }
        i = end;
    }
    estates_metrics t;
    estates_measure(set.sites, set.n, &t);
    print_line("total", o[O_ORG].value ? o[O_ORG].value : "all sites", &t);
    printf("\ntrapped £ = (empty %% + under-used %%) x area x cost per m²; non-clinical share "
           "against the %.0f%% benchmark;\nrisk backlog weights high 1, significant 1/2, moderate "
           "1/4, low 1/8; rooms%% = sessions booked / available (low: under %.0f%%).\n",
           ESTATES_NON_CLINICAL_BENCHMARK_PCT, ESTATES_LOW_ROOM_USE_PCT);
    estates_set_free(&set);
    return 0;
}
