/* The audit log's hash chain: a chain verifies; an edit of any field of one row, a deletion or
 * a reordering made directly in SQL is found and the row named; the log of a database older
 * than the chain is sealed once; writers at once on their own connections never fork it. On
 * both back ends (tests/support/test_pg.h). */
#include "domain/audit.h"

#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENTRIES 5
/* A well-formed hash that is no row's. */
#define AUDIT_TEST_FAKE                                                                            \
    "ab"                                                                                           \
    "cdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"

static char *dir, *url;
static db *d;
static err e;

/* A file, not memory, on SQLite: the concurrency test opens it again from other threads. */
static void setup(void)
{
    memset(&e, 0, sizeof e);
    dir = tmpdir_make();
    url = test_pg_enabled() ? test_pg_database_new() : path_join(dir, "a.db");
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
}

static void teardown(void)
{
    db_close(d);
    free(url);
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(audit_chain, .init = setup, .fini = teardown, .timeout = 120);

static void record(db *on, int i)
{
    char key[32];
    snprintf(key, sizeof key, "S-%d", i);
    json_t *change = json_pack("{s:i, s:s}", "gross_internal_m2", 100 + i, "name", "A site");
    err local = {0};
    cr_assert_eq(audit_record(on, "tester@nhs.net", "create", "site", key, change, &local), 0, "%s",
                 local.msg);
    json_decref(change);
}

static void record_some(void)
{
    for (int i = 1; i <= ENTRIES; i++)
        record(d, i);
}

static audit_verdict verify(void)
{
    audit_verdict v;
    cr_assert_eq(audit_verify(d, &v, &e), 0, "%s", e.msg);
    return v;
}

static void sql(const char *text)
{
    cr_assert_eq(db_exec(d, text, &e), 0, "%s: %s", text, e.msg);
}

static int64_t id_of(int seq)
{
    char q[100];
    snprintf(q, sizeof q, "SELECT id FROM audit_log WHERE seq = %d", seq);
    int64_t id = -1;
    cr_assert_eq(db_query_int64(d, q, &id, &e), 0, "%s", e.msg);
    return id;
}

Test(audit_chain, a_chain_verifies_and_reports_its_head)
{
    audit_verdict v = verify();
    cr_assert_eq(v.rows, 0);
    cr_assert_eq(v.bad_id, 0);
    cr_assert_str_eq(v.head, "", "an empty log has no head");
    record_some();
    v = verify();
    cr_assert_eq(v.bad_id, 0, "%s", v.problem);
    cr_assert_eq(v.rows, ENTRIES);
    cr_assert_eq(v.unsealed, 0);
    cr_assert_eq(v.head_seq, ENTRIES);
    cr_assert_eq(strlen(v.head), 64);
    /* The head is the last row's stored hash, and each row links to the one before. */
    db_stmt *s;
    cr_assert_eq(db_prepare(d, "SELECT seq, prev_hash, hash FROM audit_log ORDER BY id", &s, &e),
                 0);
    char prev[AUDIT_HASH_HEX] = "0000000000000000000000000000000000000000000000000000000000000000";
    int64_t seq = 0;
    while (db_step(s, &e) == DB_ROW) {
        cr_assert_eq(db_col_int64(s, 0), ++seq);
        cr_assert_str_eq(db_col_text(s, 1), prev);
        snprintf(prev, sizeof prev, "%s", db_col_text(s, 2));
    }
    db_finalize(s);
    cr_assert_str_eq(v.head, prev);
}

/* Each edit is made to row 3 of 5 on a fresh chain; verify must name row 3 and say what. */
static void expect_edit_found(const char *set, const char *why)
{
    sql("DELETE FROM audit_log");
    record_some();
    int64_t id = id_of(3);
    char q[300];
    snprintf(q, sizeof q, "UPDATE audit_log SET %s WHERE id = %lld", set, (long long)id);
    sql(q);
    audit_verdict v = verify();
    cr_expect_eq(v.bad_id, id, "SET %s: row %lld, not %lld, was named: %s", set,
                 (long long)v.bad_id, (long long)id, v.problem);
    cr_expect(strstr(v.problem, why), "SET %s: %s", set, v.problem);
    cr_expect_eq(v.rows, 2, "SET %s: the two rows before it verified", set);
}

Test(audit_chain, an_edit_of_any_field_of_one_row_is_named)
{
    expect_edit_found("at = '2020-01-01T00:00:00Z'", "not the hash of its contents");
    expect_edit_found("actor = 'someone-else@nhs.net'", "not the hash of its contents");
    expect_edit_found("action = 'update'", "not the hash of its contents");
    expect_edit_found("entity = 'contract'", "not the hash of its contents");
    expect_edit_found("entity_key = 'S-99'", "not the hash of its contents");
    expect_edit_found("change = '{\"gross_internal_m2\":1}'", "not the hash of its contents");
    /* A space more: the smallest edit there is. */
    expect_edit_found("change = change || ' '", "not the hash of its contents");
    expect_edit_found("hash = '" AUDIT_TEST_FAKE "'", "not the hash of its contents");
    expect_edit_found("prev_hash = '" AUDIT_TEST_FAKE "'", "is not the hash of the row before it");
    expect_edit_found("hash = NULL", "its hash was removed");
    expect_edit_found("seq = 33", "follows entry 2");
}

Test(audit_chain, a_row_given_another_id_is_named)
{
    record_some();
    int64_t id = id_of(3);
    char q[200];
    /* Moved to the front: first in id order, yet it says it is the third entry. */
    snprintf(q, sizeof q, "UPDATE audit_log SET id = -%lld WHERE id = %lld", (long long)id,
             (long long)id);
    sql(q);
    audit_verdict v = verify();
    cr_assert_eq(v.bad_id, -id, "%s", v.problem);
    cr_assert(strstr(v.problem, "moved"), "%s", v.problem);
}

Test(audit_chain, a_deleted_row_is_found_at_the_row_after_it)
{
    record_some();
    int64_t deleted = id_of(3), after = id_of(4);
    char q[200];
    snprintf(q, sizeof q, "DELETE FROM audit_log WHERE id = %lld", (long long)deleted);
    sql(q);
    audit_verdict v = verify();
    cr_assert_eq(v.bad_id, after, "%s", v.problem);
    cr_assert(strstr(v.problem, "1 row before it is missing"), "%s", v.problem);
    cr_assert_eq(v.rows, 2);
    /* The first row deleted: the chain no longer starts at entry 1. */
    snprintf(q, sizeof q, "DELETE FROM audit_log WHERE id = %lld", (long long)id_of(1));
    sql(q);
    v = verify();
    cr_assert_eq(v.bad_id, id_of(2), "%s", v.problem);
    cr_assert_eq(v.rows, 0);
}

Test(audit_chain, rows_swapped_are_named)
{
    record_some();
    int64_t two = id_of(2), three = id_of(3);
    char q[300];
    /* Swap the two rows' places in id order, through a spare id. */
    snprintf(q, sizeof q,
             "UPDATE audit_log SET id = 999999 WHERE id = %lld; "
             "UPDATE audit_log SET id = %lld WHERE id = %lld; "
             "UPDATE audit_log SET id = %lld WHERE id = 999999",
             (long long)two, (long long)two, (long long)three, (long long)three);
    sql(q);
    audit_verdict v = verify();
    cr_assert_eq(v.bad_id, two, "%s", v.problem);
    cr_assert(strstr(v.problem, "it is chain entry 3 but follows entry 1"), "%s", v.problem);
    /* Swapping their contents instead (seq and hashes kept in place) breaks the hash. */
    sql("DELETE FROM audit_log");
    record_some();
    two = id_of(2);
    three = id_of(3);
    snprintf(q, sizeof q,
             "UPDATE audit_log SET entity_key = 'S-3' WHERE id = %lld; "
             "UPDATE audit_log SET entity_key = 'S-2' WHERE id = %lld",
             (long long)two, (long long)three);
    sql(q);
    v = verify();
    cr_assert_eq(v.bad_id, two, "%s", v.problem);
}

Test(audit_chain, a_row_inserted_behind_unlocks_back_is_named)
{
    record_some();
    sql("INSERT INTO audit_log (at, actor, action, entity, entity_key, change) VALUES "
        "('2026-01-01T00:00:00Z', 'mallory', 'delete', 'site', 'S-1', '{}')");
    int64_t stray = 0;
    cr_assert_eq(db_query_int64(d, "SELECT MAX(id) FROM audit_log", &stray, &e), 0);
    audit_verdict v = verify();
    cr_assert_eq(v.bad_id, stray, "%s", v.problem);
    cr_assert(strstr(v.problem, "no place in the chain"), "%s", v.problem);
    /* The next write chains past it, and does not launder it. */
    record(d, 6);
    v = verify();
    cr_assert_eq(v.bad_id, stray, "%s", v.problem);
    cr_assert_eq(v.rows, ENTRIES + 1);
    int64_t sealed = -1;
    cr_assert_eq(audit_seal(d, &sealed, &e), -1, "sealing must refuse a stray row");
    cr_assert(strstr(e.msg, "not written by unlock"), "%s", e.msg);
}

Test(audit_chain, a_log_from_before_the_chain_is_sealed_once)
{
    record_some();
    /* As migration 013 leaves an older database's log. */
    sql("UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL");
    audit_verdict v = verify();
    cr_assert_eq(v.bad_id, 0, "%s", v.problem);
    cr_assert_eq(v.unsealed, ENTRIES);
    cr_assert_eq(v.rows, 0);
    int64_t sealed = 0;
    cr_assert_eq(audit_seal(d, &sealed, &e), 0, "%s", e.msg);
    cr_assert_eq(sealed, ENTRIES);
    v = verify();
    cr_assert_eq(v.rows, ENTRIES);
    cr_assert_eq(v.unsealed, 0);
    cr_assert_eq(audit_seal(d, &sealed, &e), 0, "%s", e.msg);
    cr_assert_eq(sealed, 0, "nothing is sealed twice");
    /* Or the first write after the upgrade seals them. */
    sql("UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL");
    record(d, 6);
    v = verify();
    cr_assert_eq(v.bad_id, 0, "%s", v.problem);
    cr_assert_eq(v.rows, ENTRIES + 1);
    cr_assert_eq(v.head_seq, ENTRIES + 1);
}

Test(audit_chain, a_write_that_rolls_back_leaves_no_entry)
{
    record_some();
    cr_assert_eq(db_begin(d, &e), 0);
    record(d, 6);
    db_rollback(d);
    record(d, 7);
    audit_verdict v = verify();
    cr_assert_eq(v.bad_id, 0, "%s", v.problem);
    cr_assert_eq(v.rows, ENTRIES + 1);
}

#define WRITERS 6
#define EACH 40

/* Criterion's assertions belong to the test's own thread: writers report what went wrong. */
typedef struct writer {
    pthread_t thread;
    int failures;
    char first[1024];
} writer;

static void *write_many(void *arg)
{
    writer *w = arg;
    db *mine;
    err local = {0};
    if (db_open(url, &mine, &local)) {
        w->failures = EACH;
        snprintf(w->first, sizeof w->first, "%s", local.msg);
        return NULL;
    }
    for (int i = 0; i < EACH; i++) {
        json_t *change = json_pack("{s:i}", "n", i);
        if (audit_record(mine, "writer", "update", "site", "S-1", change, &local) && !w->failures++)
            snprintf(w->first, sizeof w->first, "%s", local.msg);
        json_decref(change);
    }
    db_close(mine);
    return NULL;
}

Test(audit_chain, writers_at_once_never_fork_the_chain)
{
    static writer w[WRITERS];
    for (int i = 0; i < WRITERS; i++)
        cr_assert_eq(pthread_create(&w[i].thread, NULL, write_many, &w[i]), 0);
    for (int i = 0; i < WRITERS; i++)
        pthread_join(w[i].thread, NULL);
    for (int i = 0; i < WRITERS; i++)
        cr_assert_eq(w[i].failures, 0, "writer %d: %s", i, w[i].first);
    audit_verdict v = verify();
    cr_assert_eq(v.bad_id, 0, "%s", v.problem);
    cr_assert_eq(v.rows, WRITERS * EACH);
    cr_assert_eq(v.head_seq, WRITERS * EACH);
}
