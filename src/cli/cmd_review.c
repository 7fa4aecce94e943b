/* unlock review add|list|show|view|pack: clinically oriented contract review from the
 * terminal. The command line is a commissioner's own view: it sees every review. */
#include "cli/commands.h"

#include "cli/json_args.h"
#include "cli/output.h"
#include "domain/review.h"
#include "domain/review_csv.h"
#include "report/pack_pdf.h"
#include "report/review_pack.h"
#include "util/file.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const conversation_viewer EVERYONE = {.all = 1};

static const cli_cmd sub_add = {
    "review add",
    "(--file FILE.json|FILE.csv | --contract CODE --date YYYY-MM-DD) [--attendees KEYS]\n"
    "                  [--safety TEXT] [--effectiveness TEXT] [--experience TEXT]\n"
    "                  [--innovation TEXT] [--productivity TEXT] [--integration TEXT]\n"
    "                  [--action TEXT[;OWNER[;DUE]]] [--summary TEXT] [--next DATE]\n"
    "                  [--as NAME] [--db URL]",
    "Record a contract review: who attended, what was found per quality domain, what was agreed.",
    "--file reads the review as JSON (the API's shape, docs/contract-review.md) or, for a file\n"
    "ending .csv, as rows part,key,text,assurance,owner,due,status; options given as well\n"
    "replace those members. --attendees is a comma-separated list of people's keys. A domain's\n"
    "finding may start with its assurance: --safety \"partly_assured: falls rising on ward 4\"\n"
    "(assured, partly_assured or not_assured). Prints the new review's id.",
    NULL};
static const cli_cmd sub_list = {"review list",
                                 "[--contract CODE] [--provider ORG] [--json] [--db URL]",
                                 "List contract reviews, newest first.", NULL, NULL};
static const cli_cmd sub_show = {"review show", "ID [--json] [--db URL]",
                                 "Show one contract review in full.", NULL, NULL};
static const cli_cmd sub_view = {
    "review view", "CONTRACT [--json] [--db URL]",
    "The view a review is held over: value, services and quality, domain by domain.",
    "For each quality domain the provider's indicators with their SPC icons, funnel position\n"
    "against peers and comparison with the benchmark; activity and money beside them.",
    NULL};
static const cli_cmd sub_pack = {
    "review pack", "CONTRACT [--out FILE.html] [--pdf FILE.pdf] [--today DATE] [--db URL]",
    "The contract review pack: one print-ready, self-contained HTML page.", NULL, NULL};

static const char *const DOMAIN_OPTS[] = {"safety",     "effectiveness", "experience",
                                          "innovation", "productivity",  "integration"};
#define NDOMAINS 6

static int read_file_as_review(const char *path, json_t **out, json_t **lines, err *e)
{
    char *text = NULL;
    size_t len = 0;
    *lines = NULL;
    if (file_read_all(path, &text, &len, e))
        return -1;
    size_t n = strlen(path);
    int rc;
    if (n > 4 && strcmp(path + n - 4, ".csv") == 0) {
        rc = review_from_csv(path, text, len, out, lines, e);
    } else {
        json_error_t je;
        *out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
        rc = *out ? 0 : err_user(e, "%s:%d:%d: %s", path, je.line, je.column, je.text);
        if (!rc && !json_is_object(*out)) {
            json_decref(*out);
            rc = err_user(e, "%s: expected a JSON object (one contract review)", path);
        }
    }
    free(text);
    return rc;
}

/* "assurance: text" or "text" as a finding. */
static json_t *finding(const char *domain, const char *value)
{
    static const char *const levels[] = {"assured", "partly_assured", "not_assured"};
    json_t *f = json_pack("{s:s}", "domain", domain);
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(levels[i]);
        if (strncmp(value, levels[i], n) == 0 && value[n] == ':') {
            json_object_set_new(f, "assurance", json_string(levels[i]));
            value += n + 1;
            while (*value == ' ')
                value++;
            break;
        }
    }
    json_object_set_new(f, "finding", json_string(value));
    return f;
}

/* "p-0018, p-0025" as [{"person":"p-0018"}, {"person":"p-0025"}]. */
static json_t *attendees(const char *s)
{
    json_t *keys = cli_json_list(s), *arr = json_array(), *k;
    size_t i;
    json_array_foreach(keys, i, k) json_array_append_new(arr, json_pack("{s:O}", "person", k));
    json_decref(keys);
    return arr;
}

enum {
    A_FILE,
    A_CONTRACT,
    A_DATE,
    A_ATTENDEES,
    A_ACTION,
    A_SUMMARY,
    A_NEXT,
    A_AS,
    A_DB,
    A_DOMAIN,
    A_COUNT = A_DOMAIN + NDOMAINS
};

/* The options given on top of the file (or alone). */
static void apply_options(const cli_opt *o, json_t *obj)
{
    static const struct {
        int opt;
        const char *member;
    } texts[] = {{A_CONTRACT, "contract"},
                 {A_DATE, "held_on"},
                 {A_SUMMARY, "summary"},
                 {A_NEXT, "next_review"}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (o[texts[i].opt].value)
            json_object_set_new(obj, texts[i].member, json_string(o[texts[i].opt].value));
    if (o[A_ATTENDEES].value)
        json_object_set_new(obj, "attendees", attendees(o[A_ATTENDEES].value));
    for (int k = 0; k < NDOMAINS; k++) {
        if (!o[A_DOMAIN + k].value)
            continue;
        /* A domain given on the command line replaces the file's finding there. */
        json_t *findings = json_object_get(obj, "findings");
        size_t i;
        json_t *f;
        json_array_foreach(findings, i, f)
        {
            if (json_is_string(json_object_get(f, "domain")) &&
                strcmp(json_string_value(json_object_get(f, "domain")), DOMAIN_OPTS[k]) == 0) {
                json_array_remove(findings, i);
                break;
            }
        }
        cli_json_append(obj, "findings", finding(DOMAIN_OPTS[k], o[A_DOMAIN + k].value));
    }
    if (o[A_ACTION].value)
        cli_json_append(obj, "actions", cli_json_action(o[A_ACTION].value));
}

static int run_add(int argc, char **argv)
{
    static const char *const domain_help[] = {
        "what was found about safety", "... about effectiveness", "... about experience",
        "... about innovation",        "... about productivity",  "... about integration"};
    static char names[NDOMAINS][24];
    cli_opt o[A_COUNT] = {
        [A_FILE] = {"--file", "FILE", "the review as JSON, or CSV for a file ending .csv", 0},
        [A_CONTRACT] = {"--contract", "CODE", "the contract reviewed", 0},
        [A_DATE] = {"--date", "DATE", "when the review was held (YYYY-MM-DD)", 0},
        [A_ATTENDEES] = {"--attendees", "KEYS", "who attended: people's keys, comma-separated", 0},
        [A_ACTION] = {"--action", "SPEC", "an agreed action: TEXT[;OWNER KEY[;DUE DATE]]", 0},
        [A_SUMMARY] = {"--summary", "TEXT", "the review in a few lines", 0},
        [A_NEXT] = {"--next", "DATE", "when the contract is next reviewed", 0},
        [A_AS] = {"--as", "NAME", "who is recording it (default cli)", 0},
        [A_DB] = CLI_DB_OPT,
    };
    for (int k = 0; k < NDOMAINS; k++) {
        snprintf(names[k], sizeof names[k], "--%s", DOMAIN_OPTS[k]);
        o[A_DOMAIN + k] = (cli_opt){names[k], "TEXT", domain_help[k], 0};
    }
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_add, argc, argv, o, A_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    json_t *obj = NULL, *lines = NULL;
    if (o[A_FILE].value) {
        if (read_file_as_review(o[A_FILE].value, &obj, &lines, &e))
            return cli_fail(&e);
    } else {
        obj = json_object();
    }
    apply_options(o, obj);
    db *d = NULL;
    int64_t id = 0;
    int rc = cli_open_db(o[A_DB].value, 0, &d, &e);
    if (!rc) {
        rc = review_create(d, obj, o[A_AS].value ? o[A_AS].value : "cli", &id, &e);
        long line = rc ? review_csv_line(lines, e.field) : 0;
        if (rc && line)
            err_prefix(&e, "%s:%ld", o[A_FILE].value, line);
        else if (rc && o[A_FILE].value)
            err_prefix(&e, "%s", o[A_FILE].value);
        db_close(d);
    }
    json_decref(obj);
    json_decref(lines);
    if (rc)
        return cli_fail(&e);
    printf("%lld\n", (long long)id);
    return 0;
}

static void print_reviews(json_t *list)
{
    size_t i;
    json_t *it;
    json_t *items = json_object_get(list, "items");
    json_array_foreach(items, i, it)
    {
        const char *next = json_string_value(json_object_get(it, "next_review"));
        printf("%5lld  %s  %-12s %s\n", (long long)json_integer_value(json_object_get(it, "id")),
               json_string_value(json_object_get(it, "held_on")),
               json_string_value(json_object_get(it, "contract")),
               json_string_value(json_object_get(it, "provider_name")));
        printf("%5s  %lld attended (%lld clinicians); %lld domains found; %lld open actions"
               " (%lld overdue); next review %s\n",
               "", (long long)json_integer_value(json_object_get(it, "attendees")),
               (long long)json_integer_value(json_object_get(it, "clinicians")),
               (long long)json_integer_value(json_object_get(it, "findings")),
               (long long)json_integer_value(json_object_get(it, "open_actions")),
               (long long)json_integer_value(json_object_get(it, "overdue_actions")),
               next ? next : "not set");
    }
    printf("\n%zu review%s\n", json_array_size(items), json_array_size(items) == 1 ? "" : "s");
}

static int run_list(int argc, char **argv)
{
    cli_opt o[] = {{"--contract", "CODE", "of this contract", 0},
                   {"--provider", "ORG", "of contracts this organisation provides", 0},
                   {"--json", NULL, "print JSON", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_list, argc, argv, o, 4, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(o[3].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *list = NULL;
    int rc = review_list(d, o[0].value, o[1].value, &EVERYONE, &list, &e);
    db_close(d);
    return output_result(rc, &e, list, o[2].value != NULL, print_reviews);
}

static const char *text(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : "";
}

static void print_review(json_t *r)
{
    printf("contract review %lld (version %lld): %s, %s\n",
           (long long)json_integer_value(json_object_get(r, "id")),
           (long long)json_integer_value(json_object_get(r, "version")), text(r, "contract"),
           text(r, "provider_name"));
    printf("%-14s %s\n", "held", text(r, "held_on"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(r, "attendees"), i, v)
    {
        const char *spec = text(v, "specialty");
        printf("%-14s %s (%s%s%s)\n", i ? "" : "attended", text(v, "name"), text(v, "role"),
               spec[0] ? "; " : "", spec);
    }
    if (text(r, "summary")[0])
        printf("\nSummary:\n  %s\n", text(r, "summary"));
    if (json_array_size(json_object_get(r, "findings")))
        printf("\nFindings:\n");
    json_array_foreach(json_object_get(r, "findings"), i, v)
    {
        const char *a = text(v, "assurance");
        printf("  %-14s %s%s%s%s\n", text(v, "domain"), a[0] ? "[" : "", a, a[0] ? "] " : "",
               text(v, "finding"));
    }
    if (json_array_size(json_object_get(r, "actions")))
        printf("\nActions:\n");
    json_array_foreach(json_object_get(r, "actions"), i, v)
    {
        const char *owner = text(v, "owner_name"), *due = text(v, "due");
        printf("  %lld. [%s] %s%s%s%s%s%s%s\n",
               (long long)json_integer_value(json_object_get(v, "n")), text(v, "status"),
               text(v, "description"), owner[0] ? " (" : "", owner, owner[0] ? ")" : "",
               due[0] ? ", due " : "", due,
               json_is_true(json_object_get(v, "overdue")) ? " OVERDUE" : "");
    }
    if (text(r, "next_review")[0])
        printf("\nNext review %s.\n", text(r, "next_review"));
}

static int parse_id(const char *s, int64_t *out, err *e)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || end == s || v <= 0)
        return err_user(e, "ID: '%.40s' is not a contract review id (a whole number)", s);
    *out = v;
    return 0;
}

static int run_show(int argc, char **argv)
{
    cli_opt o[] = {{"--json", NULL, "print JSON", 0}, CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_show, argc, argv, o, 2, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    int64_t id = 0;
    db *d;
    if (parse_id(pos[0], &id, &e) || cli_open_db(o[1].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *r = NULL;
    int rc = review_get(d, id, &EVERYONE, &r, &e);
    db_close(d);
    return output_result(rc, &e, r, o[0].value != NULL, print_review);
}

static void print_indicator(json_t *it)
{
    json_t *f = json_object_get(it, "funnel"), *c = json_object_get(it, "compare");
    printf("  %-12s %-40.40s %8g (%s)  %s", text(it, "indicator"), text(it, "name"),
           json_number_value(json_object_get(it, "last_value")), text(it, "last_period"),
           text(it, "variation"));
    if (text(it, "assurance")[0])
        printf(", %s", text(it, "assurance"));
    if (json_is_object(f))
        printf("; funnel %s of %lld", text(f, "significance"),
               (long long)json_integer_value(json_object_get(f, "peers")));
    if (json_is_object(c))
        printf("; against %g: %s", json_number_value(json_object_get(c, "benchmark")),
               text(c, "three"));
    if (strcmp(text(it, "subject"), "") && !json_is_object(f) && !json_is_object(c))
        printf("; service %s", text(it, "subject"));
    printf("\n");
}

static void print_view(json_t *v)
{
    json_t *k = json_object_get(v, "contract"), *m = json_object_get(v, "money");
    printf("contract %s: %s, %.0f GBP a year (%s to %s)\n", text(k, "code"),
           text(k, "provider_name"), json_number_value(json_object_get(m, "annual_value_gbp")),
           text(k, "start"), text(k, "end"));
    printf("services: %zu, %.0f GBP a year\n", json_array_size(json_object_get(v, "services")),
           json_number_value(json_object_get(m, "services_gbp")));
    size_t i, j;
    json_t *dom, *it;
    json_array_foreach(json_object_get(v, "domains"), i, dom)
    {
        printf("\n%s:\n", text(dom, "domain"));
        if (!json_array_size(json_object_get(dom, "indicators")))
            printf("  (no indicator observed)\n");
        json_array_foreach(json_object_get(dom, "indicators"), j, it) print_indicator(it);
    }
    if (json_array_size(json_object_get(v, "activity")))
        printf("\nactivity and money:\n");
    json_array_foreach(json_object_get(v, "activity"), j, it) print_indicator(it);
    json_t *latest = json_object_get(v, "latest_review");
    if (json_is_object(latest))
        printf("\nlatest review: %lld, held %s\n",
               (long long)json_integer_value(json_object_get(latest, "id")),
               text(latest, "held_on"));
}

static int run_view(int argc, char **argv)
{
    cli_opt o[] = {{"--json", NULL, "print JSON", 0}, CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_view, argc, argv, o, 2, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(o[1].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *v = NULL;
    int rc = review_view(d, pos[0], &EVERYONE, &v, &e);
    db_close(d);
    return output_result(rc, &e, v, o[0].value != NULL, print_view);
}

static int run_pack(int argc, char **argv)
{
    cli_opt o[] = {{"--out", "FILE", "write the HTML to FILE (default: standard output)", 0},
                   {"--pdf", "FILE", "also print it to a PDF with headless Chromium", 0},
                   {"--today", "DATE", "the pack's date, for what is overdue (YYYY-MM-DD)", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_pack, argc, argv, o, 4, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    char today[11];
    conversation_today(today);
    review_pack_request req = {
        .contract = pos[0], .today = o[2].value ? o[2].value : today, .viewer = EVERYONE};
    db *d = NULL;
    strbuf html = STRBUF_INIT;
    int rc = cli_open_db(o[3].value, 0, &d, &e);
    if (!rc)
        rc = review_pack_html(d, &req, &html, &e);
    db_close(d);
    if (!rc && o[0].value)
        rc = file_write_atomic(o[0].value, html.buf, html.len, &e);
    if (!rc && o[1].value)
        rc = pack_print_pdf(html.buf, html.len, o[1].value, &e);
    if (!rc && !o[0].value && !o[1].value)
        fwrite(html.buf, 1, html.len, stdout);
    strbuf_free(&html);
    return rc ? cli_fail(&e) : 0;
}

int cmd_review(const cli_cmd *cmd, int argc, char **argv)
{
    static const cli_sub subs[] = {{&sub_add, run_add},
                                   {&sub_list, run_list},
                                   {&sub_show, run_show},
                                   {&sub_view, run_view},
                                   {&sub_pack, run_pack}};
    return cli_run_sub(cmd, argc, argv, subs, sizeof subs / sizeof subs[0]);
}
