/* The real `unlock` binary against temporary databases. */
#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void make_dir(void)
{
    dir = tmpdir_make();
}

static void remove_dir(void)
{
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(cli, .init = make_dir, .fini = remove_dir, .timeout = 120);

#define RUN(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, NULL})

static const char *const KINDS[] = {"organisations", "people",     "sites",        "services",
                                    "contracts",     "indicators", "observations", "unit-costs"};
#define NKINDS 8

Test(cli, every_command_has_help)
{
    const char *commands[] = {"init",    "demo",    "import",      "list",  "show",
                              "export",  "summary", "review",      "audit", "backup",
                              "restore", "alerts",  "conversation"};
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        run_result r = RUN(commands[i], "--help");
        cr_expect_eq(r.status, 0, "%s --help", commands[i]);
        char want[64];
        snprintf(want, sizeof want, "usage: unlock %s", commands[i]);
        cr_expect(strstr(r.out, want) == r.out, "%s", r.out);
        cr_expect(strstr(r.out, "--help") != NULL);
        run_result_free(&r);
    }
    run_result r = RUN("--help");
    cr_assert_eq(r.status, 0);
    cr_assert(
        strstr(r.out, "  import              Load a CSV file of one kind into the database.") !=
            NULL,
        "%s", r.out);
    run_result_free(&r);
}

Test(cli, mistakes_exit_1_with_a_message)
{
    run_result r = RUN("frobnicate");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "unknown command 'frobnicate'") != NULL, "%s", r.err);
    run_result_free(&r);

    r = RUN("list", "organisations", "--colour");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "unlock list: unknown option '--colour'") != NULL, "%s", r.err);
    run_result_free(&r);

    /* A missing file is SQLite's case: on PostgreSQL a database is made by its server. */
    if (!test_pg_enabled()) {
        r = RUN("list", "organisations", "--db", "none.db");
        cr_assert_eq(r.status, 1);
        cr_assert(strstr(r.err, "unlock: no database at none.db: create one with `unlock init`") ==
                      r.err,
                  "%s", r.err);
        run_result_free(&r);
    }

    r = RUN("init", "--db", "x.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = RUN("list", "widgets", "--db", "x.db");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err,
                     "unlock: unknown kind 'widgets'; the kinds are: organisations, "
                     "people, sites, services, contracts, indicators, observations, "
                     "unit-costs, programmes, events, attendees, priorities, pledges, "
                     "workstreams, champions, goals, projects, pdsa-cycles, stories, touchpoints, "
                     "experience-measures, "
                     "learning-sessions, learning-members\n");
    run_result_free(&r);
}

static void write_orgs(const char *name, int bad_line)
{
    char *path = path_join(dir, name);
    FILE *f = fopen(path, "w");
    fprintf(f, "code,name,kind,parent\nQNV,Northvale ICB,icb,\nP1,\"North, Place\",place,QNV\n");
    for (int line = 4; line <= 80; line++)
        fprintf(f, "B%05d,Practice %d,%s,P1\n", line, line,
                line == bad_line ? "practise" : "practice");
    fclose(f);
    free(path);
}

Test(cli, bad_value_on_line_57_is_named_and_nothing_changes)
{
    write_orgs("good.csv", 0);
    write_orgs("bad.csv", 57);
    run_result r = RUN("init", "--db", "t.db");
    run_result_free(&r);
    r = RUN("import", "organisations", "good.csv", "--db", "t.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "good.csv: 79 organisations imported (79 created, 0 updated, 0 "
                            "unchanged)\n");
    run_result_free(&r);

    /* The bad file also renames the ICB on line 2, which must not stick. */
    char *bad = path_join(dir, "bad.csv");
    char *text = file_read(bad, NULL);
    memcpy(strstr(text, "Northvale ICB"), "Southvale", 9);
    file_write(bad, text);
    free(text);
    free(bad);

    run_result before = RUN("export", "organisations", "--db", "t.db");
    r = RUN("import", "organisations", "bad.csv", "--db", "t.db");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: bad.csv:57: column 'kind': value 'practise': expected one "
                            "of: icb, sub_icb, place, pcn, practice, acute_trust, "
                            "community_trust, mental_health_trust, hospice, gp_federation, "
                            "voluntary, local_authority, other\n");
    run_result_free(&r);
    run_result after = RUN("export", "organisations", "--db", "t.db");
    cr_assert_str_eq(after.out, before.out);
    cr_assert_eq(count_of(after.out, "\n"), 80);
    cr_assert(strstr(after.out, "Southvale") == NULL);
    run_result_free(&before);
    run_result_free(&after);
}

/* Exports every kind into files named PREFIX-KIND.csv and returns them concatenated. */
static char *export_all(const char *db, const char *prefix)
{
    size_t total = 0;
    char *all = calloc(1, 1);
    for (int k = 0; k < NKINDS; k++) {
        char name[128];
        snprintf(name, sizeof name, "%s-%s.csv", prefix, KINDS[k]);
        run_result r = RUN("export", KINDS[k], "--out", name, "--db", db);
        cr_assert_eq(r.status, 0, "%s", r.err);
        run_result_free(&r);
        char *path = path_join(dir, name);
        size_t n;
        char *text = file_read(path, &n);
        all = realloc(all, total + n + 1);
        memcpy(all + total, text, n + 1);
        total += n;
        free(text);
        free(path);
    }
    return all;
}

/* Three demos: on PostgreSQL under the sanitizers that alone can take a minute on a busy
 * machine, so this one is bounded more loosely than the suite. */
Test(cli, demo_twice_gives_identical_exports_and_round_trips_byte_for_byte, .timeout = 360)
{
    run_result r = RUN("demo", "--db", "a.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = RUN("demo", "--db", "b.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    /* A second demo into the same database changes nothing. */
    r = RUN("demo", "--db", "b.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(count_of(r.out, "(0 created, 0 updated,"), NKINDS, "%s", r.out);
    run_result_free(&r);

    char *a = export_all("a.db", "a");
    char *b = export_all("b.db", "b");
    cr_assert(strlen(a) > 100000, "the demo exports %zu bytes", strlen(a));
    cr_assert(strcmp(a, b) == 0, "two demo databases export differently");

    r = RUN("init", "--db", "c.db");
    run_result_free(&r);
    for (int k = 0; k < NKINDS; k++) {
        char name[128];
        snprintf(name, sizeof name, "a-%s.csv", KINDS[k]);
        r = RUN("import", KINDS[k], name, "--db", "c.db");
        cr_assert_eq(r.status, 0, "%s", r.err);
        run_result_free(&r);
    }
    char *c = export_all("c.db", "c");
    cr_assert(strcmp(a, c) == 0, "export -> import -> export is not byte-identical");
    free(a);
    free(b);
    free(c);
}

Test(cli, list_show_and_summary_read_the_demo)
{
    run_result r = RUN("demo", "--db", "d.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);

    r = RUN("list", "organisations", "--json", "--db", "d.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(count_of(r.out, "\"kind\": \"icb\""), 1);
    cr_assert_eq(count_of(r.out, "\"kind\": \"place\""), 3);
    run_result_free(&r);

    r = RUN("list", "people", "--limit", "5", "--db", "d.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "key ") == r.out, "%s", r.out);
    cr_assert(strstr(r.out, "(5 people)\n") != NULL, "%s", r.out);
    run_result_free(&r);

    /* The first observation in key order, shown by its three key words. */
    r = RUN("list", "observations", "--json", "--limit", "1", "--db", "d.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    char ind[64], org[64], period[16];
    cr_assert_eq(sscanf(strstr(r.out, "\"indicator\": \"") + 14, "%63[^\"]", ind), 1);
    cr_assert_eq(sscanf(strstr(r.out, "\"organisation\": \"") + 17, "%63[^\"]", org), 1);
    cr_assert_eq(sscanf(strstr(r.out, "\"period\": \"") + 11, "%15[^\"]", period), 1);
    run_result_free(&r);
    r = RUN("show", "observations", ind, org, period, "--db", "d.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "indicator     ") == r.out, "%s", r.out);
    run_result_free(&r);
    r = RUN("show", "organisations", "NOPE", "--db", "d.db");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "unlock: no organisation 'NOPE'\n");
    run_result_free(&r);

    r = RUN("summary", "--json", "--db", "d.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "\"icb\": \"") != NULL, "%s", r.out);
    run_result_free(&r);
    r = RUN("summary", "--db", "d.db");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "Practices by place") != NULL, "%s", r.out);
    run_result_free(&r);
}

Test(cli, unlock_db_environment_variable_picks_the_database)
{
    TEST_SQLITE_ONLY("it looks for the file UNLOCK_DB names");
    setenv("UNLOCK_DB", "env.db", 1);
    run_result r = RUN("init");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "env.db: schema created") == r.out, "%s", r.out);
    run_result_free(&r);
    char *path = path_join(dir, "env.db");
    char *text = file_read(path, NULL);
    cr_assert_not_null(text);
    free(text);
    free(path);
    unsetenv("UNLOCK_DB");
}

Test(cli, import_reads_standard_input)
{
    run_result r = RUN("init", "--db", "s.db");
    run_result_free(&r);
    char *csv = path_join(dir, "in.csv");
    file_write(csv, "code,name,kind\nQNV,Northvale ICB,icb\n");
    const char *args[] = {"import", "orgs", "-", "--db", "s.db", NULL};
    r = unlock_run(dir, csv, args);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "-: 1 organisation imported (1 created, 0 updated, 0 unchanged)\n");
    run_result_free(&r);
    free(csv);
}

Test(cli, import_names_every_bad_row_and_keeps_none)
{
    run_result r = RUN("init", "--db", "m.db");
    run_result_free(&r);
    char *csv = path_join(dir, "many.csv");
    file_write(csv, "code,name,kind,parent\n"
                    "QNV,Northvale ICB,icb,\n"
                    "P1,Place,plaice,QNV\n"
                    "P2,Place two,place,NOWHERE\n"
                    "P3,Place three,place\n");
    free(csv);
    r = RUN("import", "organisations", "many.csv", "--db", "m.db");
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err,
                     "unlock: many.csv:3: column 'kind': value 'plaice': expected one of: icb, "
                     "sub_icb, place, pcn, practice, acute_trust, community_trust, "
                     "mental_health_trust, hospice, gp_federation, voluntary, local_authority, "
                     "other\n"
                     "unlock: many.csv:4: column 'parent': value 'NOWHERE': no organisation with "
                     "this code in the database or this file\n"
                     "unlock: many.csv:5: 3 fields, but the header has 4 columns\n"
                     "unlock: many.csv: 3 problems; nothing was imported (an import is all or "
                     "nothing)\n");
    run_result_free(&r);
    r = RUN("list", "organisations", "--db", "m.db");
    cr_expect(strstr(r.out, "QNV") == NULL, "the good row must not be kept: %s", r.out);
    run_result_free(&r);
}
