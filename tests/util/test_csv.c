#include "util/csv.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Collects records as "line|f1|f2|...\n" so a test compares one string. */
typedef struct collected {
    char text[8192];
    size_t n;
    int stop_at; /* record number to fail on, 0 = never */
    int records;
} collected;

static int collect(void *ctx, const csv_record *rec, err *e)
{
    collected *c = ctx;
    c->records++;
    if (c->stop_at && c->records == c->stop_at)
        return err_user(e, "%ld: stopped by the callback", rec->line);
    c->n += (size_t)snprintf(c->text + c->n, sizeof c->text - c->n, "%ld", rec->line);
    for (size_t i = 0; i < rec->count; i++)
        c->n += (size_t)snprintf(c->text + c->n, sizeof c->text - c->n, "|%s", rec->fields[i]);
    c->n += (size_t)snprintf(c->text + c->n, sizeof c->text - c->n, "\n");
    return 0;
}

static int parse(const char *input, collected *c, err *e)
{
    return csv_read_buffer("t.csv", input, strlen(input), collect, c, e);
}

Test(csv, plain_records_with_line_numbers)
{
    collected c = {0};
    err e = {0};
    cr_assert_eq(parse("a,b,c\n1,2,3\n", &c, &e), 0);
    cr_assert_str_eq(c.text, "1|a|b|c\n2|1|2|3\n");
}

Test(csv, quoted_fields_hold_commas_quotes_and_newlines)
{
    collected c = {0};
    err e = {0};
    cr_assert_eq(
        parse("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"two\nlines\",x\nlast,y\n", &c, &e),
        0);
    /* The record with a line break starts on line 3; the next one on line 5. */
    cr_assert_str_eq(c.text, "1|name|note\n2|Smith, J|said \"hi\"\n3|two\nlines|x\n5|last|y\n");
}

Test(csv, crlf_bom_blank_lines_and_missing_final_newline)
{
    collected c = {0};
    err e = {0};
    cr_assert_eq(parse("\xEF\xBB\xBF"
                       "a,b\r\n\r\n1,2\r\n3,",
                       &c, &e),
                 0);
    cr_assert_str_eq(c.text, "1|a|b\n3|1|2\n4|3|\n");
}

Test(csv, empty_fields_and_empty_quoted_fields)
{
    collected c = {0};
    err e = {0};
    cr_assert_eq(parse(",,\n\"\",x,\"\"\n", &c, &e), 0);
    cr_assert_str_eq(c.text, "1|||\n2||x|\n");
}

Test(csv, byte_at_a_time_gives_the_same_records)
{
    const char *input = "\xEF\xBB\xBF"
                        "a,\"b,\"\"c\"\r\nd\r\n\"e\nf\",g";
    collected whole = {0}, bytes = {0};
    err e = {0};
    cr_assert_eq(parse(input, &whole, &e), 0);
    csv_reader *r = csv_new(collect, &bytes);
    for (size_t i = 0; i < strlen(input); i++)
        cr_assert_eq(csv_feed(r, input + i, 1, &e), 0, "%s", e.msg);
    cr_assert_eq(csv_finish(r, &e), 0);
    csv_free(r);
    cr_assert_str_eq(bytes.text, whole.text);
    cr_assert_str_eq(whole.text, "1|a|b,\"c\n2|d\n3|e\nf|g\n");
}

Test(csv, unclosed_quote_names_the_line_where_the_field_started)
{
    collected c = {0};
    err e = {0};
    cr_assert_eq(parse("a,b\n1,\"open\nstill open\n", &c, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert_str_eq(e.msg, "t.csv:2: a quoted field is never closed (missing '\"')");
}

Test(csv, quote_inside_unquoted_field_is_an_error)
{
    collected c = {0};
    err e = {0};
    cr_assert_eq(parse("a,b\n1,2\"x\n", &c, &e), -1);
    cr_assert(strncmp(e.msg, "t.csv:2: field 2: a quote inside an unquoted field", 50) == 0, "%s",
              e.msg);
}

Test(csv, text_after_closing_quote_is_an_error)
{
    collected c = {0};
    err e = {0};
    cr_assert_eq(parse("\"a\"b,c\n", &c, &e), -1);
    cr_assert_str_eq(e.msg, "t.csv:1: field 1: text after the closing quote");
}

Test(csv, callback_error_stops_reading_with_file_and_line)
{
    collected c = {.stop_at = 2};
    err e = {0};
    cr_assert_eq(parse("a\nb\nc\n", &c, &e), -1);
    cr_assert_str_eq(e.msg, "t.csv:2: stopped by the callback");
    cr_assert_eq(c.records, 2);
}

Test(csv, oversized_field_is_refused)
{
    size_t n = CSV_MAX_FIELD + 10;
    char *big = malloc(n + 1);
    memset(big, 'x', n);
    big[n] = '\0';
    collected c = {0};
    err e = {0};
    cr_assert_eq(csv_read_buffer("big.csv", big, n, collect, &c, &e), -1);
    cr_assert(strstr(e.msg, "big.csv:1: field 1 is longer than") != NULL, "%s", e.msg);
    free(big);
}

Test(csv, missing_file_is_a_user_error)
{
    collected c = {0};
    err e = {0};
    cr_assert_eq(csv_read_file("/nonexistent/x.csv", collect, &c, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert(strstr(e.msg, "/nonexistent/x.csv: cannot open") == e.msg, "%s", e.msg);
}
