/* server: the API test harness. Starts the real binary ($UNLOCK_BIN serve) on
 * 127.0.0.1 and a free port in a temporary directory, talks to it over HTTP
 * with libcurl, and stops it with SIGTERM.
 *
 *     test_server *srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
 *     api_session admin;
 *     cr_assert_eq(api_sign_in(srv, TEST_ADMIN_EMAIL, TEST_PASSWORD, &admin), 200);
 *     api_response r = api_call(srv, "GET", "/api/v1/users", NULL, NULL, &admin);
 *     cr_assert_eq(r.status, 200, "%s", r.body);
 *     json_t *items = json_object_get(r.json, "items");
 *     api_response_free(&r);
 *     cr_assert_eq(test_server_stop(srv), 0);
 *
 * Failures to start abort the test with the server's log. Password hashing is
 * set to its minimum cost (UNLOCK_PWHASH_FAST=1) in this process and the
 * server's, so the sanitized suite stays fast. */
#ifndef UNLOCK_TESTS_SUPPORT_SERVER_H
#define UNLOCK_TESTS_SUPPORT_SERVER_H

#include "support/support.h"

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

/* The accounts made by .users = 1, all with TEST_PASSWORD. The provider belongs to
 * TEST_PROVIDER_ORG (a demo organisation, or one the harness imports without the demo);
 * TEST_OTHER_ORG is another organisation for "someone else's rows" tests. */
#define TEST_ADMIN_EMAIL "admin@test.nhs.uk"
#define TEST_COMMISSIONER_EMAIL "commissioner@test.nhs.uk"
#define TEST_PROVIDER_EMAIL "provider@test.nhs.uk"
#define TEST_PASSWORD "test-password-1234"
#define TEST_PROVIDER_ORG "RNV"
#define TEST_OTHER_ORG "RNM"

typedef struct test_server_opts {
    int demo;        /* load the demo health system (from a cached copy after the first time) */
    int prescribing; /* with demo: add the demo's year of prescribing (a few seconds) */
    int users;       /* create the three accounts above */
    /* More `unlock serve` arguments, NULL-terminated, e.g. {"--session-ttl", "1", NULL}. */
    const char *const *args;
    const char *web_dir; /* --web; default: DIR/web with index.html, app.js, style.css */
} test_server_opts;

typedef struct test_server {
    pid_t pid;
    int port;
    char base_url[64]; /* "http://127.0.0.1:PORT" */
    char *dir;         /* the temporary directory: database, web files, log */
    char *db_path;
    char *web_dir;
    char *log_path; /* the server's standard error: access log and messages */
    int out_fd;     /* the read end of the server's standard output */
} test_server;

/* Starts a server (opts may be NULL for an empty database, no accounts). */
test_server *test_server_start(const test_server_opts *opts);
/* Copies the demo health system (without prescribing) to dest: built once per unlock binary
 * and cached, for tests of the command line that need the demo but not a server. With
 * UNLOCK_TEST_PG, the PostgreSQL database standing in for dest (test_pg_for_file) instead. */
void test_demo_database(const char *dest);
/* The same as a SQLite file at dest, whichever back end the suite runs on. */
void test_demo_sqlite(const char *dest);
/* A new temporary directory holding the demo as d.db (remove it with tmpdir_remove). */
char *test_demo_dir(void);
/* The JSON a command printed, asserting it succeeded and printed JSON; frees r. */
json_t *run_result_json(run_result r);
/* SIGTERM, then waits (at most 30 s, then SIGKILL). Returns the exit status (128+signal
 * when killed), removes the directory and frees s. */
int test_server_stop(test_server *s);
/* The same, handing over the server's whole standard error (malloc'd) in *log. */
int test_server_stop_log(test_server *s, char **log);
/* Kills the server with SIGKILL, as a crash would, and waits for it: no clean shutdown. Its
 * directory and database stay, for test_server_restart (or test_server_stop, which then only
 * cleans up). Returns 128+SIGKILL. */
int test_server_kill(test_server *s);
/* Starts the server again on the same database, directory and web files (opts as given to
 * test_server_start, for its .args; NULL for none); it listens on a new port. */
void test_server_restart(test_server *s, const test_server_opts *opts);
/* The server's standard error so far (malloc'd). A request's access line is written
 * after its response is sent, so it may lag the response a little; the log handed
 * over by test_server_stop_log is complete. */
char *test_server_log(const test_server *s);
/* Runs `unlock ARGS...` (NULL-terminated) against the server's database; returns the
 * exit status. --db is added. */
int test_server_unlock(test_server *s, const char *const *args);
/* Creates an account (org may be NULL) with TEST_PASSWORD; asserts it worked. */
void test_server_add_user(test_server *s, const char *email, const char *role, const char *org);

/* A signed-in client: the session cookie and the CSRF token. */
typedef struct api_session {
    char cookie[160]; /* "unlock_session=..." */
    char csrf[80];
} api_session;

typedef struct api_response {
    long status; /* 0 when the request failed at the transport level */
    char *body;  /* NUL-terminated */
    size_t len;
    json_t *json; /* the body parsed, when it is JSON; NULL otherwise */
    int nheaders;
    char **header_names, **header_values;
} api_response;

/* Everything a request can carry; unset fields are left out. */
typedef struct api_request {
    const char *method; /* default "GET" */
    const char *path;   /* "/api/v1/..." */
    const char *body;
    size_t body_len;            /* 0: strlen(body) */
    const char *content_type;   /* default "application/json" when there is a body */
    const api_session *session; /* adds the cookie, and X-CSRF-Token on writes */
    const char *const *headers; /* more "Name: value" lines, NULL-terminated */
    int path_as_is;             /* send "/../" and friends as they are */
    int chunked;                /* send the body with Transfer-Encoding: chunked */
} api_request;

api_response api_send(test_server *s, const api_request *req);
/* The common case of api_send. */
api_response api_call(test_server *s, const char *method, const char *path, const char *body,
                      const char *content_type, const api_session *session);
/* A response header's value (name without case), or NULL; valid until api_response_free. */
const char *api_header(const api_response *r, const char *name);
void api_response_free(api_response *r);

/* Signs in; on 200 fills out. Returns the status. */
long api_sign_in(test_server *s, const char *email, const char *password, api_session *out);

/* The error message of an error response ("" when there is none). */
const char *api_error_message(const api_response *r);

#endif
