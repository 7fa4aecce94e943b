/* fuzz replay: every committed fuzz input (fuzz/corpus/NAME and fuzz/regressions/NAME) run
 * through its target's body in the normal sanitized test binary, on the back end the suite
 * runs on, so a crash the fuzzers once found cannot come back unnoticed between fuzzing runs.
 * Each input must be accepted or refused with a user error; and inputs known to be bad must
 * still be refused with the message a user would see. Run from the project root. */
#include "../../fuzz/fuzz.h"
#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void setup(void)
{
    err e = {0};
    char *url = test_db_scratch_url();
    cr_assert_eq(fuzz_setup(url, &e), 0, "%s", e.msg);
    free(url);
}

TestSuite(fuzz_replay, .init = setup, .fini = fuzz_teardown, .timeout = 300);

/* Runs one input file; returns the target's result with e filled. */
static int run_file(const fuzz_target *t, const char *path, err *e)
{
    size_t n;
    char *data = file_read(path, &n);
    cr_assert_not_null(data, "cannot read %s", path);
    int rc = t->one((const uint8_t *)data, n, e);
    free(data);
    cr_expect_neq(e->kind, ERR_INTERNAL, "%s: an internal error from bad input: %s", path, e->msg);
    return rc;
}

/* Every file of dir/NAME (a folder that may not exist); returns how many ran. */
static int replay_dir(const fuzz_target *t, const char *dir)
{
    char folder[256];
    snprintf(folder, sizeof folder, "%s/%s", dir, t->name);
    DIR *d = opendir(folder);
    if (!d)
        return 0;
    int count = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *path = path_join(folder, de->d_name);
        err e = {0};
        run_file(t, path, &e);
        free(path);
        count++;
    }
    closedir(d);
    return count;
}

static void replay(const char *name)
{
    const fuzz_target *t = fuzz_target_find(name);
    cr_assert_not_null(t, "no fuzz target %s", name);
    int seeds = replay_dir(t, "fuzz/corpus");
    replay_dir(t, "fuzz/regressions");
    cr_assert_geq(seeds, 5, "fuzz/corpus/%s: %d seeds (run the tests from the project root)", name,
                  seeds);
}

/* A committed input that must be refused with this message (the whole of it, or all of it
 * after the scratch path of a file the target wrote). */
static void expect_refused(const char *name, const char *file, const char *message)
{
    char path[256];
    snprintf(path, sizeof path, "fuzz/corpus/%s/%s", name, file);
    err e = {0};
    cr_assert_eq(run_file(fuzz_target_find(name), path, &e), -1, "%s was accepted", path);
    cr_expect_eq(e.kind, ERR_USER, "%s", e.msg);
    size_t n = strlen(e.msg), m = strlen(message);
    cr_expect(n >= m && strcmp(e.msg + n - m, message) == 0 &&
                  (n == m || strncmp(e.msg, fuzz_dir(), strlen(fuzz_dir())) == 0),
              "%s: expected '%s', got '%s'", path, message, e.msg);
}

/* A committed input that must be accepted. */
static void expect_accepted(const char *name, const char *file)
{
    char path[256];
    snprintf(path, sizeof path, "fuzz/corpus/%s/%s", name, file);
    err e = {0};
    cr_expect_eq(run_file(fuzz_target_find(name), path, &e), 0, "%s: %s", path, e.msg);
}

Test(fuzz_replay, csv)
{
    replay("csv");
    expect_accepted("csv", "quoted.csv");
    expect_refused("csv", "unclosed_quote.csv",
                   "fuzz.csv:2: a quoted field is never closed (missing '\"')");
    expect_refused("csv", "text_after_quote.csv",
                   "fuzz.csv:2: field 1: text after the closing quote");
}

Test(fuzz_replay, epd)
{
    replay("epd");
    expect_accepted("epd", "new_layout.csv");
    expect_accepted("epd", "new_layout.csv.gz");
    expect_refused("epd", "missing_columns.csv",
                   "/epd.csv:1: missing column(s) PRACTICE_NAME, PCO_CODE, BNF_DESCRIPTION, ITEMS, "
                   "QUANTITY, TOTAL_QUANTITY, NIC, ACTUAL_COST (an English Prescribing Dataset "
                   "file needs YEAR_MONTH, PRACTICE_CODE, PRACTICE_NAME, PCO_CODE, BNF_CODE, "
                   "BNF_DESCRIPTION, ITEMS, QUANTITY, TOTAL_QUANTITY, NIC, ACTUAL_COST)");
    expect_accepted("epd", "bad_rows.csv"); /* three bad rows skipped, the fourth is good */
}

Test(fuzz_replay, json)
{
    replay("json");
    expect_accepted("json", "organisation.json");
    expect_refused("json", "nul_in_string.json",
                   "400: malformed JSON at line 1, column 35: \\u0000 is not allowed without "
                   "JSON_ALLOW_NUL near '\"Bad\\u0000name\"'");
    expect_refused(
        "json", "duplicate_keys.json",
        "400: malformed JSON at line 1, column 19: duplicate object key near '\"code\"'");
    expect_refused("json", "deep.json",
                   "400: JSON nested more than 32 levels deep at line 1, column 33");
}

Test(fuzz_replay, url)
{
    replay("url");
    expect_accepted("url", "orgs.txt");
    expect_accepted("url", "post.txt");
    expect_accepted("url", "route_indicators_code_spc.txt");
    expect_accepted("url", "route_organisations_code_pack.txt");
    expect_refused("url", "provider_writes_other_org.txt",
                   "403: a provider may change only its own organisation's organisations");
    /* A NUL in a body never reaches a handler: Jansson refuses it without JSON_ALLOW_NUL. */
    expect_refused("url", "nul_in_body.txt",
                   "400: malformed JSON at line 1, column 31: \\u0000 is not allowed without "
                   "JSON_ALLOW_NUL near '\"a\\u0000b\"'");
    expect_refused("url", "anon.txt",
                   "401: not signed in (or the session has ended): sign in with POST "
                   "/api/v1/session");
}

/* The list of a kind named the last unknown query parameter, not the first: its check went
 * on past a bad one (found with fuzz/corpus/url/unknown_query.txt). */
Test(fuzz_replay, a_list_names_the_first_bad_query_parameter)
{
    expect_refused("url", "unknown_query.txt",
                   "400: unknown query parameter 'nope': filter by a field of organisations, or "
                   "use limit, offset and sort");
}

Test(fuzz_replay, import)
{
    replay("import");
    expect_accepted("import", "organisations.csv");
    expect_accepted("import", "fft.csv");
    expect_refused("import", "unknown_column.csv",
                   "fuzz.csv:1: unknown column 'nope' for organisations; the known columns are: "
                   "code (required), name (required), kind (required), parent");
    expect_refused("import", "fft_bad.csv",
                   "fuzz.csv:2: column 'dont_know': value '0': no answers in the row: a score "
                   "needs at least one");
}

/* fuzz/regressions/import/huge_whole_number.csv: a touchpoint's n of 3.9e37 passed its only
 * bound (1 or more) and was then converted to a 64-bit integer, which is undefined. */
Test(fuzz_replay, a_whole_number_past_15_digits_is_refused)
{
    static const char in[] = "touchpoints\nstory,n,stage,emotion,valence\n"
                             "ST-1,38888888888888888888888888888888888888,diagnosis,shocked,-1\n";
    err e = {0};
    cr_assert_eq(fuzz_import((const uint8_t *)in, strlen(in), &e), -1);
    cr_expect_str_eq(e.msg,
                     "fuzz.csv:2: column 'n': value '38888888888888888888888888888888888888': "
                     "expected the touchpoint's place in the story, from 1 (a whole number of at "
                     "most 15 digits)");
    static const char ok[] = "touchpoints\nstory,n,stage,emotion,valence\n"
                             "ST-1,999999999999999,diagnosis,shocked,-1\n";
    err e2 = {0};
    cr_expect_eq(fuzz_import((const uint8_t *)ok, strlen(ok), &e2), 0, "%s", e2.msg);
}

/* The FFT and ERIC readers took fields as C strings: "RNV\0X" was read as RNV without a word
 * (the entity importer already refused a NUL byte). */
Test(fuzz_replay, a_nul_byte_in_an_fft_or_eric_file_is_refused)
{
    err e = {0};
    cr_assert_eq(
        run_file(fuzz_target_find("import"), "fuzz/regressions/import/fft_nul_in_code.csv", &e),
        -1);
    cr_expect_str_eq(e.msg, "fuzz.csv:2: field 2 holds a NUL byte (is it a text file?)");
    err f = {0};
    cr_assert_eq(
        run_file(fuzz_target_find("import"), "fuzz/regressions/import/eric_nul_in_code.csv", &f),
        -1);
    cr_expect_str_eq(f.msg, "ERIC - 202324 - Site Data.csv:2: field 2 holds a NUL byte (is it a "
                            "text file?)");
}
