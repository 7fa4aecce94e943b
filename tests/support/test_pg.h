/* test_pg: databases on the private PostgreSQL server that scripts/with-test-postgres starts
 * for `make test` (its socket directory in $UNLOCK_TEST_PG). With it set, the API harness
 * (test_server_start) puts each server's data in a fresh PostgreSQL database instead of a
 * SQLite file, so the same tests run against both back ends. */
#ifndef UNLOCK_TESTS_SUPPORT_TEST_PG_H
#define UNLOCK_TESTS_SUPPORT_TEST_PG_H

/* 1 when $UNLOCK_TEST_PG names the test server. */
int test_pg_enabled(void);
/* A new, empty database: its URL, malloc'd. */
char *test_pg_database_new(void);
/* A new database holding the demo (without prescribing), cloned from a template built once
 * per unlock binary (the demo takes many seconds on PostgreSQL). */
char *test_pg_demo_new(const char *unlock_bin);
/* Makes the database at url (one test_pg_for_file named) a copy of the demo. */
void test_pg_demo_into(const char *unlock_bin, const char *url);
/* A scratch database for a unit test: SQLite in memory, or with $UNLOCK_TEST_PG a new
 * PostgreSQL database (left for the test server's removal). malloc'd URL. */
char *test_db_scratch_url(void);
/* The database a command-line test names with `--db FILE` (relative to cwd, which may be
 * NULL), on the back end the suite runs on: with $UNLOCK_TEST_PG a PostgreSQL database named
 * after FILE's absolute path, made empty the first time it is named (as SQLite makes a file),
 * so that the CLI tests run unchanged on both back ends; NULL without it, or for a URL.
 * malloc'd. */
char *test_pg_for_file(const char *cwd, const char *file);
/* The URL to open for the database a test names FILE (in cwd, or NULL): the file itself on
 * SQLite, else test_pg_for_file's, with UNLOCK_RX_STORE set in this process to where
 * unlock_run keeps its month files. malloc'd. */
char *test_db_url_for(const char *cwd, const char *file);
/* The prescribing store (month files) of the database a test names `dir/file`: dir/file.rx
 * beside a SQLite file; for its PostgreSQL stand-in, dir/NAME.rx (unlock_run points
 * UNLOCK_RX_STORE at dir). malloc'd. */
char *test_rx_store_of(const char *dir, const char *file);
/* Whether a database test_pg_for_file names exists yet. */
int test_pg_exists(const char *url);
/* Waits (at most 10 s) until this process is the only one connected to the database at url:
 * after its client is killed, a server process may still be finishing a statement or a
 * commit, and a test that looks at once could see the database change under it. */
void test_pg_wait_alone(const char *url);
/* Skips the current test when the suite runs on PostgreSQL: for the few tests of SQLite
 * itself (its files, its messages about a missing file). */
#define TEST_SQLITE_ONLY(why)                                                                      \
    do {                                                                                           \
        if (test_pg_enabled())                                                                     \
            cr_skip_test("on SQLite only: %s", why);                                               \
    } while (0)

/* Drops a database made above (nothing may still be connected to it), and frees url. */
void test_pg_database_drop(char *url);

#endif
