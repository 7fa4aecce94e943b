#include "util/strbuf.h"

#include <criterion/criterion.h>
#include <stdlib.h>

static char *number(double v)
{
    strbuf sb = STRBUF_INIT;
    strbuf_add_number(&sb, v);
    return strbuf_detach(&sb, NULL);
}

Test(strbuf, numbers_take_their_shortest_exact_form)
{
    struct {
        double v;
        const char *text;
    } cases[] = {
        {0, "0"},
        {-0.0, "0"},
        {12, "12"},
        {3.5, "3.5"},
        {0.1, "0.1"},
        {1.0 / 3, "0.3333333333333333"},
        {412000000, "412000000"},
        {-7, "-7"},
        {1712.0 / 1893 * 100, "90.43845747490755"} /* Python repr() agrees */,
        {1e-7, "1e-07"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = number(cases[i].v);
        cr_expect_str_eq(s, cases[i].text);
        cr_expect_eq(strtod(s, NULL), cases[i].v, "%s must read back exactly", s);
        free(s);
    }
}

Test(strbuf, csv_fields_are_quoted_only_when_needed)
{
    strbuf sb = STRBUF_INIT;
    strbuf_add_csv_field(&sb, "plain");
    strbuf_addc(&sb, ',');
    strbuf_add_csv_field(&sb, "Smith, J");
    strbuf_addc(&sb, ',');
    strbuf_add_csv_field(&sb, "say \"hi\"");
    strbuf_addc(&sb, ',');
    strbuf_add_csv_field(&sb, "two\nlines");
    cr_assert_str_eq(strbuf_str(&sb), "plain,\"Smith, J\",\"say \"\"hi\"\"\",\"two\nlines\"");
    strbuf_free(&sb);
}

Test(strbuf, addf_grows_past_the_first_block)
{
    strbuf sb = STRBUF_INIT;
    for (int i = 0; i < 1000; i++)
        strbuf_addf(&sb, "%04d", i);
    cr_assert_eq(sb.len, 4000);
    cr_assert_eq(strncmp(sb.buf + 3996, "0999", 4), 0);
    strbuf_free(&sb);
}
