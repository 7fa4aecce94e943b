/* story_intake: codes numbered within the day, stages as codes, nothing stored from a bad
 * story, and the per-address limit worked at fixed times. */
#include "domain/story_intake.h"
#include "support/test_pg.h"

#include "domain/entity.h"
#include "domain/import.h"
#include "domain/row_json.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static db *d;

static void open_db(void)
{
    err e = {0};
    char *url = test_db_scratch_url();
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    static const char orgs[] = "code,name,kind,parent\nT1,Trust,acute_trust,\n";
    static const char services[] = "code,name,provider,pathway\nSV1,Ward,T1,eol\n";
    cr_assert_eq(
        import_buffer(d, entity_find("organisations"), "o.csv", orgs, strlen(orgs), "t", NULL, &e),
        0, "%s", e.msg);
    cr_assert_eq(import_buffer(d, entity_find("services"), "s.csv", services, strlen(services), "t",
                               NULL, &e),
                 0, "%s", e.msg);
}

static void close_db(void)
{
    db_close(d);
}

TestSuite(story_intake, .init = open_db, .fini = close_db);

static json_t *story(const char *extra)
{
    char text[512];
    snprintf(text, sizeof text,
             "{\"teller\":\"patient\",\"pathway\":\"eol\",\"title\":\"T\",\"text\":\"Words\","
             "\"consent\":\"public\"%s}",
             extra);
    json_error_t je;
    json_t *j = json_loads(text, 0, &je);
    cr_assert_not_null(j, "%s", je.text);
    return j;
}

static json_t *rows(const char *sql, const char *types)
{
    json_t *out = json_array();
    err e = {0};
    cr_assert_eq(row_json_rows(d, sql, types, NULL, 0, out, &e), 0, "%s", e.msg);
    return out;
}

Test(story_intake, codes_count_within_the_day_and_stages_become_codes)
{
    err e = {0};
    char code[STORY_CODE_LEN];
    json_t *s = story(",\"touchpoints\":[{\"stage\":\"  At NIGHT, at home \",\"emotion\":\"alone\","
                      "\"valence\":-2}]");
    cr_assert_eq(story_intake(d, s, "2026-12-02", code, &e), 0, "%s", e.msg);
    cr_assert_str_eq(code, "PUB-20261202-0001");
    cr_assert_eq(story_intake(d, s, "2026-12-02", code, &e), 0, "%s", e.msg);
    cr_assert_str_eq(code, "PUB-20261202-0002");
    cr_assert_eq(story_intake(d, s, "2026-12-03", code, &e), 0, "%s", e.msg);
    cr_assert_str_eq(code, "PUB-20261203-0001");
    json_decref(s);
    json_t *tp = rows("SELECT story_code || ' ' || stage || ' ' || valence AS t FROM touchpoints "
                      "ORDER BY story_code",
                      "s");
    cr_assert_eq(json_array_size(tp), 3);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(tp, 0), "t")),
                     "PUB-20261202-0001 at_night_at_home -2");
    json_decref(tp);
    json_t *st = rows("SELECT moderation || ' ' || told_on || ' ' || COALESCE(organisation_code, "
                      "'-') AS t FROM stories WHERE code = 'PUB-20261203-0001'",
                      "s");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(st, 0), "t")),
                     "pending 2026-12-03 -");
    json_decref(st);
    json_t *audit = rows("SELECT COUNT(*) AS n FROM audit_log WHERE actor = 'public'", "i");
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(audit, 0), "n")), 6);
    json_decref(audit);
}

Test(story_intake, a_bad_touchpoint_stores_nothing)
{
    err e = {0};
    char code[STORY_CODE_LEN];
    json_t *s = story(",\"touchpoints\":[{\"stage\":\"a\",\"emotion\":\"b\",\"valence\":0},"
                      "{\"stage\":\"!!!\",\"emotion\":\"b\",\"valence\":0}]");
    cr_assert_eq(story_intake(d, s, "2026-12-02", code, &e), -1);
    cr_assert_str_eq(e.field, "touchpoints[2].stage");
    cr_assert(strstr(e.msg, "needs a letter or a digit"), "%s", e.msg);
    json_decref(s);
    json_t *n = rows("SELECT COUNT(*) AS n FROM stories", "i");
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(n, 0), "n")), 0);
    json_decref(n);
}

Test(story_intake, five_an_hour_then_wait_for_the_oldest_to_age_out)
{
    err e = {0};
    int64_t retry = -1;
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(story_intake_allow(d, "10.0.0.1", 1000 + i * 100, &retry, &e), 0, "%s", e.msg);
        cr_assert_eq(retry, 0, "attempt %d", i + 1);
    }
    cr_assert_eq(story_intake_allow(d, "10.0.0.1", 1500, &retry, &e), 0);
    cr_assert_eq(retry, 1000 + 3600, "when the first leaves the window");
    cr_assert_eq(story_intake_allow(d, "10.0.0.2", 1500, &retry, &e), 0);
    cr_assert_eq(retry, 0, "another address is not limited");
    cr_assert_eq(story_intake_allow(d, "10.0.0.1", 4600, &retry, &e), 0);
    cr_assert_eq(retry, 0, "the first attempt has aged out");
    cr_assert_eq(story_intake_allow(d, "10.0.0.1", 4601, &retry, &e), 0);
    cr_assert_eq(retry, 1100 + 3600);
}
