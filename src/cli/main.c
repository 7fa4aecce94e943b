/* unlock: a commissioning workbench. main dispatches to one file per command. */
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

#define UNLOCK_VERSION "0.1.0"

static const cli_cmd commands[] = {
    {"init", "[--db URL]", "Create a database, or bring an existing one's schema up to date.", NULL,
     cmd_init},
    {"demo", "[--no-prescribing | --prescribing] [--db URL]",
     "Load the demo local health system (Northvale ICB): organisations, people, sites, services,\n"
     "contracts, indicators, 36 months of observations and a year of prescribing.",
     "The demo is synthetic and deterministic: every run loads the same rows. It goes through\n"
     "the same import code as your own files, into a new or existing database. The prescribing\n"
     "is a generated English Prescribing Dataset for the demo's 30 practices, 2025-04 to\n"
     "2026-03 (--prescribing loads only that; --no-prescribing leaves it out).",
     cmd_demo},
    {"import", "KIND FILE [--year YYYY/YY] [--db URL] | prescribing FILE... | list-sizes FILE",
     "Load a CSV file of one kind into the database.",
     "KIND is one of: organisations, people, sites, services, contracts, indicators,\n"
     "observations, unit-costs; or prescribing, list-sizes (`unlock import prescribing\n"
     "--help`). FILE is a CSV file with a header row (\"-\" reads standard input);\n"
     "columns are matched by name. The import is all or nothing: the first bad value stops\n"
     "it with FILE:LINE, the column and what was expected, and nothing is changed. Rows\n"
     "whose key is already stored are updated. Formats: docs/data-formats.md.\n"
     "KIND eric reads an NHS estates return (ERIC site data CSV) as published, for the\n"
     "financial year --year YYYY/YY or the one in the file name: docs/opportunities.md.",
     cmd_import},
    {"list", "KIND [--json] [--limit N] [--db URL]", "List the stored rows of one kind.", NULL,
     cmd_list},
    {"show", "KIND KEY... [--json] [--db URL]", "Show one stored row in full.",
     "KEY is the row's code (or key). An observation's key is three words:\n"
     "INDICATOR SUBJECT PERIOD, where SUBJECT is an organisation or service code.",
     cmd_show},
    {"export", "KIND [--out FILE] [--db URL]",
     "Write the stored rows of one kind as CSV, in the import format.",
     "Export, import into a fresh database and export again gives the same bytes.", cmd_export},
    {"spc",
     "(--csv FILE | --indicator CODE --org CODE) [--improvement DIR] [--target X]\n"
     "                  [--rebase PERIODS] [--fix-after N] [--json] [--svg FILE] [--db URL]",
     "Statistical process control: a Making Data Count XmR chart of one series.",
     "Points are tested in this order: outside the process limits; a run of 7 rising or\n"
     "falling; 2 of 3 beyond the same near limit; 7 on one side of the mean. Each special\n"
     "cause is an improvement or a concern by the improvement direction. The variation icon\n"
     "comes from the last point; the assurance icon compares --target with the limits.",
     cmd_spc},
    {"funnel",
     "(--csv FILE | --indicator CODE --period P) [--kind KIND] [--type TYPE]\n"
     "                  [--multiplier M] [--json] [--svg FILE] [--db URL]",
     "Funnel plot: each organisation against the average, with 95% and 99.8% limits.",
     "Proportions use limits from the Wilson score interval around the average; ratios and\n"
     "rates use exact Poisson limits. Significance: high_0.001, high_0.025, not_significant,\n"
     "low_0.025, low_0.001. With --csv the columns are org,numerator,denominator (for a ratio\n"
     "the denominator is the expected count).",
     cmd_funnel},
    {"compare",
     "--indicator CODE --period P [--kind KIND] [--benchmark ORG] [--json] [--svg FILE]\n"
     "                  [--db URL]",
     "Compare each organisation with a benchmark, as Fingertips does.",
     "Three tiers: better, similar or worse, by whether the benchmark lies inside the\n"
     "organisation's 95% interval, judged by the indicator's polarity; five tiers add the\n"
     "99.8% level. Quartiles and quintiles by PHE's rank method count from the worst (the\n"
     "lowest when no direction is better); --svg draws the Fingertips spine chart.",
     cmd_compare},
    {"opportunity",
     "--indicator CODE --period P --org CODE [--peers CODES | --context CODES\n"
     "                  [--nearest N]] [--best K] [--unit-cost GBP] [--json] [--db URL]",
     "Peer opportunity: what an organisation would gain by matching its best peers.",
     "The benchmark is the mean of the best K peers. An opportunity is counted only when the\n"
     "organisation is worse AND the difference is significant at 95% allowing for both its\n"
     "own and its peers' uncertainty (the flaw Dropkin found in RightCare's method).\n"
     "Peers: those named by --peers; or with --context the N (default 10) most similar by\n"
     "those contextual indicators (e.g. IMD19), each standardised and equally weighted; or\n"
     "else every other organisation compared.",
     cmd_opportunity},
    {"estates", "[--org CODE] [--json] [--db URL]",
     "Resources trapped in buildings: occupancy cost, trapped space, backlog, room use.",
     "Per site and per occupying organisation (with --org: that organisation and everything\n"
     "below it). Organisation figures are sums of their sites', never averages of ratios.",
     cmd_estates},
    {"opportunities",
     "[--org CODE] [--kind estates|indicator|prescribing] [--level practice|sub_icb]\n"
     "                  [--min GBP] [--json] [--db URL]",
     "The ranked register of trapped resources, in pounds a year, with credibility and status.",
     "Estates: trapped space per site. Indicators: peer opportunity over the latest 12 months x\n"
     "the indicator's unit cost (`unlock import unit-costs`). Prescribing: per organisation, the\n"
     "saving at the median of each cost-based measure and price-per-unit savings, over the latest\n"
     "12 months, at --level practice (default) or sub_icb, never both.\n"
     "Ranked by £ then credibility; the total counts each opportunity at one level only.",
     cmd_opportunities},
    {"opportunity-status", "ID STATUS [--note TEXT] [--as NAME] [--db URL]",
     "Record what is being done about an opportunity (audit-logged).",
     "STATUS: new, in_conversation, project, released, or dismissed (with --note saying why).\n"
     "ID is as `unlock opportunities` shows it, e.g. estates:S-FMH or indicator:GP-DNA:X81001.",
     cmd_opportunity_status},
    {"conversation", "add|list|show|actions|action|delete ...",
     "The conversation log: who talked, what matters to them, what was agreed, what is open.", NULL,
     cmd_conversation},
    {"relationships", "[--days N] [--today DATE] [--matrix] [--svg FILE] [--json] [--db URL]",
     "Who has been talking with whom, and the gaps: providers nobody has talked with lately.",
     "Per provider organisation, specialty and service: the last conversation, how many in\n"
     "the window, open and overdue actions. A gap is a provider with contracts of £1m a year\n"
     "or more, an open opportunity or an indicator showing a concern, and no conversation in\n"
     "the window. --matrix counts the conversations each pair of organisations shared.",
     cmd_relationships},
    {"involvement", "(--pathway P | --service CODE) [--json] [--db URL]",
     "Which specialties and parts of a pathway have been in the conversations about it.",
     "Warns when the design of a pathway or service has involved only GPs and managers: no\n"
     "clinician from the services that provide it.",
     cmd_involvement},
    {"pack", "ORG [--service CODE] [--out FILE.html] [--pdf FILE.pdf] [--today DATE] [--db URL]",
     "A conversation pack: one or two A4 pages to take into a conversation with a provider.",
     "Its key indicators as small SPC charts with icons, where it sits against its peers, its\n"
     "top opportunities with how sure we are, what earlier conversations recorded and open\n"
     "questions built from the data. Self-contained HTML (inline CSS and SVG); --pdf prints it\n"
     "with headless Chromium ($UNLOCK_CHROMIUM or /usr/bin/chromium). Docs: docs/conversations.md.",
     cmd_pack},
    {"review", "add|list|show|view|pack ...",
     "Clinically oriented contract review: quality beside value, findings, actions, the pack.",
     NULL, cmd_review},
    {"copy-db", "--from URL --to URL [--replace] [--json]",
     "Copy a whole database to another, between SQLite and PostgreSQL, verified table by table.",
     "Every table the migrations made is copied in one transaction on the destination, then\n"
     "both sides are read back: rows counted and checksummed per table (typed values, any\n"
     "order). On any difference nothing is kept. The destination must be empty unless\n"
     "--replace. The full-text index is rebuilt, identity counters moved on, and the\n"
     "prescribing month files copied. Docs: docs/deploy.md.",
     cmd_copy_db},
    {"backup", "FILE [--json] [--db URL]",
     "Write a consistent, verified copy of the database to a SQLite file, while serving.",
     "SQLite: VACUUM INTO a temporary file beside FILE (one read transaction, so writers go\n"
     "on). PostgreSQL: copy-db into the file inside one REPEATABLE READ snapshot, every table\n"
     "counted and checksummed. The copy must pass SQLite's integrity check and hold an unlock\n"
     "schema; only then is it renamed over FILE. The prescribing month files it lists are\n"
     "copied to FILE.rx/. Its audit chain is verified too: when broken, the backup is kept\n"
     "(it is the evidence) but the exit status is 1. Docs: docs/deploy.md.",
     cmd_backup},
    {"restore", "FILE [--force] [--json] [--db URL]",
     "Put a backup back: check FILE, then replace the database with it, all or nothing.",
     "FILE must pass the checks `unlock backup` makes (integrity, an unlock schema this\n"
     "version knows, a whole audit chain). A database that holds data is replaced only with\n"
     "--force, and a SQLite file another program has open (a running server) never is: stop\n"
     "it first. SQLite: the checked copy is renamed over the file; PostgreSQL: loaded by\n"
     "copy-db in one transaction. Either way a failure leaves the old database as it was.\n"
     "The prescribing month files come from FILE.rx/ and replace the database's own.",
     cmd_restore},
    {"audit", "verify|list ...",
     "The audit log: check its hash chain, or read its latest entries.", NULL, cmd_audit},
    {"publish", "--out DIR [--db URL]",
     "The public transparency site: static HTML, one stylesheet and open data (CSV, JSON).",
     "Programmes with their vision, progress, priorities, pledges, goals (with charts), \"you\n"
     "said, we did\" and the emotional map; each provider's scorecard; the opportunities\n"
     "register by organisation; every table as CSV and JSON with a data dictionary. Built\n"
     "from the public view only (docs/public.md); no JavaScript, relative links, file:// works.",
     cmd_publish},
    {"programme", "CODE [--audience commissioners|public | --provider ORG] [--json] [--db URL]",
     "An improvement programme as its story: events, what people said, pledges, goals, projects.",
     "Vision, co-design events, the emotional map of the pathway, priorities, pledges, work\n"
     "streams and champions, goals against their path to target, projects with their\n"
     "readiness, and the programme's progress on the 0.5-5 QI scale (docs/experience.md).",
     cmd_programme},
    {"goal", "CODE [--json] [--svg FILE] [--db URL]",
     "A goal against its straight path to target: on track, off track or achieved.",
     "Also the SPC assurance icon of the goal's measure against the target.", cmd_goal},
    {"project", "CODE [--json] [--svg FILE] [--db URL]",
     "An improvement project's readiness, PDSA cycles and measure.",
     "Warns when senior support, clinical leadership or improvement capability is missing,\n"
     "or when its design has involved only GPs and managers.",
     cmd_project},
    {"stories", "[--pathway P] [--programme CODE] [--audience WHO | --provider ORG] [--json]",
     "Experience stories, as commissioners, a provider or the public may see them.",
     "Commissioners see every story as told. Providers see approved stories about their own\n"
     "organisation whose tellers consented, in moderated text; the public only approved\n"
     "stories consented for publication.",
     cmd_stories},
    {"emotional-map",
     "--pathway P [--audience WHO | --provider ORG] [--json] [--svg FILE] [--db URL]",
     "How each stage of a pathway felt, across the stories people told.", NULL, cmd_emotional_map},
    {"reflection", "add|list|share ...",
     "The learning set's reflections: private to their author until shared.", NULL, cmd_reflection},
    {"summary", "[--json] [--db URL]", "Describe the local health system in the database.", NULL,
     cmd_summary},
    {"serve",
     "[--db URL] [--bind ADDRESS] [--port N] [--threads N] [--web DIR]\n"
     "                  [--session-ttl SECONDS] [--secure-cookies] [--max-body BYTES] "
     "[--request-timeout "
     "S]",
     "Serve the JSON API and the browser front end over HTTP.",
     "Listens on 127.0.0.1:8080 unless told otherwise, and prints one line,\n"
     "\"unlock: serving http://HOST:PORT/\", once it is listening. Each request is logged on\n"
     "standard error: time, method, path, status, bytes, microseconds, user. SIGTERM or\n"
     "SIGINT stops it after the requests in flight. Accounts: `unlock user`.",
     cmd_serve},
    {"alerts", "[--user EMAIL] [--json] | follow|unfollow|follows|detect|digest ...",
     "Alerts on what you follow: special causes, funnel outliers, pledges and actions past due.",
     "`unlock alerts` lists the alerts raised; `unlock alerts follow KIND CODE --user EMAIL`\n"
     "follows an organisation, indicator or measure; every import then works out what changed.\n"
     "`unlock alerts digest` writes each user's day as an e-mail (or sends it: --smtp).\n"
     "docs/alerts.md.",
     cmd_alerts},
    {"user", "add|passwd|disable|enable|list ...",
     "Manage the accounts that sign in to `unlock serve`.", NULL, cmd_user},
    {"gen-epd", "[--rows N] [--seed S] [--month YYYYMM] [--old-layout] [--out FILE]",
     "Write a synthetic English Prescribing Dataset month, for tests and benchmarks.",
     "Deterministic: the same options give the same bytes. Practices are grouped in sub-ICBs\n"
     "(PCO_CODE), ICBs and regions; BNF codes have the real 15-character structure.",
     cmd_rx_gen},
    {"measures", "[--json] [--measures DIR]", "List the prescribing measures.",
     "Definitions are JSON files in --measures DIR, else $UNLOCK_MEASURES, else\n"
     "./data/measures, else those shipped beside the binary. Format: docs/prescribing.md.",
     cmd_rx_measures},
    {"measure",
     "ID|--definition FILE|--all --month YYYYMM [--level L] [--org CODE] [--json]\n"
     "                  [--measures DIR] [--db URL]",
     "A prescribing measure for one month: values, percentiles, deciles and savings.",
     "Levels: practice, sub_icb, icb, region. The percentile is PERCENT_RANK x 100 among\n"
     "organisations with a value; deciles are PERCENTILE_CONT; cost-based measures show the\n"
     "saving at each decile as OpenPrescribing computes it (totals add positive savings).",
     cmd_rx_measure},
    {"ppu", "--month YYYYMM [--level L] [--org CODE] [--limit N] [--json] [--db URL]",
     "Price-per-unit savings: presentations bought above the 10th centile price.",
     "Price per unit is NIC / units. Presentations substitute for each other when they share\n"
     "the chemical (BNF characters 1-9) and generic strength and form (characters 14-15); the\n"
     "target is the 10th percentile price per unit over practices. Saving = max(0, cost -\n"
     "units x target), shown from 10 pounds for a practice and 200 for other levels.",
     cmd_rx_ppu},
};
static const int ncommands = sizeof commands / sizeof commands[0];

static void usage(FILE *out)
{
    fprintf(out, "unlock %s: a commissioning workbench for NHS local health systems\n\n",
            UNLOCK_VERSION);
    fprintf(out, "usage: unlock COMMAND [ARGS] [--help]\n\ncommands:\n");
    for (int i = 0; i < ncommands; i++) {
        const char *s = commands[i].summary;
        const char *nl = strchr(s, '\n');
        fprintf(out, "  %-19s %.*s\n", commands[i].name, nl ? (int)(nl - s) : (int)strlen(s), s);
    }
    fprintf(out, "\nThe database is ./unlock.db unless --db or UNLOCK_DB says otherwise.\n"
                 "Exit status: 0 success, 1 a problem with the input, 2 an internal error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("unlock %s\n", UNLOCK_VERSION);
        return 0;
    }
    for (int i = 0; i < ncommands; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(&commands[i], argc - 1, argv + 1);
    fprintf(stderr, "unlock: unknown command '%s'\n\n", name);
    usage(stderr);
    return 1;
}
