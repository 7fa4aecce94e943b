/* unlock reflection add|list|share: the learning set's reflections from the command line. The
 * command line has no signed-in user, so --as names the author (an email, as the server uses). */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/reflection.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const cli_cmd sub_add = {
    "reflection add",
    "--as EMAIL --text TEXT [--session CODE] [--project CODE] [--conversation ID] [--shared]",
    "Write a reflection: private to its author unless --shared.", NULL, NULL};
static const cli_cmd sub_list = {"reflection list", "--as EMAIL [--session CODE] [--json]",
                                 "The reflections EMAIL may read: their own and those shared.",
                                 NULL, NULL};
static const cli_cmd sub_share = {"reflection share", "ID --as EMAIL [--private]",
                                  "Share one of your reflections with the set (or take it back).",
                                  NULL, NULL};

static int run_add(int argc, char **argv)
{
    cli_opt o[] = {{"--as", "EMAIL", "who wrote it", 0},
                   {"--text", "TEXT", "the reflection", 0},
                   {"--session", "CODE", "the learning session it follows", 0},
                   {"--project", "CODE", "a project it is about", 0},
                   {"--conversation", "ID", "a conversation it is about", 0},
                   {"--shared", NULL, "share it with the learning set", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_add, argc, argv, o, 7, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    if (!o[0].value || !o[1].value) {
        err_user(&e, "reflection add: give --as EMAIL and --text TEXT");
        return cli_fail(&e);
    }
    json_t *obj = json_pack("{s:s, s:b}", "text", o[1].value, "shared", o[5].value != NULL);
    if (o[2].value)
        json_object_set_new(obj, "session", json_string(o[2].value));
    if (o[3].value)
        json_object_set_new(obj, "project", json_string(o[3].value));
    if (o[4].value) {
        char *end;
        errno = 0;
        long long id = strtoll(o[4].value, &end, 10);
        if (errno || *end || id < 1) {
            json_decref(obj);
            err_user(&e, "--conversation: '%.20s' is not a conversation id", o[4].value);
            return cli_fail(&e);
        }
        json_object_set_new(obj, "conversation", json_integer(id));
    }
    db *d;
    if (cli_open_db(o[6].value, 0, &d, &e)) {
        json_decref(obj);
        return cli_fail(&e);
    }
    int64_t id = 0;
    int rc = reflection_add(d, obj, o[0].value, &id, &e);
    json_decref(obj);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf("reflection %lld saved (%s)\n", (long long)id,
           o[5].value ? "shared with the learning set" : "private to you");
    return 0;
}

static void print_reflections(json_t *out)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(out, "items"), i, r)
    {
        const char *theme = json_string_value(json_object_get(r, "theme"));
        printf("%lld  %.10s  %-8s %s%s%s\n    %s\n",
               (long long)json_integer_value(json_object_get(r, "id")),
               json_string_value(json_object_get(r, "written_at")),
               json_is_true(json_object_get(r, "shared")) ? "shared" : "private",
               json_is_true(json_object_get(r, "mine"))
                   ? "you"
                   : json_string_value(json_object_get(r, "author")),
               theme ? ", after " : "", theme ? theme : "",
               json_string_value(json_object_get(r, "text")));
    }
}

static int run_list(int argc, char **argv)
{
    cli_opt o[] = {{"--as", "EMAIL", "whose view", 0},
                   {"--session", "CODE", "only this session's", 0},
                   {"--json", NULL, "print JSON", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_list, argc, argv, o, 4, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    if (!o[0].value) {
        err_user(&e, "reflection list: give --as EMAIL");
        return cli_fail(&e);
    }
    db *d;
    if (cli_open_db(o[3].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *out = NULL;
    int rc = reflection_list(d, o[0].value, o[1].value, &out, &e);
    db_close(d);
    return output_result(rc, &e, out, o[2].value != NULL, print_reflections);
}

static int run_share(int argc, char **argv)
{
    cli_opt o[] = {{"--as", "EMAIL", "the author", 0},
                   {"--private", NULL, "make it private again", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_share, argc, argv, o, 3, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    char *end;
    errno = 0;
    long long id = strtoll(pos[0], &end, 10);
    if (errno || *end || id < 1 || !o[0].value) {
        err_user(&e, "reflection share: give the reflection's id and --as EMAIL");
        return cli_fail(&e);
    }
    db *d;
    if (cli_open_db(o[2].value, 0, &d, &e))
        return cli_fail(&e);
    int rc = reflection_set_shared(d, id, o[0].value, !o[1].value, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf("reflection %lld is %s\n", id, o[1].value ? "private" : "shared with the learning set");
    return 0;
}

int cmd_reflection(const cli_cmd *cmd, int argc, char **argv)
{
    static const cli_sub subs[] = {
        {&sub_add, run_add}, {&sub_list, run_list}, {&sub_share, run_share}};
    return cli_run_sub(cmd, argc, argv, subs, sizeof subs / sizeof subs[0]);
}
