/* What the fuzzers found, each fixed and tested by name here (the inputs themselves are in
 * fuzz/regressions/, which test_fuzz_replay.c runs). */
#include "db/db.h"
#include "domain/entities.h"
#include "domain/record_json.h"
#include "support/test_pg.h"
#include "util/csv.h"
#include "util/strbuf.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

typedef struct fields {
    char text[256];
    size_t n;
} fields;

/* Collects "f1|f2\n" per record, bytes as they are. */
static int collect(void *ctx, const csv_record *rec, err *e)
{
    (void)e;
    fields *f = ctx;
    for (size_t i = 0; i < rec->count; i++)
        f->n += (size_t)snprintf(f->text + f->n, sizeof f->text - f->n, "%s%s", i ? "|" : "",
                                 rec->fields[i]);
    f->n += (size_t)snprintf(f->text + f->n, sizeof f->text - f->n, "\n");
    return 0;
}

/* fuzz/regressions/csv/text_starting_like_a_bom.csv: EF BB B6 is U+FEF6, not a broken mark. */
Test(fuzz_regressions, csv_text_that_only_starts_like_a_bom_is_data)
{
    fields f = {0};
    err e = {0};
    const char in[] = "\xEF\xBB\xB6,x\n";
    cr_assert_eq(csv_read_buffer("t.csv", in, strlen(in), collect, &f, &e), 0, "%s", e.msg);
    cr_expect_str_eq(f.text, "\xEF\xBB\xB6|x\n");
    /* Split after its first two bytes, and cut short at the end of the input. */
    fields g = {0};
    csv_reader *r = csv_new(collect, &g);
    cr_assert_eq(csv_feed(r, "\xEF\xBB", 2, &e), 0, "%s", e.msg);
    cr_assert_eq(csv_feed(r, "z,1\n\xEF", 5, &e), 0, "%s", e.msg);
    cr_assert_eq(csv_finish(r, &e), 0, "%s", e.msg);
    csv_free(r);
    cr_expect_str_eq(g.text, "\xEF\xBBz|1\n\xEF\n");
    fields h = {0};
    cr_assert_eq(csv_read_buffer("t.csv", "\xEF\xBB", 2, collect, &h, &e), 0, "%s", e.msg);
    cr_expect_str_eq(h.text, "\xEF\xBB\n", "an input of two bytes that start a mark is data");
    /* A whole mark is still skipped, split or not. */
    fields m = {0};
    r = csv_new(collect, &m);
    cr_assert_eq(csv_feed(r, "\xEF", 1, &e), 0);
    cr_assert_eq(csv_feed(r, "\273\277a\n", 4, &e), 0); /* the rest of the mark, then a */
    cr_assert_eq(csv_finish(r, &e), 0);
    csv_free(r);
    cr_expect_str_eq(m.text, "a\n");
}

/* fuzz/regressions/csv/double_bom_round_trip.csv: a first field that itself starts with a
 * byte-order mark (a file saved with a mark twice) lost it when written out and read back. */
Test(fuzz_regressions, a_field_starting_with_a_bom_is_written_quoted)
{
    strbuf sb = STRBUF_INIT;
    strbuf_add_csv_field(&sb, "\357\273\277code");
    strbuf_addc(&sb, ',');
    strbuf_add_csv_field(&sb, "x\357\273\277");
    strbuf_addc(&sb, '\n');
    cr_expect_str_eq(strbuf_str(&sb), "\"\357\273\277code\",x\357\273\277\n");
    fields f = {0};
    err e = {0};
    cr_assert_eq(csv_read_buffer("t.csv", sb.buf, sb.len, collect, &f, &e), 0, "%s", e.msg);
    cr_expect_str_eq(f.text, "\357\273\277code|x\357\273\277\n");
    strbuf_free(&sb);
}

/* "\u0000" in a string cut the field short without a word. Request bodies never carry one (the
 * parser refuses it: fuzz/corpus/json/nul_in_string.json), but record_row_from_json takes any
 * object: now the row is refused, naming the field. */
Test(fuzz_regressions, a_nul_character_in_a_json_field_is_refused_naming_it)
{
    json_error_t je;
    json_t *obj = json_loads("{\"code\":\"A1\",\"name\":\"Bad\\u0000name\",\"kind\":\"practice\"}",
                             JSON_ALLOW_NUL, &je);
    cr_assert_not_null(obj, "%s", je.text);
    entity_row row;
    err e = {0};
    cr_expect_eq(record_row_from_json(&organisation_def, obj, NULL, &row, &e), -1);
    entity_row_clear(&row);
    cr_expect_eq(e.kind, ERR_USER);
    cr_expect_str_eq(e.field, "name");
    cr_expect_str_eq(e.msg,
                     "name: the text holds a NUL character (\\u0000), which no field may hold");
    json_decref(obj);
}

/* On PostgreSQL, preparing `? IS NULL OR code = ?` fails once before the retry that says the
 * parameter is text; inside a transaction that first failure aborted the transaction, and every
 * statement after it failed (found by replaying the request seeds, each run in a transaction,
 * on PostgreSQL: the public pages answered 500). */
Test(fuzz_regressions, a_query_with_an_untyped_parameter_runs_inside_a_transaction)
{
    char *url = test_db_scratch_url();
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_exec(d,
                         "CREATE TABLE fuzz_codes (code TEXT); "
                         "INSERT INTO fuzz_codes VALUES ('A'), ('B')",
                         &e),
                 0, "%s", e.msg);
    cr_assert_eq(db_begin(d, &e), 0, "%s", e.msg);
    db_stmt *s;
    cr_assert_eq(
        db_prepare(d, "SELECT count(*) FROM fuzz_codes WHERE ?1 IS NULL OR code = ?1", &s, &e), 0,
        "%s", e.msg);
    cr_assert_eq(db_bind_text(s, 1, "B", &e), 0, "%s", e.msg);
    cr_assert_eq(db_step(s, &e), DB_ROW, "%s", e.msg);
    cr_expect_eq(db_col_int64(s, 0), 1);
    db_finalize(s);
    int64_t n = 0;
    cr_expect_eq(db_query_int64(d, "SELECT count(*) FROM fuzz_codes", &n, &e), 0,
                 "the transaction goes on: %s", e.msg);
    cr_expect_eq(n, 2);
    cr_expect_eq(db_commit(d, &e), 0, "%s", e.msg);
    cr_assert_eq(db_exec(d, "DROP TABLE fuzz_codes", &e), 0, "%s", e.msg);
    db_close(d);
}
