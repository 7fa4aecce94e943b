/* `unlock funnel --csv` and `unlock spc --csv` on bad files: every refusal
 * names the file, the line and the column, and exits 1. */
#include "support/support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void)
{
    dir = tmpdir_make();
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(cli_stats_csv, .init = setup, .fini = teardown, .timeout = 60);

typedef struct bad_file {
    const char *command; /* "funnel" or "spc" */
    const char *text;
    const char *type; /* --type for a funnel, or NULL */
    const char *message;
} bad_file;

static void expect_refused(const bad_file *b)
{
    char *path = path_join(dir, "in.csv");
    file_write(path, b->text);
    const char *args[] = {b->command, "--csv", "in.csv", b->type ? "--type" : NULL, b->type, NULL};
    run_result r = unlock_run(dir, NULL, args);
    cr_expect_eq(r.status, 1, "%s on %s: status %d", b->command, b->text, r.status);
    cr_expect_str_eq(r.err, b->message, "%s on %s", b->command, b->text);
    cr_expect_str_eq(r.out, "", "nothing printed for a refused file");
    run_result_free(&r);
    free(path);
}

Test(cli_stats_csv, funnel_refusals_name_file_line_and_column)
{
    static const bad_file cases[] = {
        {"funnel", "org,numerator,denominator\nA,10,100\nB,ten,200\n", NULL,
         "unlock: in.csv:3: column 'numerator': value 'ten': expected a number\n"},
        {"funnel", "org,numerator,denominator\nA,10,100\nB,3,0\n", NULL,
         "unlock: in.csv:3: column 'denominator': value '0': expected a number more than 0\n"},
        {"funnel", "org,numerator,denominator\nA,10,100\nB,3,-5\n", "ratio",
         "unlock: in.csv:3: column 'denominator': value '-5': expected a number more than 0\n"},
        {"funnel", "org,numerator,denominator\nA,10,100\nB,30,20\n", NULL,
         "unlock: in.csv:3: column 'numerator': value '30' is larger than the denominator '20'; "
         "a proportion counts some of its denominator\n"},
        {"funnel", "org,numerator,denominator\nA,-1,100\nB,3,20\n", "rate",
         "unlock: in.csv:2: column 'numerator': value '-1': must not be negative\n"},
        {"funnel", "org,numerator,denominator\nA,10,100\n", NULL,
         "unlock: in.csv: 1 data row; at least 2 are needed\n"},
        {"funnel", "org,numerator,denominator\n", NULL,
         "unlock: in.csv: 0 data rows; at least 2 are needed\n"},
        {"funnel", "org,numerator\nA,10\nB,20\n", NULL,
         "unlock: in.csv:1: no column 'denominator'; the columns are org,numerator,denominator\n"},
        {"funnel", "org,numerator,denominator,notes\nA,1,2,x\n", NULL,
         "unlock: in.csv:1: unknown column 'notes'; the columns are org,numerator,denominator\n"},
        {"funnel", "org,numerator,denominator\nA,1,2\nB,1\n", NULL,
         "unlock: in.csv:3: 2 fields, but the header has 3 columns\n"},
        {"funnel", "org,numerator,denominator\nA,1,2\n,1,2\n", NULL,
         "unlock: in.csv:3: column 'org': empty; every row needs one\n"},
        {"funnel", "org,numerator,denominator\nA,1,2\nB,1,2\nA,1,3\n", NULL,
         "unlock: in.csv:4: column 'org': value 'A' is already on line 2\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_refused(&cases[i]);
}

Test(cli_stats_csv, spc_refusals_name_file_line_and_column)
{
    static const bad_file cases[] = {
        {"spc", "period,value\n2024-01,10\n2024-02,ten\n", NULL,
         "unlock: in.csv:3: column 'value': value 'ten': expected a number\n"},
        {"spc", "period,value\n2024-01,10\n2024-02,\n", NULL,
         "unlock: in.csv:3: column 'value': value '': expected a number\n"},
        {"spc", "period,value\n2024-01,10\n2024-02,1e999\n", NULL,
         "unlock: in.csv:3: column 'value': value '1e999': expected a number\n"},
        {"spc", "period,value\n2024-01,10\n", NULL,
         "unlock: in.csv: 1 data row; at least 2 are needed\n"},
        {"spc", "period\n2024-01\n2024-02\n", NULL,
         "unlock: in.csv:1: no column 'value'; the columns are period,value\n"},
        {"spc", "period,value\n2024-01,10\n,11\n", NULL,
         "unlock: in.csv:3: column 'period': empty; every row needs one\n"},
        {"spc", "period,value\n2024-01,10\n2024-02,11\n2024-01,12\n", NULL,
         "unlock: in.csv:4: column 'period': value '2024-01' is already on line 2\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_refused(&cases[i]);
}

Test(cli_stats_csv, a_good_file_in_any_column_order_is_read)
{
    char *path = path_join(dir, "in.csv");
    /* Columns in another order, and a ratio whose observed count exceeds its expected one. */
    file_write(path, "denominator,org,numerator\n20,A,30\n40,B,35\n");
    run_result r = unlock_run(
        dir, NULL, (const char *const[]){"funnel", "--csv", "in.csv", "--type", "ratio", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "funnel plot of 2 organisations (ratio), average 1") != NULL, "%s",
              r.out);
    run_result_free(&r);
    free(path);
}
