/* The public's own stories over HTTP: told without an account from our own page, held for
 * moderation, seen by providers and the public only once approved and as consent allows;
 * the honeypot, the rate limit, the Origin rule and the size limits; the moderation routes
 * are for commissioners. */
#include "db/db.h"
#include "support/server.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static test_server *srv;
static api_session commissioner, provider;
static char origin[96];

static void start(void)
{
    srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &commissioner), 200);
    cr_assert_eq(api_sign_in(srv, TEST_PROVIDER_EMAIL, TEST_PASSWORD, &provider), 200);
    snprintf(origin, sizeof origin, "Origin: %s", srv->base_url);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_public_stories, .init = start, .fini = stop, .timeout = 120);

#define STORY(consent, extra)                                                                      \
    "{\"teller\":\"carer\",\"pathway\":\"end_of_life\",\"title\":\"Nights at home\","              \
    "\"text\":\"Nurse Alice Crane at Riverside came at 3am.\",\"consent\":\"" consent "\","        \
    "\"organisation\":\"RNV\",\"touchpoints\":[{\"stage\":\"Last days\",\"emotion\":\"alone\","    \
    "\"valence\":-2},{\"stage\":\"crisis\",\"emotion\":\"relieved\",\"valence\":2}]" extra "}"

static api_response tell(const char *body, const char *header)
{
    return api_send(srv, &(api_request){.method = "POST",
                                        .path = "/api/v1/public/stories",
                                        .body = body,
                                        .headers = (const char *const[]){header, NULL}});
}

/* The code of the one pending story titled "Nights at home", or "" (static). */
static const char *pending_code(void)
{
    static char code[40];
    code[0] = '\0';
    api_response r = api_call(srv, "GET", "/api/v1/moderation/stories", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(r.json, "stories"), i, s)
    {
        if (strcmp(json_string_value(json_object_get(s, "title")), "Nights at home") == 0)
            snprintf(code, sizeof code, "%s", json_string_value(json_object_get(s, "code")));
    }
    api_response_free(&r);
    return code;
}

static int shows(const char *path, const api_session *who, const char *needle)
{
    api_response r = api_call(srv, "GET", path, NULL, NULL, who);
    cr_assert_eq(r.status, 200, "%s %s", path, r.body);
    int found = strstr(r.body, needle) != NULL;
    api_response_free(&r);
    return found;
}

/* Audit entries by "public" about the story and its touchpoints. */
static int audited_by_public(const char *code)
{
    db *d;
    err e = {0};
    cr_assert_eq(db_open(srv->db_path, &d, &e), 0, "%s", e.msg);
    db_stmt *s;
    cr_assert_eq(db_prepare(d,
                            "SELECT COUNT(*) FROM audit_log WHERE actor = 'public' AND "
                            "entity_key LIKE ?1 || '%'",
                            &s, &e),
                 0, "%s", e.msg);
    db_bind_text(s, 1, code, &e);
    cr_assert_eq(db_step(s, &e), DB_ROW, "%s", e.msg);
    int n = (int)db_col_int64(s, 0);
    db_finalize(s);
    db_close(d);
    return n;
}

static long moderate(const char *code, const char *body, const api_session *who)
{
    char path[128];
    snprintf(path, sizeof path, "/api/v1/moderation/stories/%s", code);
    api_response r = api_call(srv, "PUT", path, body, NULL, who);
    long status = r.status;
    api_response_free(&r);
    return status;
}

Test(api_public_stories, a_told_story_waits_for_moderation_then_goes_as_far_as_consent_allows)
{
    api_response r = tell(STORY("public", ""), origin);
    cr_assert_eq(r.status, 201, "%s", r.body);
    cr_assert(strstr(api_header(&r, "Content-Type"), "json"));
    cr_assert(strstr(json_string_value(json_object_get(r.json, "message")),
                     "only after that, and only if you agreed to it being public"),
              "%s", r.body);
    api_response_free(&r);

    char code[40];
    snprintf(code, sizeof code, "%s", pending_code());
    /* UNLOCK_NOW is not set: today's date, in the code and told_on. */
    cr_assert_eq(strncmp(code, "PUB-", 4), 0, "%s", code);
    cr_assert_eq(strlen(code), strlen("PUB-20261202-0001"), "%s", code);
    cr_assert_str_eq(code + 12, "-0001");
    char path[128];
    snprintf(path, sizeof path, "/api/v1/stories/%s", code);
    api_response row = api_call(srv, "GET", path, NULL, NULL, &commissioner);
    cr_assert_eq(row.status, 200, "%s", row.body);
    cr_assert_str_eq(json_string_value(json_object_get(row.json, "moderation")), "pending");
    cr_assert_str_eq(json_string_value(json_object_get(row.json, "teller")), "carer");
    api_response_free(&row);
    snprintf(path, sizeof path, "/api/v1/touchpoints?story=%s", code);
    cr_assert(shows(path, &commissioner, "\"last_days\""), "the stage as a code");
    cr_assert_eq(audited_by_public(code), 3, "the story and its two touchpoints");

    /* Pending: the teller's words reach commissioners only. */
    cr_assert(shows("/api/v1/moderation/stories", &commissioner, "Alice Crane"));
    cr_assert(!shows("/api/v1/experience/stories", &provider, "Nights at home"));
    cr_assert(
        !shows("/api/v1/experience/stories?audience=public", &commissioner, "Nights at home"));

    /* Approval needs a moderated text that removed something. */
    cr_assert_eq(moderate(code, "{\"decision\":\"approved\"}", &commissioner), 422);
    cr_assert_eq(moderate(code,
                          "{\"decision\":\"approved\",\"moderated_text\":\"Nurse Alice Crane at "
                          "Riverside came at 3am.\"}",
                          &commissioner),
                 422);
    cr_assert_eq(moderate(code,
                          "{\"decision\":\"approved\",\"moderated_text\":\"A nurse came in the "
                          "night.\"}",
                          &commissioner),
                 200);
    cr_assert_str_eq(pending_code(), "", "out of the queue");
    cr_assert(shows("/api/v1/experience/stories", &provider, "A nurse came in the night."));
    cr_assert(!shows("/api/v1/experience/stories", &provider, "Alice Crane"));
    cr_assert(shows("/api/v1/experience/stories?audience=public", &commissioner,
                    "A nurse came in the night."));
    snprintf(path, sizeof path, "/api/v1/stories/%s", code);
    cr_assert(shows(path, &commissioner, "\"moderated_by\":\"" TEST_COMMISSIONER_EMAIL "\""));

    /* The provider's response, recorded by a commissioner. */
    snprintf(path, sizeof path, "/api/v1/moderation/stories/%s/response", code);
    r = api_call(srv, "PUT", path, "{\"response\":\"We added a night nurse.\",\"change\":\"made\"}",
                 NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    api_response_free(&r);
    cr_assert(
        shows("/api/v1/experience/stories?audience=public", &commissioner, "\"change\":\"made\""));
}

Test(api_public_stories, internal_consent_never_reaches_the_public_and_rejection_hides_it)
{
    api_response r = tell(STORY("internal", ""), origin);
    cr_assert_eq(r.status, 201, "%s", r.body);
    api_response_free(&r);
    const char *code = pending_code();
    char saved[40];
    snprintf(saved, sizeof saved, "%s", code);
    cr_assert_eq(moderate(saved, "{\"decision\":\"approved\",\"moderated_text\":\"A nurse came.\"}",
                          &commissioner),
                 200);
    cr_assert(shows("/api/v1/experience/stories", &provider, "A nurse came."));
    cr_assert(!shows("/api/v1/experience/stories?audience=public", &commissioner, "A nurse came."));
    cr_assert_eq(moderate(saved, "{\"decision\":\"rejected\"}", &commissioner), 200);
    cr_assert(!shows("/api/v1/experience/stories", &provider, "A nurse came."));
    cr_assert_eq(moderate(saved, "{\"decision\":\"maybe\"}", &commissioner), 422);
    cr_assert_eq(moderate("PUB-19990101-0001", "{\"decision\":\"rejected\"}", &commissioner), 404);
    /* A response goes only on an approved story. */
    char path[128];
    snprintf(path, sizeof path, "/api/v1/moderation/stories/%s/response", saved);
    r = api_call(srv, "PUT", path, "{\"response\":\"Noted\"}", NULL, &commissioner);
    cr_assert_eq(r.status, 422, "%s", r.body);
    api_response_free(&r);
}

Test(api_public_stories, providers_and_the_public_cannot_moderate)
{
    api_response r = api_call(srv, "GET", "/api/v1/moderation/stories", NULL, NULL, &provider);
    cr_assert_eq(r.status, 403, "%s", r.body);
    api_response_free(&r);
    cr_assert_eq(moderate("ST-8", "{\"decision\":\"rejected\"}", &provider), 403);
    r = api_call(srv, "PUT", "/api/v1/moderation/stories/ST-2/response", "{\"response\":\"x\"}",
                 NULL, &provider);
    cr_assert_eq(r.status, 403, "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/moderation/stories", NULL, NULL, NULL);
    cr_assert_eq(r.status, 401, "%s", r.body);
    api_response_free(&r);
}

Test(api_public_stories, a_filled_honeypot_is_thanked_and_discarded)
{
    api_response r = tell(STORY("public", ",\"website\":\"http://spam.example\""), origin);
    cr_assert_eq(r.status, 201, "%s", r.body);
    cr_assert(strstr(r.body, "Thank you"), "%s", r.body);
    api_response_free(&r);
    cr_assert_str_eq(pending_code(), "");
    r = tell(STORY("public", ",\"website\":\"\""), origin);
    cr_assert_eq(r.status, 201, "%s", r.body);
    api_response_free(&r);
    cr_assert_neq(pending_code()[0], '\0', "an empty honeypot is a person");
}

Test(api_public_stories, five_an_hour_from_one_address)
{
    for (int i = 0; i < 5; i++) {
        api_response r = tell(STORY("none", ""), origin);
        cr_assert_eq(r.status, 201, "story %d: %s", i + 1, r.body);
        api_response_free(&r);
    }
    api_response r = tell(STORY("none", ""), origin);
    cr_assert_eq(r.status, 429, "%s", r.body);
    long retry = strtol(api_header(&r, "Retry-After"), NULL, 10);
    cr_assert(retry > 3500 && retry <= 3600, "Retry-After %ld", retry);
    cr_assert(strstr(api_error_message(&r), "5 stories an hour"), "%s", r.body);
    api_response_free(&r);
    api_response list =
        api_call(srv, "GET", "/api/v1/stories?teller=carer&limit=100", NULL, NULL, &commissioner);
    cr_assert(strstr(list.body, "PUB-"), "%s", list.body);
    cr_assert(strstr(list.body, "-0005\""), "five stored");
    cr_assert_null(strstr(list.body, "-0006\""), "not six");
    api_response_free(&list);
}

Test(api_public_stories, only_from_our_own_page)
{
    api_response r = tell(STORY("public", ""), "Origin: http://evil.example");
    cr_assert_eq(r.status, 403, "%s", r.body);
    api_response_free(&r);
    r = tell(STORY("public", ""), "X-Nothing: 1");
    cr_assert_eq(r.status, 403, "%s", r.body);
    cr_assert(strstr(api_error_message(&r), "Origin or Referer"), "%s", r.body);
    api_response_free(&r);
    char referer[128];
    snprintf(referer, sizeof referer, "Referer: %s/tell.html", srv->base_url);
    r = tell(STORY("public", ""), referer);
    cr_assert_eq(r.status, 201, "%s", r.body);
    api_response_free(&r);
    snprintf(referer, sizeof referer, "Referer: %s.evil.example/tell.html", srv->base_url);
    r = tell(STORY("public", ""), referer);
    cr_assert_eq(r.status, 403, "a look-alike host: %s", r.body);
    api_response_free(&r);
}

static const struct {
    const char *body, *field, *says;
} bad[] = {
    {"{\"pathway\":\"end_of_life\",\"title\":\"T\",\"text\":\"x\",\"consent\":\"none\"}", "teller",
     "required"},
    {"{\"teller\":\"staff\",\"pathway\":\"end_of_life\",\"title\":\"T\",\"text\":\"x\","
     "\"consent\":\"none\"}",
     "teller", "patient, carer, public"},
    {"{\"teller\":\"patient\",\"pathway\":\"cardiology\",\"title\":\"T\",\"text\":\"x\","
     "\"consent\":\"none\"}",
     "pathway", "not a pathway"},
    {"{\"teller\":\"patient\",\"pathway\":\"other\",\"title\":\"T\",\"text\":\"x\","
     "\"consent\":\"maybe\"}",
     "consent", "maybe"},
    {"{\"teller\":\"patient\",\"pathway\":\"other\",\"title\":\"T\",\"text\":\"x\","
     "\"consent\":\"none\",\"organisation\":\"NOPE\"}",
     "organisation", "no organisation"},
    {"{\"teller\":\"patient\",\"pathway\":\"other\",\"title\":\"T\",\"text\":\"x\","
     "\"consent\":\"none\",\"touchpoints\":[{\"stage\":\"a\",\"emotion\":\"b\",\"valence\":1},"
     "{\"stage\":\"a\",\"emotion\":\"b\",\"valence\":3}]}",
     "touchpoints[2].valence", "-2"},
    {"{\"teller\":\"patient\",\"pathway\":\"other\",\"title\":\"T\",\"text\":\"x\","
     "\"consent\":\"none\",\"moderation\":\"approved\"}",
     "moderation", "not part of a story"},
};

/* Cases from..to-1 of bad; at most five per server, as the rate limit counts them too. */
static void tell_badly(size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        api_response r = tell(bad[i].body, origin);
        cr_expect_eq(r.status, 422, "case %zu: %s", i, r.body);
        json_t *error = json_object_get(r.json, "error");
        cr_expect_str_eq(json_string_value(json_object_get(error, "field")), bad[i].field,
                         "case %zu: %s", i, r.body);
        cr_expect(strstr(api_error_message(&r), bad[i].says), "case %zu: %s", i, r.body);
        api_response_free(&r);
    }
    cr_assert_str_eq(pending_code(), "", "nothing stored");
}

Test(api_public_stories, bad_stories_say_which_field)
{
    tell_badly(0, 4);
}

Test(api_public_stories, bad_touchpoints_and_unknown_fields_say_which_field)
{
    tell_badly(4, sizeof bad / sizeof bad[0]);
}

Test(api_public_stories, size_limits)
{
    char *text = malloc(4200);
    memset(text, 'a', 4001);
    text[4001] = '\0';
    char *body = malloc(5000);
    snprintf(body, 5000,
             "{\"teller\":\"patient\",\"pathway\":\"other\",\"title\":\"T\",\"text\":\"%s\","
             "\"consent\":\"none\"}",
             text);
    api_response r = tell(body, origin);
    cr_assert_eq(r.status, 422, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
                     "text");
    cr_assert(strstr(api_error_message(&r), "4001 bytes; at most 4000"), "%s", r.body);
    api_response_free(&r);
    free(body);
    free(text);

    size_t big = 33 * 1024;
    char *huge = malloc(big + 1);
    memset(huge, ' ', big);
    huge[0] = '{';
    huge[big - 1] = '}';
    huge[big] = '\0';
    r = tell(huge, origin);
    cr_assert_eq(r.status, 413, "%s", r.body);
    cr_assert(strstr(api_error_message(&r), "32 KiB"), "%s", r.body);
    api_response_free(&r);
    free(huge);
}

Test(api_public_stories, the_form_offers_the_services_pathways_and_providers)
{
    api_response r = api_call(srv, "GET", "/api/v1/story-form", NULL, NULL, NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *pathways = json_object_get(r.json, "pathways");
    int eol = 0;
    size_t i;
    json_t *p;
    json_array_foreach(pathways, i, p) eol += strcmp(json_string_value(p), "end_of_life") == 0;
    cr_assert_eq(eol, 1, "%s", r.body);
    cr_assert(strstr(r.body, "{\"code\":\"RNV\",\"name\":"), "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "max_text")), 4000);
    cr_assert_null(strstr(r.body, "@"), "no emails or people");
    api_response_free(&r);
}
