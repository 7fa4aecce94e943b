/* unlock estates, opportunities and opportunity-status: the real binary on the demo system. */
#include "support/server.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void)
{
    dir = tmpdir_make();
    run_result r = unlock_run(dir, NULL, (const char *const[]){"demo", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "unit-costs"), "%s", r.out);
    run_result_free(&r);
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(cli_opportunities, .init = setup, .fini = teardown, .timeout = 120);

#define RUN(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, "--db", "d.db", NULL})

static double num(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

Test(cli_opportunities, estates_for_the_community_trust_by_hand)
{
    json_t *j = run_result_json(RUN("estates", "--org", "RNC", "--json"));
    json_t *t = json_object_get(j, "total");
    /* docs/demo.md's sites: Calderbridge Community Hospital (5% + 12%) x £2,360,000 FM =
     * £401,200; Calderbridge Health Centre (12% + 25%) x £1,030,000 = £381,100; Fellside
     * Memorial (18% + 22%) x £1,540,000 = £616,000; together £1,398,300. */
    cr_assert_float_eq(num(t, "trapped_gbp"), 1398300, 1e-6);
    cr_assert_float_eq(num(t, "occupancy_gbp"), 4930000, 1e-6);
    cr_assert_float_eq(num(t, "gross_internal_m2"), 20200, 1e-9);
    /* rooms (251 + 138 + 91) / (380 + 300 + 240) = 480 / 920 = 52.17%: not flagged as a
     * whole, though Fellside (91 / 240 = 37.9%) and the health centre (46%) are */
    cr_assert_float_eq(num(t, "room_utilisation_pct"), 480.0 / 920 * 100, 1e-9);
    cr_assert(json_is_false(json_object_get(t, "low_room_use")));
    json_t *org = json_array_get(json_object_get(j, "organisations"), 0);
    json_t *fmh = json_array_get(json_object_get(org, "site_list"), 2);
    cr_assert_str_eq(str(fmh, "site"), "S-FMH");
    cr_assert_float_eq(num(fmh, "room_utilisation_pct"), 91.0 / 240 * 100, 1e-9);
    cr_assert(json_is_true(json_object_get(fmh, "low_room_use")));
    /* risk-adjusted backlog 1,450,000 + 1,900,000 / 2 + 800,000 / 4 + 210,000 / 8 */
    cr_assert_float_eq(num(fmh, "backlog_risk_adjusted_gbp"), 2626250, 1e-6);
    json_decref(j);

    run_result r = RUN("estates");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "S-FMH") && strstr(r.out, "616000"), "%s", r.out);
    run_result_free(&r);
    r = RUN("estates", "--org", "NOPE");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "no organisation with code 'NOPE'"), "%s", r.err);
    run_result_free(&r);
}

Test(cli_opportunities, the_demo_register_adds_up_and_counts_one_level)
{
    json_t *j = run_result_json(RUN("opportunities", "--json"));
    json_t *items = json_object_get(j, "items"), *o;
    size_t i, estates = 0, indicator = 0;
    double sum = 0, prev = INFINITY;
    json_t *levels = json_object();
    json_array_foreach(items, i, o)
    {
        sum += num(o, "gbp");
        cr_assert(num(o, "gbp") <= prev, "ranked by £");
        prev = num(o, "gbp");
        if (strcmp(str(o, "kind"), "estates") == 0) {
            estates++;
            cr_assert_str_eq(str(o, "level"), "site");
        } else if (strcmp(str(o, "kind"), "indicator") == 0) {
            indicator++;
            /* Each indicator is counted at one level only. */
            const char *seen = json_string_value(json_object_get(levels, str(o, "subject")));
            if (seen)
                cr_assert_str_eq(seen, str(o, "level"));
            else
                json_object_set_new(levels, str(o, "subject"), json_string(str(o, "level")));
        }
        cr_assert_str_eq(str(o, "status"), "new");
    }
    cr_assert_gt(estates, 0);
    cr_assert_gt(indicator, 0);
    cr_assert_float_eq(num(j, "total_gbp"), sum, 1e-6);
    json_t *by = json_object_get(j, "by_kind");
    cr_assert_float_eq(num(by, "estates") + num(by, "indicator") + num(by, "prescribing"), sum,
                       1e-6);
    /* Each kind's own register is non-empty, adds up, and is the system total's share. */
    static const char *const kinds[] = {"estates", "indicator", "prescribing"};
    for (int k = 0; k < 3; k++) {
        json_t *one = run_result_json(RUN("opportunities", "--kind", kinds[k], "--json"));
        double rows = 0;
        json_t *x;
        size_t n;
        json_array_foreach(json_object_get(one, "items"), n, x) rows += num(x, "gbp");
        cr_assert_gt(json_array_size(json_object_get(one, "items")), 0, "%s", kinds[k]);
        cr_assert_float_eq(num(one, "total_gbp"), rows, 1e-6, "%s", kinds[k]);
        cr_assert_float_eq(num(by, kinds[k]), rows, 1e-6, "%s", kinds[k]);
        json_decref(one);
    }
    /* Every services-and-processes indicator of the demo gives rows. */
    static const char *const priced[] = {"OP-FUR",    "OP-DNA",    "GP-DNA",
                                         "DISCH-CTR", "EOL-ADM90", "LVP"};
    for (int k = 0; k < 6; k++)
        cr_assert_not_null(json_object_get(levels, priced[k]), "%s gives no rows", priced[k]);
    /* GP appointments not attended is a practice indicator, summed for places and the ICB:
     * only practices appear. */
    cr_assert_str_eq(json_string_value(json_object_get(levels, "GP-DNA")), "practice");
    /* The largest is Northvale General Hospital: (2% + 6%) x £30,300,000 = £2,424,000. */
    json_t *top = json_array_get(items, 0);
    cr_assert_str_eq(str(top, "id"), "estates:S-NGH");
    cr_assert_float_eq(num(top, "gbp"), 2424000, 1e-6);
    cr_assert_str_eq(str(top, "credibility"), "significant");
    json_decref(levels);
    json_decref(j);

    /* A place's register is its practices' and its own rows: a subset of the system's. */
    j = run_result_json(RUN("opportunities", "--org", "QNV-RAV", "--kind", "indicator", "--json"));
    sum = 0;
    json_array_foreach(json_object_get(j, "items"), i, o)
    {
        cr_assert_str_eq(str(o, "kind"), "indicator");
        sum += num(o, "gbp");
    }
    cr_assert_gt(json_array_size(json_object_get(j, "items")), 0);
    cr_assert_float_eq(num(j, "total_gbp"), sum, 1e-6);
    json_decref(j);

    /* Over £1m: the hospital's estates, and four practices' price-per-unit savings (the demo's
     * generated brand prices are dear: docs/demo.md). */
    j = run_result_json(RUN("opportunities", "--min", "1000000", "--json"));
    cr_assert_eq(json_array_size(json_object_get(j, "items")), 5);
    cr_assert_str_eq(str(json_array_get(json_object_get(j, "items"), 0), "id"), "estates:S-NGH");
    cr_assert_str_eq(str(json_array_get(json_object_get(j, "items"), 1), "id"),
                     "prescribing:ppu:X81013");
    json_decref(j);
}

Test(cli_opportunities, a_status_change_shows_in_the_register)
{
    run_result r = RUN("opportunity-status", "estates:S-FMH", "in_conversation", "--note",
                       "estates board in June");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    json_t *j = run_result_json(RUN("opportunities", "--kind", "estates", "--json"));
    json_t *o;
    size_t i;
    int seen = 0;
    json_array_foreach(json_object_get(j, "items"), i,
                       o) if (strcmp(str(o, "id"), "estates:S-FMH") == 0)
    {
        seen = 1;
        cr_assert_str_eq(str(o, "status"), "in_conversation");
        cr_assert_str_eq(str(o, "note"), "estates board in June");
        cr_assert_str_eq(str(o, "changed_by"), "cli");
        cr_assert_float_eq(num(o, "gbp"), 616000, 1e-6);
    }
    cr_assert(seen);
    json_decref(j);

    r = RUN("opportunity-status", "estates:S-FMH", "dismissed");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "say why"), "%s", r.err);
    run_result_free(&r);
    r = RUN("opportunity-status", "estates:NOPE", "project");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "no opportunity with id 'estates:NOPE'"), "%s", r.err);
    run_result_free(&r);
    r = RUN("opportunities", "--kind", "buildings");
    cr_assert_eq(r.status, 1);
    run_result_free(&r);
    r = RUN("opportunities", "--min", "lots");
    cr_assert_eq(r.status, 1);
    run_result_free(&r);
}

Test(cli_opportunities, the_demo_prescribing_rows_add_up_at_each_level)
{
    char measures[4096];
    cr_assert(realpath("data/measures", measures), "run the tests from the repository root");
    setenv("UNLOCK_MEASURES", measures, 1);
    const char *levels[] = {"practice", "sub_icb"};
    for (int k = 0; k < 2; k++) {
        json_t *j = run_result_json(
            RUN("opportunities", "--kind", "prescribing", "--level", levels[k], "--json"));
        json_t *items = json_object_get(j, "items"), *o;
        size_t i;
        double sum = 0;
        cr_assert_gt(json_array_size(items), 0, "no prescribing rows at %s level", levels[k]);
        json_array_foreach(items, i, o)
        {
            sum += num(o, "gbp");
            cr_assert_str_eq(str(o, "kind"), "prescribing");
            cr_assert_str_eq(str(o, "level"), levels[k], "one level only");
        }
        cr_assert_float_eq(num(j, "total_gbp"), sum, 1e-6);
        json_decref(j);
    }
    unsetenv("UNLOCK_MEASURES");
}

static json_t *site_of(json_t *estates, const char *org, const char *site)
{
    size_t i, k;
    json_t *o, *x;
    json_array_foreach(json_object_get(estates, "organisations"), i, o)
    {
        if (strcmp(str(o, "org"), org) != 0)
            continue;
        json_array_foreach(json_object_get(o, "site_list"), k,
                           x) if (strcmp(str(x, "site"), site) == 0) return x;
    }
    return NULL;
}

/* A newer ERIC return for Northvale General Hospital replaces its figures in the register
 * (keeping the room bookings ERIC does not collect) and adds a year of estates observations. */
Test(cli_opportunities, an_eric_return_updates_the_register)
{
    json_t *before = run_result_json(RUN("estates", "--org", "RNV", "--json"));
    double rooms = num(site_of(before, "RNV", "S-NGH"), "room_utilisation_pct");
    cr_assert(rooms > 0);
    json_decref(before);

    char *path = path_join(dir, "ERIC - 202526 - Site Data.csv");
    file_write(path, "Trust Code,Site Code,Site Name,Gross internal floor area (mÂ²),"
                     "Floor area - empty (%),Floor area - under used (%),"
                     "Hard FM (Estates) costs (Â£),Soft FM (Hotel Services) costs (Â£)\n"
                     "RNV,S-NGH,Northvale General Hospital,96500,5,5,\"20,000,000\",10300000\n");
    run_result r = RUN("import", "eric", "ERIC - 202526 - Site Data.csv");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "1 site returns for 2025/26 imported (1 new, 0 replaced; 0 new sites"),
              "%s", r.out);
    run_result_free(&r);

    /* (5% + 5%) x (£20,000,000 + £10,300,000) = £3,030,000. */
    json_t *j = run_result_json(RUN("opportunities", "--kind", "estates", "--json"));
    json_t *top = json_array_get(json_object_get(j, "items"), 0);
    cr_assert_str_eq(str(top, "id"), "estates:S-NGH");
    cr_assert_float_eq(num(top, "gbp"), 3030000, 1e-6);
    cr_assert_str_eq(str(top, "period"), "2025/26 estates return");
    json_decref(j);
    j = run_result_json(RUN("estates", "--org", "RNV", "--json"));
    cr_assert_float_eq(num(site_of(j, "RNV", "S-NGH"), "room_utilisation_pct"), rooms, 1e-9);
    json_decref(j);
    /* The trust's cost per m² for 2025/26: £30,300,000 / 96,500 m² over its one returned site. */
    j = run_result_json(RUN("show", "observations", "EST-COST-M2", "RNV", "2025-04", "--json"));
    cr_assert_float_eq(num(j, "value"), 30300000.0 / 96500, 1e-6);
    json_decref(j);

    /* A bad value: exit status 1, the file, line and column named, nothing changed. */
    file_write(path, "Trust Code,Site Code,Site Name,Gross internal floor area (m2)\n"
                     "RNV,S-NGH,Northvale General Hospital,lots\n");
    r = RUN("import", "eric", "ERIC - 202526 - Site Data.csv");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: ERIC - 202526 - Site Data.csv:2: column 'Gross internal "
                            "floor area (m2)': value 'lots': expected a number\n");
    run_result_free(&r);
    r = RUN("import", "sites", "x.csv", "--year", "2025/26");
    cr_assert_eq(r.status, 1);
    run_result_free(&r);
    free(path);
}
