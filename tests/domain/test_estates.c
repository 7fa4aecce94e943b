/* estates: every formula worked by hand on the data-formats example site (Riverside) and two
 * made-up ones, including missing values; then loading from the sites table. */
#include "domain/estates.h"
#include "support/test_pg.h"

#include "domain/entity.h"
#include "domain/import.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

/* docs/data-formats.md's example: 1850 m² (1100 clinical, 750 non-clinical), 4% empty, 11%
 * under-used, FM £210,000 + £145,000, backlog 0 / 35,000 / 120,000 / 40,000, 88 of 140 room
 * sessions booked. */
static estates_site riverside(void)
{
    estates_site s;
    estates_site_init(&s);
    strcpy(s.code, "S-RIV");
    s.gross_m2 = 1850, s.clinical_m2 = 1100, s.non_clinical_m2 = 750;
    s.empty_pct = 4, s.under_used_pct = 11;
    s.hard_fm_gbp = 210000, s.soft_fm_gbp = 145000;
    s.backlog_high_gbp = 0, s.backlog_significant_gbp = 35000, s.backlog_moderate_gbp = 120000,
    s.backlog_low_gbp = 40000;
    s.rooms = 14, s.sessions_available = 140, s.sessions_booked = 88;
    return s;
}

/* 1000 m² (500 clinical, 300 non-clinical), 20% empty, under-used not known, hard FM £100,000,
 * soft FM not known, only high-risk backlog (£10,000) known, 40 of 100 sessions booked. */
static estates_site partial(void)
{
    estates_site s;
    estates_site_init(&s);
    strcpy(s.code, "S-PART");
    s.gross_m2 = 1000, s.clinical_m2 = 500, s.non_clinical_m2 = 300;
    s.empty_pct = 20;
    s.hard_fm_gbp = 100000;
    s.backlog_high_gbp = 10000;
    s.sessions_available = 100, s.sessions_booked = 40;
    return s;
}

Test(estates, one_site_every_formula_by_hand)
{
    estates_site s = riverside();
    estates_metrics m;
    estates_measure(&s, 1, &m);
    cr_assert_eq(m.sites, 1);
    cr_assert_float_eq(m.gross_m2, 1850, 1e-9);
    /* occupancy = 210,000 + 145,000 = 355,000; per m² = 355,000 / 1850 = 191.891891... */
    cr_assert_float_eq(m.occupancy_gbp, 355000, 1e-6);
    cr_assert_float_eq(m.cost_per_m2, 191.89189189189189, 1e-9);
    /* trapped = (4 + 11)% x 1850 m² = 277.5 m², x 191.8919 £/m² = 0.15 x 355,000 = £53,250 */
    cr_assert_float_eq(m.trapped_m2, 277.5, 1e-9);
    cr_assert_float_eq(m.trapped_gbp, 53250, 1e-6);
    /* non-clinical 750 / (1100 + 750) = 40.5405...%; above 35%: 750 - 0.35 x 1850 = 102.5 m²,
     * x 191.8919 = 36,387,500 / 1850 = £19,668.9189... */
    cr_assert_float_eq(m.non_clinical_pct, 40.54054054054054, 1e-9);
    cr_assert_float_eq(m.non_clinical_excess_m2, 102.5, 1e-9);
    cr_assert_float_eq(m.non_clinical_excess_gbp, 19668.918918918918, 1e-6);
    /* backlog 0 + 35,000 + 120,000 + 40,000 = 195,000; / 1850 = 105.4054 £/m²;
     * risk-adjusted 0 x 1 + 35,000 / 2 + 120,000 / 4 + 40,000 / 8 = 17,500 + 30,000 + 5,000 */
    cr_assert_float_eq(m.backlog_gbp, 195000, 1e-6);
    cr_assert_float_eq(m.backlog_per_m2, 105.40540540540540, 1e-9);
    cr_assert_float_eq(m.backlog_risk_adjusted_gbp, 52500, 1e-6);
    /* rooms 88 / 140 = 62.857...%: not below 50% */
    cr_assert_float_eq(m.room_utilisation_pct, 62.857142857142857, 1e-9);
    cr_assert_eq(m.low_room_use, 0);
}

Test(estates, missing_parts_use_what_is_known)
{
    estates_site s = partial();
    estates_metrics m;
    estates_measure(&s, 1, &m);
    /* occupancy = hard FM alone, £100,000 (a lower bound); £100 per m² */
    cr_assert_float_eq(m.occupancy_gbp, 100000, 1e-6);
    cr_assert_float_eq(m.cost_per_m2, 100, 1e-9);
    /* trapped = 20% (empty only) x 1000 m² = 200 m², x £100 = £20,000 */
    cr_assert_float_eq(m.trapped_m2, 200, 1e-9);
    cr_assert_float_eq(m.trapped_gbp, 20000, 1e-6);
    /* non-clinical 300 / 800 = 37.5%; 300 - 0.35 x 800 = 20 m² above, x £100 = £2,000 */
    cr_assert_float_eq(m.non_clinical_pct, 37.5, 1e-9);
    cr_assert_float_eq(m.non_clinical_excess_m2, 20, 1e-9);
    cr_assert_float_eq(m.non_clinical_excess_gbp, 2000, 1e-6);
    /* backlog: high only, £10,000, £10 per m², risk-adjusted 10,000 x 1 */
    cr_assert_float_eq(m.backlog_gbp, 10000, 1e-6);
    cr_assert_float_eq(m.backlog_per_m2, 10, 1e-9);
    cr_assert_float_eq(m.backlog_risk_adjusted_gbp, 10000, 1e-6);
    /* 40 / 100 = 40%: flagged */
    cr_assert_float_eq(m.room_utilisation_pct, 40, 1e-9);
    cr_assert_eq(m.low_room_use, 1);
}

Test(estates, nothing_known_is_nan_not_zero)
{
    estates_site s;
    estates_site_init(&s);
    s.gross_m2 = 500;
    estates_metrics m;
    estates_measure(&s, 1, &m);
    cr_assert_float_eq(m.gross_m2, 500, 1e-9);
    cr_assert(isnan(m.occupancy_gbp) && isnan(m.cost_per_m2));
    cr_assert(isnan(m.trapped_m2) && isnan(m.trapped_gbp));
    cr_assert(isnan(m.non_clinical_pct) && isnan(m.non_clinical_excess_m2));
    cr_assert(isnan(m.backlog_gbp) && isnan(m.backlog_per_m2));
    cr_assert(isnan(m.backlog_risk_adjusted_gbp));
    cr_assert(isnan(m.room_utilisation_pct));
    cr_assert_eq(m.low_room_use, 0);
    /* Empty % known but no cost: the space is known, its £ is not. */
    s.empty_pct = 10;
    estates_measure(&s, 1, &m);
    cr_assert_float_eq(m.trapped_m2, 50, 1e-9);
    cr_assert(isnan(m.trapped_gbp));
    /* An office with no bookable sessions says nothing about room use. */
    s.sessions_available = 0, s.sessions_booked = 0;
    estates_measure(&s, 1, &m);
    cr_assert(isnan(m.room_utilisation_pct));
    cr_assert_eq(m.low_room_use, 0);
}

Test(estates, an_organisation_is_the_sum_of_its_sites_not_an_average)
{
    estates_site s[3] = {riverside(), partial()};
    estates_site_init(&s[2]);
    s[2].gross_m2 = 500; /* nothing but its area known */
    estates_metrics m;
    estates_measure(s, 3, &m);
    cr_assert_eq(m.sites, 3);
    cr_assert_float_eq(m.gross_m2, 3350, 1e-9);
    /* 355,000 + 100,000 = 455,000 over the 2850 m² with a known cost (the third site's 500 m²
     * are left out): 159.6491... £/m², not the mean of 191.89 and 100 */
    cr_assert_float_eq(m.occupancy_gbp, 455000, 1e-6);
    cr_assert_float_eq(m.cost_per_m2, 455000.0 / 2850, 1e-9);
    /* 53,250 + 20,000; 277.5 + 200 m² */
    cr_assert_float_eq(m.trapped_gbp, 73250, 1e-6);
    cr_assert_float_eq(m.trapped_m2, 477.5, 1e-9);
    /* (750 + 300) / (1850 + 800) = 39.6226...%; excess summed per site 102.5 + 20 m²,
     * 19,668.92 + 2,000 £ */
    cr_assert_float_eq(m.non_clinical_pct, 1050.0 / 2650 * 100, 1e-9);
    cr_assert_float_eq(m.non_clinical_excess_m2, 122.5, 1e-9);
    cr_assert_float_eq(m.non_clinical_excess_gbp, 21668.918918918918, 1e-6);
    /* 195,000 + 10,000 over 1850 + 1000 m² = 71.93 £/m²; risk 52,500 + 10,000 */
    cr_assert_float_eq(m.backlog_gbp, 205000, 1e-6);
    cr_assert_float_eq(m.backlog_per_m2, 205000.0 / 2850, 1e-9);
    cr_assert_float_eq(m.backlog_risk_adjusted_gbp, 62500, 1e-6);
    /* (88 + 40) / (140 + 100) = 53.33%: the organisation is not flagged though one site is */
    cr_assert_float_eq(m.room_utilisation_pct, 128.0 / 240 * 100, 1e-9);
    cr_assert_eq(m.low_room_use, 0);
}

Test(estates, no_sites_is_all_unknown)
{
    estates_metrics m;
    estates_measure(NULL, 0, &m);
    cr_assert_eq(m.sites, 0);
    cr_assert_float_eq(m.gross_m2, 0, 1e-12);
    cr_assert(isnan(m.trapped_gbp) && isnan(m.cost_per_m2));
}

/* ---- Loading from the database ---------------------------------------------------- */

static db *d;

static void open_db(void)
{
    err e = {0};
    char *url = test_db_scratch_url();
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    const char *orgs = "code,name,kind,parent\nQ1,ICB,icb,\nP1,Place,place,Q1\n"
                       "A1,Practice A,practice,P1\nT1,Trust,acute_trust,Q1\n";
    const char *sites =
        "code,name,organisation,gross_internal_m2,clinical_m2,non_clinical_m2,empty_pct,"
        "under_used_pct,hard_fm_gbp,soft_fm_gbp,backlog_high_gbp,backlog_significant_gbp,"
        "backlog_moderate_gbp,backlog_low_gbp,clinical_rooms,room_sessions_available,"
        "room_sessions_booked\n"
        "S-RIV,Riverside,A1,1850,1100,750,4,11,210000,145000,0,35000,120000,40000,14,140,88\n"
        "S-PART,Partial,A1,1000,500,300,20,,100000,,10000,,,,,100,40\n"
        "S-T,Trust site,T1,500,,,,,,,,,,,,,\n";
    cr_assert_eq(
        import_buffer(d, entity_find("organisations"), "o.csv", orgs, strlen(orgs), "t", NULL, &e),
        0, "%s", e.msg);
    cr_assert_eq(
        import_buffer(d, entity_find("sites"), "s.csv", sites, strlen(sites), "t", NULL, &e), 0,
        "%s", e.msg);
}

static void close_db(void)
{
    db_close(d);
}

Test(estates, loads_an_organisation_and_everything_below_it, .init = open_db, .fini = close_db)
{
    err e = {0};
    estates_set set;
    cr_assert_eq(estates_load(d, "P1", &set, &e), 0, "%s", e.msg);
    cr_assert_eq(set.n, 2); /* the place has no site; its practice has two */
    cr_assert_str_eq(set.sites[0].code, "S-PART");
    cr_assert_str_eq(set.sites[1].code, "S-RIV");
    cr_assert_str_eq(set.sites[0].org_name, "Practice A");
    cr_assert(isnan(set.sites[0].under_used_pct) && isnan(set.sites[0].soft_fm_gbp));
    estates_metrics m;
    estates_measure(set.sites, set.n, &m);
    cr_assert_float_eq(m.trapped_gbp, 73250, 1e-6); /* as worked above */
    estates_set_free(&set);

    cr_assert_eq(estates_load(d, NULL, &set, &e), 0, "%s", e.msg);
    cr_assert_eq(set.n, 3);
    json_t *j = estates_json(&set, NULL);
    json_t *orgs = json_object_get(j, "organisations");
    cr_assert_eq(json_array_size(orgs), 2);
    json_t *t1 = json_array_get(orgs, 1);
    cr_assert_str_eq(json_string_value(json_object_get(t1, "org")), "T1");
    cr_assert(json_is_null(json_object_get(t1, "trapped_gbp")));
    cr_assert_float_eq(
        json_number_value(json_object_get(json_object_get(j, "total"), "trapped_gbp")), 73250,
        1e-6);
    json_decref(j);
    estates_set_free(&set);
}

Test(estates, an_unknown_organisation_is_not_found, .init = open_db, .fini = close_db)
{
    err e = {0};
    estates_set set;
    cr_assert_eq(estates_load(d, "NOPE", &set, &e), -1);
    cr_assert(e.not_found);
    cr_assert_str_eq(e.msg, "org: no organisation with code 'NOPE'");
}
