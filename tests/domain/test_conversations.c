/* conversation and relationships: the log, who sees it, search, and the relationship views,
 * on a small system worked by hand. */
#include "domain/conversation.h"
#include "support/test_pg.h"
#include "domain/relationships.h"

#include "domain/entity.h"
#include "domain/import.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static db *d;
static const conversation_viewer ALL = {.all = 1};

static void load(const char *kind, const char *csv)
{
    err e = {0};
    cr_assert_eq(import_buffer(d, entity_find(kind), "t.csv", csv, strlen(csv), "test", NULL, &e),
                 0, "%s: %s", kind, e.msg);
}

/* An ICB buying from two trusts (T1 £5m a year, T2 £2m) and a hospice with no contract. */
static void open_db(void)
{
    err e = {0};
    char *url = test_db_scratch_url();
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    load("organisations", "code,name,kind,parent\nQ1,The ICB,icb,\nT1,Trust One,acute_trust,\n"
                          "T2,Trust Two,community_trust,\nH1,The Hospice,hospice,\n"
                          "G1,A Practice,practice,Q1\n");
    load("people", "key,name,role,specialty,organisation\n"
                   "gp,Dr Green,gp_commissioner,General practice,G1\n"
                   "mgr,Ms Manning,manager,Commissioning,Q1\n"
                   "doc,Dr Dunn,clinician,Palliative medicine,H1\n"
                   "nurse,Nurse Ng,clinician,District nursing,T2\n"
                   "ops,Mr Opie,manager,Operations,T1\n");
    load("services", "code,name,provider,pathway,annual_gbp\n"
                     "EOL1,Hospice at home,H1,end_of_life,900000\n"
                     "EOL2,Community palliative care,T2,end_of_life,800000\n"
                     "FR1,Frailty ward,T1,frailty,3000000\n");
    load("contracts", "code,commissioner,provider,annual_value_gbp,start,end\n"
                      "C1,Q1,T1,5000000,2025-04-01,2028-03-31\n"
                      "C2,Q1,T2,2000000,2025-04-01,2028-03-31\n");
}

static void close_db(void)
{
    db_close(d);
}

TestSuite(conversations, .init = open_db, .fini = close_db);

static int64_t add(const char *json)
{
    json_error_t je;
    json_t *obj = json_loads(json, 0, &je);
    cr_assert_not_null(obj, "%s", je.text);
    err e = {0};
    int64_t id = 0;
    cr_assert_eq(conversation_create(d, obj, "test", &id, &e), 0, "%s", e.msg);
    json_decref(obj);
    return id;
}

static json_int_t total(const conversation_filter *f, const conversation_viewer *v)
{
    json_t *list;
    err e = {0};
    cr_assert_eq(conversation_list(d, f, v, &list, &e), 0, "%s", e.msg);
    json_int_t n = json_integer_value(json_object_get(list, "total"));
    json_decref(list);
    return n;
}

Test(conversations, sides_default_from_role_and_organisation)
{
    int64_t id = add("{\"held_on\":\"2026-10-01\",\"title\":\"t\",\"participants\":["
                     "{\"person\":\"gp\"},{\"person\":\"mgr\"},{\"person\":\"doc\"},"
                     "{\"person\":\"ops\",\"side\":\"commissioner\"}]}");
    json_t *c;
    err e = {0};
    cr_assert_eq(conversation_get(d, id, &ALL, &c, &e), 0, "%s", e.msg);
    const char *want[][2] = {{"gp", "commissioner"},
                             {"mgr", "commissioner"},
                             {"doc", "provider"},
                             {"ops", "commissioner"}};
    size_t i, k;
    json_t *p;
    int matched = 0;
    json_array_foreach(
        json_object_get(c, "participants"), i,
        p) for (k = 0; k < 4;
                k++) if (strcmp(json_string_value(json_object_get(p, "person")), want[k][0]) == 0)
    {
        cr_assert_str_eq(json_string_value(json_object_get(p, "side")), want[k][1], "%s",
                         want[k][0]);
        matched++;
    }
    cr_assert_eq(matched, 4);
    json_decref(c);
}

Test(conversations, visibility_follows_sharing_and_organisation)
{
    int64_t shared = add("{\"held_on\":\"2026-10-01\",\"title\":\"a\",\"organisations\":[\"T1\"],"
                         "\"visibility\":\"shared\"}");
    int64_t private_one = add("{\"held_on\":\"2026-10-02\",\"title\":\"b\","
                              "\"organisations\":[\"T1\"]}");
    conversation_viewer t1 = {.org = "T1"}, t2 = {.org = "T2"}, nobody = {0};
    cr_assert_eq(total(NULL, &ALL), 2);
    cr_assert_eq(total(NULL, &t1), 1);
    cr_assert_eq(total(NULL, &t2), 0);
    cr_assert_eq(total(NULL, &nobody), 0);
    json_t *c;
    err e = {0};
    cr_assert_eq(conversation_get(d, shared, &t1, &c, &e), 0, "%s", e.msg);
    json_decref(c);
    cr_assert_eq(conversation_get(d, private_one, &t1, &c, &e), -1);
    cr_assert(e.not_found);
    cr_assert_eq(conversation_get(d, shared, &t2, &c, &e), -1);
    cr_assert(e.not_found);
}

Test(conversations, search_follows_updates_and_deletes)
{
    int64_t id = add("{\"held_on\":\"2026-10-01\",\"title\":\"Beds\",\"notes\":\"The heating "
                     "runs in empty wards\",\"organisations\":[\"T1\"]}");
    conversation_filter f = {.q = "heating"};
    cr_assert_eq(total(&f, &ALL), 1);
    f.q = "heat"; /* a prefix, and stemmed */
    cr_assert_eq(total(&f, &ALL), 1);
    f.q = "heating wards";
    cr_assert_eq(total(&f, &ALL), 1);
    f.q = "heating lighting"; /* every word must be there */
    cr_assert_eq(total(&f, &ALL), 0);
    f.q = "\"unbalanced * ( quotes"; /* never an FTS syntax error */
    cr_assert_eq(total(&f, &ALL), 0);
    /* Words of nothing but quotes and stars are dropped, first or later (the first once wrote
     * before its buffer: found by tests/api/test_api_payloads.c). */
    f.q = "\" heating";
    cr_assert_eq(total(&f, &ALL), 1);
    f.q = "** \"\" heating *\" wards";
    cr_assert_eq(total(&f, &ALL), 1);

    json_t *c;
    err e = {0};
    cr_assert_eq(conversation_get(d, id, &ALL, &c, &e), 0, "%s", e.msg);
    json_object_set_new(c, "notes", json_string("Lighting left on overnight"));
    cr_assert_eq(conversation_update(d, id, c, "test", &e), 0, "%s", e.msg);
    f.q = "heating";
    cr_assert_eq(total(&f, &ALL), 0, "the old notes are still found");
    f.q = "lighting";
    cr_assert_eq(total(&f, &ALL), 1);
    /* The same object again is stale now: version 1 was replaced by 2. */
    cr_assert_eq(conversation_update(d, id, c, "test", &e), -1);
    cr_assert(e.conflict);
    json_decref(c);

    cr_assert_eq(conversation_delete(d, id, "test", &e), 0, "%s", e.msg);
    cr_assert_eq(total(&f, &ALL), 0);
    int64_t left;
    cr_assert_eq(db_query_int64(d, "SELECT COUNT(*) FROM conversations_fts", &left, &e), 0);
    cr_assert_eq(left, 0);
}

Test(conversations, a_chain_cannot_loop)
{
    int64_t a = add("{\"held_on\":\"2026-10-01\",\"title\":\"first\"}");
    char json[128];
    snprintf(json, sizeof json, "{\"held_on\":\"2026-10-08\",\"title\":\"second\",\"parent\":%lld}",
             (long long)a);
    int64_t b = add(json);
    json_t *c;
    err e = {0};
    cr_assert_eq(conversation_get(d, a, &ALL, &c, &e), 0);
    json_object_set_new(c, "parent", json_integer(b));
    cr_assert_eq(conversation_update(d, a, c, "test", &e), -1);
    cr_assert_str_eq(e.field, "parent");
    cr_assert(strstr(e.msg, "follows from this one") != NULL, "%s", e.msg);
    json_decref(c);
}

/* As of 2026-12-02 with a 90-day window (from 2026-09-03): T1 was talked with on
 * 2026-06-01 only (184 days ago) and holds £5m of contracts: a gap. T2 was talked with on
 * 2026-11-01: no gap. The hospice has no contract, opportunity or concern: no gap, though
 * nobody has talked with it. */
Test(conversations, relationships_find_the_gap_worked_by_hand)
{
    add("{\"held_on\":\"2026-06-01\",\"title\":\"old\",\"participants\":[{\"person\":\"mgr\"},"
        "{\"person\":\"ops\"}],\"actions\":[{\"description\":\"x\",\"due\":\"2026-07-01\"}]}");
    add("{\"held_on\":\"2026-11-01\",\"title\":\"new\",\"organisations\":[\"T2\"],"
        "\"participants\":[{\"person\":\"gp\"},{\"person\":\"nurse\"}]}");
    json_t *r;
    err e = {0};
    cr_assert_eq(relationships_build(d, "2026-12-02", 90, &ALL, &r, &e), 0, "%s", e.msg);
    cr_assert_str_eq(json_string_value(json_object_get(r, "since")), "2026-09-03");
    json_t *gaps = json_object_get(r, "gaps");
    cr_assert_eq(json_array_size(gaps), 1, "%s", json_dumps(gaps, 0));
    json_t *g = json_array_get(gaps, 0);
    cr_assert_str_eq(json_string_value(json_object_get(g, "organisation")), "T1");
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(g, "reasons"), 0)),
                     "£5.0m a year of contracts");
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(g, "reasons"), 1)),
                     "last conversation 184 days ago (2026-06-01)");
    size_t i;
    json_t *o;
    int seen = 0;
    json_array_foreach(json_object_get(r, "organisations"), i, o)
    {
        const char *code = json_string_value(json_object_get(o, "code"));
        if (strcmp(code, "T1") == 0) {
            /* Mr Opie came on the provider side, so T1 took part. */
            cr_assert_eq(json_integer_value(json_object_get(o, "days_since")), 184);
            cr_assert_eq(json_integer_value(json_object_get(o, "overdue_actions")), 1);
            seen++;
        } else if (strcmp(code, "T2") == 0) {
            cr_assert_eq(json_integer_value(json_object_get(o, "conversations_in_window")), 1);
            cr_assert(!json_is_true(json_object_get(o, "gap")));
            seen++;
        } else if (strcmp(code, "H1") == 0) {
            cr_assert(json_is_null(json_object_get(o, "last_conversation")));
            cr_assert(!json_is_true(json_object_get(o, "gap")));
            seen++;
        }
        /* A GP commissioner's practice did not take part as a provider. */
        cr_assert_str_neq(code, "G1");
    }
    cr_assert_eq(seen, 3);
    /* By specialty: T1's operations team is a gap; T2's district nurses were talked with; the
     * hospice's palliative medicine has no reason to be on the list. */
    json_t *sg = json_object_get(r, "specialty_gaps");
    cr_assert_eq(json_array_size(sg), 1, "%s", json_dumps(sg, 0));
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(sg, 0), "organisation")),
                     "T1");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(sg, 0), "specialty")),
                     "Operations");
    json_decref(r);

    /* A shorter window makes T2 a gap too (£2m of contracts, last talked 31 days ago). */
    cr_assert_eq(relationships_build(d, "2026-12-02", 30, &ALL, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(json_array_size(json_object_get(r, "gaps")), 2);
    json_decref(r);

    cr_assert_eq(relationships_matrix(d, &ALL, &r, &e), 0, "%s", e.msg);
    /* Organisations in order T1, T2; each took part in one conversation, none together. */
    cr_assert_eq(json_array_size(json_object_get(r, "organisations")), 2);
    json_t *counts = json_object_get(r, "counts");
    cr_assert_eq(json_integer_value(json_array_get(json_array_get(counts, 0), 0)), 1);
    cr_assert_eq(json_integer_value(json_array_get(json_array_get(counts, 0), 1)), 0);
    json_decref(r);

    cr_assert_eq(relationships_network(d, &ALL, &r, &e), 0, "%s", e.msg);
    /* Two edges, each across organisations: mgr-ops and gp-nurse. */
    cr_assert_eq(json_array_size(json_object_get(r, "edges")), 2);
    json_decref(r);
}

Test(conversations, involvement_warns_when_only_gps_and_managers_took_part)
{
    add("{\"held_on\":\"2026-10-01\",\"title\":\"frailty\",\"services\":[\"FR1\"],"
        "\"participants\":[{\"person\":\"gp\"},{\"person\":\"mgr\"},{\"person\":\"ops\"}]}");
    add("{\"held_on\":\"2026-10-02\",\"title\":\"eol\",\"pathways\":[\"end_of_life\"],"
        "\"participants\":[{\"person\":\"gp\"},{\"person\":\"doc\"}]}");
    json_t *r;
    err e = {0};
    cr_assert_eq(relationships_involvement(d, "frailty", NULL, &ALL, &r, &e), 0, "%s", e.msg);
    cr_assert(json_is_true(json_object_get(r, "only_gps_and_managers")));
    cr_assert(strstr(json_string_value(json_object_get(r, "warning")), "Only GPs and managers"));
    cr_assert_eq(json_integer_value(json_object_get(r, "people")), 3);
    json_decref(r);

    cr_assert_eq(relationships_involvement(d, "end_of_life", NULL, &ALL, &r, &e), 0, "%s", e.msg);
    cr_assert(!json_is_true(json_object_get(r, "only_gps_and_managers")));
    cr_assert(json_is_null(json_object_get(r, "warning")));
    cr_assert_eq(json_integer_value(json_object_get(r, "clinicians")), 1);
    /* Neither end-of-life service was named: both are parts not yet discussed. */
    cr_assert_eq(json_array_size(json_object_get(r, "services_not_discussed")), 2);
    json_decref(r);

    cr_assert_eq(relationships_involvement(d, "dentistry", NULL, &ALL, &r, &e), -1);
    cr_assert(e.not_found);
}
