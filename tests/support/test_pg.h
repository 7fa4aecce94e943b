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
/* A scratch database for a unit test: SQLite in memory, or with $UNLOCK_TEST_PG a new
 * PostgreSQL database (left for the test server's removal). malloc'd URL. */
char *test_db_scratch_url(void);
/* Drops a database made above (nothing may still be connected to it), and frees url. */
void test_pg_database_drop(char *url);

#endif
