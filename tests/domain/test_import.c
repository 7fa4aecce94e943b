#include "domain/import.h"
#include "support/test_pg.h"

#include "domain/store.h"
#include "util/strbuf.h"

#include <criterion/criterion.h>
#include <stdlib.h>
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
}

static void close_db(void)
{
    db_close(d);
}

TestSuite(import, .init = open_db, .fini = close_db);

static int load(const char *kind, const char *csv, import_stats *st, err *e)
{
    return import_buffer(d, entity_find(kind), "t.csv", csv, strlen(csv), "test", st, e);
}

static int64_t count(const char *sql)
{
    int64_t n = -1;
    err e = {0};
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s", e.msg);
    return n;
}

static const char *ORGS = "code,name,kind,parent\n"
                          "QNV,Northvale ICB,icb,\n"
                          "P1,North Place,place,QNV\n"
                          "A81001,\"Riverside Surgery, Northvale\",practice,P1\n";

Test(import, creates_rows_and_audits_each_one)
{
    import_stats st;
    err e = {0};
    cr_assert_eq(load("organisations", ORGS, &st, &e), 0, "%s", e.msg);
    cr_assert_eq(st.rows, 3);
    cr_assert_eq(st.created, 3);
    cr_assert_eq(count("SELECT COUNT(*) FROM organisations"), 3);
    cr_assert_eq(count("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND actor = 'test'"
                       " AND entity = 'organisation'"),
                 3);
}

Test(import, a_parent_may_come_later_in_the_same_file)
{
    err e = {0};
    cr_assert_eq(load("organisations",
                      "code,name,kind,parent\nA1,Practice,practice,P1\nP1,Place,place,\n", NULL,
                      &e),
                 0, "%s", e.msg);
}

Test(import, an_unknown_parent_names_file_line_and_column)
{
    err e = {0};
    cr_assert_eq(
        load("organisations", "code,name,kind,parent\nA1,Practice,practice,NOPE\n", NULL, &e), -1);
    cr_assert_str_eq(e.msg, "t.csv:2: column 'parent': value 'NOPE': no organisation with this "
                            "code in the database or this file");
    cr_assert_eq(count("SELECT COUNT(*) FROM organisations"), 0);
}

Test(import, reimport_updates_and_never_duplicates)
{
    import_stats st;
    err e = {0};
    cr_assert_eq(load("organisations", ORGS, &st, &e), 0, "%s", e.msg);
    cr_assert_eq(
        load("organisations",
             "code,name,kind,parent\nQNV,NHS Northvale ICB,icb,\nP1,North Place,place,QNV\n", &st,
             &e),
        0, "%s", e.msg);
    cr_assert_eq(st.updated, 1);
    cr_assert_eq(st.unchanged, 1);
    cr_assert_eq(count("SELECT COUNT(*) FROM organisations"), 3);
    db_stmt *s;
    cr_assert_eq(db_prepare(d, "SELECT change FROM audit_log WHERE action = 'update'", &s, &e), 0);
    cr_assert_eq(db_step(s, &e), DB_ROW);
    cr_assert_str_eq(db_col_text(s, 0),
                     "{\"name\":{\"from\":\"Northvale ICB\",\"to\":\"NHS Northvale ICB\"}}");
    db_finalize(s);
}

Test(import, a_bad_value_on_line_57_changes_nothing)
{
    err e = {0};
    cr_assert_eq(load("organisations", ORGS, NULL, &e), 0, "%s", e.msg);
    char csv[8192] = "code,name,kind,parent\n";
    for (int line = 2; line <= 60; line++) {
        char row[128];
        snprintf(row, sizeof row, "B%05d,Practice %d,%s,P1\n", line, line,
                 line == 57 ? "surgery" : "practice");
        strcat(csv, row);
    }
    cr_assert_eq(load("organisations", csv, NULL, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert(
        strncmp(e.msg, "t.csv:57: column 'kind': value 'surgery': expected one of: icb, ", 63) == 0,
        "%s", e.msg);
    cr_assert_eq(count("SELECT COUNT(*) FROM organisations"), 3);
    cr_assert_eq(count("SELECT COUNT(*) FROM audit_log"), 3);
}

Test(import, unknown_column_lists_the_known_ones)
{
    err e = {0};
    cr_assert_eq(load("organisations", "code,name,type\nX,Y,icb\n", NULL, &e), -1);
    cr_assert_str_eq(e.msg, "t.csv:1: unknown column 'type' for organisations; the known columns "
                            "are: code (required), name (required), kind (required), parent");
}

Test(import, missing_required_column_is_named)
{
    err e = {0};
    cr_assert_eq(load("organisations", "code,name\nX,Y\n", NULL, &e), -1);
    cr_assert_str_eq(e.msg, "t.csv:1: the header has no 'kind' column, which organisations need");
}

Test(import, a_key_twice_in_one_file_is_refused)
{
    err e = {0};
    cr_assert_eq(load("organisations", "code,name,kind\nX,Y,icb\nX,Z,icb\n", NULL, &e), -1);
    cr_assert_str_eq(e.msg, "t.csv:3: organisation 'X' is already on line 2 of this file");
}

Test(import, wrong_field_count_is_refused)
{
    err e = {0};
    cr_assert_eq(load("organisations", "code,name,kind\nX,Y\n", NULL, &e), -1);
    cr_assert_str_eq(e.msg, "t.csv:2: 2 fields, but the header has 3 columns");
}

Test(import, empty_file_needs_a_header)
{
    err e = {0};
    cr_assert_eq(load("organisations", "", NULL, &e), -1);
    cr_assert(strstr(e.msg, "t.csv: the file is empty") == e.msg, "%s", e.msg);
}

static void load_indicators(void)
{
    err e = {0};
    cr_assert_eq(load("organisations", ORGS, NULL, &e), 0, "%s", e.msg);
    cr_assert_eq(load("indicators",
                      "code,name,domain,type,polarity,multiplier\n"
                      "FFT,FFT positive,experience,proportion,high_is_good,\n"
                      "CDI,C. difficile cases,safety,count,low_is_good,\n"
                      "EA,Emergency admissions per 1000,effectiveness,rate,low_is_good,1000\n"
                      "LOS,Mean length of stay,productivity,mean,low_is_good,\n",
                      NULL, &e),
                 0, "%s", e.msg);
}

Test(import, indicator_multiplier_defaults_by_type)
{
    load_indicators();
    cr_assert_eq(count("SELECT multiplier FROM indicators WHERE code = 'FFT'"), 100);
    cr_assert_eq(count("SELECT multiplier FROM indicators WHERE code = 'CDI'"), 1);
    cr_assert_eq(count("SELECT patient_reported FROM indicators WHERE code = 'FFT'"), 0);
}

Test(import, observation_values_are_derived)
{
    load_indicators();
    err e = {0};
    cr_assert_eq(load("observations",
                      "indicator,organisation,period,numerator,denominator,value\n"
                      "FFT,A81001,2024-04,45,50,\n"
                      "CDI,A81001,2024-04,3,,\n"
                      "EA,A81001,2024-04,30,6000,\n"
                      "LOS,A81001,2024-04,,,4.25\n"
                      "FFT,A81001,2024-05,9,10,90.00001\n",
                      NULL, &e),
                 0, "%s", e.msg);
    /* 45/50 × 100 = 90; 3 counted; 30/6000 × 1000 = 5; a mean is as given; 90.00001 agrees
     * with 90 to six significant figures and is replaced by the exact derived value. */
    cr_assert_eq(count("SELECT value * 1000 FROM observations WHERE indicator_code = 'FFT'"
                       " AND period = '2024-04'"),
                 90000);
    cr_assert_eq(count("SELECT value FROM observations WHERE indicator_code = 'CDI'"), 3);
    cr_assert_eq(count("SELECT value * 1000 FROM observations WHERE indicator_code = 'EA'"), 5000);
    cr_assert_eq(count("SELECT value * 100 FROM observations WHERE indicator_code = 'LOS'"), 425);
    cr_assert_eq(count("SELECT value * 1000 FROM observations WHERE period = '2024-05'"), 90000);
}

Test(import, observation_rules_name_the_problem)
{
    load_indicators();
    struct {
        const char *row, *msg;
    } cases[] = {
        {"FFT,A81001,,2024-04,51,50,",
         "t.csv:2: column 'numerator': value '51': a proportion's numerator cannot be more than "
         "its denominator (50)"},
        {"FFT,A81001,,2024-04,45,50,80",
         "t.csv:2: column 'value': value '80': does not match numerator / denominator x 100 = "
         "90; leave value empty to have it worked out"},
        {"FFT,,,2024-04,45,50,", "t.csv:2: column 'organisation': value '': give exactly one of "
                                 "organisation and service"},
        {"FFT,A81001,,2024-13,45,50,",
         "t.csv:2: column 'period': value '2024-13': expected a period YYYY-MM (a month) or "
         "YYYY-MM-DD (a day)"},
        {"FFT,A81001,,2024-04,45,0,",
         "t.csv:2: column 'denominator': value '0': expected a denominator more than 0"},
        {"LOS,A81001,,2024-04,,,",
         "t.csv:2: column 'value': value '': a value is required when numerator and denominator "
         "are not both given"},
        {"NOPE,A81001,,2024-04,,,1",
         "t.csv:2: column 'indicator': value 'NOPE': no indicator with this code; import "
         "indicators first"},
        {"FFT,A81001,,2024-04,1,2,1e999",
         "t.csv:2: column 'value': value '1e999': expected a number (digits, like 12 or 3.5; no "
         "commas, % or £)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char csv[512];
        snprintf(csv, sizeof csv,
                 "indicator,organisation,service,period,numerator,denominator,value\n%s\n",
                 cases[i].row);
        err e = {0};
        cr_expect_eq(load("observations", csv, NULL, &e), -1, "%s", cases[i].row);
        cr_expect_str_eq(e.msg, cases[i].msg);
    }
    cr_assert_eq(count("SELECT COUNT(*) FROM observations"), 0);
}

Test(import, site_rules)
{
    err e = {0};
    cr_assert_eq(load("organisations", ORGS, NULL, &e), 0, "%s", e.msg);
    cr_assert_eq(load("sites",
                      "code,name,organisation,gross_internal_m2,clinical_m2,non_clinical_m2\n"
                      "S1,Centre,A81001,1000,700,400\n",
                      NULL, &e),
                 -1);
    cr_assert_str_eq(e.msg, "t.csv:2: column 'non_clinical_m2': value '400': clinical (700) + "
                            "non-clinical m² is more than the gross internal area (1000)");
    cr_assert_eq(load("sites",
                      "code,name,organisation,gross_internal_m2,room_sessions_available,"
                      "room_sessions_booked\nS1,Centre,A81001,1000,10,11\n",
                      NULL, &e),
                 -1);
    cr_assert_str_eq(e.msg, "t.csv:2: column 'room_sessions_booked': value '11': more sessions "
                            "booked than available (10)");
    cr_assert_eq(load("sites",
                      "code,name,organisation,gross_internal_m2,empty_pct\n"
                      "S1,Centre,A81001,1000,101\n",
                      NULL, &e),
                 -1);
    cr_assert_str_eq(e.msg, "t.csv:2: column 'empty_pct': value '101': expected floor area empty "
                            "(a percentage from 0 to 100)");
}

Test(import, contract_dates)
{
    err e = {0};
    cr_assert_eq(load("organisations", ORGS, NULL, &e), 0, "%s", e.msg);
    cr_assert_eq(load("contracts",
                      "code,commissioner,provider,annual_value_gbp,start,end\n"
                      "C1,QNV,A81001,100,2025-04-01,2025-02-30\n",
                      NULL, &e),
                 -1);
    cr_assert_str_eq(e.msg, "t.csv:2: column 'end': value '2025-02-30': expected a date "
                            "YYYY-MM-DD, like 2025-04-01");
    cr_assert_eq(load("contracts",
                      "code,commissioner,provider,annual_value_gbp,start,end\n"
                      "C1,QNV,A81001,100,2025-04-01,2024-03-31\n",
                      NULL, &e),
                 -1);
    cr_assert_str_eq(e.msg, "t.csv:2: column 'end': value '2024-03-31': the contract ends before "
                            "it starts (2025-04-01)");
}

static int load_all(const char *kind, const char *csv, import_problems *p, err *e)
{
    return import_buffer_with(d, entity_find(kind), "t.csv", csv, strlen(csv),
                              &(import_options){.actor = "test", .problems = p}, NULL, e);
}

Test(import, every_problem_is_collected_and_nothing_kept)
{
    import_problems p = {0};
    err e = {0};
    cr_assert_eq(load_all("organisations",
                          "code,name,kind\nQNV,ICB,icb\nP 1,Bad code,place\nP2,Place,plaice\n", &p,
                          &e),
                 -1);
    cr_assert_eq(p.count, 2);
    cr_expect_eq(p.items[0].line, 3);
    cr_expect_str_eq(p.items[0].field, "code");
    cr_expect(strncmp(p.items[0].message, "t.csv:3: column 'code': value 'P 1'", 35) == 0, "%s",
              p.items[0].message);
    cr_expect_eq(p.items[1].line, 4);
    cr_expect_str_eq(p.items[1].field, "kind");
    cr_expect(strstr(e.msg, "(and 1 more problem; nothing was imported)"), "%s", e.msg);
    cr_expect_eq(e.line, 3);
    cr_expect_str_eq(e.field, "code");
    cr_expect_eq(count("SELECT COUNT(*) FROM organisations"), 0);
    import_problems_free(&p);
}

Test(import, past_the_cap_problems_are_only_counted)
{
    strbuf csv = STRBUF_INIT;
    strbuf_adds(&csv, "code,name,kind\n");
    for (int i = 0; i < IMPORT_MAX_PROBLEMS + 5; i++)
        strbuf_addf(&csv, "P%d,Place,plaice\n", i);
    import_problems p = {0};
    err e = {0};
    cr_assert_eq(load_all("organisations", strbuf_str(&csv), &p, &e), -1);
    cr_expect_eq(p.count, IMPORT_MAX_PROBLEMS);
    cr_expect_eq(p.dropped, 5);
    cr_expect(strstr(e.msg, "(and 1004 more problems"), "%s", e.msg);
    import_problems_free(&p);
    strbuf_free(&csv);
}

Test(import, a_bad_header_is_the_one_problem)
{
    import_problems p = {0};
    err e = {0};
    cr_assert_eq(load_all("organisations", "code,name,colour\nQNV,ICB,red\n", &p, &e), -1);
    cr_assert_eq(p.count, 1);
    cr_expect(strstr(p.items[0].message, "t.csv:1: unknown column 'colour'"), "%s",
              p.items[0].message);
    import_problems_free(&p);
}
