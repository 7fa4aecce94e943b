#include "support/test_pg.h"

#include "db/db.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <inttypes.h>
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

static const char *name_in(const char *url, char *out, size_t n)
{
    const char *start = strstr(url, ":///");
    snprintf(out, n, "%.*s", start ? (int)strcspn(start + 4, "?") : 0, start ? start + 4 : "");
    return out;
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

/* Makes database `name` a copy of the demo, from a template built once per unlock binary. */
static void demo_clone(const char *unlock_bin, const char *name)
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
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
    int rc = admin(sql, &e);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", name, template);
    rc = rc ? rc : admin(sql, &e);
    flock(lfd, LOCK_UN);
    close(lfd);
    free(marker);
    cr_assert_eq(rc, 0, "%s", e.msg);
}

char *test_pg_demo_new(const char *unlock_bin)
{
    char name[64];
    unique_name(name, sizeof name);
    demo_clone(unlock_bin, name);
    return url_of(name);
}

void test_pg_demo_into(const char *unlock_bin, const char *url)
{
    char name[64];
    demo_clone(unlock_bin, name_in(url, name, sizeof name));
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

static unsigned long long fnv1a(const char *s)
{
    unsigned long long h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

int test_pg_exists(const char *url)
{
    char name[64], sql[160];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM pg_database WHERE datname = '%s'",
             name_in(url, name, sizeof name));
    char *admin_url = url_of("postgres");
    db *d;
    err e = {0};
    int64_t n = 0;
    cr_assert_eq(db_open(admin_url, &d, &e), 0, "%s", e.msg);
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s", e.msg);
    db_close(d);
    free(admin_url);
    return n > 0;
}

void test_pg_wait_alone(const char *url)
{
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    int64_t others = 0;
    for (int i = 0; i < 1000; i++) {
        cr_assert_eq(db_query_int64(d,
                                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = "
                                    "current_database() AND pid <> pg_backend_pid()",
                                    &others, &e),
                     0, "%s", e.msg);
        if (others == 0)
            break;
        usleep(10000);
    }
    db_close(d);
    cr_assert_eq(others, 0, "%" PRId64 " connections to %s are still open after 10 s", others, url);
}

char *test_pg_for_file(const char *cwd, const char *file)
{
    if (!test_pg_enabled() || strstr(file, "://") || strncmp(file, "sqlite:", 7) == 0)
        return NULL;
    char path[1024], here[512];
    if (file[0] == '/')
        snprintf(path, sizeof path, "%s", file);
    else
        snprintf(path, sizeof path, "%s/%s", cwd ? cwd : getcwd(here, sizeof here), file);
    char name[64];
    snprintf(name, sizeof name, "unlock_f_%016llx", fnv1a(path));
    char *url = url_of(name);
    /* Each test is a process of its own: remember what it made, rather than asking the
     * server again on every command the test runs. */
    static char made[32][64];
    static int nmade;
    for (int i = 0; i < nmade; i++)
        if (strcmp(made[i], name) == 0)
            return url;
    if (nmade < 32)
        snprintf(made[nmade++], sizeof made[0], "%s", name);
    if (!test_pg_exists(url)) {
        char sql[128];
        snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
        err e = {0};
        cr_assert_eq(admin(sql, &e), 0, "%s", e.msg);
    }
    return url;
}

char *test_db_url_for(const char *cwd, const char *file)
{
    char *pg = test_pg_for_file(cwd, file);
    if (!pg)
        return cwd && file[0] != '/' ? path_join(cwd, file) : strdup(file);
    /* Its month files are where unlock_run put them: beside where the file would be. */
    char *dir = test_file_dir(cwd, file);
    setenv("UNLOCK_RX_STORE", dir, 1);
    free(dir);
    return pg;
}

char *test_rx_store_of(const char *dir, const char *file)
{
    char *pg = test_pg_for_file(dir, file), name[64], out[1200];
    if (pg)
        snprintf(out, sizeof out, "%s/%s.rx", dir, name_in(pg, name, sizeof name));
    else
        snprintf(out, sizeof out, "%s/%s.rx", dir, file);
    free(pg);
    return strdup(out);
}

char *test_db_scratch_url(void)
{
    return test_pg_enabled() ? test_pg_database_new() : strdup("sqlite::memory:");
}
