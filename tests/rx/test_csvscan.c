/* rx csvscan: record splitting (quotes, commas, doubled quotes, CRLF, a missing last line end)
 * and the hand-written number parser against strtod. */
#include "rx/csvscan.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static int field_is(const rx_field *f, const char *want)
{
    char buf[256];
    rx_field_copy(f, buf, sizeof buf);
    return strcmp(buf, want) == 0;
}

Test(rx_csvscan, quoted_commas_doubled_quotes_crlf_and_no_final_newline)
{
    char *dir = tmpdir_make(), *path = path_join(dir, "a.csv");
    file_write(path, "A,B,C\r\n"
                     "\"x, y\",\"say \"\"hi\"\"\",3.5\r\n"
                     "plain,,\"\"\r\n"
                     "\"two\nlines\",b,c\n"
                     "last,row,9");
    rx_scan s;
    err e = {0};
    cr_assert_eq(rx_scan_open(&s, path, &e), 0, "%s", e.msg);
    cr_assert_eq(rx_scan_next(&s, &e), 1);
    cr_assert_eq(s.nf, 3);
    cr_assert(field_is(&s.f[2], "C"), "CR must not stay on the last field");
    cr_assert_eq(rx_scan_next(&s, &e), 1);
    cr_assert_eq(s.line, 2);
    cr_assert(field_is(&s.f[0], "x, y"));
    cr_assert(field_is(&s.f[1], "say \"hi\""));
    cr_assert(field_is(&s.f[2], "3.5"));
    cr_assert_eq(rx_scan_next(&s, &e), 1);
    cr_assert_eq(s.nf, 3);
    cr_assert_eq(s.f[1].len, 0);
    cr_assert_eq(s.f[2].len, 0);
    cr_assert_eq(rx_scan_next(&s, &e), 1);
    cr_assert(field_is(&s.f[0], "two\nlines"));
    cr_assert_eq(rx_scan_next(&s, &e), 1);
    cr_assert_eq(s.line, 6, "a line break inside quotes counts as a line");
    cr_assert(field_is(&s.f[2], "9"));
    cr_assert_eq(rx_scan_next(&s, &e), 0);
    rx_scan_close(&s);
    tmpdir_remove(dir);
    free(path);
    free(dir);
}

Test(rx_csvscan, unclosed_quote_is_an_error_with_its_line)
{
    char *dir = tmpdir_make(), *path = path_join(dir, "b.csv");
    file_write(path, "A,B\n1,\"open\n");
    rx_scan s;
    err e = {0};
    cr_assert_eq(rx_scan_open(&s, path, &e), 0);
    cr_assert_eq(rx_scan_next(&s, &e), 1);
    cr_assert_eq(rx_scan_next(&s, &e), -1);
    cr_assert(strstr(e.msg, "b.csv:2: a quoted field is not closed"), "%s", e.msg);
    rx_scan_close(&s);
    tmpdir_remove(dir);
    free(path);
    free(dir);
}

Test(rx_csvscan, numbers_match_strtod_exactly)
{
    const char *ok[] = {"0",
                        "5",
                        "60.0",
                        "2.09144",
                        "-3.25",
                        "0.1",
                        "123456.78901",
                        "0.00001",
                        "1e3",
                        "9007199254740993",
                        "42.424242424242424242",
                        " 7 "};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v;
        cr_assert_eq(rx_parse_number(ok[i], strlen(ok[i]), &v), 0, "%s", ok[i]);
        cr_assert_eq(v, strtod(ok[i], NULL), "%s: %.17g", ok[i], v);
    }
    const char *bad[] = {"", "x", "1x", "1.2.3", "-", ".", "1,5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v;
        cr_assert_eq(rx_parse_number(bad[i], strlen(bad[i]), &v), -1, "'%s'", bad[i]);
    }
}
