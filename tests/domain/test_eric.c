/* eric: ERIC site data files read by heading, stored year by year, and the estates measures
 * they give as observations, all worked by hand. */
#include "domain/eric.h"
#include "support/test_pg.h"

#include "domain/analysis.h"
#include "domain/entity.h"
#include "domain/import.h"
#include "domain/series.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static db *d;

static void open_db(void)
{
    err e = {0};
    char *url = test_db_scratch_url();
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    const char *orgs = "code,name,kind\nR1,Trust One,acute_trust\nR2,Trust Two,community_trust\n";
    cr_assert_eq(import_buffer(d, entity_find("organisations"), "o.csv", orgs, strlen(orgs), "test",
                               NULL, &e),
                 0, "%s", e.msg);
}

static void close_db(void)
{
    db_close(d);
}

TestSuite(eric, .init = open_db, .fini = close_db);

/* The 2023/24 headings in Windows-1252, as NHS Digital publishes them, under a title line. */
static const char headings_1252[] =
    "ERIC site data\n"
    "Trust Code,Trust Name,Site Code,Site Name,Site Type,Gross internal floor area (m\xb2),"
    "Occupied floor area (m\xb2),Clinical space (m\xb2),Non-clinical space (m\xb2),"
    "Floor area - empty (%),Floor area - under used (%),"
    "Not functionally suitable - occupied floor area (%),Hard FM (Estates) costs (\xa3),"
    "Soft FM (Hotel Services) costs (\xa3),Cost to eradicate high risk backlog (\xa3),"
    "Cost to eradicate significant risk backlog (\xa3),"
    "Cost to eradicate moderate risk backlog (\xa3),Cost to eradicate low risk backlog (\xa3)\n";

/* R1A: 10,000 m², FM 600,000 + 400,000, 5% empty + 10% under-used; R1B: 2,000 m², FM
 * 100,000 + 100,000, 0% + 20%; R2L is land with no floor area. */
static const char rows_2023[] =
    "R1,Trust One,R1A,St Mary\x92s,Acute,\"10,000\",\"9,500\",\"6,000\",\"3,500\",5,10,8,"
    "\"\xa3"
    "600,000\",\"400,000\",\"100,000\",\"200,000\",\"400,000\",\"800,000\"\n"
    "R1,Trust One,R1B,Annex,Other,\"2,000\",1800,1000,800,0,20,N/A,100000,100000,0,0,0,160000\n"
    "R2,Trust Two,R2L,Car park,Land,0,,,,,,,,,,,,\n";

static int import_text(const char *name, const char *text, const char *year, eric_stats *st, err *e)
{
    return eric_import_buffer(d, name, text, strlen(text), year, "test", st, e);
}

static void import_2023(void)
{
    char csv[4096];
    snprintf(csv, sizeof csv, "%s%s", headings_1252, rows_2023);
    err e = {0};
    eric_stats st;
    cr_assert_eq(import_text("ERIC - 202324 - Site Data.csv", csv, NULL, &st, &e), 0, "%s", e.msg);
    cr_assert_str_eq(st.year, "2023/24");
    cr_assert_eq(st.rows, 2);
    cr_assert_eq(st.created, 2);
    cr_assert_eq(st.sites_created, 2);
    cr_assert_eq(st.skipped, 1);
    cr_assert_eq(st.observations, 5);
}

static double query_num(const char *sql)
{
    db_stmt *s;
    err e = {0};
    cr_assert_eq(db_prepare(d, sql, &s, &e), 0, "%s", e.msg);
    cr_assert_eq(db_step(s, &e), DB_ROW, "%s: %s", sql, e.msg);
    double v = db_col_is_null(s, 0) ? NAN : db_col_double(s, 0);
    db_finalize(s);
    return v;
}

static double observation(const char *indicator, const char *period, const char *column)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT %s FROM observations WHERE indicator_code = '%s' AND organisation_code = 'R1'"
             " AND period = '%s'",
             column, indicator, period);
    return query_num(sql);
}

Test(eric, years_from_text_and_file_names)
{
    char y[ERIC_YEAR_LEN];
    cr_assert_eq(eric_year_parse("2023/24", y), 0);
    cr_assert_str_eq(y, "2023/24");
    cr_assert_eq(eric_year_parse("2019-20", y), 0);
    cr_assert_str_eq(y, "2019/20");
    cr_assert_eq(eric_year_parse("2099/00", y), 0);
    cr_assert_eq(eric_year_parse("2023/25", y), -1);
    cr_assert_eq(eric_year_parse("2023", y), -1);
    cr_assert_eq(eric_year_from_name("data/ERIC - 201920 - SiteData - v2.csv", y), 0);
    cr_assert_str_eq(y, "2019/20");
    cr_assert_eq(eric_year_from_name("ERIC2022_23Site.csv", y), 0);
    cr_assert_str_eq(y, "2022/23");
    cr_assert_eq(eric_year_from_name("sites-v2.csv", y), -1);
    cr_assert_eq(eric_year_from_name("export-12023242.csv", y), -1, "digits inside a number");
}

Test(eric, a_return_gives_sites_returns_and_observations)
{
    import_2023();
    /* The Windows-1252 apostrophe is stored as UTF-8 (U+2019). */
    cr_assert_eq(query_num("SELECT COUNT(*) FROM sites WHERE name = 'St Mary\xe2\x80\x99s'"), 1);
    cr_assert_eq(query_num("SELECT COUNT(*) FROM sites WHERE code = 'R2L'"), 0, "land: skipped");
    cr_assert_float_eq(query_num("SELECT hard_fm_gbp FROM sites WHERE code = 'R1A'"), 600000, 1e-6);
    cr_assert_float_eq(query_num("SELECT occupied_m2 FROM site_returns WHERE site_code = 'R1A'"),
                       9500, 1e-9);
    cr_assert_float_eq(query_num("SELECT not_functionally_suitable_pct FROM site_returns"
                                 " WHERE site_code = 'R1A'"),
                       8, 1e-9);
    cr_assert(isnan(query_num("SELECT not_functionally_suitable_pct FROM site_returns"
                              " WHERE site_code = 'R1B'")),
              "N/A is not known");
    /* Trust One: FM 1,200,000 over 12,000 m² = £100 per m². */
    cr_assert_float_eq(observation("EST-COST-M2", "2023-04", "numerator"), 1200000, 1e-6);
    cr_assert_float_eq(observation("EST-COST-M2", "2023-04", "denominator"), 12000, 1e-9);
    cr_assert_float_eq(observation("EST-COST-M2", "2023-04", "value"), 100, 1e-9);
    /* Trapped: 15% of 1,000,000 + 20% of 200,000 = 190,000. */
    cr_assert_float_eq(observation("EST-TRAPPED", "2023-04", "value"), 190000, 1e-6);
    /* Unused: 1,500 + 400 m² of 12,000 = 15.83%. */
    cr_assert_float_eq(observation("EST-UNUSED", "2023-04", "numerator"), 1900, 1e-9);
    cr_assert_float_eq(observation("EST-UNUSED", "2023-04", "value"), 1900.0 / 12000 * 100, 1e-9);
    /* Non-clinical: 3,500 + 800 of 9,500 + 1,800 occupied = 38.05%. */
    cr_assert_float_eq(observation("EST-NONCLIN", "2023-04", "numerator"), 4300, 1e-6);
    cr_assert_float_eq(observation("EST-NONCLIN", "2023-04", "denominator"), 11300, 1e-9);
    /* Backlog: 1,500,000 + 160,000 over 12,000 m² = £138.33 per m². */
    cr_assert_float_eq(observation("EST-BACKLOG-M2", "2023-04", "value"), 1660000.0 / 12000, 1e-9);
    cr_assert_eq(query_num("SELECT COUNT(*) FROM audit_log WHERE entity = 'site-return'"), 2);
}

/* The year before, in UTF-8 with older headings and no title line: the sites keep the later
 * figures, the history gains a year, and SPC has a series. */
Test(eric, an_earlier_year_adds_history_and_leaves_the_sites_alone)
{
    import_2023();
    const char older[] =
        "Organisation Code,Site Code,Site Name,Gross internal site floor area (m\xc2\xb2),"
        "Un-utilised space (%),Floor area - under used (%),Total hard FM (estates) costs "
        "(\xc2\xa3),"
        "Total soft FM (Hotel Services) costs (\xc2\xa3)\n"
        "R1,R1A,St Mary's Hospital,10000,10,10,500000,300000\n";
    err e = {0};
    eric_stats st;
    cr_assert_eq(import_text("older.csv", older, "2022/23", &st, &e), 0, "%s", e.msg);
    cr_assert_eq(st.rows, 1);
    cr_assert_eq(st.created, 1);
    cr_assert_eq(st.sites_created, 0);
    cr_assert_float_eq(query_num("SELECT hard_fm_gbp FROM sites WHERE code = 'R1A'"), 600000, 1e-6,
                       "the 2023/24 figure stays");
    /* 2022/23 for Trust One is R1A alone: 800,000 / 10,000 = £80 per m², 20% trapped. */
    cr_assert_float_eq(observation("EST-COST-M2", "2022-04", "value"), 80, 1e-9);
    cr_assert_float_eq(observation("EST-TRAPPED", "2022-04", "value"), 160000, 1e-6);
    cr_assert_eq(query_num("SELECT COUNT(*) FROM observations WHERE indicator_code ="
                           " 'EST-NONCLIN' AND period = '2022-04'"),
                 0, "no clinical split that year, so no non-clinical share");
    series s;
    cr_assert_eq(series_load(d, "EST-COST-M2", "R1", &s, &e), 0, "%s", e.msg);
    cr_assert_eq(s.n, 2);
    cr_assert_str_eq(s.periods[0], "2022-04");
    cr_assert_float_eq(s.values[0], 80, 1e-9);
    cr_assert_float_eq(s.values[1], 100, 1e-9);
    series_free(&s);

    /* The same year again replaces, never duplicates. */
    cr_assert_eq(import_text("older.csv", older, "2022-23", &st, &e), 0, "%s", e.msg);
    cr_assert_eq(st.created, 0);
    cr_assert_eq(st.updated, 1);
    cr_assert_eq(query_num("SELECT COUNT(*) FROM site_returns"), 3);
    /* Cost per m², trapped £ and unused share; no clinical split or backlog that year. */
    cr_assert_eq(query_num("SELECT COUNT(*) FROM observations WHERE period = '2022-04'"), 3);
}

static void expect_failure(const char *name, const char *csv, const char *year, const char *msg)
{
    err e = {0};
    cr_assert_eq(import_text(name, csv, year, NULL, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert_str_eq(e.msg, msg);
    cr_assert_eq(query_num("SELECT COUNT(*) FROM site_returns"), 0, "nothing stored: %s", msg);
    cr_assert_eq(query_num("SELECT COUNT(*) FROM sites"), 0);
    cr_assert_eq(query_num("SELECT COUNT(*) FROM observations"), 0);
}

Test(eric, bad_input_names_file_line_and_column_and_changes_nothing)
{
    const char *h = "Trust Code,Site Code,Site Name,Gross internal floor area (m2),"
                    "Floor area - empty (%),Floor area - under used (%)\n";
    char csv[1024];
    snprintf(csv, sizeof csv, "%sR1,S1,One,100,5,5\nR1,S2,Two,100,five,5\n", h);
    expect_failure("e.csv", csv, "2023/24",
                   "e.csv:3: column 'Floor area - empty (%)': value 'five': expected a number");
    snprintf(csv, sizeof csv, "%sR1,S1,One,100,5,5\nR9,S2,Two,100,5,5\n", h);
    expect_failure("e.csv", csv, "2023/24",
                   "e.csv:3: column 'Trust Code': value 'R9': no organisation with this code; "
                   "import organisations first");
    snprintf(csv, sizeof csv, "%sR1,S1,One,100,60,50\n", h);
    expect_failure("e.csv", csv, "2023/24",
                   "e.csv:2: column 'Floor area - under used (%)': value '50': empty + under-used "
                   "floor area is more than 100%");
    snprintf(csv, sizeof csv, "%sR1,S1,One,100,5,5\nR1,S1,One again,100,5,5\n", h);
    expect_failure("e.csv", csv, "2023/24",
                   "e.csv:3: column 'Site Code': value 'S1': the site is already on line 2: one "
                   "return a site a year");
    snprintf(csv, sizeof csv, "%sR1,S1,One,100,101,0\n", h);
    expect_failure("e.csv", csv, "2023/24",
                   "e.csv:2: column 'Floor area - empty (%)': value '101': expected a percentage "
                   "from 0 to 100");
    expect_failure("e.csv", "Trust Code,Site Code,Site Name\nR1,S1,One\n", "2023/24",
                   "e.csv:1: no 'Gross internal floor area (m²)' column; an ERIC site data file "
                   "needs Site Code, Site Name, Trust Code and Gross internal floor area (m²)");
    expect_failure("e.csv", csv, NULL,
                   "e.csv: the file name does not say which financial year it is; give it "
                   "(--year, or ?year= in the API, like 2023/24)");
    expect_failure("e.csv", csv, "2023",
                   "year: '2023' is not a financial year; write it like "
                   "2023/24");
}

/* Two trusts in one year: the funnel compares their non-clinical shares around the pooled
 * share, (3,500 + 800 + 600) / (9,500 + 1,800 + 1,000) = 4,900 / 12,300. */
Test(eric, the_funnel_compares_organisations_on_an_estates_measure)
{
    char csv[4096];
    snprintf(csv, sizeof csv,
             "%s%sR2,Trust Two,R2A,Clinic,Other,1000,1000,400,600,0,0,,"
             "90000,10000,,,,\n",
             headings_1252, rows_2023);
    err e = {0};
    cr_assert_eq(import_text("ERIC2023_24Site.csv", csv, NULL, NULL, &e), 0, "%s", e.msg);
    funnel_request req = {.indicator = "EST-NONCLIN", .period = "2023-04"};
    funnel_analysis a;
    cr_assert_eq(analysis_funnel(d, &req, &a, &e), 0, "%s", e.msg);
    cr_assert_eq(a.n, 2);
    cr_assert_float_eq(a.r.average, 4900.0 / 12300 * 100, 1e-9);
    cr_assert_str_eq(a.orgs[1], "R2");
    cr_assert_float_eq(a.r.orgs[1].value, 60, 1e-9);
    analysis_funnel_free(&a);
}
