/* unlock user add|passwd|disable|enable|list: the accounts of `unlock serve`. */
#include "cli/commands.h"

#include "domain/user.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define ACTOR "cli"

static const cli_cmd sub_add = {
    "user add", "EMAIL --role admin|commissioner|provider [--org CODE] [--generate] [--db URL]",
    "Create an account for `unlock serve`.",
    "The password is read from standard input (its first line) when that is not a terminal;\n"
    "otherwise, or with --generate, a random one is made and printed once. A provider\n"
    "account needs --org, the code of a stored organisation.",
    NULL};
static const cli_cmd sub_passwd = {
    "user passwd", "EMAIL [--generate] [--db URL]", "Set an account's password.",
    "The password comes as for `unlock user add`. Every session of the account ends.", NULL};
static const cli_cmd sub_disable = {"user disable", "EMAIL [--db URL]",
                                    "Stop an account signing in, and end its sessions.", NULL,
                                    NULL};
static const cli_cmd sub_enable = {"user enable", "EMAIL [--db URL]",
                                   "Let a disabled account sign in again.", NULL, NULL};
static const cli_cmd sub_list = {"user list", "[--json] [--db URL]", "List the accounts.", NULL,
                                 NULL};

/* The password from standard input, or a generated one (*generated set). */
static int get_password(int generate, char *out, size_t size, int *generated, err *e)
{
    *generated = 0;
    if (generate || isatty(STDIN_FILENO)) {
        user_generate_password(out);
        *generated = 1;
        return 0;
    }
    if (!fgets(out, (int)size, stdin) || !*out)
        return err_user(e, "standard input is empty: pipe the password in (one line), or use "
                           "--generate");
    size_t n = strlen(out);
    if (n && out[n - 1] != '\n' && !feof(stdin))
        return err_user(e, "the password on standard input is over %d characters",
                        USER_PASSWORD_MAX);
    while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
        out[--n] = '\0';
    return user_check_password(out, e);
}

static void show_generated(const char *email, const char *password)
{
    printf("password for %s (shown once; pass it on securely): %s\n", email, password);
}

static int run_add(int argc, char **argv)
{
    cli_opt opts[] = {
        CLI_DB_OPT,
        {"--role", "ROLE", "admin, commissioner or provider", NULL},
        {"--org", "CODE", "the account's organisation (required for a provider)", NULL},
        {"--generate", NULL, "make a random password and print it, even from a pipe", NULL},
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_add, argc, argv, opts, 4, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    if (!opts[1].value) {
        err_user(&e, "user add needs --role admin|commissioner|provider");
        return cli_fail(&e);
    }
    char email[USER_EMAIL_MAX + 1], password[USER_PASSWORD_MAX + 2];
    int generated;
    if (user_check_email(pos[0], email, &e) || user_check_role(opts[1].value, &e))
        return cli_fail(&e);
    db *d;
    if (cli_open_db(opts[0].value, 0, &d, &e))
        return cli_fail(&e);
    user_account u;
    int rc = user_check_org(d, opts[1].value, opts[2].value, &e);
    if (!rc)
        rc = get_password(opts[3].value != NULL, password, sizeof password, &generated, &e);
    if (!rc)
        rc = user_create(d, email, opts[1].value, opts[2].value, password, ACTOR, &u, &e);
    db_close(d);
    if (rc) {
        sodium_memzero(password, sizeof password);
        return cli_fail(&e);
    }
    printf("added %s (%s%s%s)\n", u.email, u.role, u.org[0] ? ", organisation " : "", u.org);
    if (generated)
        show_generated(u.email, password);
    sodium_memzero(password, sizeof password);
    return 0;
}

static int run_passwd(int argc, char **argv)
{
    cli_opt opts[] = {
        CLI_DB_OPT,
        {"--generate", NULL, "make a random password and print it, even from a pipe", NULL},
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_passwd, argc, argv, opts, 2, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(opts[0].value, 0, &d, &e))
        return cli_fail(&e);
    user_account u;
    int found = 0, generated = 0;
    char password[USER_PASSWORD_MAX + 2];
    int rc = user_find_email(d, pos[0], &u, &found, &e);
    if (!rc && !found)
        rc = err_user(&e, "no account for '%s' (see `unlock user list`)", pos[0]);
    if (!rc)
        rc = get_password(opts[1].value != NULL, password, sizeof password, &generated, &e);
    if (!rc)
        rc = user_set_password(d, u.email, password, ACTOR, &e);
    db_close(d);
    if (rc) {
        sodium_memzero(password, sizeof password);
        return cli_fail(&e);
    }
    printf("password changed for %s; its sessions have ended\n", u.email);
    if (generated)
        show_generated(u.email, password);
    sodium_memzero(password, sizeof password);
    return 0;
}

static int run_set_disabled(const cli_cmd *sub, int disabled, int argc, char **argv)
{
    cli_opt opts[] = {CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(sub, argc, argv, opts, 1, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(opts[0].value, 0, &d, &e))
        return cli_fail(&e);
    user_account u, after;
    int found = 0;
    int rc = user_find_email(d, pos[0], &u, &found, &e);
    if (!rc && !found)
        rc = err_user(&e, "no account for '%s' (see `unlock user list`)", pos[0]);
    user_change c = {.disabled = disabled};
    if (!rc)
        rc = user_update(d, u.id, &c, ACTOR, &after, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf(disabled ? "disabled %s; its sessions have ended\n" : "enabled %s\n", after.email);
    return 0;
}

typedef struct list_ctx {
    int json;
    json_t *items;
} list_ctx;

static int list_one(void *ctx, const user_account *u, err *e)
{
    (void)e;
    list_ctx *l = ctx;
    if (l->json)
        json_array_append_new(l->items,
                              json_pack("{s:I, s:s, s:s, s:o, s:b, s:s}", "id", (json_int_t)u->id,
                                        "email", u->email, "role", u->role, "org",
                                        u->org[0] ? json_string(u->org) : json_null(), "disabled",
                                        u->disabled, "created_at", u->created_at));
    else
        printf("%-6lld %-40s %-13s %-10s %s\n", (long long)u->id, u->email, u->role,
               u->org[0] ? u->org : "-", u->disabled ? "disabled" : "");
    return 0;
}

static int run_list(int argc, char **argv)
{
    cli_opt opts[] = {CLI_DB_OPT, {"--json", NULL, "print a JSON array", NULL}};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_list, argc, argv, opts, 2, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(opts[0].value, 0, &d, &e))
        return cli_fail(&e);
    list_ctx l = {opts[1].value != NULL, json_array()};
    if (!l.json)
        printf("%-6s %-40s %-13s %-10s %s\n", "id", "email", "role", "org", "");
    int rc = user_each(d, list_one, &l, &e);
    db_close(d);
    if (!rc && l.json) {
        json_dumpf(l.items, stdout, JSON_INDENT(2));
        printf("\n");
    }
    json_decref(l.items);
    return rc ? cli_fail(&e) : 0;
}

static void overview(const cli_cmd *cmd, FILE *out)
{
    fprintf(out, "usage: unlock %s %s\n\n%s\n\n", cmd->name, cmd->usage, cmd->summary);
    const cli_cmd *subs[] = {&sub_add, &sub_passwd, &sub_disable, &sub_enable, &sub_list};
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        fprintf(out, "  unlock %s %s\n      %s\n", subs[i]->name, subs[i]->usage, subs[i]->summary);
    fprintf(out,
            "\nEach takes --help. Changes are recorded in the audit log as made by \"cli\".\n");
}

int cmd_user(const cli_cmd *cmd, int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "unlock user: which one: add, passwd, disable, enable or list?\n");
        overview(cmd, stderr);
        return 1;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
        overview(cmd, stdout);
        return 0;
    }
    /* Each subcommand parses as its own command, with argv[0] its name. */
    if (strcmp(sub, "add") == 0)
        return run_add(argc - 1, argv + 1);
    if (strcmp(sub, "passwd") == 0)
        return run_passwd(argc - 1, argv + 1);
    if (strcmp(sub, "disable") == 0)
        return run_set_disabled(&sub_disable, 1, argc - 1, argv + 1);
    if (strcmp(sub, "enable") == 0)
        return run_set_disabled(&sub_enable, 0, argc - 1, argv + 1);
    if (strcmp(sub, "list") == 0)
        return run_list(argc - 1, argv + 1);
    fprintf(stderr, "unlock user: unknown subcommand '%s'\n", sub);
    overview(cmd, stderr);
    return 1;
}
