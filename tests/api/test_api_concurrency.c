/* Many clients at once, on loopback: 50 threads for a few seconds, each reading and
 * changing shared rows the way a browser does (read, change, write back with the version
 * read), with reads of lists and statistics in between. Optimistic concurrency must lose no
 * update: every write either lands (200) or is refused as stale (409, then read again and
 * retry), nothing else is answered, and each row's final value and version count exactly the
 * writes that landed. Runs on whichever back end the suite is on (SQLite, or PostgreSQL with
 * UNLOCK_TEST_PG). */
#include "support/server.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CLIENTS 50
#define ROWS 5
#define SECONDS 3.0
#define START_M2 1000

static test_server *srv;
static api_session commissioner;

static void start(void)
{
    srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &commissioner), 200);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_concurrency, .init = start, .fini = stop, .timeout = 180);

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct tally {
    atomic_long landed[ROWS]; /* writes answered 200, per row */
    atomic_long stale;        /* writes answered 409 */
    atomic_long reads;
    atomic_long unexpected; /* any other answer: the first is kept in `what` */
    pthread_mutex_t lock;
    char what[512];
} tally;

typedef struct client {
    int n;
    double until;
    tally *t;
} client;

static void unexpected(tally *t, const char *method, const char *path, const api_response *r)
{
    if (atomic_fetch_add(&t->unexpected, 1) == 0) {
        pthread_mutex_lock(&t->lock);
        snprintf(t->what, sizeof t->what, "%s %s: %ld %.300s", method, path, r->status,
                 r->body ? r->body : "");
        pthread_mutex_unlock(&t->lock);
    }
}

/* GET that must answer 200; the body's JSON, or NULL (counted as unexpected). */
static json_t *read_json(tally *t, const char *path)
{
    api_response r = api_call(srv, "GET", path, NULL, NULL, &commissioner);
    json_t *j = NULL;
    if (r.status == 200 && r.json)
        j = json_incref(r.json);
    else
        unexpected(t, "GET", path, &r);
    api_response_free(&r);
    atomic_fetch_add(&t->reads, 1);
    return j;
}

/* One read-modify-write of a row's floor area: 1 when it landed, 0 when stale, -1 otherwise. */
static int add_one(tally *t, int row)
{
    char path[64];
    snprintf(path, sizeof path, "/api/v1/sites/S-CC%d", row);
    json_t *site = read_json(t, path);
    if (!site)
        return -1;
    char body[256];
    snprintf(body, sizeof body,
             "{\"name\":\"Concurrency %d\",\"organisation\":\"RNV\",\"gross_internal_m2\":%.0f,"
             "\"version\":%lld}",
             row, json_real_value(json_object_get(site, "gross_internal_m2")) + 1,
             (long long)json_integer_value(json_object_get(site, "version")));
    json_decref(site);
    api_response r = api_call(srv, "PUT", path, body, NULL, &commissioner);
    int outcome = r.status == 200 ? 1 : r.status == 409 ? 0 : -1;
    if (outcome < 0)
        unexpected(t, "PUT", path, &r);
    api_response_free(&r);
    return outcome;
}

static void *run_client(void *arg)
{
    client *c = arg;
    static const char *const reads[] = {
        "/api/v1/sites?organisation=RNV&limit=20",
        "/api/v1/indicators/FFT-POS/spc?org=RNV",
        "/api/v1/organisations/RNV",
    };
    for (long i = 0; now_s() < c->until; i++) {
        int row = (c->n + (int)i) % ROWS;
        /* Until it lands: a stale write is read again and retried, as a person would. */
        int landed;
        while ((landed = add_one(c->t, row)) == 0)
            atomic_fetch_add(&c->t->stale, 1);
        if (landed > 0)
            atomic_fetch_add(&c->t->landed[row], 1);
        json_decref(read_json(c->t, reads[(c->n + i) % 3]));
    }
    return NULL;
}

Test(api_concurrency, fifty_clients_lose_no_update)
{
    for (int row = 0; row < ROWS; row++) {
        char body[256];
        snprintf(body, sizeof body,
                 "{\"code\":\"S-CC%d\",\"name\":\"Concurrency %d\",\"organisation\":\"RNV\","
                 "\"gross_internal_m2\":%d}",
                 row, row, START_M2);
        api_response r = api_call(srv, "POST", "/api/v1/sites", body, NULL, &commissioner);
        cr_assert_eq(r.status, 201, "%s", r.body);
        api_response_free(&r);
    }

    static tally t;
    pthread_mutex_init(&t.lock, NULL);
    client clients[CLIENTS];
    pthread_t threads[CLIENTS];
    double until = now_s() + SECONDS;
    for (int i = 0; i < CLIENTS; i++) {
        clients[i] = (client){i, until, &t};
        cr_assert_eq(pthread_create(&threads[i], NULL, run_client, &clients[i]), 0);
    }
    for (int i = 0; i < CLIENTS; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&t.lock);

    cr_assert_eq(atomic_load(&t.unexpected), 0, "%ld answers other than 200 and 409; the first: %s",
                 atomic_load(&t.unexpected), t.what);
    long total = 0;
    for (int row = 0; row < ROWS; row++) {
        char path[64];
        snprintf(path, sizeof path, "/api/v1/sites/S-CC%d", row);
        api_response r = api_call(srv, "GET", path, NULL, NULL, &commissioner);
        cr_assert_eq(r.status, 200, "%s", r.body);
        long landed = atomic_load(&t.landed[row]);
        /* Each landed write added exactly one, and nothing else did: no update was lost. */
        cr_assert_eq((long)json_real_value(json_object_get(r.json, "gross_internal_m2")),
                     START_M2 + landed, "row %d: %ld writes landed: %s", row, landed, r.body);
        cr_assert_eq(json_integer_value(json_object_get(r.json, "version")), 1 + landed, "%s",
                     r.body);
        api_response_free(&r);
        total += landed;
    }
    cr_log_info("%d clients, %.0f s: %ld writes landed, %ld refused as stale, %ld reads", CLIENTS,
                SECONDS, total, atomic_load(&t.stale), atomic_load(&t.reads));
    cr_assert_gt(total, CLIENTS, "every client landed at least one write, on average");
    /* Ten clients to a row: some of them must have lost a race, or the test tested nothing. */
    cr_assert_gt(atomic_load(&t.stale), 0, "no write was ever stale: nothing raced");
}
