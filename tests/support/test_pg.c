#include "support/test_pg.h"

#include "db/db.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int test_pg_enabled(void)
{
    const char *dir = getenv("UNLOCK_TEST_PG");
    return dir && *dir;
}

static char *url_of(const char *name)
{
    char url[600];
    snprintf(url, sizeof url, "postgres:///%s?host=%s&user=postgres", name,
             getenv("UNLOCK_TEST_PG"));
    return strdup(url);
}

/* Runs one statement on the server's maintenance database (CREATE/DROP DATABASE cannot run
 * inside a database they change). Returns 0, or -1 with the message in e. */
static int admin(const char *sql, err *e)
{
    char *url = url_of("postgres");
    db *d;
    int rc = db_open(url, &d, e);
    free(url);
    if (rc)
        return -1;
    rc = db_exec(d, sql, e);
    db_close(d);
    return rc;
}

static void unique_name(char *out, size_t n)
{
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(out, n, "unlock_t_%ld_%u_%ld", (long)getpid(), ++counter, ts.tv_nsec % 1000000);
}

char *test_pg_database_new(void)
{
    cr_assert(test_pg_enabled(), "UNLOCK_TEST_PG is not set");
    char name[64], sql[160];
    unique_name(name, sizeof name);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    err e = {0};
    cr_assert_eq(admin(sql, &e), 0, "%s", e.msg);
    return url_of(name);
}

char *test_pg_demo_new(const char *unlock_bin)
{
    struct stat st;
    cr_assert_eq(stat(unlock_bin, &st), 0, "no unlock binary at %s", unlock_bin);
    char template[64], lock[600], sql[200];
    snprintf(template, sizeof template, "unlock_demo_%lu_%lld", (unsigned long)st.st_ino,
             (long long)st.st_mtime);
    snprintf(lock, sizeof lock, "%s/%s.lock", getenv("UNLOCK_TEST_PG"), template);
    int lfd = open(lock, O_RDWR | O_CREAT, 0600);
    cr_assert(lfd >= 0, "cannot open %s", lock);
    flock(lfd, LOCK_EX); /* parallel test jobs build it once */
    char *marker = strdup(lock);
    strcpy(marker + strlen(marker) - 4, "done");
    err e = {0};
    if (access(marker, F_OK) != 0) {
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", template);
        cr_assert_eq(admin(sql, &e), 0, "%s", e.msg);
        snprintf(sql, sizeof sql, "CREATE DATABASE %s", template);
        cr_assert_eq(admin(sql, &e), 0, "%s", e.msg);
        char *url = url_of(template);
        run_result r = unlock_run(
            NULL, NULL, (const char *const[]){"demo", "--no-prescribing", "--db", url, NULL});
        cr_assert_eq(r.status, 0, "unlock demo failed: %s", r.err);
        run_result_free(&r);
        free(url);
        file_write(marker, "built\n");
    }
    char name[64];
    unique_name(name, sizeof name);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", name, template);
    int rc = admin(sql, &e);
    flock(lfd, LOCK_UN);
    close(lfd);
    free(marker);
    cr_assert_eq(rc, 0, "%s", e.msg);
    return url_of(name);
}

void test_pg_database_drop(char *url)
{
    const char *start = strstr(url, ":///");
    if (start) {
        char sql[200];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %.*s WITH (FORCE)",
                 (int)strcspn(start + 4, "?"), start + 4);
        err e = {0};
        admin(sql, &e);
    }
    free(url);
}

char *test_db_scratch_url(void)
{
    return test_pg_enabled() ? test_pg_database_new() : strdup("sqlite::memory:");
}
