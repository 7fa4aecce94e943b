/* `unlock user` and `unlock serve` from the command line. */
#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir, *db_path, *pw_path;

static void setup(void)
{
    setenv("UNLOCK_PWHASH_FAST", "1", 1);
    dir = tmpdir_make();
    db_path = path_join(dir, "u.db");
    pw_path = path_join(dir, "pw");
    file_write(pw_path, "from-standard-input\n");
    char *csv = path_join(dir, "orgs.csv");
    file_write(csv, "code,name,kind\nP1,Provider One,acute_trust\n");
    run_result r = unlock_run(dir, NULL, (const char *const[]){"init", "--db", db_path, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = unlock_run(dir, NULL,
                   (const char *const[]){"import", "organisations", csv, "--db", db_path, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    free(csv);
}

static void teardown(void)
{
    tmpdir_remove(dir);
    free(dir);
    free(db_path);
    free(pw_path);
}

TestSuite(cli_user, .init = setup, .fini = teardown, .timeout = 120);

#define USER(stdin_path, ...)                                                                      \
    unlock_run(dir, stdin_path, (const char *const[]){"user", __VA_ARGS__, "--db", db_path, NULL})

Test(cli_user, help)
{
    const char *subs[] = {"add", "passwd", "disable", "enable", "list"};
    for (int i = 0; i < 5; i++) {
        run_result r =
            unlock_run(dir, NULL, (const char *const[]){"user", subs[i], "--help", NULL});
        cr_expect_eq(r.status, 0);
        char want[64];
        snprintf(want, sizeof want, "usage: unlock user %s", subs[i]);
        cr_expect(strstr(r.out, want) == r.out, "%s", r.out);
        run_result_free(&r);
    }
    run_result r = unlock_run(dir, NULL, (const char *const[]){"user", "--help", NULL});
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.out, "unlock user add EMAIL"), "%s", r.out);
    run_result_free(&r);
    r = unlock_run(dir, NULL, (const char *const[]){"serve", "--help", NULL});
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.out, "--session-ttl SECONDS") && strstr(r.out, "--secure-cookies"), "%s",
              r.out);
    run_result_free(&r);
    r = unlock_run(dir, NULL, (const char *const[]){"user", NULL});
    cr_expect_eq(r.status, 1);
    run_result_free(&r);
    r = unlock_run(dir, NULL, (const char *const[]){"user", "frob", NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "unknown subcommand 'frob'"));
    run_result_free(&r);
}

Test(cli_user, add_list_passwd_disable_enable)
{
    run_result r = USER(pw_path, "add", "Ann@X.nhs.uk", "--role", "admin");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "added ann@x.nhs.uk (admin)\n");
    run_result_free(&r);

    r = USER(NULL, "add", "p@x.nhs.uk", "--role", "provider", "--org", "P1", "--generate");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "added p@x.nhs.uk (provider, organisation P1)\n"), "%s", r.out);
    const char *pw = strstr(r.out, "(shown once; pass it on securely): ");
    cr_assert(pw, "%s", r.out);
    cr_expect_eq(strlen(pw + strlen("(shown once; pass it on securely): ")), 21);
    run_result_free(&r);

    r = USER(NULL, "list", "--json");
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    cr_assert(json_is_array(j), "%s", r.out);
    cr_expect_eq(json_array_size(j), 2);
    cr_expect_str_eq(json_string_value(json_object_get(json_array_get(j, 1), "org")), "P1");
    cr_expect(!strstr(r.out, "argon2"));
    json_decref(j);
    run_result_free(&r);
    r = USER(NULL, "list");
    cr_expect(strstr(r.out, "p@x.nhs.uk") && strstr(r.out, "provider"), "%s", r.out);
    run_result_free(&r);

    r = USER(pw_path, "passwd", "P@x.nhs.uk");
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = USER(NULL, "disable", "p@x.nhs.uk");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "disabled p@x.nhs.uk; its sessions have ended\n");
    run_result_free(&r);
    r = USER(NULL, "list");
    cr_expect(strstr(r.out, "disabled"), "%s", r.out);
    run_result_free(&r);
    r = USER(NULL, "enable", "p@x.nhs.uk");
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = USER(NULL, "disable", "ann@x.nhs.uk");
    cr_expect_eq(r.status, 1, "the last admin stays");
    cr_expect(strstr(r.err, "last enabled admin"), "%s", r.err);
    run_result_free(&r);
}

Test(cli_user, mistakes_exit_1)
{
    char *empty = path_join(dir, "empty");
    file_write(empty, "");
    char *shortpw = path_join(dir, "short");
    file_write(shortpw, "short\n");
    struct {
        run_result r;
        const char *msg;
    } cases[] = {
        {USER(pw_path, "add", "x@x.nhs.uk"), "needs --role"},
        {USER(pw_path, "add", "x@x.nhs.uk", "--role", "king"), "role 'king'"},
        {USER(pw_path, "add", "not-an-email", "--role", "admin"), "not an email"},
        {USER(pw_path, "add", "x@x.nhs.uk", "--role", "provider"), "needs an organisation"},
        {USER(pw_path, "add", "x@x.nhs.uk", "--role", "provider", "--org", "ZZ"), "'ZZ'"},
        {USER(empty, "add", "x@x.nhs.uk", "--role", "admin"), "standard input is empty"},
        {USER(shortpw, "add", "x@x.nhs.uk", "--role", "admin"), "at least 10"},
        {USER(pw_path, "passwd", "nobody@x.nhs.uk"), "no account"},
        {USER(NULL, "disable", "nobody@x.nhs.uk"), "no account"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cr_expect_eq(cases[i].r.status, 1, "%s: %s", cases[i].msg, cases[i].r.err);
        cr_expect(strstr(cases[i].r.err, cases[i].msg), "want '%s' in: %s", cases[i].msg,
                  cases[i].r.err);
        run_result_free(&cases[i].r);
    }
    run_result r = unlock_run(
        dir, NULL, (const char *const[]){"serve", "--port", "99999", "--db", db_path, NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "--port '99999'"), "%s", r.err);
    run_result_free(&r);
    r = unlock_run(dir, NULL,
                   (const char *const[]){"serve", "--bind", "localhost", "--db", db_path, NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "not an IPv4 or IPv6 address"), "%s", r.err);
    run_result_free(&r);
    /* On PostgreSQL the stand-in for a missing file is an empty database: it would serve. */
    if (!test_pg_enabled()) {
        r = unlock_run(dir, NULL, (const char *const[]){"serve", "--db", "missing.db", NULL});
        cr_expect_eq(r.status, 1);
        cr_expect(strstr(r.err, "no database at missing.db"), "%s", r.err);
        run_result_free(&r);
    }
    free(empty);
    free(shortpw);
}
