/* unlock alerts [list] | follow | unfollow | follows | detect | digest: follows and alerts from
 * the command line (docs/alerts.md). The command line has no signed-in user, so --user names
 * one by e-mail. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/alert.h"
#include "domain/alert_digest.h"
#include "domain/user.h"
#include "rx/store.h"
#include "util/clock.h"

#include <stdlib.h>
#include <string.h>

static const cli_cmd sub_list = {"alerts list", "[--user EMAIL] [--day YYYY-MM-DD] [--json]",
                                 "The alerts raised (one user's, or everyone's), newest first.",
                                 NULL, NULL};
static const cli_cmd sub_follow = {
    "alerts follow", "organisation|indicator|measure CODE --user EMAIL",
    "Follow an organisation (or service), an indicator or a prescribing measure.",
    "From now on: what the data show today is the starting point, and only what changes after\n"
    "it raises an alert.",
    NULL};
static const cli_cmd sub_unfollow = {"alerts unfollow",
                                     "organisation|indicator|measure CODE --user EMAIL",
                                     "Stop following something.", NULL, NULL};
static const cli_cmd sub_follows = {"alerts follows", "--user EMAIL [--json]",
                                    "What a user follows.", NULL, NULL};
static const cli_cmd sub_detect = {
    "alerts detect", "[--today YYYY-MM-DD]",
    "Work out what changed now (imports do this themselves; run it daily for due dates).", NULL,
    NULL};
static const cli_cmd sub_digest = {
    "alerts digest",
    "[--date YYYY-MM-DD] [--spool DIR] [--smtp URL] [--from ADDRESS] [--base-url URL]",
    "One e-mail per user with the day's alerts: to a spool directory, or sent by SMTP.",
    "Without --smtp the messages are files DIR/DATE-USERID.eml (RFC 5322); DIR defaults to the\n"
    "database's name with .mail (unlock.db.mail). --smtp smtp://HOST:PORT sends them instead.\n"
    "--base-url (default $UNLOCK_BASE_URL, else http://localhost:8080) is put before links.",
    NULL};

/* The user --user names; a user error when it is missing or unknown. */
static int find_user(db *d, const char *email, int64_t *id, err *e)
{
    if (!email)
        return err_user(e, "say whose: --user EMAIL");
    user_account u;
    int found;
    if (user_find_email(d, email, &u, &found, e))
        return -1;
    if (!found)
        return err_user(e, "--user: no account '%.200s' (unlock user list)", email);
    *id = u.id;
    return 0;
}

static void print_alerts(json_t *out)
{
    json_t *items = json_object_get(out, "items");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *read = json_string_value(json_object_get(it, "read_at"));
        printf("%s  %-24s %s%s\n    %s\n", json_string_value(json_object_get(it, "created_at")),
               json_string_value(json_object_get(it, "user")), read ? "" : "[unread] ",
               json_string_value(json_object_get(it, "reason")),
               json_string_value(json_object_get(it, "link")));
    }
    printf("%zu alert%s, %lld unread\n", json_array_size(items),
           json_array_size(items) == 1 ? "" : "s",
           (long long)json_integer_value(json_object_get(out, "unread")));
}

static int run_list(int argc, char **argv)
{
    cli_opt o[] = {{"--user", "EMAIL", "whose alerts (default: everyone's)", 0},
                   {"--day", "YYYY-MM-DD", "only those raised that day", 0},
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
    int64_t id = 0;
    json_t *out = NULL;
    int rc = (o[0].value && find_user(d, o[0].value, &id, &e)) ||
             alert_list_json(d, id, o[1].value, &out, &e);
    db_close(d);
    return output_result(rc, &e, out, o[2].value != NULL, print_alerts);
}

static int run_follow_change(const cli_cmd *cmd, int adding, int argc, char **argv)
{
    cli_opt o[] = {{"--user", "EMAIL", "who follows", 0}, CLI_DB_OPT};
    char *pos[2];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, 2, pos, 2, 2, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(o[1].value, 0, &d, &e))
        return cli_fail(&e);
    int64_t id = 0;
    int done = 0;
    int rc = find_user(d, o[0].value, &id, &e) ||
             (adding ? follow_add(d, id, pos[0], pos[1], &done, &e)
                     : follow_remove(d, id, pos[0], pos[1], &done, &e));
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (adding)
        printf("%s %s %s %s\n", o[0].value, done ? "now follows" : "already follows", pos[0],
               pos[1]);
    else
        printf("%s %s %s %s\n", o[0].value, done ? "no longer follows" : "did not follow", pos[0],
               pos[1]);
    return 0;
}

static int run_follow(int argc, char **argv)
{
    return run_follow_change(&sub_follow, 1, argc, argv);
}

static int run_unfollow(int argc, char **argv)
{
    return run_follow_change(&sub_unfollow, 0, argc, argv);
}

static void print_follows(json_t *out)
{
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(out, "items"), i, it)
    {
        const char *name = json_string_value(json_object_get(it, "name"));
        printf("%-13s %-20s %s\n", json_string_value(json_object_get(it, "kind")),
               json_string_value(json_object_get(it, "code")), name ? name : "");
    }
}

static int run_follows(int argc, char **argv)
{
    cli_opt o[] = {
        {"--user", "EMAIL", "whose follows", 0}, {"--json", NULL, "print JSON", 0}, CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_follows, argc, argv, o, 3, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(o[2].value, 0, &d, &e))
        return cli_fail(&e);
    int64_t id = 0;
    json_t *out = NULL;
    int rc = find_user(d, o[0].value, &id, &e) || follow_list_json(d, id, &out, &e);
    db_close(d);
    return output_result(rc, &e, out, o[1].value != NULL, print_follows);
}

/* A day as YYYY-MM-DD, checked: it names files, matches the alerts' times and is compared with
 * due dates as text. */
static int check_day(const char *option, const char *day, err *e)
{
    int y, m, dd;
    char tail;
    if (strlen(day) != 10 || sscanf(day, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 || m < 1 ||
        m > 12 || dd < 1 || dd > 31)
        return err_user(e, "%s: '%.40s' is not a date (YYYY-MM-DD)", option, day);
    return 0;
}

static int run_detect(int argc, char **argv)
{
    cli_opt o[] = {{"--today", "YYYY-MM-DD", "what counts as past due (default: today)", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_detect, argc, argv, o, 2, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    if (o[0].value && check_day("--today", o[0].value, &e))
        return cli_fail(&e);
    db *d;
    if (cli_open_db(o[1].value, 0, &d, &e))
        return cli_fail(&e);
    alert_detect_stats st;
    int rc = alerts_detect(d, o[0].value, &st, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf("%ld followed series looked at; %ld changes; %ld alerts raised\n", st.series, st.changes,
           st.raised);
    return 0;
}

static int run_digest(int argc, char **argv)
{
    cli_opt o[] = {{"--date", "YYYY-MM-DD", "the day's alerts (default: today, UTC)", 0},
                   {"--spool", "DIR", "where messages are written (default: DATABASE.mail)", 0},
                   {"--smtp", "URL", "send through this server instead: smtp://HOST:PORT", 0},
                   {"--from", "ADDRESS", "the sender (default unlock@localhost)", 0},
                   {"--base-url", "URL", "put before links (default http://localhost:8080)", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_digest, argc, argv, o, 6, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    char today[CLOCK_ISO_LEN];
    clock_now_iso(today);
    today[10] = '\0';
    const char *env_base = getenv("UNLOCK_BASE_URL");
    digest_options opt = {
        .day = o[0].value ? o[0].value : today,
        .spool = o[1].value,
        .smtp = o[2].value,
        .from = o[3].value ? o[3].value : "unlock@localhost",
        .base_url = o[4].value                ? o[4].value
                    : env_base && env_base[0] ? env_base
                                              : "http://localhost:8080",
    };
    if (check_day("--date", opt.day, &e))
        return cli_fail(&e);
    char *spool = NULL;
    if (!opt.spool && !opt.smtp) {
        /* Beside the database, as its prescribing store is: unlock.db.rx and unlock.db.mail. */
        char *rx = rx_store_dir(db_url_choose(o[5].value));
        size_t n = strlen(rx);
        spool = xmalloc(n + 3);
        snprintf(spool, n + 3, "%.*s.mail", (int)(n - 3), rx);
        free(rx);
        opt.spool = spool;
    }
    db *d;
    int rc = cli_open_db(o[5].value, 0, &d, &e);
    digest_stats st = {0};
    if (!rc) {
        rc = alert_digest_run(d, &opt, &st, &e);
        db_close(d);
    }
    if (!rc)
        printf("%ld message%s with %ld alert%s for %s %s %s\n", st.messages,
               st.messages == 1 ? "" : "s", st.alerts, st.alerts == 1 ? "" : "s", opt.day,
               opt.smtp ? "sent through" : "written to", opt.smtp ? opt.smtp : opt.spool);
    free(spool);
    return rc ? cli_fail(&e) : 0;
}

int cmd_alerts(const cli_cmd *cmd, int argc, char **argv)
{
    static const cli_sub subs[] = {{&sub_list, run_list},         {&sub_follow, run_follow},
                                   {&sub_unfollow, run_unfollow}, {&sub_follows, run_follows},
                                   {&sub_detect, run_detect},     {&sub_digest, run_digest}};
    /* `unlock alerts [--user EMAIL] [--json]` is the list: no subcommand needed for it. */
    if (argc < 2 || (argv[1][0] == '-' && strcmp(argv[1], "--help") != 0))
        return run_list(argc, argv);
    return cli_run_sub(cmd, argc, argv, subs, sizeof subs / sizeof subs[0]);
}
