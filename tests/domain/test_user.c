/* Accounts: validation, hashing, updates, the last admin, sessions ending,
 * and the audit log. */
#include "domain/user.h"

#include "http/session.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *dir;
static db *d;
static err e;

static void setup(void)
{
    setenv("UNLOCK_PWHASH_FAST", "1", 1);
    dir = tmpdir_make();
    char *path = path_join(dir, "t.db");
    memset(&e, 0, sizeof e);
    cr_assert_eq(db_open(path, &d, &e), 0, "%s", e.msg);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    cr_assert_eq(db_exec(d,
                         "INSERT INTO organisations (code, name, kind) VALUES "
                         "('P1', 'Provider One', 'acute_trust'), ('P2', 'Two', 'hospice')",
                         &e),
                 0, "%s", e.msg);
    free(path);
}

static void teardown(void)
{
    db_close(d);
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(user, .init = setup, .fini = teardown, .timeout = 60);

static int64_t count(const char *sql)
{
    int64_t n = -1;
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s", e.msg);
    return n;
}

Test(user, emails_are_checked_and_lower_cased)
{
    char out[USER_EMAIL_MAX + 1];
    cr_expect_eq(user_check_email("  Jo.Bloggs@NHS.net ", out, &e), 0);
    cr_expect_str_eq(out, "jo.bloggs@nhs.net");
    const char *bad[] = {"",
                         "jo",
                         "jo@",
                         "@nhs.net",
                         "jo@nhs",
                         "jo@@nhs.net",
                         "jo bloggs@nhs.net",
                         "jo@nhs.net.",
                         "jo@.nhs.net",
                         "jo<x>@nhs.net",
                         NULL};
    for (int i = 0; bad[i]; i++) {
        cr_expect_eq(user_check_email(bad[i], out, &e), -1, "%s", bad[i]);
        cr_expect_eq(e.kind, ERR_USER);
    }
    cr_expect_eq(user_check_email(NULL, out, &e), -1);
    char longer[300];
    memset(longer, 'a', sizeof longer);
    strcpy(longer + 250, "@x.uk");
    cr_expect_eq(user_check_email(longer, out, &e), -1);
}

Test(user, roles_passwords_and_organisations)
{
    cr_expect_eq(user_check_role("admin", &e), 0);
    cr_expect_eq(user_check_role("provider", &e), 0);
    cr_expect_eq(user_check_role("anonymous", &e), -1);
    cr_expect_eq(user_check_role(NULL, &e), -1);
    cr_expect_eq(user_check_password("123456789", &e), -1);
    cr_expect(strstr(e.msg, "at least 10"));
    cr_expect_eq(user_check_password("1234567890", &e), 0);
    cr_expect_eq(user_check_org(d, "provider", NULL, &e), -1);
    cr_expect(strstr(e.msg, "needs an organisation"));
    cr_expect_eq(user_check_org(d, "provider", "P1", &e), 0);
    cr_expect_eq(user_check_org(d, "commissioner", NULL, &e), 0);
    cr_expect_eq(user_check_org(d, "commissioner", "NOPE", &e), -1);
    cr_expect(strstr(e.msg, "'NOPE'"));
}

Test(user, create_find_and_authenticate)
{
    user_account u, found_u;
    cr_assert_eq(user_create(d, "Ann@X.nhs.uk", "provider", "P1", "ann-password", "cli", &u, &e), 0,
                 "%s", e.msg);
    cr_expect_gt(u.id, 0);
    cr_expect_str_eq(u.email, "ann@x.nhs.uk");
    cr_expect_str_eq(u.role, "provider");
    cr_expect_str_eq(u.org, "P1");
    cr_expect(!u.disabled);
    cr_expect_eq(strlen(u.created_at), CLOCK_ISO_LEN - 1);
    cr_expect_eq(user_create(d, "ann@x.nhs.uk", "admin", NULL, "ann-password", "cli", &u, &e), -1);
    cr_expect(strstr(e.msg, "already exists"), "%s", e.msg);
    cr_expect_eq(user_create(d, "bo@x.nhs.uk", "provider", NULL, "bo-password", "cli", &u, &e), -1);
    cr_expect_eq(count("SELECT COUNT(*) FROM users"), 1, "a failed create leaves nothing");

    int found = 0, ok = 0;
    cr_assert_eq(user_find_email(d, "ANN@x.nhs.uk", &found_u, &found, &e), 0);
    cr_expect(found);
    cr_assert_eq(user_find_email(d, "not an email", &found_u, &found, &e), 0);
    cr_expect(!found);
    cr_assert_eq(user_find_id(d, 999, &found_u, &found, &e), 0);
    cr_expect(!found);

    /* Stored as an Argon2id hash, never as given. */
    cr_expect_eq(count("SELECT COUNT(*) FROM users WHERE password_hash LIKE '$argon2id$%'"), 1);
    cr_expect_eq(count("SELECT COUNT(*) FROM users WHERE password_hash LIKE '%ann-password%'"), 0);
    cr_assert_eq(user_authenticate(d, "Ann@x.nhs.uk", "ann-password", &found_u, &ok, &e), 0);
    cr_expect(ok);
    cr_expect_str_eq(found_u.email, "ann@x.nhs.uk");
    cr_assert_eq(user_authenticate(d, "ann@x.nhs.uk", "ann-passwore", &found_u, &ok, &e), 0);
    cr_expect(!ok);
    cr_assert_eq(user_authenticate(d, "nobody@x.nhs.uk", "ann-password", &found_u, &ok, &e), 0);
    cr_expect(!ok);
    cr_assert_eq(user_authenticate(d, "garbage", "", &found_u, &ok, &e), 0);
    cr_expect(!ok);

    cr_expect_eq(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'users' AND action = "
                       "'create' AND entity_key = 'ann@x.nhs.uk' AND actor = 'cli' AND change "
                       "NOT LIKE '%password%'"),
                 1);
}

Test(user, password_changes_end_sessions_and_are_audited_without_the_password)
{
    user_account u;
    cr_assert_eq(user_create(d, "ann@x.nhs.uk", "admin", NULL, "first-password", "cli", &u, &e), 0);
    char token[SESSION_HEX_LEN + 1], csrf[SESSION_HEX_LEN + 1];
    cr_assert_eq(session_create(d, u.id, 3600, time(NULL), token, csrf, &e), 0, "%s", e.msg);
    cr_expect_eq(count("SELECT COUNT(*) FROM sessions"), 1);
    cr_assert_eq(user_set_password(d, "ann@x.nhs.uk", "second-password", "cli", &e), 0, "%s",
                 e.msg);
    cr_expect_eq(count("SELECT COUNT(*) FROM sessions"), 0);
    int ok = 0;
    cr_assert_eq(user_authenticate(d, "ann@x.nhs.uk", "second-password", &u, &ok, &e), 0);
    cr_expect(ok);
    cr_expect_eq(count("SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND change = "
                       "'{\"password\":\"changed\"}'"),
                 1);
    cr_expect_eq(user_set_password(d, "nobody@x.nhs.uk", "second-password", "cli", &e), -1);
    cr_expect_eq(user_set_password(d, "ann@x.nhs.uk", "short", "cli", &e), -1);
}

Test(user, updates_keep_an_enabled_admin)
{
    user_account admin, prov, after;
    cr_assert_eq(user_create(d, "a@x.nhs.uk", "admin", NULL, "admin-password", "cli", &admin, &e),
                 0);
    cr_assert_eq(user_create(d, "p@x.nhs.uk", "provider", "P1", "prov-password", "cli", &prov, &e),
                 0);
    user_change demote = {.role = "commissioner", .disabled = -1};
    cr_expect_eq(user_update(d, admin.id, &demote, "cli", &after, &e), -1);
    cr_expect(strstr(e.msg, "last enabled admin"), "%s", e.msg);
    user_change disable = {.disabled = 1};
    cr_expect_eq(user_update(d, admin.id, &disable, "cli", &after, &e), -1);

    user_change promote = {.role = "admin", .set_org = 1, .org = NULL, .disabled = -1};
    cr_assert_eq(user_update(d, prov.id, &promote, "a@x.nhs.uk", &after, &e), 0, "%s", e.msg);
    cr_expect_str_eq(after.role, "admin");
    cr_expect_str_eq(after.org, "");
    cr_assert_eq(user_update(d, admin.id, &disable, "cli", &after, &e), 0, "%s", e.msg);
    cr_expect(after.disabled);

    user_change to_provider = {.role = "provider", .disabled = -1};
    cr_expect_eq(user_update(d, admin.id, &to_provider, "cli", &after, &e), -1, "needs an org");
    user_change with_org = {.role = "provider", .set_org = 1, .org = "P2", .disabled = -1};
    cr_assert_eq(user_update(d, admin.id, &with_org, "cli", &after, &e), 0, "%s", e.msg);
    cr_expect_str_eq(after.org, "P2");
    cr_expect_eq(user_update(d, 12345, &with_org, "cli", &after, &e), -1);

    cr_expect_eq(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'users' AND action = "
                       "'update' AND actor = 'a@x.nhs.uk' AND change = "
                       "'{\"org\":{\"from\":\"P1\",\"to\":null},\"role\":{\"from\":\"provider\","
                       "\"to\":\"admin\"}}'"),
                 1);
    /* A change that changes nothing is not logged. */
    int64_t before = count("SELECT COUNT(*) FROM audit_log");
    user_change nothing = {.disabled = -1};
    cr_assert_eq(user_update(d, admin.id, &nothing, "cli", &after, &e), 0);
    cr_expect_eq(count("SELECT COUNT(*) FROM audit_log"), before);
}

Test(user, disabling_ends_sessions_and_hides_them)
{
    user_account a, b, after;
    cr_assert_eq(user_create(d, "a@x.nhs.uk", "admin", NULL, "admin-password", "cli", &a, &e), 0);
    cr_assert_eq(user_create(d, "b@x.nhs.uk", "commissioner", NULL, "b-password-1", "cli", &b, &e),
                 0);
    char token[SESSION_HEX_LEN + 1], csrf[SESSION_HEX_LEN + 1], hash[SESSION_HEX_LEN + 1];
    cr_assert_eq(session_create(d, b.id, 3600, time(NULL), token, csrf, &e), 0);
    http_user who;
    int found = 0;
    cr_assert_eq(session_find(d, token, time(NULL), &who, csrf, hash, &found, &e), 0);
    cr_expect(found);
    cr_expect_eq(who.role, ROLE_COMMISSIONER);
    /* Only the hash is stored. */
    cr_expect_eq(count("SELECT COUNT(*) FROM sessions WHERE token_hash = lower(token_hash) AND "
                       "length(token_hash) = 64"),
                 1);
    user_change disable = {.disabled = 1};
    cr_assert_eq(user_update(d, b.id, &disable, "cli", &after, &e), 0);
    cr_assert_eq(session_find(d, token, time(NULL), &who, csrf, hash, &found, &e), 0);
    cr_expect(!found);
    cr_expect_eq(count("SELECT COUNT(*) FROM sessions"), 0);
    int ok = 0;
    user_account u;
    cr_assert_eq(user_authenticate(d, "b@x.nhs.uk", "b-password-1", &u, &ok, &e), 0);
    cr_expect(ok && u.disabled, "the password is right; the caller refuses the account");
}

Test(user, generated_passwords)
{
    char a[USER_GENERATED_LEN + 1], b[USER_GENERATED_LEN + 1];
    user_generate_password(a);
    user_generate_password(b);
    cr_expect_eq(strlen(a), USER_GENERATED_LEN);
    cr_expect_str_neq(a, b);
    cr_expect_eq(strcspn(a, "0O1lI"), USER_GENERATED_LEN, "no look-alikes: %s", a);
    cr_expect_eq(user_check_password(a, &e), 0);
}

static int collect(void *ctx, const user_account *u, err *e_)
{
    (void)e_;
    strcat(ctx, u->email);
    strcat(ctx, " ");
    return 0;
}

Test(user, list_in_email_order)
{
    user_account u;
    cr_assert_eq(user_create(d, "zed@x.nhs.uk", "admin", NULL, "zed-password", "cli", &u, &e), 0);
    cr_assert_eq(user_create(d, "amy@x.nhs.uk", "admin", NULL, "amy-password", "cli", &u, &e), 0);
    char all[256] = "";
    cr_assert_eq(user_each(d, collect, all, &e), 0);
    cr_expect_str_eq(all, "amy@x.nhs.uk zed@x.nhs.uk ");
}
