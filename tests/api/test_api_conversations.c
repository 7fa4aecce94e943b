/* The conversation log over HTTP: who may see what, search, and writes that never lose a
 * change made at the same time. */
#include "support/server.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static test_server *srv;
static api_session commissioner, provider, other_provider;

#define OTHER_PROVIDER_EMAIL "other.provider@test.nhs.uk"

static void start(void)
{
    srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    test_server_add_user(srv, OTHER_PROVIDER_EMAIL, "provider", TEST_OTHER_ORG);
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &commissioner), 200);
    cr_assert_eq(api_sign_in(srv, TEST_PROVIDER_EMAIL, TEST_PASSWORD, &provider), 200);
    cr_assert_eq(api_sign_in(srv, OTHER_PROVIDER_EMAIL, TEST_PASSWORD, &other_provider), 200);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_conversations, .init = start, .fini = stop, .timeout = 120);

/* Logs a conversation as the commissioner; returns its id. */
static long long log_one(const char *body)
{
    api_response r = api_call(srv, "POST", "/api/v1/conversations", body, NULL, &commissioner);
    cr_assert_eq(r.status, 201, "%s", r.body);
    long long id = json_integer_value(json_object_get(r.json, "id"));
    cr_assert_gt(id, 0);
    api_response_free(&r);
    return id;
}

static int list_has(const api_response *r, long long id)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(r->json, "items"), i,
                       o) if (json_integer_value(json_object_get(o, "id")) == id) return 1;
    return 0;
}

static long get_status(const char *path, const api_session *who)
{
    api_response r = api_call(srv, "GET", path, NULL, NULL, who);
    long status = r.status;
    api_response_free(&r);
    return status;
}

Test(api_conversations, providers_see_only_what_is_shared_with_their_organisation)
{
    long long shared =
        log_one("{\"held_on\":\"2026-10-01\",\"title\":\"Frailty at the front door\","
                "\"organisations\":[\"" TEST_PROVIDER_ORG "\"],"
                "\"participants\":[{\"person\":\"p-0018\"},{\"person\":\"p-0003\"}],"
                "\"notes\":\"Agreed to look at zebrafish-style same-day review\","
                "\"visibility\":\"shared\"}");
    long long private_one = log_one("{\"held_on\":\"2026-10-02\",\"title\":\"Before the meeting\","
                                    "\"organisations\":[\"" TEST_PROVIDER_ORG "\"],"
                                    "\"notes\":\"Our own view of the contract\"}");
    long long elsewhere = log_one("{\"held_on\":\"2026-10-03\",\"title\":\"Crisis beds\","
                                  "\"organisations\":[\"" TEST_OTHER_ORG "\"],"
                                  "\"visibility\":\"shared\"}");

    /* The commissioner sees all three. */
    api_response r =
        api_call(srv, "GET", "/api/v1/conversations?limit=500", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(list_has(&r, shared) && list_has(&r, private_one) && list_has(&r, elsewhere));
    api_response_free(&r);

    /* The provider of RNV: only the shared one naming RNV, in the list and one by one. */
    r = api_call(srv, "GET", "/api/v1/conversations?limit=500", NULL, NULL, &provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(list_has(&r, shared));
    cr_assert(!list_has(&r, private_one), "a commissioners-only conversation leaked");
    cr_assert(!list_has(&r, elsewhere), "another organisation's conversation leaked");
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(r.json, "items"), i, o)
    {
        cr_assert_str_eq(json_string_value(json_object_get(o, "visibility")), "shared");
        json_t *orgs = json_object_get(o, "organisations"), *code;
        size_t k;
        int named = 0;
        json_array_foreach(orgs, k, code) named |=
            strcmp(json_string_value(code), TEST_PROVIDER_ORG) == 0;
        cr_assert(named);
    }
    api_response_free(&r);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/conversations/%lld", shared);
    cr_assert_eq(get_status(path, &provider), 200);
    /* Not 403: the answer must not say that something is there. */
    snprintf(path, sizeof path, "/api/v1/conversations/%lld", private_one);
    cr_assert_eq(get_status(path, &provider), 404);
    snprintf(path, sizeof path, "/api/v1/conversations/%lld", elsewhere);
    cr_assert_eq(get_status(path, &provider), 404);

    /* The provider of RNM sees none of RNV's. */
    r = api_call(srv, "GET", "/api/v1/conversations?limit=500", NULL, NULL, &other_provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(!list_has(&r, shared) && !list_has(&r, private_one));
    cr_assert(list_has(&r, elsewhere));
    api_response_free(&r);
    snprintf(path, sizeof path, "/api/v1/conversations/%lld", shared);
    cr_assert_eq(get_status(path, &other_provider), 404);

    /* Anonymous sees nothing at all. */
    cr_assert_eq(get_status("/api/v1/conversations", NULL), 401);
    cr_assert_eq(get_status(path, NULL), 401);
    cr_assert_eq(get_status("/api/v1/open-actions", NULL), 401);

    /* Search finds the shared one by a word in its notes, for the provider too. */
    r = api_call(srv, "GET", "/api/v1/conversations?q=zebrafish", NULL, NULL, &provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 1, "%s", r.body);
    cr_assert(list_has(&r, shared));
    cr_assert_not_null(strstr(json_string_value(json_object_get(
                                  json_array_get(json_object_get(r.json, "items"), 0), "snippet")),
                              "zebrafish"));
    api_response_free(&r);
    /* ...but never finds what it may not see. */
    r = api_call(srv, "GET", "/api/v1/conversations?q=contract", NULL, NULL, &provider);
    cr_assert(!list_has(&r, private_one));
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/conversations?q=contract", NULL, NULL, &commissioner);
    cr_assert(list_has(&r, private_one));
    api_response_free(&r);

    /* Providers read; they do not write. */
    r = api_call(srv, "POST", "/api/v1/conversations",
                 "{\"held_on\":\"2026-10-01\",\"title\":\"x\"}", NULL, &provider);
    cr_assert_eq(r.status, 403, "%s", r.body);
    api_response_free(&r);
}

Test(api_conversations, a_stale_update_is_a_conflict_and_loses_nothing)
{
    long long id = log_one("{\"held_on\":\"2026-09-01\",\"title\":\"Outpatient follow-ups\","
                           "\"organisations\":[\"RNV\"],\"concerns\":\"Waiting lists\"}");
    char path[96];
    snprintf(path, sizeof path, "/api/v1/conversations/%lld", id);
    api_response a = api_call(srv, "GET", path, NULL, NULL, &commissioner);
    cr_assert_eq(a.status, 200);
    cr_assert_eq(json_integer_value(json_object_get(a.json, "version")), 1);

    /* Two people read version 1; the first to save wins... */
    json_t *first = json_deep_copy(a.json);
    json_object_set_new(first, "agreements", json_string("Pilot patient-initiated follow-up"));
    char *body = json_dumps(first, 0);
    api_response r = api_call(srv, "PUT", path, body, NULL, &commissioner);
    free(body);
    json_decref(first);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "version")), 2);
    api_response_free(&r);

    /* ...and the second gets 409, naming the version, with nothing overwritten. */
    json_t *second = json_deep_copy(a.json);
    json_object_set_new(second, "agreements", json_string("Something else"));
    body = json_dumps(second, 0);
    r = api_call(srv, "PUT", path, body, NULL, &commissioner);
    free(body);
    json_decref(second);
    cr_assert_eq(r.status, 409, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
                     "version");
    cr_assert(strstr(r.body, "you sent version 1, it is at version 2 now"), "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", path, NULL, NULL, &commissioner);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "agreements")),
                     "Pilot patient-initiated follow-up");
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "concerns")), "Waiting lists");
    api_response_free(&r);

    /* A change that names no version is refused as well: 428, it must say what it read. */
    json_object_del(a.json, "version");
    body = json_dumps(a.json, 0);
    r = api_call(srv, "PUT", path, body, NULL, &commissioner);
    free(body);
    cr_assert_eq(r.status, 428, "%s", r.body);
    cr_assert(strstr(r.body, "at version") == NULL && strstr(r.body, "version: required"), "%s",
              r.body);
    api_response_free(&r);
    api_response_free(&a);
}

Test(api_conversations, bad_input_names_the_field_and_stores_nothing)
{
    static const struct {
        const char *body, *field, *message_part;
    } cases[] = {
        {"{\"held_on\":\"2026-10-01\",\"title\":\"t\",\"colour\":\"red\"}", "colour",
         "unknown field"},
        {"{\"title\":\"t\"}", "held_on", "required"},
        {"{\"held_on\":\"2026-13-01\",\"title\":\"t\"}", "held_on", "real date"},
        {"{\"held_on\":\"2026-10-01\",\"title\":\"t\",\"participants\":[{\"person\":\"p-0001\"},"
         "{\"person\":\"nobody\"}]}",
         "participants[1].person", "no person"},
        {"{\"held_on\":\"2026-10-01\",\"title\":\"t\",\"actions\":[{\"description\":\"d\","
         "\"due\":\"tomorrow\"}]}",
         "actions[0].due", "real date"},
        {"{\"held_on\":\"2026-10-01\",\"title\":\"t\",\"mode\":\"carrier pigeon\"}", "mode",
         "face_to_face, video, phone"},
        {"{\"held_on\":\"2026-10-01\",\"title\":\"t\",\"visibility\":\"shared\"}", "visibility",
         "must name the organisations"},
        {"{\"held_on\":\"2026-10-01\",\"title\":\"t\",\"parent\":999999}", "parent",
         "no conversation"},
    };
    api_response before = api_call(srv, "GET", "/api/v1/conversations", NULL, NULL, &commissioner);
    json_int_t total = json_integer_value(json_object_get(before.json, "total"));
    api_response_free(&before);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        api_response r =
            api_call(srv, "POST", "/api/v1/conversations", cases[i].body, NULL, &commissioner);
        cr_assert_eq(r.status, 422, "case %zu: %s", i, r.body);
        json_t *err = json_object_get(r.json, "error");
        cr_assert_str_eq(json_string_value(json_object_get(err, "field")), cases[i].field,
                         "case %zu: %s", i, r.body);
        cr_assert_not_null(strstr(api_error_message(&r), cases[i].message_part), "case %zu: %s", i,
                           r.body);
        api_response_free(&r);
    }
    api_response after = api_call(srv, "GET", "/api/v1/conversations", NULL, NULL, &commissioner);
    cr_assert_eq(json_integer_value(json_object_get(after.json, "total")), total);
    api_response_free(&after);
}

Test(api_conversations, notes_are_rendered_without_their_html)
{
    long long id = log_one("{\"held_on\":\"2026-10-01\",\"title\":\"t\",\"notes\":\"**Agreed**: "
                           "<img src=x onerror=alert(1)> [x](javascript:alert(1))\"}");
    char path[96];
    snprintf(path, sizeof path, "/api/v1/conversations/%lld", id);
    api_response r = api_call(srv, "GET", path, NULL, NULL, &commissioner);
    const char *html = json_string_value(json_object_get(r.json, "notes_html"));
    cr_assert_not_null(strstr(html, "<strong>Agreed</strong>"), "%s", html);
    cr_assert_null(strstr(html, "<img"), "%s", html);
    cr_assert_null(strstr(html, "javascript:"), "%s", html);
    api_response_free(&r);
}

Test(api_conversations, open_actions_and_follow_ups_across_the_system)
{
    long long id = log_one("{\"held_on\":\"2020-01-10\",\"title\":\"Long ago\","
                           "\"organisations\":[\"RNV\"],\"follow_up\":\"2020-02-01\","
                           "\"actions\":[{\"description\":\"Send the audit\",\"owner\":\"p-0018\","
                           "\"due\":\"2020-01-31\"},{\"description\":\"Already done\","
                           "\"status\":\"done\"}]}");
    api_response r =
        api_call(srv, "GET", "/api/v1/open-actions?overdue=1", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    int found_action = 0, found_follow = 0;
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(r.json, "actions"), i, o)
    {
        cr_assert(json_is_true(json_object_get(o, "overdue")));
        if (json_integer_value(json_object_get(o, "conversation")) == id) {
            found_action++;
            cr_assert_str_eq(json_string_value(json_object_get(o, "description")),
                             "Send the audit");
            cr_assert_str_eq(json_string_value(json_object_get(o, "owner_name")),
                             "Dr Samuel Adeyemi");
        }
    }
    json_array_foreach(json_object_get(r.json, "follow_ups"), i, o) found_follow +=
        json_integer_value(json_object_get(o, "conversation")) == id;
    cr_assert_eq(found_action, 1, "%s", r.body);
    cr_assert_eq(found_follow, 1, "%s", r.body);
    api_response_free(&r);

    /* Done: it leaves the list. A conversation continuing the chain ends the follow-up. */
    char path[96];
    snprintf(path, sizeof path, "/api/v1/conversations/%lld/actions/1", id);
    r = api_call(srv, "PUT", path, "{\"status\":\"done\"}", NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    api_response_free(&r);
    char body[160];
    snprintf(body, sizeof body,
             "{\"held_on\":\"2020-02-02\",\"title\":\"Follow-up\",\"parent\":%lld}", id);
    long long child = log_one(body);
    r = api_call(srv, "GET", "/api/v1/open-actions", NULL, NULL, &commissioner);
    json_array_foreach(json_object_get(r.json, "actions"), i, o)
        cr_assert_neq(json_integer_value(json_object_get(o, "conversation")), id);
    json_array_foreach(json_object_get(r.json, "follow_ups"), i, o)
        cr_assert_neq(json_integer_value(json_object_get(o, "conversation")), id);
    api_response_free(&r);
    snprintf(path, sizeof path, "/api/v1/conversations/%lld", id);
    r = api_call(srv, "GET", path, NULL, NULL, &commissioner);
    cr_assert_eq(json_integer_value(json_array_get(json_object_get(r.json, "children"), 0)), child);
    api_response_free(&r);
}

/* The demo's planted story, as the API tells it; and what a provider may see of it. */
Test(api_conversations, the_relationship_map_shows_the_planted_gaps_to_each_as_allowed)
{
    api_response r =
        api_call(srv, "GET", "/api/v1/relationships?today=2026-12-02", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *gaps = json_object_get(r.json, "gaps");
    cr_assert_eq(json_array_size(gaps), 2, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(gaps, 0), "organisation")),
                     "NNV02");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(gaps, 1), "organisation")),
                     "RNM");
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(r.json, "organisations"), i,
                       o) if (strcmp(json_string_value(json_object_get(o, "code")), "RNM") == 0)
    {
        cr_assert_str_eq(json_string_value(json_object_get(o, "last_conversation")), "2026-06-18");
        cr_assert_eq(json_integer_value(json_object_get(o, "days_since")), 167);
    }
    api_response_free(&r);

    /* The provider of RNV was not in the crisis care conversation, which was shared with RNM
     * only: to RNV's eyes, nobody has talked with RNM. */
    r = api_call(srv, "GET", "/api/v1/relationships?today=2026-12-02", NULL, NULL, &provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_array_foreach(json_object_get(r.json, "organisations"), i,
                       o) if (strcmp(json_string_value(json_object_get(o, "code")), "RNM") == 0)
        cr_assert(json_is_null(json_object_get(o, "last_conversation")), "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/relationships/network", NULL, NULL, &provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_null(strstr(r.body, "Hannah Fielding"), "a name from an unshared conversation");
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/relationships/network.svg", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(api_header(&r, "Content-Type"), "image/svg+xml");
    cr_assert_not_null(strstr(r.body, ">Dr Hannah Fielding</text>"));
    api_response_free(&r);

    r = api_call(srv, "GET", "/api/v1/involvement?pathway=frailty", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(json_is_true(json_object_get(r.json, "only_gps_and_managers")), "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/involvement?pathway=end_of_life", NULL, NULL, &commissioner);
    cr_assert(!json_is_true(json_object_get(r.json, "only_gps_and_managers")), "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "clinicians")), 4, "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/involvement", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 400, "%s", r.body);
    api_response_free(&r);
}
