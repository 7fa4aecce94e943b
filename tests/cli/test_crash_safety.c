/* Crash safety: `unlock import` and `unlock serve` killed with SIGKILL at random moments of
 * their writes, as a crash or an operator's kill -9 would. Afterwards the database must open
 * and (SQLite) pass PRAGMA integrity_check, and hold each import and each request's write
 * whole or not at all: an import's rows (and their audit entries) are all there or none are;
 * every write the server answered 2xx is there, an unanswered one is there entirely or not at
 * all, and no row is without its audit entries or the other way round. The import then runs
 * again and the server starts again on the same database.
 *
 * The kill times come from a seeded generator: the seed is printed, and UNLOCK_CRASH_SEED=S
 * repeats them (what a kill interrupts still depends on how fast the machine is that day, so
 * each failure also names its trial and the moment of its kill). On PostgreSQL (with-test-postgres)
 * the same tests kill the same processes; the database server's own durability does the rest, so
 * only integrity_check is skipped. */
#include "db/db.h"
#include "rx/store.h"
#include "support/server.h"
#include "support/support.h"
#include "support/test_pg.h"
#include "util/rng.h"

#include <criterion/criterion.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TRIALS 8
/* Observation rows per import: sized to take a few hundred milliseconds under ASan. A row
 * costs PostgreSQL several round trips, so there an import has half as many months. */
#define OBS_INDICATORS 5
#define OBS_ORGS 20
#define OBS_MONTHS (test_pg_enabled() ? 12 : 24)
#define OBS_ROWS (OBS_INDICATORS * OBS_ORGS * OBS_MONTHS)
/* Prescribing rows per month of each import (two months a file). */
#define RX_ROWS "30000"
#define SERVE_CYCLES 3
#define SERVE_CLIENTS 3

static char *dir;
static test_server *srv; /* the serve test's, stopped here should the test fail */

static void setup(void)
{
    dir = tmpdir_make();
}

static void teardown(void)
{
    if (srv)
        test_server_stop(srv);
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(crash_safety, .init = setup, .fini = teardown, .timeout = 180);

/* The run's seed, printed so that a failure can be repeated with UNLOCK_CRASH_SEED. */
static rng seeded(const char *test)
{
    const char *given = getenv("UNLOCK_CRASH_SEED");
    uint64_t seed;
    if (given && *given) {
        seed = strtoull(given, NULL, 10);
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        seed = (uint64_t)ts.tv_sec * 1000003u ^ (uint64_t)ts.tv_nsec ^ (uint64_t)getpid();
        seed %= 1000000000u;
    }
    fprintf(stderr,
            "crash_safety/%s: seed %" PRIu64 " (UNLOCK_CRASH_SEED=%" PRIu64 " repeats it)\n", test,
            seed, seed);
    rng r;
    rng_seed(&r, rng_hash(test, seed));
    return r;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void sleep_ms(double ms)
{
    long long ns = (long long)(ms * 1e6);
    struct timespec t = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
    nanosleep(&t, NULL);
}

/* What the test opens in-process for the `--db d.db` its commands are given. */
static char *db_url(void)
{
    char *file = path_join(dir, "d.db"), *url = test_db_url_for(dir, file);
    free(file);
    return url;
}

static void run_ok(const char *const *args)
{
    run_result r = unlock_run(dir, NULL, args);
    cr_assert_eq(r.status, 0, "unlock %s %s: %s%s", args[0], args[1] ? args[1] : "", r.out, r.err);
    run_result_free(&r);
}

/* Starts the command, kills it after delay_ms and waits for it; 1 when it had already ended
 * (successfully) by then, 0 when the kill stopped it. */
static int kill_after(const char *const *args, double delay_ms)
{
    unlock_proc *p = unlock_start(dir, NULL, args);
    sleep_ms(delay_ms);
    kill(unlock_pid(p), SIGKILL);
    run_result r = unlock_finish(p);
    int finished = r.status == 0;
    cr_assert(finished || r.status == 128 + SIGKILL, "unlock %s failed before the kill (%d): %s",
              args[1], r.status, r.err);
    run_result_free(&r);
    return finished;
}

/* What the kills of an import's trials left: none of it, or all of it (the kill came after
 * the commit); the last trial that left none, or -1. */
typedef struct outcomes {
    int none, all, last_none;
} outcomes;

static void outcome(outcomes *o, int whole, int trial)
{
    if (whole) {
        o->all++;
    } else {
        o->none++;
        o->last_none = trial;
    }
}

static void outcomes_print(const char *what, const outcomes *o, double full_ms, const char *size)
{
    fprintf(stderr,
            "crash_safety/%s: %d kills within %.0f ms imports of %s: %d left none, %d all\n", what,
            TRIALS, full_ms, size, o->none, o->all);
}

/* How long a successful run takes, in milliseconds. */
static double timed(const char *const *args)
{
    double t0 = now_ms();
    run_ok(args);
    return now_ms() - t0;
}

/* A machine fast enough to import in a few milliseconds is not a failure, but its kills land
 * mostly before the import has begun: say so. */
static void quick_warning(const char *what, double full_ms)
{
    if (full_ms < 150)
        fprintf(stderr,
                "crash_safety/%s: an import took only %.0f ms; make it larger for kills "
                "to land inside it\n",
                what, full_ms);
}

/* Opens the database after a kill: on PostgreSQL once the killed client's server process has
 * gone (it may still be finishing a statement or a commit); on SQLite checking the file. */
static db *reopen(const char *url)
{
    if (test_pg_enabled())
        test_pg_wait_alone(url);
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    if (strcmp(db_dialect(d), "sqlite") == 0) {
        db_stmt *s;
        cr_assert_eq(db_prepare(d, "PRAGMA integrity_check", &s, &e), 0, "%s", e.msg);
        cr_assert_eq(db_step(s, &e), DB_ROW, "%s", e.msg);
        char *first = strdup(db_col_text(s, 0));
        int more = db_step(s, &e);
        db_finalize(s);
        cr_assert_str_eq(first, "ok", "integrity_check after a kill: %s%s", first,
                         more == DB_ROW ? " (and more)" : "");
        free(first);
    }
    return d;
}

/* The one number a query with up to two text parameters (NULL: fewer) answers. */
static int64_t count(db *d, const char *sql, const char *a, const char *b)
{
    db_stmt *s;
    err e = {0};
    cr_assert_eq(db_prepare(d, sql, &s, &e), 0, "%s: %s", sql, e.msg);
    cr_assert_eq((a && db_bind_text(s, 1, a, &e)) || (b && db_bind_text(s, 2, b, &e)), 0, "%s",
                 e.msg);
    cr_assert_eq(db_step(s, &e), DB_ROW, "%s: %s", sql, e.msg);
    int64_t n = db_col_int64(s, 0);
    db_finalize(s);
    return n;
}

/* ---- unlock import observations ---- */

/* Trial t's file: every indicator for every organisation over OBS_MONTHS months of its own
 * years, so each trial's rows are new. */
static char *observations_csv(int t)
{
    char name[32];
    snprintf(name, sizeof name, "obs%d.csv", t);
    char *path = path_join(dir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fprintf(f, "indicator,organisation,period,numerator,denominator\n");
    for (int m = 0; m < OBS_MONTHS; m++)
        for (int o = 1; o <= OBS_ORGS; o++)
            for (int i = 1; i <= OBS_INDICATORS; i++)
                fprintf(f, "I%d,O%d,%d-%02d,%d,%d\n", i, o, 1960 + 2 * t + m / 12, m % 12 + 1,
                        o + m, 100 + t);
    cr_assert_eq(fclose(f), 0);
    return path;
}

static void observation_reference_data(void)
{
    char *orgs = path_join(dir, "orgs.csv"), *inds = path_join(dir, "indicators.csv");
    FILE *f = fopen(orgs, "w");
    fprintf(f, "code,name,kind\n");
    for (int o = 1; o <= OBS_ORGS; o++)
        fprintf(f, "O%d,Organisation %d,acute_trust\n", o, o);
    fclose(f);
    f = fopen(inds, "w");
    fprintf(f, "code,name,domain,type,polarity\n");
    for (int i = 1; i <= OBS_INDICATORS; i++)
        fprintf(f, "I%d,Indicator %d,safety,rate,low_is_good\n", i, i);
    fclose(f);
    run_ok((const char *const[]){"init", "--db", "d.db", NULL});
    run_ok((const char *const[]){"import", "organisations", orgs, "--db", "d.db", NULL});
    run_ok((const char *const[]){"import", "indicators", inds, "--db", "d.db", NULL});
    free(orgs);
    free(inds);
}

typedef struct obs_counts {
    int64_t rows, audits;
} obs_counts;

static obs_counts observation_counts(const char *url)
{
    db *d = reopen(url);
    obs_counts c = {
        count(d, "SELECT COUNT(*) FROM observations", NULL, NULL),
        count(d, "SELECT COUNT(*) FROM audit_log WHERE entity = 'observation'", NULL, NULL)};
    db_close(d);
    return c;
}

Test(crash_safety, a_killed_observation_import_leaves_all_or_none_of_its_rows)
{
    rng r = seeded("observations");
    observation_reference_data();
    char *url = db_url();

    /* Trial 0 runs to the end: how long an import takes, and what "all" is. */
    char *csv = observations_csv(0);
    double full_ms =
        timed((const char *const[]){"import", "observations", csv, "--db", "d.db", NULL});
    free(csv);
    obs_counts c = observation_counts(url);
    cr_assert_eq(c.rows, OBS_ROWS);
    cr_assert_eq(c.audits, OBS_ROWS);
    quick_warning("observations", full_ms);

    outcomes o = {.last_none = -1};
    for (int t = 1; t <= TRIALS; t++) {
        csv = observations_csv(t);
        double delay = rng_uniform(&r) * full_ms;
        obs_counts before = c;
        int finished = kill_after(
            (const char *const[]){"import", "observations", csv, "--db", "d.db", NULL}, delay);
        free(csv);
        c = observation_counts(url);
        int whole = c.rows == before.rows + OBS_ROWS;
        cr_assert(c.rows == before.rows || whole,
                  "trial %d, killed at %.0f ms of %.0f: %" PRId64 " rows, expected %" PRId64
                  " or %" PRId64,
                  t, delay, full_ms, c.rows, before.rows, before.rows + OBS_ROWS);
        cr_assert_eq(c.audits - before.audits, whole ? OBS_ROWS : 0,
                     "trial %d, killed at %.0f ms: %" PRId64 " new audit entries for %s", t, delay,
                     c.audits - before.audits, whole ? "a whole import" : "no import");
        cr_assert(whole || !finished, "trial %d: the import ended well but its rows are not there",
                  t);
        outcome(&o, whole, t);
    }
    char size[32];
    snprintf(size, sizeof size, "%d rows", OBS_ROWS);
    outcomes_print("observations", &o, full_ms, size);

    /* A killed import runs again from the start, to the end. */
    csv = observations_csv(o.last_none > 0 ? o.last_none : TRIALS);
    obs_counts before = c;
    run_ok((const char *const[]){"import", "observations", csv, "--db", "d.db", NULL});
    free(csv);
    c = observation_counts(url);
    cr_assert_eq(c.rows, before.rows + (o.last_none > 0 ? OBS_ROWS : 0));
    cr_assert_eq(c.rows, OBS_ROWS * (1 + o.all + (o.last_none > 0)));
    free(url);
}

/* ---- unlock import prescribing ---- */

/* One generated file, two months (YYYY01 and YYYY02) of RX_ROWS rows each, as text. */
static char *prescribing_template(size_t *len)
{
    char *a = path_join(dir, "gen1.csv"), *b = path_join(dir, "gen2.csv");
    run_ok(
        (const char *const[]){"gen-epd", "--rows", RX_ROWS, "--month", "202401", "--out", a, NULL});
    run_ok((const char *const[]){"gen-epd", "--rows", RX_ROWS, "--month", "202402", "--seed", "2",
                                 "--out", b, NULL});
    size_t na, nb;
    char *ta = file_read(a, &na), *tb = file_read(b, &nb);
    cr_assert(ta && tb);
    const char *rows_b = strchr(tb, '\n') + 1; /* the second file without its header */
    size_t nrows_b = nb - (size_t)(rows_b - tb);
    ta = realloc(ta, na + nrows_b + 1);
    memcpy(ta + na, rows_b, nrows_b + 1);
    *len = na + nrows_b;
    unlink(a);
    unlink(b);
    free(a);
    free(b);
    free(tb);
    return ta;
}

/* Trial t's file: the template with every YEAR_MONTH moved to year 2001 + t, so that each
 * trial's two months are new. */
static char *prescribing_csv(const char *text, size_t len, int t)
{
    char name[32], year[8];
    snprintf(name, sizeof name, "rx%d.csv", t);
    snprintf(year, sizeof year, "%04d", 2001 + t);
    char *copy = malloc(len + 1), *path = path_join(dir, name);
    memcpy(copy, text, len + 1);
    for (char *line = strchr(copy, '\n'); line && line[1]; line = strchr(line + 1, '\n'))
        memcpy(line + 1, year, 4);
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    cr_assert_eq(fwrite(copy, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    free(copy);
    return path;
}

/* How many of trial t's two months each part of the store holds: the months table, their
 * audit entries, and their chemical totals. Every month recorded must have its month file,
 * holding the rows recorded. */
typedef struct rx_counts {
    int64_t months, audits, totals, all_months;
} rx_counts;

static rx_counts prescribing_counts(const char *url, const char *store, int t)
{
    char m1[8], m2[8];
    snprintf(m1, sizeof m1, "%04d01", 2001 + t);
    snprintf(m2, sizeof m2, "%04d02", 2001 + t);
    db *d = reopen(url);
    rx_counts c = {
        count(d, "SELECT COUNT(*) FROM rx_months WHERE month IN (?, ?)", m1, m2),
        count(
            d,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'prescribing' AND entity_key IN (?, ?)",
            m1, m2),
        count(d, "SELECT COUNT(DISTINCT month) FROM rx_chemical_totals WHERE month IN (?, ?)", m1,
              m2),
        count(d, "SELECT COUNT(*) FROM rx_months", NULL, NULL),
    };
    db_stmt *s;
    err e = {0};
    cr_assert_eq(db_prepare(d, "SELECT month, rows FROM rx_months ORDER BY month", &s, &e), 0);
    int rc;
    while ((rc = db_step(s, &e)) == DB_ROW) {
        int month = (int)db_col_int64(s, 0);
        rx_month *m;
        cr_assert_eq(rx_month_open(store, month, &m, &e), 0, "month %d is recorded: %s", month,
                     e.msg);
        cr_assert_eq(m->rows, db_col_int64(s, 1), "month %d: its file holds %lld rows", month,
                     m->rows);
        rx_month_close(m);
    }
    cr_assert_eq(rc, DB_DONE, "%s", e.msg);
    db_finalize(s);
    db_close(d);
    return c;
}

Test(crash_safety, a_killed_prescribing_import_leaves_all_or_none_of_its_months)
{
    rng r = seeded("prescribing");
    run_ok((const char *const[]){"init", "--db", "d.db", NULL});
    char *url = db_url(), *store = test_rx_store_of(dir, "d.db");
    size_t len;
    char *text = prescribing_template(&len);

    char *csv = prescribing_csv(text, len, 0);
    double full_ms =
        timed((const char *const[]){"import", "prescribing", "--quiet", csv, "--db", "d.db", NULL});
    unlink(csv);
    free(csv);
    rx_counts c = prescribing_counts(url, store, 0);
    cr_assert_eq(c.months, 2);
    cr_assert_eq(c.audits, 2);
    cr_assert_eq(c.totals, 2);
    quick_warning("prescribing", full_ms);

    outcomes o = {.last_none = -1};
    for (int t = 1; t <= TRIALS; t++) {
        csv = prescribing_csv(text, len, t);
        double delay = rng_uniform(&r) * full_ms;
        int64_t before = c.all_months;
        int finished = kill_after(
            (const char *const[]){"import", "prescribing", "--quiet", csv, "--db", "d.db", NULL},
            delay);
        unlink(csv);
        free(csv);
        c = prescribing_counts(url, store, t);
        cr_assert(c.months == 0 || c.months == 2,
                  "trial %d, killed at %.0f ms of %.0f: %" PRId64 " of its 2 months recorded", t,
                  delay, full_ms, c.months);
        cr_assert_eq(c.audits, c.months,
                     "trial %d: %" PRId64 " months recorded, %" PRId64 " audited", t, c.months,
                     c.audits);
        cr_assert_eq(c.totals, c.months,
                     "trial %d: %" PRId64 " months recorded, %" PRId64 " with totals", t, c.months,
                     c.totals);
        cr_assert_eq(c.all_months, before + c.months);
        cr_assert(c.months == 2 || !finished,
                  "trial %d: the import ended well, its months are not "
                  "there",
                  t);
        outcome(&o, c.months == 2, t);
    }
    outcomes_print("prescribing", &o, full_ms, "2 x " RX_ROWS " rows");

    int t = o.last_none > 0 ? o.last_none : TRIALS;
    csv = prescribing_csv(text, len, t);
    run_ok((const char *const[]){"import", "prescribing", "--quiet", csv, "--db", "d.db", NULL});
    free(csv);
    c = prescribing_counts(url, store, t);
    cr_assert_eq(c.months, 2);
    cr_assert_eq(c.totals, 2);
    cr_assert_eq(c.audits, o.last_none > 0 ? 2 : 4); /* a month imported twice is audited twice */
    cr_assert_eq(c.all_months, 2 * (1 + o.all + (o.last_none > 0)));
    free(text);
    free(url);
    free(store);
}

/* ---- unlock serve ---- */

/* A client's writes, one at a time, so that when the server dies op `answered` may be in
 * flight and none after it was sent. A site client creates each of its sites (version 1) and
 * updates it twice (versions 2 and 3), each time with an area naming the site and the version
 * it makes: a row and its audit entry a request. A conversation client logs conversations,
 * each with an organisation and two actions: five tables and the audit log a request. */
typedef enum client_kind { SITES, CONVERSATIONS } client_kind;

typedef struct client {
    test_server *srv;
    api_session session;
    client_kind kind;
    int cycle, n;
    int answered;         /* ops answered 2xx, all the first ones */
    char unexpected[400]; /* an answer neither 2xx nor a dropped connection */
} client;

static void site_code(const client *c, int site, char *out, size_t n)
{
    snprintf(out, n, "S-K%d-%d-%d", c->cycle, c->n, site);
}

static double site_area(int site, int version)
{
    return 1000.0 * (site + 1) + version;
}

static void conversation_title(const client *c, int op, char *out, size_t n)
{
    snprintf(out, n, "Crash K%d-%d-%d", c->cycle, c->n, op);
}

/* Op `op` of client c: its method, path and body. */
static const char *request_for(const client *c, int op, char *path, size_t np, char *body,
                               size_t nb)
{
    char name[48];
    if (c->kind == CONVERSATIONS) {
        conversation_title(c, op, name, sizeof name);
        snprintf(path, np, "/api/v1/conversations");
        snprintf(
            body, nb,
            "{\"held_on\":\"2026-11-02\",\"title\":\"%s\",\"organisations\":[\"" TEST_PROVIDER_ORG
            "\"],\"concerns\":\"Killed mid-write\",\"actions\":[{\"description\":\"First\"},"
            "{\"description\":\"Second\"}]}",
            name);
        return "POST";
    }
    int site = op / 3, version = op % 3 + 1;
    site_code(c, site, name, sizeof name);
    if (version == 1) {
        snprintf(path, np, "/api/v1/sites");
        snprintf(body, nb,
                 "{\"code\":\"%s\",\"name\":\"Crash %s\",\"organisation\":\"" TEST_PROVIDER_ORG
                 "\",\"gross_internal_m2\":%.0f}",
                 name, name, site_area(site, 1));
        return "POST";
    }
    snprintf(path, np, "/api/v1/sites/%s", name);
    snprintf(body, nb,
             "{\"name\":\"Crash %s\",\"organisation\":\"" TEST_PROVIDER_ORG
             "\",\"gross_internal_m2\":%.0f,\"version\":%d}",
             name, site_area(site, version), version - 1);
    return "PUT";
}

static void *write_until_killed(void *arg)
{
    client *c = arg;
    for (int op = 0;; op++) {
        char path[64], body[512];
        const char *method = request_for(c, op, path, sizeof path, body, sizeof body);
        api_response r = api_call(c->srv, method, path, body, NULL, &c->session);
        long status = r.status;
        if (status != 0 && (status < 200 || status > 299))
            snprintf(c->unexpected, sizeof c->unexpected, "%s %s: %ld %.300s", method, path, status,
                     r.body);
        api_response_free(&r);
        if (status < 200 || status > 299)
            return NULL; /* the server is gone (or the test has failed) */
        c->answered = op + 1;
    }
}

/* A site client's sites as stored: each at a version at least what was answered, and at most
 * one more for the op in flight; each site's area the one its version was written with. */
static void check_sites_kept(db *d, const client *c)
{
    int in_flight_site = c->answered / 3;
    for (int site = 0; site <= in_flight_site + 1; site++) {
        char code[32];
        site_code(c, site, code, sizeof code);
        int answered = c->answered - 3 * site;
        answered = answered < 0 ? 0 : answered > 3 ? 3 : answered;
        int64_t version =
            count(d, "SELECT COALESCE(MAX(version), 0) FROM sites WHERE code = ?", code, NULL);
        int64_t most = answered + (site == in_flight_site && answered < 3);
        cr_assert(version >= answered && version <= most,
                  "site %s: at version %" PRId64 "; %d of its writes were answered", code, version,
                  answered);
        if (version) {
            char area[32];
            snprintf(area, sizeof area, "%.0f", site_area(site, (int)version));
            cr_assert_eq(count(d,
                               "SELECT COUNT(*) FROM sites WHERE code = ? AND gross_internal_m2 = "
                               "CAST(? AS DOUBLE PRECISION)",
                               code, area),
                         1, "site %s at version %" PRId64 " does not hold that version's area",
                         code, version);
        }
    }
}

/* A conversation client's conversations: every answered one stored, the one in flight stored
 * or not, none after it. */
static void check_conversations_kept(db *d, const client *c)
{
    for (int op = 0; op <= c->answered + 1; op++) {
        char title[48];
        conversation_title(c, op, title, sizeof title);
        int64_t n = count(d, "SELECT COUNT(*) FROM conversations WHERE title = ?", title, NULL);
        cr_assert(op < c->answered    ? n == 1
                  : op == c->answered ? n <= 1
                                      : n == 0,
                  "conversation '%s': stored %" PRId64 " times; %d were answered", title, n,
                  c->answered);
    }
}

static void check_answered_writes_kept(db *d, const client *c)
{
    if (c->kind == SITES)
        check_sites_kept(d, c);
    else
        check_conversations_kept(d, c);
}

/* No request is half there: every site has exactly one create and (version - 1) updates in
 * the audit log; every conversation its organisation, both actions, its search entry and one
 * create; and every site or conversation the log names exists (the test deletes none). One
 * statement each, so one snapshot each. */
static void check_no_half_writes(db *d)
{
    static const struct {
        const char *what, *sql;
    } checks[] = {
        {"sites whose audit entries do not add up to their version",
         "SELECT COUNT(*) FROM sites s WHERE "
         "(SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'site' AND "
         "a.entity_key = s.code AND a.action = 'create') <> 1 OR "
         "(SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'site' AND "
         "a.entity_key = s.code AND a.action = 'update') <> s.version - 1"},
        {"audit entries for sites that are not there",
         "SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'site' AND NOT EXISTS "
         "(SELECT 1 FROM sites s WHERE s.code = a.entity_key)"},
        {"conversations without all of their parts",
         "SELECT COUNT(*) FROM conversations c WHERE "
         "(SELECT COUNT(*) FROM conversation_organisations o WHERE o.conversation_id = c.id) <> 1"
         " OR (SELECT COUNT(*) FROM conversation_actions x WHERE x.conversation_id = c.id) <> 2"
         " OR (SELECT COUNT(*) FROM conversations_fts f WHERE f.rowid = c.id) <> 1"
         " OR (SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'conversation' AND "
         "a.entity_key = CAST(c.id AS TEXT) AND a.action = 'create') <> 1"},
        {"audit entries for conversations that are not there",
         "SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'conversation' AND NOT EXISTS "
         "(SELECT 1 FROM conversations c WHERE CAST(c.id AS TEXT) = a.entity_key)"},
        {"conversation parts without their conversation",
         "SELECT (SELECT COUNT(*) FROM conversation_actions x WHERE NOT EXISTS "
         "(SELECT 1 FROM conversations c WHERE c.id = x.conversation_id)) + "
         "(SELECT COUNT(*) FROM conversation_organisations o WHERE NOT EXISTS "
         "(SELECT 1 FROM conversations c WHERE c.id = o.conversation_id))"},
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        cr_assert_eq(count(d, checks[i].sql, NULL, NULL), 0, "%s", checks[i].what);
}

Test(crash_safety, a_killed_server_keeps_every_answered_write_whole)
{
    rng r = seeded("serve");
    srv = test_server_start(&(test_server_opts){.users = 1});
    int answered = 0;
    for (int cycle = 0; cycle < SERVE_CYCLES; cycle++) {
        client clients[SERVE_CLIENTS];
        pthread_t threads[SERVE_CLIENTS];
        for (int i = 0; i < SERVE_CLIENTS; i++) {
            clients[i] =
                (client){.srv = srv, .kind = i % 2 ? CONVERSATIONS : SITES, .cycle = cycle, .n = i};
            cr_assert_eq(
                api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &clients[i].session), 200,
                "cycle %d: the server restarted on the killed one's database does not serve",
                cycle);
        }
        for (int i = 0; i < SERVE_CLIENTS; i++)
            cr_assert_eq(pthread_create(&threads[i], NULL, write_until_killed, &clients[i]), 0);
        double delay = 150 + rng_uniform(&r) * 500;
        sleep_ms(delay);
        cr_assert_eq(test_server_kill(srv), 128 + SIGKILL);
        for (int i = 0; i < SERVE_CLIENTS; i++)
            pthread_join(threads[i], NULL);

        db *d = reopen(srv->db_path);
        for (int i = 0; i < SERVE_CLIENTS; i++) {
            cr_assert_str_empty(clients[i].unexpected, "cycle %d: %s", cycle,
                                clients[i].unexpected);
            check_answered_writes_kept(d, &clients[i]);
            answered += clients[i].answered;
        }
        check_no_half_writes(d);
        db_close(d);
        fprintf(
            stderr,
            "crash_safety/serve: cycle %d killed at %.0f ms; writes answered: %d + %d sites, %d "
            "conversations\n",
            cycle, delay, clients[0].answered, clients[2].answered, clients[1].answered);
        test_server_restart(srv, NULL);
    }
    cr_assert_gt(answered, 0, "no write was answered before the kills: nothing was tested");

    /* The last restart serves what the database holds. */
    api_session s;
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &s), 200);
    api_response resp = api_call(srv, "GET", "/api/v1/sites?limit=1", NULL, NULL, &s);
    cr_assert_eq(resp.status, 200, "%s", resp.body);
    db *d;
    err e = {0};
    cr_assert_eq(db_open(srv->db_path, &d, &e), 0, "%s", e.msg);
    cr_assert_eq(json_integer_value(json_object_get(resp.json, "total")),
                 count(d, "SELECT COUNT(*) FROM sites", NULL, NULL));
    db_close(d);
    api_response_free(&resp);
    int status = test_server_stop(srv);
    srv = NULL;
    cr_assert_eq(status, 0);
}
