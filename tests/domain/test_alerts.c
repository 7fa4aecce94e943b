/* Alerts: an import that plants a shift alerts that series' followers once, and nobody else;
 * unchanged data, a rerun, or a run that goes on raise nothing; a new follow starts from what
 * is there; pledges past due; the digest's message. */
#include "domain/alert.h"
#include "domain/alert_digest.h"
#include "domain/conversation.h"
#include "domain/import.h"
#include "domain/user.h"
#include "support/test_pg.h"

#include "util/strbuf.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static db *d;
static int64_t wait_fan, spare_fan, rnm_fan, both_fan;

static void load(const char *kind, const char *csv)
{
    err e = {0};
    import_stats st;
    cr_assert_eq(import_buffer(d, entity_find(kind), "t.csv", csv, strlen(csv), "test", &st, &e), 0,
                 "%s", e.msg);
}

static int64_t add_user(const char *email)
{
    err e = {0};
    user_account u;
    cr_assert_eq(user_create(d, email, "commissioner", NULL, "a-long-password-1", "test", &u, &e),
                 0, "%s", e.msg);
    return u.id;
}

static void follow(int64_t user, const char *kind, const char *code)
{
    err e = {0};
    int created;
    cr_assert_eq(follow_add(d, user, kind, code, &created, &e), 0, "%s", e.msg);
    cr_assert_eq(created, 1);
}

/* Twenty months in control for both trusts, 2025-01 .. 2026-08: values wobble around 20 with
 * no run, trend or point beyond the limits. */
static const int WOBBLE[20] = {19, 21, 20, 22, 18, 21, 19, 20, 21, 19,
                               22, 18, 20, 21, 19, 21, 18, 22, 20, 19};

static void month(int i, char out[16])
{
    snprintf(out, 16, "%04d-%02d", 2025 + i / 12, i % 12 + 1);
}

/* Observations of indicator for org: the wobble, then `shifted` months at `level`. */
static void observe(const char *indicator, const char *org, int shifted, int level)
{
    strbuf csv = STRBUF_INIT;
    strbuf_adds(&csv, "indicator,organisation,period,numerator,denominator\n");
    char p[16];
    for (int i = 0; i < 20 + shifted; i++) {
        month(i, p);
        strbuf_addf(&csv, "%s,%s,%s,%d,100\n", indicator, org, p, i < 20 ? WOBBLE[i] : level);
    }
    load("observations", strbuf_str(&csv));
    strbuf_free(&csv);
}

static void setup(void)
{
    setenv("UNLOCK_PWHASH_FAST", "1", 1);
    err e = {0};
    char *url = test_db_scratch_url();
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    load("organisations", "code,name,kind,parent\nQNV,Northvale ICB,icb,\n"
                          "RNV,Northvale Hospital,acute_trust,QNV\n"
                          "RNM,Millbrook Hospital,acute_trust,QNV\n");
    load("indicators", "code,name,domain,type,polarity\n"
                       "WAIT,Waits over 18 weeks,effectiveness,proportion,low_is_good\n"
                       "SPARE,Spare beds,productivity,proportion,high_is_good\n");
    observe("WAIT", "RNV", 0, 0);
    observe("WAIT", "RNM", 0, 0);
    observe("SPARE", "RNV", 0, 0);
    wait_fan = add_user("wait@test.nhs.uk");
    spare_fan = add_user("spare@test.nhs.uk");
    rnm_fan = add_user("rnm@test.nhs.uk");
    both_fan = add_user("both@test.nhs.uk");
    follow(wait_fan, "indicator", "WAIT");
    follow(spare_fan, "indicator", "SPARE");
    follow(rnm_fan, "organisation", "RNM");
    follow(both_fan, "indicator", "WAIT");
    follow(both_fan, "organisation", "RNV");
}

static void teardown(void)
{
    db_close(d);
}

TestSuite(alerts, .init = setup, .fini = teardown, .timeout = 120);

static int64_t count(const char *sql)
{
    int64_t n = -1;
    err e = {0};
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s", e.msg);
    return n;
}

static json_t *alerts_of(int64_t user)
{
    json_t *out;
    err e = {0};
    cr_assert_eq(alert_list_json(d, user, NULL, &out, &e), 0, "%s", e.msg);
    return out;
}

static size_t alert_count(int64_t user)
{
    json_t *out = alerts_of(user);
    size_t n = json_array_size(json_object_get(out, "items"));
    json_decref(out);
    return n;
}

Test(alerts, history_is_not_news)
{
    /* The follows were made after the data: what the charts show now is the starting point. */
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts"), 0);
    cr_assert_eq(count("SELECT COUNT(*) FROM alert_states WHERE kind = 'special_cause'"), 3);
    cr_assert_eq(count("SELECT COUNT(*) FROM alert_states WHERE state <> 'common_cause'"
                       " AND kind = 'special_cause'"),
                 0, "the wobble must be in control for these tests to mean anything");
}

Test(alerts, a_planted_shift_alerts_its_followers_once_and_nobody_else)
{
    /* By hand: the 28 points sum to 400 + 8 x 30 = 640, mean 22.857; the 27 moving ranges sum to
     * 53 (the wobble's 42, the jump of 11, seven 0s), 1.963; the screen (3.267 x 1.963 = 6.41)
     * drops the 11, leaving 42 / 26 = 1.615; upper limit 22.857 + 2.66 x 1.615 = 27.15. Point 28
     * is 2027-04. */
    observe("WAIT", "RNV", 8, 30);
    json_t *out = alerts_of(wait_fan);
    json_t *items = json_object_get(out, "items");
    cr_assert_eq(json_array_size(items), 1, "%s", json_dumps(out, 0));
    json_t *a = json_array_get(items, 0);
    cr_assert_str_eq(json_string_value(json_object_get(a, "kind")), "special_cause");
    cr_assert_str_eq(json_string_value(json_object_get(a, "subject")), "WAIT/RNV");
    cr_assert_str_eq(json_string_value(json_object_get(a, "reason")),
                     "Waits over 18 weeks for Northvale Hospital (RNV) in 2027-04 is a special "
                     "cause of concern: its value 30 is above the upper process limit of 27.15.");
    cr_assert_str_eq(json_string_value(json_object_get(a, "link")),
                     "/indicator.html?code=WAIT&org=RNV");
    cr_assert(json_is_null(json_object_get(a, "read_at")));
    cr_assert_eq(json_integer_value(json_object_get(out, "unread")), 1);
    json_decref(out);
    /* Following the indicator and the organisation too still hears it once. */
    cr_assert_eq(alert_count(both_fan), 1);
    cr_assert_eq(alert_count(spare_fan), 0);
    cr_assert_eq(alert_count(rnm_fan), 0);
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts WHERE kind = 'special_cause'"), 2);
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts"), 2);
}

Test(alerts, unchanged_data_and_reruns_raise_nothing)
{
    observe("WAIT", "RNV", 8, 30);
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts"), 2);
    observe("WAIT", "RNV", 8, 30); /* the same file again: nothing changed */
    err e = {0};
    alert_detect_stats st;
    cr_assert_eq(alerts_detect(d, NULL, &st, &e), 0, "%s", e.msg);
    cr_assert_eq(st.series, 3);
    cr_assert_eq(st.changes, 0);
    cr_assert_eq(st.raised, 0);
    /* A new month in control for the other trust is news to no one. */
    load("observations", "indicator,organisation,period,numerator,denominator\n"
                         "WAIT,RNM,2026-09,20,100\n");
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts"), 2);
}

Test(alerts, an_import_with_no_change_raises_none)
{
    observe("WAIT", "RNV", 0, 0);
    observe("WAIT", "RNM", 0, 0);
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts"), 0);
}

Test(alerts, a_run_that_goes_on_is_not_news_again)
{
    observe("WAIT", "RNV", 8, 30);
    observe("WAIT", "RNV", 9, 30);
    cr_assert_eq(alert_count(wait_fan), 1);
}

Test(alerts, a_new_follow_starts_from_now)
{
    observe("WAIT", "RNV", 8, 30);
    int64_t late = add_user("late@test.nhs.uk");
    follow(late, "indicator", "WAIT");
    observe("WAIT", "RNV", 9, 30);
    cr_assert_eq(alert_count(late), 0);
    cr_assert_eq(alert_count(wait_fan), 1);
}

Test(alerts, marking_read_is_the_owners_alone)
{
    observe("WAIT", "RNV", 8, 30);
    int64_t id = count("SELECT MIN(id) FROM alerts");
    int64_t owner = count("SELECT user_id FROM alerts WHERE id = (SELECT MIN(id) FROM alerts)");
    int found;
    err e = {0};
    cr_assert_eq(alert_mark_read(d, spare_fan, id, &found, &e), 0, "%s", e.msg);
    cr_assert_eq(found, 0);
    cr_assert_eq(alert_mark_read(d, owner, id, &found, &e), 0, "%s", e.msg);
    cr_assert_eq(found, 1);
    json_t *out = alerts_of(owner);
    cr_assert_eq(json_integer_value(json_object_get(out, "unread")), 0);
    json_decref(out);
}

Test(alerts, a_pledge_past_due_alerts_the_organisations_followers)
{
    load("programmes", "code,name,status\nEOL,End of life care,active\n");
    load("pledges", "code,programme,organisation,pledge,made_on,due,status\n"
                    "PL-1,EOL,RNM,Named nurse for every patient,2026-01-10,2026-06-30,made\n"
                    "PL-2,EOL,RNM,Open visiting,2026-01-10,2027-06-30,made\n");
    err e = {0};
    alert_detect_stats st;
    cr_assert_eq(alerts_detect(d, "2026-07-01", &st, &e), 0, "%s", e.msg);
    json_t *out = alerts_of(rnm_fan);
    json_t *items = json_object_get(out, "items");
    cr_assert_eq(json_array_size(items), 1, "%s", json_dumps(out, 0));
    json_t *a = json_array_get(items, 0);
    cr_assert_str_eq(json_string_value(json_object_get(a, "reason")),
                     "Pledge PL-1 by Millbrook Hospital (RNM), \"Named nurse for every patient\", "
                     "was due on 2026-06-30 and is still only made.");
    cr_assert_str_eq(json_string_value(json_object_get(a, "link")), "/programme.html?code=EOL");
    json_decref(out);
    cr_assert_eq(alert_count(wait_fan), 0);
    cr_assert_eq(alerts_detect(d, "2026-07-02", &st, &e), 0, "%s", e.msg);
    cr_assert_eq(st.raised, 0, "still overdue is not news");
}

Test(alerts, the_digest_holds_each_sentence_and_link)
{
    observe("WAIT", "RNV", 8, 30);
    json_t *out = alerts_of(wait_fan);
    strbuf msg = STRBUF_INIT;
    digest_options o = {.day = "2026-12-03", .from = "unlock@test", .base_url = "http://u.test"};
    alert_digest_message(&o, "wait@test.nhs.uk", "Thu, 03 Dec 2026 07:00:00 +0000",
                         json_object_get(out, "items"), &msg);
    const char *m = strbuf_str(&msg);
    cr_assert(strstr(m, "To: <wait@test.nhs.uk>\r\n"), "%s", m);
    cr_assert(strstr(m, "Subject: unlock: 1 alert on 2026-12-03\r\n"), "%s", m);
    cr_assert(strstr(m, "\r\n\r\n"), "headers end with an empty line");
    cr_assert(strstr(m, "1. Waits over 18 weeks for Northvale Hospital (RNV) in 2027-04 is a "
                        "special cause of concern"),
              "%s", m);
    cr_assert(strstr(m, "   http://u.test/indicator.html?code=WAIT&org=RNV\r\n"), "%s", m);
    strbuf_free(&msg);
    json_decref(out);
}

Test(alerts, follows_are_checked)
{
    err e = {0};
    int created;
    cr_assert_eq(follow_add(d, wait_fan, "practice", "RNV", &created, &e), -1);
    cr_assert_str_eq(e.field, "kind");
    err_clear(&e);
    cr_assert_eq(follow_add(d, wait_fan, "indicator", "NOPE", &created, &e), -1);
    cr_assert(e.not_found, "%s", e.msg);
    err_clear(&e);
    cr_assert_eq(follow_add(d, wait_fan, "indicator", "WAIT", &created, &e), 0, "%s", e.msg);
    cr_assert_eq(created, 0, "a second follow of the same is no error, and no second row");
    cr_assert_eq(count("SELECT COUNT(*) FROM follows"), 5);
}

Test(alerts, a_goal_whose_assurance_changes_alerts_the_indicators_followers)
{
    /* Target 17 by the end of 2027, from 20: within the limits of the wobble (sometimes met) */
    load("goals", "code,name,indicator,organisation,baseline,baseline_period,target,target_period\n"
                  "G-WAIT,Shorter waits,WAIT,RNV,20,2025-01,17,2027-12\n");
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts"), 0, "the first look is where it starts");
    cr_assert_eq(count("SELECT COUNT(*) FROM alert_states WHERE kind = 'assurance'"
                       " AND state = 'inconsistent'"),
                 1);
    /* ... and after a shift up to 30 the lower limit is above it: never met as things are. */
    observe("WAIT", "RNV", 8, 30);
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts WHERE kind = 'assurance'"), 2);
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts WHERE kind = 'assurance' AND user_id = "
                       "(SELECT id FROM users WHERE email = 'spare@test.nhs.uk')"),
                 0);
    json_t *out = alerts_of(wait_fan);
    json_t *items = json_object_get(out, "items");
    cr_assert_eq(json_array_size(items), 2, "%s", json_dumps(out, 0));
    const char *reason = NULL;
    for (size_t i = 0; i < 2; i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(items, i), "kind")),
                   "assurance") == 0)
            reason = json_string_value(json_object_get(json_array_get(items, i), "reason"));
    cr_assert_str_eq(reason,
                     "The target of the goal \"Shorter waits\" (G-WAIT), 17 for WAIT at RNV "
                     "by 2027-12, will not be met without a change to the process: the "
                     "limits lie on the wrong side of it.");
    json_decref(out);
}

Test(alerts, an_action_past_due_alerts_only_those_who_may_see_its_conversation)
{
    err e = {0};
    user_account p;
    cr_assert_eq(
        user_create(d, "prov@test.nhs.uk", "provider", "RNM", "a-long-password-1", "test", &p, &e),
        0, "%s", e.msg);
    follow(p.id, "organisation", "RNM");
    json_t *c = json_loads("{\"held_on\":\"2026-05-01\",\"title\":\"Waiting lists\","
                           "\"organisations\":[\"RNM\"],\"visibility\":\"commissioners\","
                           "\"actions\":[{\"description\":\"Validate the list\","
                           "\"due\":\"2026-06-30\"}]}",
                           0, NULL);
    int64_t id;
    cr_assert_eq(conversation_create(d, c, "test", &id, &e), 0, "%s", e.msg);
    json_decref(c);
    alert_detect_stats st;
    cr_assert_eq(alerts_detect(d, "2026-06-30", &st, &e), 0, "%s", e.msg);
    cr_assert_eq(st.raised, 0, "due today is not past due");
    cr_assert_eq(alerts_detect(d, "2026-07-01", &st, &e), 0, "%s", e.msg);
    cr_assert_eq(st.raised, 1);
    json_t *out = alerts_of(rnm_fan);
    json_t *a = json_array_get(json_object_get(out, "items"), 0);
    char want[256];
    snprintf(want, sizeof want,
             "Action 1 of the conversation \"Waiting lists\", \"Validate the list\", was due on "
             "2026-06-30 and is still open.");
    cr_assert_str_eq(json_string_value(json_object_get(a, "reason")), want);
    snprintf(want, sizeof want, "/conversations.html?id=%lld", (long long)id);
    cr_assert_str_eq(json_string_value(json_object_get(a, "link")), want);
    json_decref(out);
    cr_assert_eq(alert_count(p.id), 0, "a provider cannot see a commissioners' conversation");
}

Test(alerts, a_new_funnel_outlier_alerts_the_indicators_followers)
{
    /* Ten trusts at 20% of 10,000 for a year; then one of them at 30%: beyond the 99.8% limits
     * around the average (21%), while the others stay within them. */
    strbuf orgs = STRBUF_INIT, obs = STRBUF_INIT;
    strbuf_adds(&orgs, "code,name,kind\n");
    strbuf_adds(&obs, "indicator,organisation,period,numerator,denominator\n");
    for (int t = 0; t < 10; t++) {
        strbuf_addf(&orgs, "T%d,Trust %d,acute_trust\n", t, t);
        for (int m = 1; m <= 12; m++)
            strbuf_addf(&obs, "FUN,T%d,2025-%02d,2000,10000\n", t, m);
    }
    load("organisations", strbuf_str(&orgs));
    load("indicators", "code,name,domain,type,polarity\n"
                       "FUN,Readmissions,effectiveness,proportion,low_is_good\n");
    load("observations", strbuf_str(&obs));
    strbuf_free(&orgs);
    strbuf_free(&obs);
    follow(spare_fan, "indicator", "FUN");
    strbuf next = STRBUF_INIT;
    strbuf_adds(&next, "indicator,organisation,period,numerator,denominator\n");
    for (int t = 0; t < 10; t++)
        strbuf_addf(&next, "FUN,T%d,2026-01,%d,10000\n", t, t == 3 ? 3000 : 2000);
    load("observations", strbuf_str(&next));
    strbuf_free(&next);
    cr_assert_eq(count("SELECT COUNT(*) FROM alerts WHERE kind = 'funnel_outlier'"), 1);
    json_t *out = alerts_of(spare_fan);
    json_t *items = json_object_get(out, "items"), *funnel = NULL;
    size_t i;
    json_t *a;
    json_array_foreach(items, i, a) if (strcmp(json_string_value(json_object_get(a, "kind")),
                                               "funnel_outlier") == 0) funnel = a;
    cr_assert(funnel, "%s", json_dumps(out, 0));
    cr_assert_str_eq(
        json_string_value(json_object_get(funnel, "reason")),
        "Trust 3 (T3) is above the 99.8% funnel limits for Readmissions in 2026-01: 30 "
        "against an average of 21.");
    cr_assert_str_eq(json_string_value(json_object_get(funnel, "link")),
                     "/indicator.html?code=FUN&org=T3&period=2026-01");
    json_decref(out);
    cr_assert_eq(alert_count(wait_fan), 0);
}
