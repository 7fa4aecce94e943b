/* The server's request time limit, its access log and its stop on SIGINT, against a real server. */
#include "support/server.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Test(api_limits, a_query_past_the_request_time_limit_is_503_and_the_worker_goes_on, .timeout = 120)
{
    /* A millisecond: statements as short as a sign-in's finish between the engine's
     * checks of the clock, while the summary's scans of the demo data do not. */
    if (test_pg_enabled())
        cr_skip_test("SQLite's in-engine clock checks only; on PostgreSQL a millisecond is less "
                     "than a round trip (postgres/a_deadline_stops_a_long_statement tests it)");
    test_server *s = test_server_start(&(test_server_opts){
        .demo = 1, .users = 1, .args = (const char *const[]){"--request-timeout", "0.001", NULL}});
    api_session who;
    cr_assert_eq(api_sign_in(s, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &who), 200);
    api_response r =
        api_call(s, "GET", "/api/v1/observations?limit=1000&sort=-value", NULL, NULL, &who);
    cr_expect_eq(r.status, 503, "%s", r.body);
    cr_expect(strstr(api_error_message(&r), "ran past its time limit"), "%s", r.body);
    cr_expect_eq(json_integer_value(json_object_get(json_object_get(r.json, "error"), "status")),
                 503, "%s", r.body);
    api_response_free(&r);
    /* The worker's connection is fine afterwards: a small answer still comes. */
    r = api_call(s, "GET", "/api/v1/session", NULL, NULL, &who);
    cr_expect_eq(r.status, 200, "%s", r.body);
    char line[160];
    snprintf(line, sizeof line, " GET /api/v1/session 200 %zu ", r.len);
    api_response_free(&r);
    /* Each is logged: method, path, status, bytes, microseconds, user. */
    char *log = NULL;
    cr_expect_eq(test_server_stop_log(s, &log), 0);
    const char *at = strstr(log, line);
    cr_assert(at, "no '%s' in %s", line, log);
    at += strlen(line);
    char *end;
    long usec = strtol(at, &end, 10);
    cr_expect(end > at && usec > 0, "%s", at);
    cr_expect(strncmp(end, " " TEST_COMMISSIONER_EMAIL "\n", strlen(TEST_COMMISSIONER_EMAIL) + 2) ==
                  0,
              "%s", end);
    cr_expect(strstr(log, " GET /api/v1/observations 503 "), "%s", log);
    free(log);
}

Test(api_limits, the_request_timeout_must_be_a_positive_number_of_seconds)
{
    test_server *s = test_server_start(NULL);
    cr_expect_eq(test_server_unlock(s, (const char *const[]){"serve", "--request-timeout", "0",
                                                             "--port", "0", NULL}),
                 1);
    cr_expect_eq(test_server_unlock(s, (const char *const[]){"serve", "--request-timeout", "soon",
                                                             "--port", "0", NULL}),
                 1);
    cr_expect_eq(test_server_stop(s), 0);
}

Test(api_limits, sigint_stops_as_cleanly_as_sigterm)
{
    test_server *s = test_server_start(NULL);
    api_response r = api_call(s, "GET", "/api/v1/session", NULL, NULL, NULL);
    cr_expect_eq(r.status, 401);
    api_response_free(&r);
    cr_assert_eq(kill(s->pid, SIGINT), 0);
    char *log = NULL;
    cr_expect_eq(test_server_stop_log(s, &log), 0, "%s", log);
    cr_expect(strstr(log, "unlock: SIGINT: finishing requests in flight, then stopping\n"), "%s",
              log);
    cr_expect(strstr(log, "unlock: stopped\n"), "%s", log);
    free(log);
}
