/* Experience-led commissioning over HTTP: stories reach each role only as consent and
 * moderation allow; the programme, goal and project reports on the demo's end-of-life
 * programme. */
#include "support/server.h"

#include <criterion/criterion.h>
#include <string.h>

static test_server *srv;
static api_session commissioner, provider, other_provider;

static void start(void)
{
    srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    test_server_add_user(srv, "hospice@test.nhs.uk", "provider", "NNV01");
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &commissioner), 200);
    cr_assert_eq(api_sign_in(srv, TEST_PROVIDER_EMAIL, TEST_PASSWORD, &provider), 200);
    cr_assert_eq(api_sign_in(srv, "hospice@test.nhs.uk", TEST_PASSWORD, &other_provider), 200);
}

static void stop(void)
{
    cr_assert_eq(test_server_stop(srv), 0);
}

TestSuite(api_experience, .init = start, .fini = stop, .timeout = 120);

static char *codes(const api_response *r)
{
    static char out[256];
    out[0] = 0;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(r->json, "stories"), i, s)
    {
        strcat(out, json_string_value(json_object_get(s, "code")));
        strcat(out, " ");
    }
    return out;
}

Test(api_experience, stories_reach_each_role_only_as_consent_allows)
{
    api_response r = api_call(srv, "GET", "/api/v1/experience/stories?pathway=end_of_life", NULL,
                              NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(codes(&r), "ST-8 ST-7 ST-5 ST-6 ST-3 ST-4 ST-1 ST-2 ");
    cr_assert(strstr(r.body, "Elm Cottage"), "commissioners read the story as told");
    api_response_free(&r);

    /* RNV: ST-3 (internal, approved) only; ST-5 is about RNV but has no consent. */
    r = api_call(srv, "GET", "/api/v1/experience/stories", NULL, NULL, &provider);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(codes(&r), "ST-3 ");
    cr_assert_null(strstr(r.body, "ward 12"), "the moderated text, not the teller's");
    cr_assert_null(strstr(r.body, "Frank"));
    api_response_free(&r);

    /* The hospice: ST-2 (public, approved); ST-6 unconsented. */
    r = api_call(srv, "GET", "/api/v1/experience/stories", NULL, NULL, &other_provider);
    cr_assert_str_eq(codes(&r), "ST-2 ");
    cr_assert_null(strstr(r.body, "Nurse Jo"));
    api_response_free(&r);

    /* The raw rows are for commissioners. */
    r = api_call(srv, "GET", "/api/v1/stories", NULL, NULL, &provider);
    cr_assert_eq(r.status, 403, "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/touchpoints", NULL, NULL, &provider);
    cr_assert_eq(r.status, 403, "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/stories/ST-5", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/experience/stories", NULL, NULL, NULL);
    cr_assert_eq(r.status, 401);
    api_response_free(&r);
}

Test(api_experience, the_emotional_map_follows_the_reader)
{
    api_response r = api_call(srv, "GET", "/api/v1/experience/emotional-map?pathway=end_of_life",
                              NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "stories")), 8);
    /* crisis: -2 (ST-1), -1 (ST-3), -1 (ST-4), -1 (ST-6), +2 (ST-7) = -3 / 5 = -0.6 */
    json_t *stages = json_object_get(r.json, "stages");
    json_t *crisis = json_array_get(stages, 2);
    cr_assert_str_eq(json_string_value(json_object_get(crisis, "stage")), "crisis");
    cr_assert_float_eq(json_number_value(json_object_get(crisis, "mean_valence")), -0.6, 1e-12);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/experience/emotional-map?pathway=end_of_life", NULL, NULL,
                 &provider);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "stories")), 1);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/experience/emotional-map", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 400);
    api_response_free(&r);
}

Test(api_experience, the_demo_programme_reads_as_its_story)
{
    api_response r =
        api_call(srv, "GET", "/api/v1/programmes/EOL-2027/report", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_array_size(json_object_get(r.json, "events")), 6);
    cr_assert_eq(json_array_size(json_object_get(r.json, "pledges")), 40);
    cr_assert_eq(json_array_size(json_object_get(r.json, "workstreams")), 5);
    json_t *progress = json_object_get(r.json, "progress");
    /* projects 4 + 2 + 1.5 + 1 = 8.5; pledges 14 x 4 + 13 x 2 + 10 x 1 + 3 x 0.5 = 93.5, x 0.25 =
     * 23.375 at weight 10; (8.5 + 23.375) / 14 = 2.277 -> 2.3 */
    cr_assert_float_eq(json_number_value(json_object_get(progress, "score")), 2.3, 1e-12);
    long over_100 = 0;
    size_t i;
    json_t *ev;
    json_array_foreach(json_object_get(r.json, "events"), i, ev) over_100 +=
        (long)(json_integer_value(json_object_get(ev, "patients")) +
               json_integer_value(json_object_get(ev, "carers")) +
               json_integer_value(json_object_get(ev, "staff")));
    cr_assert_gt(over_100, 100);
    api_response_free(&r);

    r = api_call(srv, "GET", "/api/v1/goals/G-PPD/progress", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "on_track");
    /* 64 + 26 x 23 / 35 in 2026-03 */
    cr_assert_float_eq(json_number_value(json_object_get(r.json, "expected_now")),
                       81.08571428571429, 1e-9);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/goals/G-IPU-LOS/progress", NULL, NULL, &commissioner);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "off_track");
    api_response_free(&r);

    r = api_call(srv, "GET", "/api/v1/projects/P-SPA/readiness", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(strstr(r.body, "no improvement lead"), "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/projects/P-SPA/readiness", NULL, NULL, &provider);
    cr_assert_eq(r.status, 403);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/projects/NOPE/readiness", NULL, NULL, &commissioner);
    cr_assert_eq(r.status, 404, "%s", r.body);
    api_response_free(&r);
}

static int lists_text(const api_response *r, const char *text)
{
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(r->json, "items"), i,
                       it) if (strcmp(json_string_value(json_object_get(it, "text")), text) ==
                               0) return 1;
    return 0;
}

Test(api_experience, a_reflection_is_its_authors_until_shared)
{
    api_session admin;
    cr_assert_eq(api_sign_in(srv, TEST_ADMIN_EMAIL, TEST_PASSWORD, &admin), 200);
    api_response r = api_call(srv, "POST", "/api/v1/learning/reflections",
                              "{\"session\":\"LS-2\",\"text\":\"I arrived with a solution.\","
                              "\"project\":\"P-SPA\"}",
                              NULL, &commissioner);
    cr_assert_eq(r.status, 201, "%s", r.body);
    long long id = json_integer_value(json_object_get(r.json, "id"));
    api_response_free(&r);

    r = api_call(srv, "GET", "/api/v1/learning/reflections", NULL, NULL, &commissioner);
    cr_assert(lists_text(&r, "I arrived with a solution."));
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/learning/reflections", NULL, NULL, &admin);
    cr_assert_not(lists_text(&r, "I arrived with a solution."), "private to its author");
    api_response_free(&r);

    char path[96];
    snprintf(path, sizeof path, "/api/v1/learning/reflections/%lld", id);
    r = api_call(srv, "PUT", path, "{\"shared\":true}", NULL, &admin);
    cr_assert_eq(r.status, 404, "only the author may share it: %s", r.body);
    api_response_free(&r);
    r = api_call(srv, "PUT", path, "{\"shared\":true}", NULL, &commissioner);
    cr_assert_eq(r.status, 200, "%s", r.body);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/learning/reflections?session=LS-2", NULL, NULL, &admin);
    cr_assert(lists_text(&r, "I arrived with a solution."), "shared with the set: %s", r.body);
    api_response_free(&r);

    r = api_call(srv, "POST", "/api/v1/learning/reflections", "{\"text\":\"x\",\"session\":\"NO\"}",
                 NULL, &commissioner);
    cr_assert_eq(r.status, 422);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
                     "session");
    api_response_free(&r);
    r = api_call(srv, "POST", "/api/v1/learning/reflections", "{\"text\":\"x\",\"mood\":1}", NULL,
                 &commissioner);
    cr_assert_eq(r.status, 422);
    api_response_free(&r);
    r = api_call(srv, "GET", "/api/v1/learning/reflections", NULL, NULL, &provider);
    cr_assert_eq(r.status, 403);
    api_response_free(&r);
}
