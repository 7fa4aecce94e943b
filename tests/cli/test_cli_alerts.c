/* unlock alerts: follow from the command line, an import that plants a shift, the list, and
 * the digest written to a spool directory and sent to a local SMTP sink. */
#include "support/server.h"
#include "support/support.h"
#include "support/test_pg.h"

#include "db/db.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char *dir;

#define RUN(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, "--db", "a.db", NULL})
#define SENTENCE                                                                                   \
    "Waits over 18 weeks for Northvale Hospital (RNV) in 2026-08 is a special cause of concern"
#define LINK "/indicator.html?code=WAIT&org=RNV"

static void ok(run_result r)
{
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    run_result_free(&r);
}

/* 24 months in control around 20, then `shifted` months at 30 for RNV; RNM stays in control. */
static void write_observations(const char *name, int shifted)
{
    static const int wobble[24] = {19, 21, 20, 22, 18, 21, 19, 20, 21, 19, 22, 18,
                                   20, 21, 19, 21, 18, 22, 20, 19, 21, 20, 19, 21};
    char *path = path_join(dir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fprintf(f, "indicator,organisation,period,numerator,denominator\n");
    for (int i = 0; i < 24 + shifted; i++)
        fprintf(f, "WAIT,RNV,%04d-%02d,%d,100\n", 2024 + i / 12, i % 12 + 1,
                i < 24 ? wobble[i] : 30);
    for (int i = 0; i < 24; i++)
        fprintf(f, "WAIT,RNM,%04d-%02d,%d,100\n", 2024 + i / 12, i % 12 + 1, wobble[23 - i]);
    fclose(f);
    free(path);
}

static void add_user(const char *email)
{
    char *pw = path_join(dir, "pw");
    file_write(pw, "a-long-password-1\n");
    run_result r = unlock_run(dir, pw,
                              (const char *const[]){"user", "add", email, "--role", "commissioner",
                                                    "--db", "a.db", NULL});
    free(pw);
    ok(r);
}

static void setup(void)
{
    setenv("UNLOCK_PWHASH_FAST", "1", 1);
    dir = tmpdir_make();
    char *orgs = path_join(dir, "orgs.csv"), *ind = path_join(dir, "ind.csv");
    file_write(orgs, "code,name,kind,parent\nQNV,Northvale ICB,icb,\n"
                     "RNV,Northvale Hospital,acute_trust,QNV\n"
                     "RNM,Millbrook Hospital,acute_trust,QNV\n");
    file_write(ind, "code,name,domain,type,polarity\n"
                    "WAIT,Waits over 18 weeks,effectiveness,proportion,low_is_good\n");
    ok(RUN("init"));
    ok(RUN("import", "organisations", "orgs.csv"));
    ok(RUN("import", "indicators", "ind.csv"));
    write_observations("base.csv", 0);
    write_observations("shift.csv", 8);
    ok(RUN("import", "observations", "base.csv"));
    add_user("fan@test.nhs.uk");
    add_user("other@test.nhs.uk");
    ok(RUN("alerts", "follow", "indicator", "WAIT", "--user", "fan@test.nhs.uk"));
    ok(RUN("alerts", "follow", "organisation", "RNM", "--user", "other@test.nhs.uk"));
    free(orgs);
    free(ind);
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(cli_alerts, .init = setup, .fini = teardown, .timeout = 120);

static json_t *alerts_json(const char *user)
{
    run_result r = RUN("alerts", "--user", user, "--json");
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    cr_assert(j, "%s", r.out);
    run_result_free(&r);
    return j;
}

Test(cli_alerts, a_planted_shift_alerts_the_follower_once)
{
    ok(RUN("import", "observations", "shift.csv"));
    json_t *fan = alerts_json("fan@test.nhs.uk");
    json_t *items = json_object_get(fan, "items");
    cr_assert_eq(json_array_size(items), 1, "%s", json_dumps(fan, 0));
    json_t *a = json_array_get(items, 0);
    cr_assert_str_eq(json_string_value(json_object_get(a, "kind")), "special_cause");
    cr_assert(strstr(json_string_value(json_object_get(a, "reason")), SENTENCE));
    cr_assert_str_eq(json_string_value(json_object_get(a, "link")), LINK);
    cr_assert_eq(json_integer_value(json_object_get(fan, "unread")), 1);
    json_decref(fan);
    json_t *other = alerts_json("other@test.nhs.uk");
    cr_assert_eq(json_array_size(json_object_get(other, "items")), 0);
    json_decref(other);

    /* The same file again changes nothing, and raises nothing. */
    ok(RUN("import", "observations", "shift.csv"));
    run_result r = RUN("alerts", "detect");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "2 followed series looked at; 0 changes; 0 alerts raised\n");
    run_result_free(&r);
    r = RUN("alerts");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(count_of(r.out, SENTENCE), 1, "%s", r.out);
    cr_assert(strstr(r.out, "1 alert, 1 unread\n"), "%s", r.out);
    run_result_free(&r);
}

Test(cli_alerts, an_import_with_no_change_raises_none)
{
    ok(RUN("import", "observations", "base.csv"));
    run_result r = RUN("alerts");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "0 alerts, 0 unread\n");
    run_result_free(&r);
}

Test(cli_alerts, the_digest_goes_to_the_spool)
{
    ok(RUN("import", "observations", "shift.csv"));
    char *spool = path_join(dir, "mail");
    json_t *fan = alerts_json("fan@test.nhs.uk");
    const char *created = json_string_value(
        json_object_get(json_array_get(json_object_get(fan, "items"), 0), "created_at"));
    char day[11];
    snprintf(day, sizeof day, "%.10s", created);
    json_decref(fan);
    run_result r = RUN("alerts", "digest", "--date", day, "--spool", spool, "--base-url",
                       "https://unlock.test");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "1 message with 1 alert"), "%s", r.out);
    run_result_free(&r);
    char name[64];
    snprintf(name, sizeof name, "%s-1.eml", day);
    char *path = path_join(spool, name);
    char *msg = file_read(path, NULL);
    cr_assert(msg, "no %s", path);
    cr_assert(strstr(msg, "To: <fan@test.nhs.uk>\r\n"), "%s", msg);
    cr_assert(strstr(msg, SENTENCE), "%s", msg);
    cr_assert(strstr(msg, "https://unlock.test" LINK "\r\n"), "%s", msg);
    free(msg);
    free(path);
    free(spool);

    r = RUN("alerts", "digest", "--date", "03/12/2026");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "--date: '03/12/2026' is not a date (YYYY-MM-DD)"), "%s", r.err);
    run_result_free(&r);
}

/* ---- A local SMTP sink: enough of RFC 5321 to take one message ------------------------------ */

typedef struct sink {
    int listen_fd, port;
    char data[16384]; /* what came after DATA, up to the lone "." */
    char rcpt[256];
    int got;
} sink;

static int read_line(int fd, char *buf, size_t size)
{
    size_t n = 0;
    while (n + 1 < size) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 30000) != 1 || read(fd, buf + n, 1) != 1)
            return -1;
        if (buf[n++] == '\n')
            break;
    }
    buf[n] = '\0';
    return 0;
}

static void say(int fd, const char *line)
{
    ssize_t n = write(fd, line, strlen(line));
    (void)n;
}

static void *sink_serve(void *arg)
{
    sink *s = arg;
    struct pollfd p = {s->listen_fd, POLLIN, 0};
    if (poll(&p, 1, 30000) != 1)
        return NULL;
    int fd = accept(s->listen_fd, NULL, NULL);
    if (fd < 0)
        return NULL;
    char line[1024];
    say(fd, "220 sink ESMTP\r\n");
    while (read_line(fd, line, sizeof line) == 0) {
        if (strncmp(line, "EHLO", 4) == 0 || strncmp(line, "HELO", 4) == 0)
            say(fd, "250 sink\r\n");
        else if (strncmp(line, "MAIL FROM:", 10) == 0)
            say(fd, "250 OK\r\n");
        else if (strncmp(line, "RCPT TO:", 8) == 0) {
            snprintf(s->rcpt, sizeof s->rcpt, "%.200s", line + 8);
            say(fd, "250 OK\r\n");
        } else if (strncmp(line, "DATA", 4) == 0) {
            say(fd, "354 go on\r\n");
            size_t used = 0;
            while (read_line(fd, line, sizeof line) == 0 && strcmp(line, ".\r\n") != 0) {
                size_t n = strlen(line);
                if (used + n < sizeof s->data)
                    memcpy(s->data + used, line, n), used += n;
            }
            s->data[used] = '\0';
            s->got = 1;
            say(fd, "250 queued\r\n");
        } else if (strncmp(line, "QUIT", 4) == 0) {
            say(fd, "221 bye\r\n");
            break;
        } else
            say(fd, "502 not here\r\n");
    }
    close(fd);
    return NULL;
}

static void sink_start(sink *s, pthread_t *t)
{
    s->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(s->listen_fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(s->listen_fd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(s->listen_fd, 1), 0);
    socklen_t len = sizeof a;
    cr_assert_eq(getsockname(s->listen_fd, (struct sockaddr *)&a, &len), 0);
    s->port = ntohs(a.sin_port);
    cr_assert_eq(pthread_create(t, NULL, sink_serve, s), 0);
}

Test(cli_alerts, the_digest_is_sent_by_smtp)
{
    ok(RUN("import", "observations", "shift.csv"));
    json_t *fan = alerts_json("fan@test.nhs.uk");
    char day[11];
    snprintf(day, sizeof day, "%.10s",
             json_string_value(
                 json_object_get(json_array_get(json_object_get(fan, "items"), 0), "created_at")));
    json_decref(fan);
    static sink s;
    memset(&s, 0, sizeof s);
    pthread_t t;
    sink_start(&s, &t);
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", s.port);
    run_result r = RUN("alerts", "digest", "--date", day, "--smtp", url, "--from",
                       "alerts@unlock.test", "--base-url", "https://unlock.test");
    pthread_join(t, NULL);
    close(s.listen_fd);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "1 message with 1 alert"), "%s", r.out);
    run_result_free(&r);
    cr_assert(s.got, "the sink got no message");
    cr_assert(strstr(s.rcpt, "fan@test.nhs.uk"), "%s", s.rcpt);
    cr_assert(strstr(s.data, "From: unlock <alerts@unlock.test>\r\n"), "%s", s.data);
    cr_assert(strstr(s.data, SENTENCE), "%s", s.data);
    cr_assert(strstr(s.data, "https://unlock.test" LINK "\r\n"), "%s", s.data);
}

Test(cli_alerts, a_refusing_server_is_a_clear_error)
{
    ok(RUN("import", "observations", "shift.csv"));
    /* A port nothing listens on: bound, then closed. */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    close(fd);
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", ntohs(a.sin_port));
    json_t *fan = alerts_json("fan@test.nhs.uk");
    char day[11];
    snprintf(day, sizeof day, "%.10s",
             json_string_value(
                 json_object_get(json_array_get(json_object_get(fan, "items"), 0), "created_at")));
    json_decref(fan);
    run_result r = RUN("alerts", "digest", "--date", day, "--smtp", url);
    cr_assert_eq(r.status, 1, "%s", r.out);
    cr_assert(strstr(r.err, "sending the message to fan@test.nhs.uk failed"), "%s", r.err);
    run_result_free(&r);
}

/* ---- Prescribing measures: deciles, on the demo's year of prescribing ---------------------- */

static void rx_setup(void)
{
    setenv("UNLOCK_PWHASH_FAST", "1", 1);
    char measures[4096];
    cr_assert(realpath("data/measures", measures), "run the tests from the repository root");
    setenv("UNLOCK_MEASURES", measures, 1);
    dir = test_demo_dir();
    char *pw = path_join(dir, "pw");
    file_write(pw, "a-long-password-1\n");
    run_result r = unlock_run(dir, pw,
                              (const char *const[]){"user", "add", "gp@test.nhs.uk", "--role",
                                                    "commissioner", "--db", "d.db", NULL});
    free(pw);
    ok(r);
}

TestSuite(cli_alerts_rx, .init = rx_setup, .fini = teardown, .timeout = 300);

#define RUN_D(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, "--db", "d.db", NULL})

Test(cli_alerts_rx, prescribing_imports_raise_decile_moves_of_followed_practices)
{
    ok(RUN_D("alerts", "follow", "organisation", "X81001", "--user", "gp@test.nhs.uk"));
    ok(RUN_D("demo", "--prescribing")); /* twelve months, each an `import prescribing` */
    run_result r = RUN_D("alerts", "--user", "gp@test.nhs.uk", "--json");
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    run_result_free(&r);
    json_t *items = json_object_get(j, "items");
    cr_assert_gt(json_array_size(items), 0, "twelve months moved no decile at all?");
    size_t i;
    json_t *a;
    json_array_foreach(items, i, a)
    {
        const char *reason = json_string_value(json_object_get(a, "reason"));
        const char *link = json_string_value(json_object_get(a, "link"));
        cr_assert_str_eq(json_string_value(json_object_get(a, "kind")), "decile", "%s", reason);
        cr_assert(strncmp(reason, "Riverside Surgery (X81001) ", 27) == 0, "%s", reason);
        cr_assert(strstr(reason, " decile for "), "%s", reason);
        cr_assert(strncmp(link, "/measure.html?id=", 17) == 0, "%s", link);
        cr_assert(strstr(link, "&level=practice&org=X81001"), "%s", link);
    }
    json_decref(j);
    /* The demo stores its list sizes itself, after its last import: one look takes them in,
     * and a second finds nothing new. */
    ok(RUN_D("alerts", "detect"));
    r = RUN_D("alerts", "detect");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "; 0 changes; 0 alerts raised\n"), "%s", r.out);
    run_result_free(&r);
}

Test(cli_alerts, two_detections_at_once_raise_the_alert_once)
{
    ok(RUN("import", "observations", "shift.csv"));
    /* Forget what was seen and raised, so that both detections below find the shift as new. */
    char *url = test_db_url_for(dir, "a.db");
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_exec(d, "DELETE FROM alerts; DELETE FROM alert_states", &e), 0, "%s", e.msg);
    db_close(d);
    /* Both see it; the state moves once (a compare-and-set), so only one of them raises it. */
    const char *const args[] = {"alerts", "detect", "--db", "a.db", NULL};
    unlock_proc *a = unlock_start(dir, NULL, args), *b = unlock_start(dir, NULL, args);
    run_result ra = unlock_finish(a), rb = unlock_finish(b);
    cr_assert_eq(ra.status, 0, "%s", ra.err);
    cr_assert_eq(rb.status, 0, "%s", rb.err);
    cr_assert_eq(count_of(ra.out, "; 1 alerts raised") + count_of(rb.out, "; 1 alerts raised"), 1,
                 "%s%s", ra.out, rb.out);
    run_result_free(&ra);
    run_result_free(&rb);
    json_t *fan = alerts_json("fan@test.nhs.uk");
    cr_assert_eq(json_array_size(json_object_get(fan, "items")), 1, "%s", json_dumps(fan, 0));
    json_decref(fan);
}
