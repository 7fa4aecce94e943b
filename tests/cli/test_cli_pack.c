/* unlock pack: the real binary on the demo system, to HTML and to PDF. */
#include "support/support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dir;

static void setup(void)
{
    dir = tmpdir_make();
    run_result r = unlock_run(dir, NULL, (const char *const[]){"demo", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(cli_pack, .init = setup, .fini = teardown, .timeout = 120);

#define RUN(...) unlock_run(dir, NULL, (const char *const[]){__VA_ARGS__, "--db", "d.db", NULL})

Test(cli_pack, writes_the_pack_to_standard_output_or_a_file)
{
    run_result r = RUN("pack", "RNV", "--today", "2026-12-20");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strncmp(r.out, "<!DOCTYPE html>\n", 16) == 0);
    cr_assert(
        strstr(r.out, "<h1>Conversation pack: Northvale Hospitals NHS Foundation Trust</h1>"));
    cr_assert(strstr(r.out, "overdue: due 12 December 2026"));
    run_result_free(&r);

    r = RUN("pack", "RNV", "--today", "2026-12-20", "--out", "rnv.html");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "", "with --out nothing goes to standard output");
    char *path = path_join(dir, "rnv.html");
    char *html = file_read(path, NULL);
    cr_assert_not_null(html);
    cr_assert(strstr(html, "Prepared 20 December 2026"));
    free(html);
    free(path);
    run_result_free(&r);
}

Test(cli_pack, mistakes_are_named_and_write_nothing)
{
    run_result r = RUN("pack", "NOPE", "--out", "x.html");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "no organisation with code 'NOPE'"), "%s", r.err);
    run_result_free(&r);
    r = RUN("pack", "RNV", "--today", "20-12-2026", "--out", "x.html");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "today: expected a date written YYYY-MM-DD, not '20-12-2026'"), "%s",
              r.err);
    run_result_free(&r);
    r = RUN("pack", "RNV", "--service", "SVC-EOL-IPU");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "RNV has no service with code 'SVC-EOL-IPU'"), "%s", r.err);
    run_result_free(&r);
    char *path = path_join(dir, "x.html");
    cr_assert_neq(access(path, F_OK), 0);
    free(path);
    r = RUN("pack");
    cr_assert_eq(r.status, 1);
    run_result_free(&r);
}

Test(cli_pack, pdf_without_chromium_says_how_to_get_it)
{
    setenv("UNLOCK_CHROMIUM", "/nonexistent/chromium", 1);
    run_result r = RUN("pack", "RNV", "--pdf", "rnv.pdf");
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "--pdf: no Chromium at /nonexistent/chromium to print with (install "
                            "it with `apt-get install chromium`"),
              "%s", r.err);
    run_result_free(&r);
}

Test(cli_pack, a_failing_chromium_is_reported_and_writes_no_pdf)
{
    setenv("UNLOCK_CHROMIUM", "/bin/false", 1);
    run_result r = RUN("pack", "RNV", "--pdf", "rnv.pdf");
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "--pdf: /bin/false failed (exit status 1)"), "%s", r.err);
    run_result_free(&r);
    char *path = path_join(dir, "rnv.pdf");
    cr_assert_neq(access(path, F_OK), 0);
    free(path);
}

/* Pages in a PDF: "/Type /Page" objects, not the "/Type /Pages" tree (the file holds binary
 * streams, so it is searched byte by byte rather than as a string). */
static int has_bytes(const char *pdf, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(pdf + i, needle, n) == 0)
            return 1;
    return 0;
}

static int pages(const char *pdf, size_t len)
{
    int n = 0;
    for (size_t i = 0; i + 11 <= len; i++) {
        if (memcmp(pdf + i, "/Type", 5) != 0)
            continue;
        size_t j = i + 5;
        while (j < len && pdf[j] == ' ')
            j++;
        n += j + 6 <= len && memcmp(pdf + j, "/Page", 5) == 0 && pdf[j + 5] != 's';
    }
    return n;
}

Test(cli_pack, prints_at_most_two_a4_pages_with_chromium)
{
    if (access("/usr/bin/chromium", X_OK) != 0 && !getenv("UNLOCK_CHROMIUM"))
        cr_skip_test("no Chromium");
    run_result r = RUN("pack", "RNV", "--today", "2026-12-20", "--pdf", "rnv.pdf");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *path = path_join(dir, "rnv.pdf");
    size_t len;
    char *pdf = file_read(path, &len);
    cr_assert_not_null(pdf);
    cr_assert(len > 1000 && strncmp(pdf, "%PDF-", 5) == 0);
    int n = pages(pdf, len);
    cr_assert(n >= 1 && n <= 2, "%d pages", n);
    /* A4 is 595 x 842 points. */
    cr_assert(has_bytes(pdf, len, "/MediaBox [0 0 594.95996 841.91998]"), "not A4");
    free(pdf);
    free(path);
}
