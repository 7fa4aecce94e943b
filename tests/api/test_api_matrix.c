/* The authorization matrix: every route the server serves × every role ×
 * (for writes a provider may make) its own organisation's row and another's,
 * generated from the route table itself, so a new route cannot skip it. */
#include "http/router.h"
#include "support/server.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(api_matrix, .timeout = 300);

typedef enum who { ANON, PROVIDER, COMMISSIONER, ADMIN, WHO_COUNT } who;
static const char *const who_name[] = {"anonymous", "provider", "commissioner", "admin"};
static const http_role who_role[] = {ROLE_ANONYMOUS, ROLE_PROVIDER, ROLE_COMMISSIONER, ROLE_ADMIN};

/* Conversations logged for the provider's own organisation and for another, shared with it. */
static long long conversation_own, conversation_other;
/* Contract reviews of the provider's own organisation's contract and of another's. */
static long long review_own, review_other;
#define OWN_CONTRACT "C-2025-ACU"
#define OTHER_CONTRACT "C-2024-MH"

static long long record_review(test_server *s, const api_session *admin, const char *contract)
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"contract\":\"%s\",\"held_on\":\"2026-10-01\",\"actions\":"
             "[{\"description\":\"Matrix action\"}]}",
             contract);
    api_response m = api_call(s, "POST", "/api/v1/reviews", body, NULL, admin);
    cr_assert_eq(m.status, 201, "%s", m.body);
    long long id = json_integer_value(json_object_get(m.json, "id"));
    api_response_free(&m);
    return id;
}

static long long log_conversation(test_server *s, const api_session *admin, const char *org)
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"held_on\":\"2026-10-01\",\"title\":\"Matrix\",\"organisations\":[\"%s\"],"
             "\"visibility\":\"shared\",\"actions\":[{\"description\":\"Matrix action\"}]}",
             org);
    api_response m = api_call(s, "POST", "/api/v1/conversations", body, NULL, admin);
    cr_assert_eq(m.status, 201, "%s", m.body);
    long long id = json_integer_value(json_object_get(m.json, "id"));
    api_response_free(&m);
    return id;
}

/* A whole conversation to PUT back: the stored one as it is now (with its version). */
static void conversation_put_body(test_server *s, const api_session *admin, const char *path,
                                  char *body, size_t bsize)
{
    api_response m = api_call(s, "GET", path, NULL, NULL, admin);
    cr_assert_eq(m.status, 200, "%s", m.body);
    json_object_set_new(m.json, strstr(path, "/reviews/") ? "summary" : "agreements",
                        json_string("Matrix agreement"));
    char *text = json_dumps(m.json, JSON_COMPACT);
    snprintf(body, bsize, "%s", text);
    free(text);
    api_response_free(&m);
}

/* A change names the version it was made to: the one stored now, so that it is not stale. */
static void add_current_version(test_server *s, const api_session *admin, const char *path,
                                char *body, size_t bsize)
{
    api_response m = api_call(s, "GET", path, NULL, NULL, admin);
    cr_assert_eq(m.status, 200, "%s: %s", path, m.body);
    json_t *b = json_loads(body, 0, NULL);
    cr_assert(b, "%s", body);
    json_object_set(b, "version", json_object_get(m.json, "version"));
    char *text = json_dumps(b, JSON_COMPACT);
    snprintf(body, bsize, "%s", text);
    free(text);
    json_decref(b);
    api_response_free(&m);
}

/* A concrete request for a route pattern, about the provider's own organisation
 * (own = 1) or another (own = 0). Returns 0 for routes the matrix leaves to
 * their own tests (signing in and out). */
static int concrete(const http_route *r, int own, int n, char *path, size_t size, char *body,
                    size_t bsize)
{
    const char *org = own ? TEST_PROVIDER_ORG : TEST_OTHER_ORG;
    const char *site = own ? "S-NGH" : "S-BEE";
    const char *p = r->pattern;
    body[0] = '\0';
    if (strcmp(p, "/api/v1/session") == 0)
        return 0;
    if (strstr(p, "{indicator}/{subject}/{period}"))
        snprintf(path, size, "/api/v1/observations/FFT-POS/%s/2026-03", org);
    else if (strcmp(p, "/api/v1/{kind}/{key}") == 0)
        snprintf(path, size, "/api/v1/sites/%s", strcmp(r->method, "DELETE") == 0 ? "" : site);
    else if (strcmp(p, "/api/v1/{kind}") == 0)
        snprintf(path, size, "/api/v1/sites");
    else if (strcmp(p, "/api/v1/import/{kind}") == 0)
        snprintf(path, size, "/api/v1/import/sites");
    else if (strcmp(p, "/api/v1/opportunities/{id}/status") == 0)
        snprintf(path, size, "/api/v1/opportunities/estates:%s/status", site);
    else if (strcmp(p, "/api/v1/organisations/{code}/pack") == 0)
        snprintf(path, size, "/api/v1/organisations/%s/pack", org);
    else if (strstr(p, "/api/v1/organisations/{code}"))
        snprintf(path, size, "/api/v1/organisations/%s/indicators", org);
    else if (strstr(p, "/api/v1/services/{code}"))
        snprintf(path, size, "/api/v1/services/%s/indicators",
                 own ? "SVC-EOL-HSPC" : "SVC-MH-CMHT");
    else if (strstr(p, "/api/v1/indicators/{code}/")) {
        const char *what = strrchr(p, '/') + 1;
        const char *query = strncmp(what, "spc", 3) == 0       ? "?org=RNV"
                            : strcmp(what, "opportunity") == 0 ? "?period=2026-03&org=RNV"
                            : strcmp(what, "periods") == 0     ? ""
                                                               : "?period=2026-03";
        snprintf(path, size, "/api/v1/indicators/FALLS/%s%s", what, query);
    } else if (strcmp(p, "/api/v1/conversations/{id}/actions/{n}") == 0)
        snprintf(path, size, "/api/v1/conversations/%lld/actions/1",
                 own ? conversation_own : conversation_other);
    else if (strcmp(p, "/api/v1/conversations/{id}") == 0)
        snprintf(path, size, "/api/v1/conversations/%lld",
                 own ? conversation_own : conversation_other);
    else if (strcmp(p, "/api/v1/reviews/{id}") == 0)
        snprintf(path, size, "/api/v1/reviews/%lld", own ? review_own : review_other);
    else if (strncmp(p, "/api/v1/contracts/{code}/", 25) == 0)
        snprintf(path, size, "/api/v1/contracts/%s/%s", own ? OWN_CONTRACT : OTHER_CONTRACT,
                 p + 25);
    else if (strcmp(p, "/api/v1/learning/reflections/{id}") == 0)
        snprintf(path, size, "/api/v1/learning/reflections/0"); /* made per caller below */
    else if (strcmp(p, "/api/v1/follows/{what}/{code}") == 0)
        snprintf(path, size, "/api/v1/follows/indicator/FALLS");
    else if (strcmp(p, "/api/v1/alerts/{id}/read") == 0)
        return 0; /* each user's own alerts, raised by an import: tests/api/test_api_alerts.c */
    else if (strcmp(p, "/api/v1/users/{id}") == 0)
        snprintf(path, size, "/api/v1/users/1");
    else if (strncmp(p, "/api/v1/measures/{id}", 21) == 0)
        snprintf(path, size, "/api/v1/measures/branded_omeprazole%s", p + 21);
    else if (strcmp(p, "/api/v1/programmes/{code}/report") == 0)
        snprintf(path, size, "/api/v1/programmes/EOL-2027/report");
    else if (strncmp(p, "/api/v1/goals/{code}/progress", 29) == 0)
        snprintf(path, size, "/api/v1/goals/G-PPD/%s", strrchr(p, '/') + 1);
    else if (strncmp(p, "/api/v1/projects/{code}/", 24) == 0)
        snprintf(path, size, "/api/v1/projects/P-EPACCS/%s", p + 24);
    else if (strncmp(p, "/api/v1/experience/emotional-map", 32) == 0)
        snprintf(path, size, "%s?pathway=end_of_life", p);
    else if (strcmp(p, "/api/v1/involvement") == 0)
        snprintf(path, size, "/api/v1/involvement?pathway=end_of_life");
    else if (strcmp(p, "/api/v1/public/stories") == 0)
        return 0; /* its Origin, honeypot and rate limit: tests/api/test_api_public_stories.c */
    else if (strncmp(p, "/api/v1/moderation/stories/{code}", 33) == 0)
        snprintf(path, size, "/api/v1/moderation/stories/%s%s", p[33] ? "ST-2" : "ST-8", p + 33);
    else if (strncmp(p, "/public/", 8) == 0)
        snprintf(path, size, "%s",
                 strstr(p, "programmes")  ? "/public/programmes/EOL-2027.html"
                 : strstr(p, "providers") ? "/public/providers/RNV.html"
                 : strstr(p, "data")      ? "/public/data/pledges.csv"
                                          : "/public/index.html");
    else if (strcmp(p, "/api/v1/public/programmes/{code}") == 0)
        snprintf(path, size, "/api/v1/public/programmes/EOL-2027");
    else if (strcmp(p, "/api/v1/public/scorecards/{org}") == 0)
        snprintf(path, size, "/api/v1/public/scorecards/RNV");
    else if (!strchr(p, '{'))
        snprintf(path, size, "%s", p);
    else
        cr_assert_fail("the matrix does not know how to call %s %s: teach it", r->method, p);

    /* Bodies: a site owned by org, a new user, a one-row CSV. */
    if (strcmp(r->method, "POST") == 0 || strcmp(r->method, "PUT") == 0) {
        if (strstr(path, "/users"))
            snprintf(body, bsize,
                     strcmp(r->method, "POST") == 0
                         ? "{\"email\":\"new%d@test.nhs.uk\",\"role\":\"commissioner\","
                           "\"password\":\"a-long-password-%d\"}"
                         : "{\"role\":\"admin\"}",
                     n, n);
        else if (strstr(path, "/import/"))
            snprintf(body, bsize,
                     "code,name,organisation,gross_internal_m2\nS-IMP%d,Imported,%s,100\n", n, org);
        else if (strstr(path, "/follows"))
            snprintf(body, bsize, "{\"kind\":\"indicator\",\"code\":\"FALLS\"}");
        else if (strstr(path, "/learning/reflections/"))
            snprintf(body, bsize, "{\"shared\":%s}", n % 2 ? "true" : "false");
        else if (strstr(path, "/learning/reflections"))
            snprintf(body, bsize, "{\"text\":\"Matrix reflection %d\"}", n);
        else if (strstr(path, "/actions/"))
            snprintf(body, bsize, "{\"status\":\"%s\"}", n % 2 ? "done" : "open");
        else if (strstr(path, "/reviews"))
            snprintf(body, bsize, "{\"contract\":\"%s\",\"held_on\":\"2026-10-01\"}",
                     own ? OWN_CONTRACT : OTHER_CONTRACT);
        else if (strstr(path, "/conversations"))
            snprintf(body, bsize,
                     "{\"held_on\":\"2026-10-01\",\"title\":\"Matrix %d\","
                     "\"organisations\":[\"%s\"]}",
                     n, org);
        else if (strstr(path, "/opportunities/"))
            snprintf(body, bsize, "{\"status\":\"in_conversation\",\"note\":\"matrix %d\"}", n);
        else if (strstr(path, "/moderation/stories/"))
            snprintf(body, bsize, "%s",
                     strstr(path, "/response") ? "{\"response\":\"Matrix\",\"change\":\"planned\"}"
                                               : "{\"decision\":\"rejected\"}");
        else if (strstr(path, "/observations/"))
            snprintf(body, bsize, "{\"numerator\":%d,\"denominator\":100}", n % 50);
        else if (strcmp(r->method, "PUT") == 0)
            snprintf(body, bsize,
                     "{\"name\":\"Renamed %d\",\"organisation\":\"%s\",\"gross_internal_m2\":"
                     "5000}",
                     n, org);
        else
            snprintf(body, bsize,
                     "{\"code\":\"S-NEW%d\",\"name\":\"New site\",\"organisation\":\"%s\","
                     "\"gross_internal_m2\":100}",
                     n, org);
    }
    return 1;
}

/* Whether a provider may make this write (an import too) only about its own
 * organisation's rows. */
static int provider_scoped(const http_route *r)
{
    return strcmp(r->method, "GET") != 0 && strstr(r->pattern, "{kind}") &&
           r->min_role <= ROLE_PROVIDER;
}

/* A reflection is its author's alone: each caller shares one of its own. */
static void make_own_reflection(test_server *s, const api_session *author, char *path, size_t size)
{
    api_response m = api_call(s, "POST", "/api/v1/learning/reflections",
                              "{\"text\":\"For the matrix\"}", NULL, author);
    cr_assert_eq(m.status, 201, "%s", m.body);
    snprintf(path, size, "/api/v1/learning/reflections/%lld",
             (long long)json_integer_value(json_object_get(m.json, "id")));
    api_response_free(&m);
}

/* Creates a site or an observation of its own for a DELETE and points path at it. */
static void make_row_to_delete(test_server *s, const api_session *admin, int own, int n, char *path,
                               size_t size)
{
    const char *org = own ? TEST_PROVIDER_ORG : TEST_OTHER_ORG;
    char make[256], period[16];
    if (strstr(path, "/api/v1/conversations/")) {
        snprintf(path, size, "/api/v1/conversations/%lld", log_conversation(s, admin, org));
        return;
    }
    if (strstr(path, "/api/v1/follows/"))
        return; /* no row needed: not following is what a delete leaves, followed or not */
    snprintf(period, sizeof period, "%04d-%02d", 2030 + n / 12, n % 12 + 1);
    int site = strstr(path, "/api/v1/sites/") != NULL;
    if (site)
        snprintf(make, sizeof make,
                 "{\"code\":\"S-DEL%d\",\"name\":\"To delete\",\"organisation\":\"%s\","
                 "\"gross_internal_m2\":10}",
                 n, org);
    else
        snprintf(make, sizeof make,
                 "{\"indicator\":\"FFT-POS\",\"organisation\":\"%s\",\"period\":\"%s\","
                 "\"numerator\":1,\"denominator\":2}",
                 org, period);
    api_response m =
        api_call(s, "POST", site ? "/api/v1/sites" : "/api/v1/observations", make, NULL, admin);
    cr_assert_eq(m.status, 201, "%s", m.body);
    api_response_free(&m);
    if (site)
        snprintf(path, size, "/api/v1/sites/S-DEL%d", n);
    else
        snprintf(path, size, "/api/v1/observations/FFT-POS/%s/%s", org, period);
}

Test(api_matrix, every_route_every_role)
{
    char measures[4096];
    cr_assert(realpath("data/measures", measures), "run the tests from the repository root");
    setenv("UNLOCK_MEASURES", measures, 1);
    test_server *s =
        test_server_start(&(test_server_opts){.demo = 1, .prescribing = 1, .users = 1});
    api_session sess[WHO_COUNT];
    memset(sess, 0, sizeof sess);
    const char *emails[] = {NULL, TEST_PROVIDER_EMAIL, TEST_COMMISSIONER_EMAIL, TEST_ADMIN_EMAIL};
    for (int w = PROVIDER; w < WHO_COUNT; w++)
        cr_assert_eq(api_sign_in(s, emails[w], TEST_PASSWORD, &sess[w]), 200);

    conversation_own = log_conversation(s, &sess[ADMIN], TEST_PROVIDER_ORG);
    conversation_other = log_conversation(s, &sess[ADMIN], TEST_OTHER_ORG);
    review_own = record_review(s, &sess[ADMIN], OWN_CONTRACT);
    review_other = record_review(s, &sess[ADMIN], OTHER_CONTRACT);
    int n = 0, checked = 0;
    for (int i = 0; i < http_route_total(); i++) {
        const http_route *r = http_route_at(i);
        for (int own = 1; own >= 0; own--) {
            for (int w = 0; w < WHO_COUNT; w++) {
                char path[256], body[4096];
                if (!concrete(r, own, ++n, path, sizeof path, body, sizeof body))
                    continue;
                /* A DELETE needs a row of its own to delete: made by the admin first. */
                if (strcmp(r->method, "DELETE") == 0)
                    make_row_to_delete(s, &sess[ADMIN], own, n, path, sizeof path);
                if (strcmp(path, "/api/v1/learning/reflections/0") == 0 && w >= COMMISSIONER)
                    make_own_reflection(s, &sess[w], path, sizeof path);
                int conversation = strncmp(path, "/api/v1/conversations/", 22) == 0;
                /* A review, its contract's view and pack: the provider's own contract only. */
                int review = strncmp(path, "/api/v1/reviews/", 16) == 0 ||
                             strncmp(r->pattern, "/api/v1/contracts/{code}/", 25) == 0;
                if ((conversation || review) && strcmp(r->method, "PUT") == 0 &&
                    !strstr(path, "/actions/"))
                    conversation_put_body(s, &sess[ADMIN], path, body, sizeof body);
                if (strcmp(r->method, "PUT") == 0 &&
                    (strcmp(r->pattern, "/api/v1/{kind}/{key}") == 0 ||
                     strstr(r->pattern, "{indicator}")))
                    add_current_version(s, &sess[ADMIN], path, body, sizeof body);
                const char *type = strstr(path, "/import/") ? "text/csv" : NULL;
                api_response resp = api_call(s, r->method, path, body[0] ? body : NULL, type,
                                             w == ANON ? NULL : &sess[w]);
                long got = resp.status;
                int ok;
                const char *want;
                if (w == ANON && r->min_role > ROLE_ANONYMOUS)
                    ok = got == 401, want = "401";
                else if (who_role[w] < r->min_role)
                    ok = got == 403, want = "403";
                else if (w == PROVIDER && (conversation || review) && !own)
                    /* Not shared with it: as if it did not exist. */
                    ok = got == 404, want = "404 (not shared with the provider)";
                else if (w == PROVIDER && provider_scoped(r) && !own)
                    ok = got == 403 && strstr(api_error_message(&resp), "own organisation's"),
                    want = "403 (another organisation's row), saying so";
                else
                    ok = got >= 200 && got < 300, want = "2xx";
                cr_expect(ok, "%s %s as %s (%s org): got %ld, want %s: %s", r->method, path,
                          who_name[w], own ? "own" : "other", got, want, resp.body);
                api_response_free(&resp);
                checked++;
            }
        }
    }
    cr_expect_gt(checked, 100, "only %d cases", checked);
    cr_assert_eq(test_server_stop(s), 0);
}
