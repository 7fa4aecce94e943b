/* opportunity: the register on a small system worked by hand: two sites, one indicator over
 * twelve months at four practices and the place they sum to. */
#include "domain/opportunity.h"
#include "support/support.h"
#include "support/test_pg.h"

#include "domain/entity.h"
#include "domain/import.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static db *d;
static char *dir; /* the SQLite file's, so that the register's parts are kept as a server's are */

static void load(const char *kind, const char *csv)
{
    err e = {0};
    cr_assert_eq(import_buffer(d, entity_find(kind), "t.csv", csv, strlen(csv), "test", NULL, &e),
                 0, "%s: %s", kind, e.msg);
}

/* Practice A1 misses 100 of 1,000 appointments a month (10%); A2, A3 and A4 miss 50 (5%). The
 * place P1 holds their sum, 250 of 4,000, which must not be counted again. */
static void open_db(void)
{
    err e = {0};
    char *url;
    if (test_pg_enabled()) {
        url = test_db_scratch_url();
    } else {
        dir = tmpdir_make();
        char *file = path_join(dir, "o.db");
        url = malloc(strlen(file) + 8);
        sprintf(url, "sqlite:%s", file);
        free(file);
    }
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    load("organisations", "code,name,kind,parent\nQ1,ICB,icb,\nP1,Place,place,Q1\n"
                          "A1,Practice One,practice,P1\nA2,Practice Two,practice,P1\n"
                          "A3,Practice Three,practice,P1\nA4,Practice Four,practice,P1\n");
    load("sites", "code,name,organisation,gross_internal_m2,empty_pct,under_used_pct,hard_fm_gbp,"
                  "soft_fm_gbp\n"
                  "S1,Site One,A1,1000,10,10,60000,40000\n"
                  "S2,Site Two,A2,500,10,,50000,\n"
                  "S3,Site Three,P1,800,0,0,80000,20000\n");
    load("indicators", "code,name,domain,type,polarity\n"
                       "DNA,Appointments not attended,productivity,proportion,low_is_good\n");
    char csv[8192] = "indicator,organisation,period,numerator,denominator\n";
    size_t n = strlen(csv);
    for (int m = 0; m < 12; m++) {
        char period[16];
        snprintf(period, sizeof period, "%04d-%02d", m < 9 ? 2025 : 2026, (m + 3) % 12 + 1);
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "DNA,A1,%s,100,1000\nDNA,A2,%s,50,1000\nDNA,A3,%s,50,1000\n"
                              "DNA,A4,%s,50,1000\nDNA,P1,%s,250,4000\n",
                              period, period, period, period, period);
    }
    load("observations", csv);
    load("unit-costs", "code,activity,unit,gbp,indicator\n"
                       "DNA-SLOT,Appointment not attended,appointment,30,DNA\n");
}

static void close_db(void)
{
    db_close(d);
    if (dir)
        tmpdir_remove(dir);
    free(dir);
}

TestSuite(opportunities, .init = open_db, .fini = close_db);

static const opportunity *find(const opportunity_list *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].id, id) == 0)
            return &l->items[i];
    return NULL;
}

Test(opportunities, every_kind_worked_by_hand_and_ranked)
{
    err e = {0};
    opportunity_list l;
    cr_assert_eq(opportunities_build(d, NULL, &l, &e), 0, "%s", e.msg);
    cr_assert_eq(l.n, 3);
    /* Site One: (10% + 10%) x 1000 m² x (100,000 / 1000) £/m² = £20,000; a complete return. */
    cr_assert_str_eq(l.items[0].id, "estates:S1");
    cr_assert_float_eq(l.items[0].gbp, 20000, 1e-6);
    cr_assert_str_eq(l.items[0].credibility, "significant");
    cr_assert_str_eq(l.items[0].org, "A1");
    cr_assert_str_eq(l.items[0].level, "site");
    /* Practice One: 1,200 of 12,000 (10%) against the mean of its best peers, all three at 600
     * of 12,000 (5%): 0.05 x 12,000 = 600 appointments a year x £30 = £18,000; 3 peers and 12
     * months, and 10% vs 5% on 12,000 is far beyond chance. */
    const opportunity *a1 = &l.items[1];
    cr_assert_str_eq(a1->id, "indicator:DNA:A1");
    cr_assert_float_eq(a1->gbp, 18000, 1e-6);
    cr_assert_str_eq(a1->credibility, "significant");
    cr_assert_str_eq(a1->level, "practice");
    cr_assert_str_eq(a1->period, "2025-04 to 2026-03");
    cr_assert(strstr(a1->method, "Practice Two") && strstr(a1->method, "DNA-SLOT"), "%s",
              a1->method);
    /* Site Two: 10% (under-used not known) x £50,000 (soft FM not known) = £5,000, a lower
     * bound, so low_data. */
    cr_assert_str_eq(l.items[2].id, "estates:S2");
    cr_assert_float_eq(l.items[2].gbp, 5000, 1e-6);
    cr_assert_str_eq(l.items[2].credibility, "low_data");
    /* No row for Site Three (nothing trapped), nor for the place P1, whose DNA is the sum of
     * its practices' (counting it would count Practice One's 600 appointments twice), nor for
     * the practices better than their benchmark. */
    cr_assert_null(find(&l, "estates:S3"));
    cr_assert_null(find(&l, "indicator:DNA:P1"));
    cr_assert_null(find(&l, "indicator:DNA:A2"));
    /* 20,000 + 18,000 + 5,000 */
    cr_assert_float_eq(l.total_gbp, 43000, 1e-6);
    for (size_t i = 0; i < l.n; i++)
        cr_assert_str_eq(l.items[i].status, "new");
    opportunity_list_free(&l);
}

/* Equal pounds: credibility decides (significant before low_data), then the id. Site Two's
 * £5,000 is low_data (above); S0 and S4 are complete returns worth the same: (5% + 5%) x
 * (£25,000 + £25,000) = £5,000. By id alone S2 would sit between them. */
Test(opportunities, ties_are_ranked_by_credibility_then_id)
{
    load("sites", "code,name,organisation,gross_internal_m2,empty_pct,under_used_pct,hard_fm_gbp,"
                  "soft_fm_gbp\n"
                  "S4,Site Four,A3,1000,5,5,25000,25000\n"
                  "S0,Site Zero,A4,1000,5,5,25000,25000\n");
    err e = {0};
    opportunity_list l;
    opportunity_filter f = {.kind = "estates"};
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    cr_assert_eq(l.n, 4);
    static const char *const order[] = {"estates:S1", "estates:S0", "estates:S4", "estates:S2"};
    for (size_t i = 0; i < 4; i++)
        cr_expect_str_eq(l.items[i].id, order[i], "rank %zu", i + 1);
    cr_assert_eq(l.items[1].gbp, l.items[3].gbp, "a true tie");
    cr_assert_str_eq(l.items[3].credibility, "low_data");
    /* 20,000 + 3 x 5,000 */
    cr_assert_float_eq(l.total_gbp, 35000, 1e-6);
    opportunity_list_free(&l);
}

Test(opportunities, filters_by_org_kind_and_minimum)
{
    err e = {0};
    opportunity_list l;
    opportunity_filter f = {.org = "A1"};
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    cr_assert_eq(l.n, 2);
    cr_assert_float_eq(l.total_gbp, 38000, 1e-6); /* 20,000 + 18,000 */
    opportunity_list_free(&l);

    f = (opportunity_filter){.org = "P1"}; /* the place: its practices' rows, its own site none */
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    cr_assert_float_eq(l.total_gbp, 43000, 1e-6);
    opportunity_list_free(&l);

    f = (opportunity_filter){.kind = "estates"};
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    cr_assert_eq(l.n, 2);
    cr_assert_float_eq(l.total_gbp, 25000, 1e-6);
    opportunity_list_free(&l);

    f = (opportunity_filter){.kind = "prescribing"}; /* the hook: none until src/rx lands */
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    cr_assert_eq(l.n, 0);
    opportunity_list_free(&l);

    f = (opportunity_filter){.min_gbp = 10000};
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    cr_assert_eq(l.n, 2);
    cr_assert_float_eq(l.total_gbp, 38000, 1e-6);
    json_t *j = opportunities_json(&l, &f);
    cr_assert_float_eq(json_number_value(json_object_get(j, "total_gbp")), 38000, 1e-6);
    json_t *by = json_object_get(j, "by_kind");
    cr_assert_float_eq(json_number_value(json_object_get(by, "estates")), 20000, 1e-6);
    cr_assert_float_eq(json_number_value(json_object_get(by, "indicator")), 18000, 1e-6);
    cr_assert_eq(json_integer_value(json_object_get(j, "count")), 2);
    json_decref(j);
    opportunity_list_free(&l);
}

Test(opportunities, bad_filters_say_what_is_wrong)
{
    err e = {0};
    opportunity_list l;
    opportunity_filter f = {.kind = "buildings"};
    cr_assert_eq(opportunities_build(d, &f, &l, &e), -1);
    cr_assert_str_eq(e.msg, "kind: 'buildings' is not a kind of opportunity; expected estates, "
                            "indicator or prescribing");
    f = (opportunity_filter){.org = "NOPE"};
    err_clear(&e);
    cr_assert_eq(opportunities_build(d, &f, &l, &e), -1);
    cr_assert(e.not_found);
    f = (opportunity_filter){.min_gbp = -1};
    err_clear(&e);
    cr_assert_eq(opportunities_build(d, &f, &l, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
}

static int64_t count(const char *sql)
{
    int64_t n = -1;
    err e = {0};
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s", e.msg);
    return n;
}

Test(opportunities, a_status_is_stored_shown_and_audited)
{
    err e = {0};
    cr_assert_eq(opportunity_set_status(d, "estates:S1", "in_conversation", "estates board, May",
                                        "amira@example.nhs.uk", &e),
                 0, "%s", e.msg);
    cr_assert_eq(
        opportunity_set_status(d, "estates:S1", "project", NULL, "amira@example.nhs.uk", &e), 0,
        "%s", e.msg);
    opportunity_list l;
    cr_assert_eq(opportunities_build(d, NULL, &l, &e), 0, "%s", e.msg);
    const opportunity *o = find(&l, "estates:S1");
    cr_assert_str_eq(o->status, "project");
    cr_assert_null(o->note);
    cr_assert_str_eq(o->changed_by, "amira@example.nhs.uk");
    cr_assert_str_eq(find(&l, "estates:S2")->status, "new");
    opportunity_list_free(&l);
    cr_assert_eq(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'opportunity'"
                       " AND entity_key = 'estates:S1'"),
                 2);
    cr_assert_eq(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'opportunity'"
                       " AND action = 'update' AND change LIKE '%\"from\":\"in_conversation\"%'"),
                 1);
}

Test(opportunities, status_mistakes_change_nothing)
{
    err e = {0};
    cr_assert_eq(opportunity_set_status(d, "estates:S1", "dismissed", NULL, "t", &e), -1);
    cr_assert_str_eq(e.msg, "note: say why the opportunity is dismissed");
    err_clear(&e);
    cr_assert_eq(opportunity_set_status(d, "estates:S1", "done", NULL, "t", &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert(!e.not_found);
    err_clear(&e);
    cr_assert_eq(opportunity_set_status(d, "estates:S3", "project", NULL, "t", &e), -1);
    cr_assert(e.not_found, "%s", e.msg);
    cr_assert_eq(count("SELECT COUNT(*) FROM opportunity_status"), 0);
    err_clear(&e);
    cr_assert_eq(opportunity_set_status(d, "indicator:DNA:A1", "dismissed",
                                        "a new booking system went live in March", "t", &e),
                 0, "%s", e.msg);
    cr_assert_eq(count("SELECT COUNT(*) FROM opportunity_status WHERE status = 'dismissed'"), 1);
}

Test(opportunities, a_unit_cost_must_name_a_stored_indicator)
{
    err e = {0};
    const char *csv = "code,activity,unit,gbp,indicator\nX,Thing,unit,5,NOPE\n";
    cr_assert_eq(
        import_buffer(d, entity_find("unit-costs"), "u.csv", csv, strlen(csv), "t", NULL, &e), -1);
    cr_assert(strstr(e.msg, "u.csv:2: column 'indicator': value 'NOPE'"), "%s", e.msg);
    csv = "code,activity,unit,gbp\nX,Thing,unit,-5\n";
    err_clear(&e);
    cr_assert_eq(
        import_buffer(d, entity_find("unit-costs"), "u.csv", csv, strlen(csv), "t", NULL, &e), -1);
    cr_assert(strstr(e.msg, "column 'gbp'"), "%s", e.msg);
    /* A second cost for DNA would price its appointments twice. */
    csv = "code,activity,unit,gbp,indicator\nDNA-2,Another,appointment,40,DNA\n";
    err_clear(&e);
    cr_assert_eq(
        import_buffer(d, entity_find("unit-costs"), "u.csv", csv, strlen(csv), "t", NULL, &e), -1);
    cr_assert_str_eq(e.msg, "u.csv:2: column 'indicator': value 'DNA': unit cost DNA-SLOT already "
                            "prices this indicator: give an indicator one unit cost, or its "
                            "events would be counted twice");
    /* Re-importing the same cost with a new price is an update, not a clash. */
    csv =
        "code,activity,unit,gbp,indicator\nDNA-SLOT,Appointment not attended,appointment,35,DNA\n";
    err_clear(&e);
    cr_assert_eq(
        import_buffer(d, entity_find("unit-costs"), "u.csv", csv, strlen(csv), "t", NULL, &e), 0,
        "%s", e.msg);
    opportunity_list l;
    cr_assert_eq(opportunities_build(d, NULL, &l, &e), 0, "%s", e.msg);
    /* 600 appointments x £35 */
    cr_assert_float_eq(find(&l, "indicator:DNA:A1")->gbp, 21000, 1e-6);
    opportunity_list_free(&l);
}

/* The indicator rows are worked out once and kept until data they rest on change through the
 * domain layer (which audits every write). A change made behind its back (plain SQL) shows
 * only once an audited change to observations arrives; an audited write to something else (a
 * site) leaves the kept rows as they were. */
Test(opportunities, kept_rows_are_worked_out_again_when_their_data_change)
{
    err e = {0};
    opportunity_list l;
    opportunity_filter f = {.kind = "indicator"};
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    cr_assert_not_null(find(&l, "indicator:DNA:A1"));
    opportunity_list_free(&l);

    /* A1 now misses as few as its peers, unaudited. */
    cr_assert_eq(db_exec(d, "UPDATE observations SET numerator = 50 WHERE organisation_code = 'A1'",
                         &e),
                 0, "%s", e.msg);
    load("sites", "code,name,organisation,gross_internal_m2\nS9,Site Nine,A3,100\n");
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    const opportunity *a1 = find(&l, "indicator:DNA:A1");
    cr_assert_not_null(a1, "kept: neither change was an audited change to what the rows read");
    cr_assert_float_eq(a1->gbp, 18000, 1e-6);
    opportunity_list_free(&l);

    load("observations", "indicator,organisation,period,numerator,denominator\n"
                         "DNA,A2,2026-03,60,1000\n");
    cr_assert_eq(opportunities_build(d, &f, &l, &e), 0, "%s", e.msg);
    cr_assert_null(find(&l, "indicator:DNA:A1"), "worked out again after the import");
    opportunity_list_free(&l);
}
