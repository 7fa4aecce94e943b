/* Contract reviews: the record, who sees it, optimistic concurrency, and the review view's
 * numbers on a small system worked by hand. */
#include "domain/review.h"
#include "domain/review_csv.h"
#include "support/test_pg.h"

#include "domain/entity.h"
#include "domain/import.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static db *d;
static const conversation_viewer ALL = {.all = 1};
static const conversation_viewer T1_USER = {.org = "T1"};
static const conversation_viewer T2_USER = {.org = "T2"};

static void load(const char *kind, const char *csv)
{
    err e = {0};
    cr_assert_eq(import_buffer(d, entity_find(kind), "t.csv", csv, strlen(csv), "test", NULL, &e),
                 0, "%s: %s", kind, e.msg);
}

/* An ICB buying from three acute trusts. The safety indicator SAFE (a proportion, low is good)
 * is observed for T1 over ten months, 20% for nine and then 30%; in the last month T2 had 10%
 * and T3 20%, each of 100. PROD (productivity) and SPEND (finance) are observed twice for T1;
 * EXP (experience) once only, too few to chart. */
static void open_db(void)
{
    setenv("UNLOCK_NOW", "2026-12-03T10:00:00Z", 1);
    err e = {0};
    char *url = test_db_scratch_url();
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    load("organisations", "code,name,kind,parent\nQ1,The ICB,icb,\nT1,Trust One,acute_trust,\n"
                          "T2,Trust Two,acute_trust,\nT3,Trust Three,acute_trust,\n");
    load("people", "key,name,role,specialty,organisation\n"
                   "mgr,Ms Manning,manager,Contracting,Q1\n"
                   "doc,Dr Dunn,clinician,Geriatric medicine,T1\n"
                   "nurse,Nurse Ng,clinician,Tissue viability,T1\n"
                   "ops,Mr Opie,manager,Operations,T2\n");
    load("services", "code,name,provider,pathway,annual_gbp\n"
                     "FR1,Frailty ward,T1,frailty,3000000\n"
                     "ED1,Emergency department,T1,urgent_care,9000000\n"
                     "OP2,Outpatients,T2,msk,500000\n");
    load("contracts", "code,commissioner,provider,annual_value_gbp,start,end\n"
                      "C1,Q1,T1,50000000,2025-04-01,2028-03-31\n"
                      "C2,Q1,T2,20000000,2025-04-01,2028-03-31\n");
    load("indicators", "code,name,domain,type,multiplier,polarity\n"
                       "SAFE,Pressure ulcers,safety,proportion,100,low_is_good\n"
                       "EXP,Would recommend,experience,proportion,100,high_is_good\n"
                       "PROD,Length of stay,productivity,mean,1,low_is_good\n"
                       "SPEND,Spend,finance,count,1,neutral\n");
    char csv[4096] = "indicator,organisation,period,numerator,denominator,value\n";
    for (int m = 0; m < 10; m++) {
        int y = m < 7 ? 2025 : 2026, mo = m < 7 ? m + 6 : m - 6;
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "SAFE,T1,%04d-%02d,%d,100,\n", y, mo,
                 m == 9 ? 30 : 20);
    }
    strcat(csv, "SAFE,T2,2026-03,10,100,\nSAFE,T3,2026-03,20,100,\n"
                "EXP,T1,2026-03,80,100,\n"
                "PROD,T1,2026-02,,,5\nPROD,T1,2026-03,,,6\n"
                "SPEND,T1,2026-02,,,100\nSPEND,T1,2026-03,,,120\n");
    load("observations", csv);
}

static void close_db(void)
{
    db_close(d);
    unsetenv("UNLOCK_NOW");
}

TestSuite(reviews, .init = open_db, .fini = close_db);

static json_t *parse(const char *json)
{
    json_error_t je;
    json_t *obj = json_loads(json, 0, &je);
    cr_assert_not_null(obj, "%s", je.text);
    return obj;
}

static int64_t add(const char *json)
{
    json_t *obj = parse(json);
    err e = {0};
    int64_t id = 0;
    cr_assert_eq(review_create(d, obj, "test", &id, &e), 0, "%s", e.msg);
    json_decref(obj);
    return id;
}

/* The error a review is refused with (its message and field). */
static err refused(const char *json)
{
    json_t *obj = parse(json);
    err e = {0};
    cr_assert_neq(review_create(d, obj, "test", NULL, &e), 0, "accepted: %s", json);
    json_decref(obj);
    return e;
}

static const char *s(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static double num(json_t *obj, const char *key)
{
    return json_number_value(json_object_get(obj, key));
}

#define C1_REVIEW                                                                                  \
    "{\"contract\":\"C1\",\"held_on\":\"2026-11-20\","                                             \
    "\"attendees\":[{\"person\":\"mgr\"},{\"person\":\"doc\"},{\"person\":\"nurse\"}],"            \
    "\"findings\":[{\"domain\":\"experience\",\"finding\":\"Stable\"},"                            \
    "{\"domain\":\"safety\",\"finding\":\"Pressure ulcers up\",\"assurance\":\"not_assured\"}],"   \
    "\"actions\":[{\"description\":\"Audit\",\"owner\":\"nurse\",\"due\":\"2026-11-30\"},"         \
    "{\"description\":\"Report back\",\"owner\":\"doc\",\"due\":\"2027-01-31\"},"                  \
    "{\"description\":\"Old\",\"due\":\"2026-01-01\",\"status\":\"done\"}],"                       \
    "\"summary\":\"Quarterly\",\"next_review\":\"2027-02-19\"}"

Test(reviews, stored_and_read_back_with_names_domains_in_order_and_overdue_actions)
{
    int64_t id = add(C1_REVIEW);
    json_t *r;
    err e = {0};
    cr_assert_eq(review_get(d, id, &ALL, &r, &e), 0, "%s", e.msg);
    cr_assert_str_eq(s(r, "contract"), "C1");
    cr_assert_str_eq(s(r, "provider"), "T1");
    cr_assert_str_eq(s(r, "provider_name"), "Trust One");
    cr_assert_eq(json_integer_value(json_object_get(r, "version")), 1);
    json_t *att = json_object_get(r, "attendees");
    cr_assert_eq(json_array_size(att), 3);
    /* by name: Dr Dunn, Ms Manning, Nurse Ng */
    cr_assert_str_eq(s(json_array_get(att, 0), "name"), "Dr Dunn");
    cr_assert_str_eq(s(json_array_get(att, 0), "specialty"), "Geriatric medicine");
    cr_assert(json_is_true(json_object_get(json_array_get(att, 0), "clinician")));
    cr_assert(json_is_false(json_object_get(json_array_get(att, 1), "clinician")));
    json_t *f = json_object_get(r, "findings");
    cr_assert_str_eq(s(json_array_get(f, 0), "domain"), "safety");
    cr_assert_str_eq(s(json_array_get(f, 0), "assurance"), "not_assured");
    cr_assert_str_eq(s(json_array_get(f, 1), "domain"), "experience");
    cr_assert(json_is_null(json_object_get(json_array_get(f, 1), "assurance")));
    json_t *a = json_object_get(r, "actions");
    cr_assert_eq(json_array_size(a), 3);
    cr_assert_str_eq(s(json_array_get(a, 0), "owner_name"), "Nurse Ng");
    cr_assert_str_eq(s(json_array_get(a, 0), "status"), "open");
    cr_assert(json_is_true(json_object_get(json_array_get(a, 0), "overdue")), "due 30 Nov");
    cr_assert(json_is_false(json_object_get(json_array_get(a, 1), "overdue")));
    cr_assert(json_is_false(json_object_get(json_array_get(a, 2), "overdue")), "done");
    cr_assert_str_eq(s(r, "next_review"), "2027-02-19");
    json_decref(r);

    json_t *list;
    cr_assert_eq(review_list(d, NULL, NULL, &ALL, &list, &e), 0, "%s", e.msg);
    json_t *it = json_array_get(json_object_get(list, "items"), 0);
    cr_assert_eq(json_integer_value(json_object_get(it, "attendees")), 3);
    cr_assert_eq(json_integer_value(json_object_get(it, "clinicians")), 2);
    cr_assert_eq(json_integer_value(json_object_get(it, "findings")), 2);
    cr_assert_eq(json_integer_value(json_object_get(it, "open_actions")), 2);
    cr_assert_eq(json_integer_value(json_object_get(it, "overdue_actions")), 1);
    json_decref(list);
}

Test(reviews, every_write_is_audited)
{
    int64_t id = add(C1_REVIEW);
    json_t *obj = parse(C1_REVIEW);
    json_object_set_new(obj, "version", json_integer(1));
    json_object_set_new(obj, "summary", json_string("Changed"));
    err e = {0};
    cr_assert_eq(review_update(d, id, obj, "editor", &e), 0, "%s", e.msg);
    json_decref(obj);
    int64_t n = 0;
    cr_assert_eq(db_query_int64(d,
                                "SELECT COUNT(*) FROM audit_log WHERE entity = 'contract_review'"
                                " AND ((action = 'create' AND actor = 'test') OR"
                                " (action = 'update' AND actor = 'editor'"
                                " AND change LIKE '%Changed%'))",
                                &n, &e),
                 0, "%s", e.msg);
    cr_assert_eq(n, 2);
}

Test(reviews, a_stale_version_is_a_conflict_and_changes_nothing)
{
    int64_t id = add(C1_REVIEW);
    json_t *obj = parse(C1_REVIEW);
    json_object_set_new(obj, "version", json_integer(1));
    err e = {0};
    cr_assert_eq(review_update(d, id, obj, "first", &e), 0, "%s", e.msg);
    json_object_set_new(obj, "summary", json_string("Second writer"));
    err stale = {0};
    cr_assert_neq(review_update(d, id, obj, "second", &stale), 0);
    cr_assert(stale.conflict, "%s", stale.msg);
    cr_assert(strstr(stale.msg, "you sent version 1, it is at version 2"), "%s", stale.msg);
    json_object_del(obj, "version");
    err none = {0};
    cr_assert_neq(review_update(d, id, obj, "third", &none), 0);
    cr_assert(none.precondition, "%s", none.msg);
    json_decref(obj);
    json_t *r;
    cr_assert_eq(review_get(d, id, &ALL, &r, &e), 0, "%s", e.msg);
    cr_assert_str_eq(s(r, "summary"), "Quarterly");
    cr_assert_eq(json_integer_value(json_object_get(r, "version")), 2);
    json_decref(r);
}

Test(reviews, a_provider_sees_only_its_own_organisations_reviews)
{
    int64_t mine = add(C1_REVIEW);
    int64_t theirs = add("{\"contract\":\"C2\",\"held_on\":\"2026-10-01\","
                         "\"attendees\":[{\"person\":\"ops\"}]}");
    json_t *r = NULL, *list;
    err e = {0};
    cr_assert_eq(review_get(d, mine, &T1_USER, &r, &e), 0, "%s", e.msg);
    json_decref(r);
    err hidden = {0};
    cr_assert_neq(review_get(d, theirs, &T1_USER, &r, &hidden), 0);
    cr_assert(hidden.not_found, "%s", hidden.msg);
    cr_assert_eq(review_list(d, NULL, NULL, &T2_USER, &list, &e), 0, "%s", e.msg);
    json_t *items = json_object_get(list, "items");
    cr_assert_eq(json_array_size(items), 1);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(items, 0), "id")), theirs);
    json_decref(list);
    const conversation_viewer nobody = {0};
    cr_assert_eq(review_list(d, NULL, NULL, &nobody, &list, &e), 0, "%s", e.msg);
    cr_assert_eq(json_array_size(json_object_get(list, "items")), 0);
    json_decref(list);
    err view_hidden = {0};
    cr_assert_neq(review_view(d, "C1", &T2_USER, &r, &view_hidden), 0);
    cr_assert(view_hidden.not_found, "%s", view_hidden.msg);
}

Test(reviews, bad_input_names_the_field)
{
    err e = refused("{\"contract\":\"C9\",\"held_on\":\"2026-11-20\"}");
    cr_assert_str_eq(e.field, "contract");
    cr_assert(strstr(e.msg, "no contract with code 'C9'"), "%s", e.msg);
    e = refused("{\"contract\":\"C1\",\"held_on\":\"2026-11-20\",\"next_review\":\"2026-11-01\"}");
    cr_assert_str_eq(e.field, "next_review");
    e = refused("{\"contract\":\"C1\",\"held_on\":\"2026-02-30\"}");
    cr_assert_str_eq(e.field, "held_on");
    e = refused("{\"contract\":\"C1\",\"held_on\":\"2026-11-20\","
                "\"attendees\":[{\"person\":\"mgr\"},{\"person\":\"ghost\"}]}");
    cr_assert_str_eq(e.field, "attendees[1].person");
    e = refused(
        "{\"contract\":\"C1\",\"held_on\":\"2026-11-20\",\"findings\":["
        "{\"domain\":\"safety\",\"finding\":\"a\"},{\"domain\":\"safety\",\"finding\":\"b\"}]}");
    cr_assert_str_eq(e.field, "findings[1].domain");
    e = refused("{\"contract\":\"C1\",\"held_on\":\"2026-11-20\",\"findings\":["
                "{\"domain\":\"finance\",\"finding\":\"a\"}]}");
    cr_assert_str_eq(e.field, "findings[0].domain");
    e = refused("{\"contract\":\"C1\",\"held_on\":\"2026-11-20\",\"findings\":["
                "{\"domain\":\"safety\",\"finding\":\"a\",\"assurance\":\"maybe\"}]}");
    cr_assert_str_eq(e.field, "findings[0].assurance");
    e = refused("{\"contract\":\"C1\",\"held_on\":\"2026-11-20\",\"actions\":["
                "{\"description\":\"x\",\"due\":\"soon\"}]}");
    cr_assert_str_eq(e.field, "actions[0].due");
    e = refused("{\"contract\":\"C1\",\"held_on\":\"2026-11-20\",\"colour\":\"red\"}");
    cr_assert_str_eq(e.field, "colour");
    int64_t n = -1;
    cr_assert_eq(db_query_int64(d, "SELECT COUNT(*) FROM contract_reviews", &n, &e), 0);
    cr_assert_eq(n, 0, "nothing refused is stored");
}

Test(reviews, csv_rows_become_the_same_review_and_errors_name_the_line)
{
    static const char csv[] = "part,key,text,assurance,owner,due,status\n"
                              "contract,C1,,,,,\n"
                              "held_on,2026-11-20,,,,,\n"
                              "attendee,doc,,,,,\n"
                              "finding,safety,\"Up, on two wards\",partly_assured,,,\n"
                              "action,,Audit,,nurse,2027-01-31,\n"
                              "attendee,ghost,,,,,\n";
    json_t *obj, *lines;
    err e = {0};
    cr_assert_eq(review_from_csv("r.csv", csv, strlen(csv), &obj, &lines, &e), 0, "%s", e.msg);
    cr_assert_str_eq(s(json_array_get(json_object_get(obj, "findings"), 0), "finding"),
                     "Up, on two wards");
    cr_assert_str_eq(s(json_array_get(json_object_get(obj, "actions"), 0), "owner"), "nurse");
    err bad = {0};
    cr_assert_neq(review_create(d, obj, "test", NULL, &bad), 0);
    cr_assert_str_eq(bad.field, "attendees[1].person");
    cr_assert_eq(review_csv_line(lines, bad.field), 7);
    json_decref(obj);
    json_decref(lines);
    static const char wrong[] = "part,key,text,assurance,owner,due,status\nmeeting,x\n";
    cr_assert_neq(review_from_csv("r.csv", wrong, strlen(wrong), &obj, &lines, &e), 0);
    cr_assert(strstr(e.msg, "r.csv") && strstr(e.msg, "2: column 'part'"), "%s", e.msg);
}

static json_t *domain_of(json_t *view, const char *name)
{
    size_t i;
    json_t *dom;
    json_array_foreach(json_object_get(view, "domains"), i, dom)
    {
        if (strcmp(s(dom, "domain"), name) == 0)
            return dom;
    }
    return NULL;
}

/* The numbers worked by hand for SAFE in 2026-03: the average is 60 of 300 = 20%. At a
 * denominator of 100 the funnel limits are 20 +/- z sqrt(0.2 x 0.8 / 100) x 100 = 20 +/- 4z:
 * 95% (z 1.959964) 12.160 to 27.840, 99.8% (z 3.090232) 7.639 to 32.361, so T1's 30% is
 * above the 95% limit and within the 99.8% one. Its Wilson 95% interval for 30 of 100 is
 * 21.90 to 39.59, all above the benchmark of 20: worse (low is good). Its XmR chart: nine
 * months at 20 then 30, mean 21, mean moving range 10/9, upper limit 21 + 2.66 x 10/9 =
 * 23.96; the last point is above it: a special cause of concern, high. */
Test(reviews, the_view_matches_hand_worked_numbers)
{
    add(C1_REVIEW);
    json_t *v;
    err e = {0};
    cr_assert_eq(review_view(d, "C1", &ALL, &v, &e), 0, "%s", e.msg);
    json_t *k = json_object_get(v, "contract");
    cr_assert_str_eq(s(k, "provider_name"), "Trust One");
    cr_assert_eq(num(k, "annual_value_gbp"), 50000000);
    json_t *money = json_object_get(v, "money");
    cr_assert_eq(num(money, "services_gbp"), 12000000, "FR1 + ED1; not T2's OP2");
    cr_assert_eq(json_array_size(json_object_get(v, "services")), 2);

    /* The quality domains always; productivity because T1 has PROD; no innovation. */
    json_t *doms = json_object_get(v, "domains");
    cr_assert_eq(json_array_size(doms), 4);
    cr_assert_str_eq(s(json_array_get(doms, 0), "domain"), "safety");
    cr_assert_str_eq(s(json_array_get(doms, 1), "domain"), "effectiveness");
    cr_assert_str_eq(s(json_array_get(doms, 2), "domain"), "experience");
    cr_assert_str_eq(s(json_array_get(doms, 3), "domain"), "productivity");
    cr_assert_eq(json_array_size(json_object_get(domain_of(v, "experience"), "indicators")), 0,
                 "one EXP month is not a chart");

    json_t *safe = json_array_get(json_object_get(domain_of(v, "safety"), "indicators"), 0);
    cr_assert_str_eq(s(safe, "indicator"), "SAFE");
    cr_assert_str_eq(s(safe, "subject"), "T1");
    cr_assert_str_eq(s(safe, "last_period"), "2026-03");
    cr_assert_float_eq(num(safe, "last_value"), 30, 1e-9);
    cr_assert_str_eq(s(safe, "variation"), "concern_high");
    json_t *f = json_object_get(safe, "funnel");
    cr_assert(json_is_object(f));
    cr_assert_float_eq(num(f, "average"), 20, 1e-9);
    cr_assert_float_eq(num(f, "limit95_low"), 12.160, 1e-3);
    cr_assert_float_eq(num(f, "limit95_high"), 27.840, 1e-3);
    cr_assert_float_eq(num(f, "limit998_high"), 32.361, 1e-3);
    cr_assert_str_eq(s(f, "significance"), "high_0.025");
    cr_assert_eq(json_integer_value(json_object_get(f, "peers")), 3);
    json_t *c = json_object_get(safe, "compare");
    cr_assert(json_is_object(c));
    cr_assert_float_eq(num(c, "benchmark"), 20, 1e-9);
    cr_assert_float_eq(num(c, "ci95_low"), 21.90, 0.01);
    cr_assert_float_eq(num(c, "ci95_high"), 39.59, 0.01);
    cr_assert_str_eq(s(c, "three"), "worse");
    cr_assert_eq(json_integer_value(json_object_get(c, "quartile")), 0, "3 areas: no quartiles");

    /* Money and activity beside quality: SPEND is there, not in a domain. */
    json_t *act = json_object_get(v, "activity");
    cr_assert_eq(json_array_size(act), 1);
    cr_assert_str_eq(s(json_array_get(act, 0), "indicator"), "SPEND");
    cr_assert_float_eq(num(json_array_get(act, 0), "last_value"), 120, 1e-9);

    json_t *latest = json_object_get(v, "latest_review");
    cr_assert_str_eq(s(latest, "held_on"), "2026-11-20");
    json_decref(v);

    err missing = {0};
    cr_assert_neq(review_view(d, "C9", &ALL, &v, &missing), 0);
    cr_assert(missing.not_found);
}
