/* The prescribing commands through the real binary: import (both layouts, quoted commas, CRLF,
 * bad rows, re-import), list sizes, measures, and the generator. The numbers are those worked by
 * hand in tests/rx/test_measure.c (same practices and rows). */
#include "db/db.h"
#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

static char *dir, measures[PATH_MAX];

static void setup(void)
{
    dir = tmpdir_make();
    cr_assert(realpath("data/measures", measures), "run the tests from the repository root");
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(cli_rx, .init = setup, .fini = teardown, .timeout = 120);

#define HEAD_NEW                                                                                   \
    "YEAR_MONTH,REGIONAL_OFFICE_NAME,REGIONAL_OFFICE_CODE,ICB_NAME,ICB_CODE,PCO_NAME,PCO_CODE,"    \
    "PRACTICE_NAME,PRACTICE_CODE,BNF_CODE,BNF_DESCRIPTION,QUANTITY,ITEMS,TOTAL_QUANTITY,NIC,"      \
    "ACTUAL_COST,UNIDENTIFIED\r\n"
#define ROW(m, sub, pr, bnf, items, units, cost)                                                   \
    m ",\"London\",\"Y56\",\"NHS ICB ONE\",\"I1\",\"NHS SUB, " sub "\",\"" sub                     \
      "\",\"THE SURGERY, HIGH ST\",\"" pr "\",\"" bnf                                              \
      "\",\"Atorvastatin 20mg tablets, \"\"x\"\"\","                                               \
      "28," items "," units "," cost "," cost ",false\r\n"
#define GEN "0212000B0AAABAB"
#define BRAND "0212000B0BBAAAB"
#define MONTH_ROWS(m, p1brand)                                                                     \
    ROW(m, "S1", "P1", GEN, "30", "900", "90")                                                     \
    ROW(m, "S1", "P1", BRAND, "5", p1brand, "50")                                                  \
    ROW(m, "S1", "P2", GEN, "40", "800", "80")                                                     \
    ROW(m, "S1", "P2", BRAND, "10", "200", "100")                                                  \
    ROW(m, "S2", "P3", GEN, "50", "1000", "100")                                                   \
    ROW(m, "S2", "P4", BRAND, "25", "500", "250") ROW(m, "S2", "P4", GEN, "25", "500", "50")       \
        ROW(m, "S2", "P5", "0407010H0AAAAAA", "3", "300", "6")

static run_result run(const char *const *args)
{
    return unlock_run(dir, NULL, args);
}

static void put(const char *name, const char *text)
{
    char *p = path_join(dir, name);
    file_write(p, text);
    free(p);
}

static json_t *measure_json(const char *id, const char *month, const char *level)
{
    run_result r =
        run((const char *const[]){"measure", id, "--month", month, "--level", level, "--json",
                                  "--measures", measures, "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    cr_assert(j, "%s", r.out);
    run_result_free(&r);
    return j;
}

static json_t *org_of(json_t *j, const char *code)
{
    json_t *a = json_object_get(j, "orgs");
    for (size_t i = 0; i < json_array_size(a); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(a, i), "code")), code) == 0)
            return json_array_get(a, i);
    cr_assert_fail("no org %s", code);
    return NULL;
}

static double num(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_null(v) ? NAN : json_number_value(v);
}

#define NEAR(a, b) cr_assert(fabs((a) - (b)) < 1e-9, "%s = %.17g, expected %.17g", #a, (a), (b))

Test(cli_rx, import_then_measure_as_worked_by_hand)
{
    put("m.csv", HEAD_NEW MONTH_ROWS("202401", "100"));
    run_result r =
        run((const char *const[]){"import", "prescribing", "m.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "8 rows imported"), "%s", r.out);
    cr_assert_eq(r.err[0], 0, "quiet when not a terminal: %s", r.err);
    run_result_free(&r);
    json_t *j = measure_json("branded_atorvastatin", "202401", "practice");
    cr_assert_str_eq(json_string_value(json_object_get(j, "level")), "practice");
    json_t *p1 = org_of(j, "P1");
    cr_assert_str_eq(json_string_value(json_object_get(p1, "name")), "THE SURGERY, HIGH ST");
    NEAR(num(p1, "numerator"), 100);
    NEAR(num(p1, "denominator"), 1000);
    NEAR(num(p1, "value"), 10);
    NEAR(num(p1, "percentile"), 100.0 / 3);
    NEAR(num(json_object_get(p1, "savings"), "10"), 28);
    NEAR(num(json_object_get(org_of(j, "P4"), "savings"), "50"), 140);
    cr_assert(json_is_null(json_object_get(org_of(j, "P5"), "value")));
    NEAR(num(json_object_get(j, "deciles"), "10"), 3);
    NEAR(num(json_object_get(j, "deciles"), "90"), 41);
    NEAR(num(json_object_get(j, "total_savings"), "10"), 284);
    json_decref(j);
    j = measure_json("branded_atorvastatin", "202401", "sub_icb");
    NEAR(num(org_of(j, "S2"), "value"), 25);
    cr_assert_str_eq(json_string_value(json_object_get(org_of(j, "S2"), "name")), "NHS SUB, S2");
    json_decref(j);
}

Test(cli_rx, older_layout_with_area_teams)
{
    put("old.csv", "YEAR_MONTH,REGIONAL_OFFICE_NAME,REGIONAL_OFFICE_CODE,AREA_TEAM_NAME,"
                   "AREA_TEAM_CODE,PCO_NAME,PCO_CODE,PRACTICE_NAME,PRACTICE_CODE,BNF_CODE,"
                   "BNF_DESCRIPTION,ITEMS,NIC,ACTUAL_COST,QUANTITY,TOTAL_QUANTITY\n"
                   "201801,\"R\",\"Y5\",\"AT\",\"Q1\",\"P\",\"01A\",\"A, B\",\"P1\","
                   "\"0212000B0BBAAAB\",\"d\",2,20,19,28,56\n"
                   "201801,\"R\",\"Y5\",\"AT\",\"Q1\",\"P\",\"01A\",\"A, B\",\"P1\","
                   "\"0212000B0AAABAB\",\"d\",6,6,5.5,28,168\n");
    run_result r =
        run((const char *const[]){"import", "prescribing", "old.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    json_t *j = measure_json("branded_atorvastatin", "201801", "sub_icb");
    NEAR(num(org_of(j, "01A"), "value"), 56.0 / 224 * 100);
    json_decref(j);
}

Test(cli_rx, a_bad_number_names_file_line_and_column_and_stores_nothing)
{
    put("bad.csv", HEAD_NEW ROW("202401", "S1", "P1", GEN, "30", "900", "90")
                       ROW("202401", "S1", "P1", BRAND, "x1", "100", "50"));
    run_result r =
        run((const char *const[]){"import", "prescribing", "bad.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "bad.csv:3: column ITEMS: expected a number, got 'x1'"), "%s", r.err);
    run_result_free(&r);
    r = run((const char *const[]){"measure", "branded_atorvastatin", "--month", "202401",
                                  "--measures", measures, "--db", "d.db", NULL});
    cr_assert_eq(r.status, 1, "nothing stored after a failed import");
    cr_assert(strstr(r.err, "no prescribing stored for 202401"), "%s", r.err);
    run_result_free(&r);
    r = run((const char *const[]){"import", "prescribing", "bad.csv", "--max-errors", "1", "--db",
                                  "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "1 rows imported, 1 bad rows skipped"), "%s", r.out);
    cr_assert(strstr(r.err, "bad.csv:3: column ITEMS"), "each skipped row is reported: %s", r.err);
    run_result_free(&r);
}

Test(cli_rx, missing_columns_are_named)
{
    put("few.csv", "YEAR_MONTH,PRACTICE_CODE,BNF_CODE\n202401,P1,X\n");
    run_result r =
        run((const char *const[]){"import", "prescribing", "few.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "few.csv:1: missing column(s) PRACTICE_NAME, PCO_CODE, "
                            "BNF_DESCRIPTION, ITEMS"),
              "%s", r.err);
    run_result_free(&r);
}

Test(cli_rx, reimporting_a_month_replaces_it)
{
    put("a.csv", HEAD_NEW MONTH_ROWS("202401", "100"));
    put("b.csv", HEAD_NEW MONTH_ROWS("202401", "300"));
    for (int i = 0; i < 2; i++) {
        run_result r = run((const char *const[]){"import", "prescribing", i ? "b.csv" : "a.csv",
                                                 "--db", "d.db", NULL});
        cr_assert_eq(r.status, 0, "%s", r.err);
        run_result_free(&r);
    }
    json_t *j = measure_json("branded_atorvastatin", "202401", "practice");
    NEAR(num(org_of(j, "P1"), "value"), 300.0 / 1200 * 100);
    json_decref(j);
    char *rxdir = test_rx_store_of(dir, "d.db");
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof cmd, "ls %s | grep -c .", rxdir);
    FILE *p = popen(cmd, "r");
    int n = 0;
    cr_assert_eq(fscanf(p, "%d", &n), 1);
    pclose(p);
    cr_assert_eq(n, 1, "one month file, no temporary files left");
    free(rxdir);
}

/* A killed import leaves its month's temporary file behind; the next import of that month
 * removes it, but not one an import still running is writing. */
Test(cli_rx, an_import_removes_what_a_killed_one_left)
{
    put("a.csv", HEAD_NEW MONTH_ROWS("202401", "100"));
    run_result r =
        run((const char *const[]){"import", "prescribing", "a.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    waitpid(gone, NULL, 0);
    char *rxdir = test_rx_store_of(dir, "d.db");
    char dead[PATH_MAX], alive[PATH_MAX];
    snprintf(dead, sizeof dead, "%s/202401.rxm.tmp%ld", rxdir, (long)gone);
    snprintf(alive, sizeof alive, "%s/202401.rxm.tmp%ld", rxdir, (long)getpid());
    file_write(dead, "half a month");
    file_write(alive, "being written");
    r = run((const char *const[]){"import", "prescribing", "a.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    cr_assert_neq(access(dead, F_OK), 0, "the killed import's file is gone");
    cr_assert_eq(access(alive, F_OK), 0, "a running import's file is kept");
    unlink(alive);
    free(rxdir);
}

Test(cli_rx, per_thousand_patients_from_list_sizes)
{
    put("m.csv", HEAD_NEW MONTH_ROWS("202401", "100"));
    put("ls.csv", "period,practice_code,list_size\n202401,P1,7000\n202401,P2,10000\n"
                  "202401,P3,5000\n202401,P5,1000\n");
    put("k.json", "{\"id\":\"k\",\"name\":\"n\",\"description\":\"d\",\"why_it_matters\":\"w\","
                  "\"numerator\":{\"field\":\"items\",\"bnf_codes\":[\"0212000B0\"]},"
                  "\"denominator\":{\"list_size\":true},\"is_percentage\":false,"
                  "\"low_is_good\":true,\"is_cost_based\":false}");
    const char *const *cmds[] = {
        (const char *const[]){"import", "prescribing", "m.csv", "--db", "d.db", NULL},
        (const char *const[]){"import", "list-sizes", "ls.csv", "--db", "d.db", NULL}};
    for (int i = 0; i < 2; i++) {
        run_result r = run(cmds[i]);
        cr_assert_eq(r.status, 0, "%s", r.err);
        run_result_free(&r);
    }
    run_result r =
        run((const char *const[]){"measure", "--definition", "k.json", "--month", "202401", "--org",
                                  "P3", "--json", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    cr_assert_eq(json_array_size(json_object_get(j, "orgs")), 1);
    NEAR(num(org_of(j, "P3"), "value"), 10);
    NEAR(num(org_of(j, "P3"), "percentile"), 100);
    NEAR(num(json_object_get(j, "deciles"), "50"), 5);
    json_decref(j);
    run_result_free(&r);
    /* The load is audited, so a server's kept answers (and the register's kept prescribing
     * rows) know the list sizes changed. */
    char *url = test_db_url_for(dir, "d.db");
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    int64_t n;
    cr_assert_eq(
        db_query_int64(d, "SELECT COUNT(*) FROM audit_log WHERE entity = 'list-sizes'", &n, &e), 0,
        "%s", e.msg);
    cr_assert_eq(n, 1);
    db_close(d);
    free(url);
}

Test(cli_rx, measures_lists_the_shipped_definitions)
{
    run_result r = run((const char *const[]){"measures", "--json", "--measures", measures, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    cr_assert_geq(json_array_size(j), 12);
    json_decref(j);
    run_result_free(&r);
}

Test(cli_rx, generated_months_import_in_both_layouts_and_are_deterministic)
{
    for (int old = 0; old < 2; old++) {
        const char *out = old ? "g1.csv" : "g0.csv";
        run_result r = run((const char *const[]){"gen-epd", "--rows", "20000", "--seed", "7",
                                                 "--out", out, old ? "--old-layout" : NULL, NULL});
        cr_assert_eq(r.status, 0, "%s", r.err);
        run_result_free(&r);
        r = run((const char *const[]){"import", "prescribing", out, "--db", "d.db", NULL});
        cr_assert_eq(r.status, 0, "%s", r.err);
        cr_assert(strstr(r.out, "20000 rows imported"), "%s", r.out);
        run_result_free(&r);
    }
    run_result a = run((const char *const[]){"gen-epd", "--rows", "500", "--seed", "3", NULL});
    run_result b = run((const char *const[]){"gen-epd", "--rows", "500", "--seed", "3", NULL});
    cr_assert_str_eq(a.out, b.out);
    cr_assert_eq(count_of(a.out, "\n"), 501);
    run_result_free(&a);
    run_result_free(&b);
}

Test(cli_rx, ppu_savings_as_worked_by_hand)
{
    /* NIC per unit: every generic 0.10, every brand 0.50; the 10th centile of the seven is 0.10,
     * so the brands save P4 250 - 500 x 0.1 = 200, P2 100 - 20 = 80, P1 50 - 10 = 40. */
    put("m.csv", HEAD_NEW MONTH_ROWS("202401", "100"));
    run_result r =
        run((const char *const[]){"import", "prescribing", "m.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = run((const char *const[]){"ppu", "--month", "202401", "--json", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    NEAR(num(j, "total_savings"), 320);
    json_t *rows = json_object_get(j, "rows");
    cr_assert_eq(json_array_size(rows), 3);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 0), "org")), "P4");
    NEAR(num(json_array_get(rows, 0), "saving"), 200);
    NEAR(num(json_array_get(rows, 0), "target_price_per_unit"), 0.1);
    NEAR(num(json_array_get(rows, 2), "saving"), 40);
    json_decref(j);
    run_result_free(&r);
}

Test(cli_rx, import_memory_stays_bounded_on_a_file_larger_than_it)
{
    /* 200,000 generated rows are about 60 MB of CSV; the import must stream them. The peak RSS
     * comes from GNU time (a child forked from this test would count this process's pages too);
     * ASan's quarantine of freed memory is turned off so the peak is the program's own. */
    if (access("/usr/bin/time", X_OK) != 0)
        cr_skip_test("needs /usr/bin/time (Debian package time)");
    run_result r =
        run((const char *const[]){"gen-epd", "--rows", "200000", "--out", "g.csv", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *g = path_join(dir, "g.csv");
    struct stat st;
    cr_assert_eq(stat(g, &st), 0);
    cr_assert_gt(st.st_size, 55 << 20, "the file is %lld bytes", (long long)st.st_size);
    free(g);
    const char *old = getenv("ASAN_OPTIONS"), *bin = getenv("UNLOCK_BIN");
    cr_assert(bin, "UNLOCK_BIN is not set");
    char cmd[2 * PATH_MAX + 512];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && ASAN_OPTIONS='%s%squarantine_size_mb=0' /usr/bin/time -f %%M -o rss.txt "
             "'%s' import prescribing g.csv --db d.db >/dev/null 2>&1",
             dir, old ? old : "", old ? ":" : "", bin);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    char *rss = path_join(dir, "rss.txt");
    size_t len;
    char *text = file_read(rss, &len);
    long kb = text ? atol(text) : -1;
    cr_assert_gt(kb, 0);
    cr_assert_lt(kb, 50 * 1024, "peak RSS %ld KB importing a %lld-byte file", kb,
                 (long long)st.st_size);
    free(text);
    free(rss);
}

Test(cli_rx, gzip_files_import_like_plain_ones)
{
    char *p = path_join(dir, "m.csv.gz");
    gzFile gz = gzopen(p, "wb");
    const char *text = HEAD_NEW MONTH_ROWS("202401", "100");
    cr_assert_eq(gzwrite(gz, text, (unsigned)strlen(text)), (int)strlen(text));
    gzclose(gz);
    free(p);
    run_result r =
        run((const char *const[]){"import", "prescribing", "m.csv.gz", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "8 rows imported"), "%s", r.out);
    run_result_free(&r);
    json_t *j = measure_json("branded_atorvastatin", "202401", "practice");
    NEAR(num(org_of(j, "P1"), "value"), 10);
    json_decref(j);
}

Test(cli_rx, a_failed_reimport_leaves_the_previous_month)
{
    put("a.csv", HEAD_NEW MONTH_ROWS("202401", "100"));
    put("bad.csv", HEAD_NEW MONTH_ROWS("202401", "300")
                       ROW("202401", "S1", "P1", GEN, "1", "2", "not-a-cost"));
    run_result r =
        run((const char *const[]){"import", "prescribing", "a.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = run((const char *const[]){"import", "prescribing", "bad.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "bad.csv:10: column NIC: expected a number, got 'not-a-cost'"), "%s",
              r.err);
    run_result_free(&r);
    json_t *j = measure_json("branded_atorvastatin", "202401", "practice");
    NEAR(num(org_of(j, "P1"), "value"), 10);
    json_decref(j);
}

Test(cli_rx, one_file_with_two_months_stores_both)
{
    put("two.csv", HEAD_NEW MONTH_ROWS("202401", "100") MONTH_ROWS("202402", "300"));
    run_result r =
        run((const char *const[]){"import", "prescribing", "two.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "16 rows imported (months: 202401 202402)"), "%s", r.out);
    run_result_free(&r);
    json_t *a = measure_json("branded_atorvastatin", "202401", "practice");
    json_t *b = measure_json("branded_atorvastatin", "202402", "practice");
    NEAR(num(org_of(a, "P1"), "value"), 10);
    NEAR(num(org_of(b, "P1"), "value"), 25);
    json_decref(a);
    json_decref(b);
}

/* Every measure at every level for a month, as the command prints it. */
static char *all_measures(const char *month)
{
    run_result r = run((const char *const[]){"measure", "--all", "--month", month, "--json",
                                             "--measures", measures, "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    return out;
}

Test(cli_rx, an_import_interrupted_after_partial_writes_leaves_the_previous_months)
{
    /* 70,000 rows fill a 65,536-row block, so the new month has been written to disk in part
     * when the bad last row stops it; both months the file holds must stay as they were, and
     * no temporary file may be left behind. */
    const char *gen[][9] = {
        {"gen-epd", "--rows", "70000", "--seed", "1", "--month", "202401", "--out", "a1.csv"},
        {"gen-epd", "--rows", "3000", "--seed", "1", "--month", "202402", "--out", "a2.csv"},
        {"gen-epd", "--rows", "70000", "--seed", "2", "--month", "202401", "--out", "b1.csv"},
        {"gen-epd", "--rows", "3000", "--seed", "2", "--month", "202402", "--out", "b2.csv"}};
    for (int i = 0; i < 4; i++) {
        const char *args[10];
        memcpy(args, gen[i], sizeof gen[i]);
        args[9] = NULL;
        run_result r = run(args);
        cr_assert_eq(r.status, 0, "%s", r.err);
        run_result_free(&r);
    }
    char cmd[2 * PATH_MAX];
    /* Two months in one file each time: the second month's rows follow the first's. */
    snprintf(cmd, sizeof cmd,
             "cd '%s' && { cat a1.csv; tail -n +2 a2.csv; } > a.csv && "
             "{ cat b1.csv; tail -n +2 b2.csv; echo '202402,x,y,z,w,v,u,t,X99999,,,,,,,,"
             "0212000B0AAABAB,desc,ch,28,1,28,1,lots,1.0,false'; } > b.csv",
             dir);
    cr_assert_eq(system(cmd), 0);
    run_result r =
        run((const char *const[]){"import", "prescribing", "a.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "73000 rows imported (months: 202401 202402)"), "%s", r.out);
    run_result_free(&r);
    char *before1 = all_measures("202401"), *before2 = all_measures("202402");

    r = run((const char *const[]){"import", "prescribing", "b.csv", "--max-errors", "0", "--db",
                                  "d.db", NULL});
    cr_assert_eq(r.status, 1, "%s", r.out);
    cr_assert(strstr(r.err, "b.csv:73002: column NIC: expected a number, got 'lots'"), "%s", r.err);
    run_result_free(&r);
    char *after1 = all_measures("202401"), *after2 = all_measures("202402");
    cr_assert(strcmp(before1, after1) == 0, "202401 changed");
    cr_assert(strcmp(before2, after2) == 0, "202402 changed");
    char *rxdir = test_rx_store_of(dir, "d.db");
    snprintf(cmd, sizeof cmd,
             "cd '%s' && test \"$(ls | tr '\\n' ' ')\" = "
             "'202401.rxm 202402.rxm '",
             rxdir);
    free(rxdir);
    cr_assert_eq(system(cmd), 0, "a temporary file was left in the store");

    /* The same file with the bad row allowed for replaces both months at once. */
    r = run((const char *const[]){"import", "prescribing", "b.csv", "--max-errors", "1", "--db",
                                  "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "b.csv:73002: column NIC: expected a number, got 'lots' (skipped)"),
              "%s", r.err);
    run_result_free(&r);
    char *new1 = all_measures("202401"), *new2 = all_measures("202402");
    cr_assert(strcmp(before1, new1) != 0 && strcmp(before2, new2) != 0, "not replaced");
    free(before1), free(before2), free(after1), free(after2), free(new1), free(new2);
}

static json_t *register_json(const char *level)
{
    run_result r = run((const char *const[]){"opportunities", "--kind", "prescribing", "--level",
                                             level, "--json", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    cr_assert(j, "%s", r.out);
    run_result_free(&r);
    return j;
}

static double gbp_of(json_t *j, const char *id)
{
    json_t *items = json_object_get(j, "items");
    for (size_t i = 0; i < json_array_size(items); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(items, i), "id")), id) == 0)
            return json_number_value(json_object_get(json_array_get(items, i), "gbp"));
    cr_assert_fail("no opportunity %s", id);
    return NAN;
}

Test(cli_rx, prescribing_opportunities_add_one_level_as_worked_by_hand)
{
    /* One month of the hand-worked practices, branded atorvastatin the only measure. At the
     * median (15%) the practices save P2 £20 and P4 £140 a month (P1 -20, P3 -60: none). Price
     * per unit: generics £0.10, brands £0.50, target the 10th centile £0.10, so the brands save
     * P1 100 x 0.4 = £40, P2 200 x 0.4 = £80, P4 500 x 0.4 = £200. One month x 12 a year:
     * 240 + 1680 + 480 + 960 + 2400 = £5,760. Sub-ICBs: S1 15%, S2 25%, median 20%: S2 pays 400
     * where 400 x 0.5 + 1600 x 0.1 = 360 would do, £40 (S1 -40); ppu S1 brand 300 x 0.4 = £120
     * (under the £200 minimum), S2 £200: 12 x (40 + 200) = £2,880. */
    char *mdir = path_join(dir, "measures");
    cr_assert_eq(mkdir(mdir, 0755), 0);
    char src[PATH_MAX + 64], cmd[2 * PATH_MAX + 64];
    snprintf(src, sizeof src, "%s/branded_atorvastatin.json", measures);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s/'", src, mdir);
    cr_assert_eq(system(cmd), 0);
    setenv("UNLOCK_MEASURES", mdir, 1);
    put("m.csv", HEAD_NEW MONTH_ROWS("202401", "100"));
    run_result r =
        run((const char *const[]){"import", "prescribing", "m.csv", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);

    json_t *p = register_json("practice");
    NEAR(gbp_of(p, "prescribing:branded_atorvastatin:P2"), 240);
    NEAR(gbp_of(p, "prescribing:branded_atorvastatin:P4"), 1680);
    NEAR(gbp_of(p, "prescribing:ppu:P1"), 480);
    NEAR(gbp_of(p, "prescribing:ppu:P2"), 960);
    NEAR(gbp_of(p, "prescribing:ppu:P4"), 2400);
    cr_assert_eq(json_integer_value(json_object_get(p, "count")), 5);
    NEAR(num(p, "total_gbp"), 5760);
    NEAR(num(json_object_get(p, "by_kind"), "prescribing"), 5760);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(p, "items"), 0), "credibility")),
                     "low_data", "one month is too little to be sure");

    json_t *s = register_json("sub_icb");
    NEAR(gbp_of(s, "prescribing:branded_atorvastatin:S2"), 480);
    NEAR(gbp_of(s, "prescribing:ppu:S2"), 2400);
    cr_assert_eq(json_integer_value(json_object_get(s, "count")), 2);
    NEAR(num(s, "total_gbp"), 2880);
    json_decref(p);
    json_decref(s);

    /* A sub-ICB row can be given a status as a practice row can. */
    r = run((const char *const[]){"opportunity-status", "prescribing:ppu:S2", "in_conversation",
                                  "--note", "raised with the place", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    s = register_json("sub_icb");
    cr_assert_str_eq(json_string_value(
                         json_object_get(json_array_get(json_object_get(s, "items"), 0), "status")),
                     "in_conversation");
    json_decref(s);

    r = run((const char *const[]){"opportunities", "--level", "icb", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "level: 'icb' is not a level; expected practice or sub_icb"), "%s",
              r.err);
    run_result_free(&r);
    unsetenv("UNLOCK_MEASURES");
    free(mdir);
}

/* A server or command started from another folder finds the shipped measures beside the
 * binary, so the register and the measure pages do not silently lose prescribing. */
Test(cli_rx, the_shipped_measures_are_found_from_any_folder)
{
    char *elsewhere = tmpdir_make();
    unsetenv("UNLOCK_MEASURES");
    run_result r = unlock_run(elsewhere, NULL, (const char *const[]){"measures", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "branded_omeprazole"), "%s", r.out);
    run_result_free(&r);
    tmpdir_remove(elsewhere);
    free(elsewhere);
}
