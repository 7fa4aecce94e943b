/* unlock conversation add|list|show|actions|action|delete: the conversation log from the
 * terminal. The command line is a commissioner's own view: it sees every conversation. */
#include "cli/commands.h"

#include "cli/json_args.h"
#include "cli/output.h"
#include "domain/conversation.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const conversation_viewer EVERYONE = {.all = 1};

static const cli_cmd sub_add = {
    "conversation add",
    "(--file FILE | --date YYYY-MM-DD --title TEXT) [--mode M] [--people KEYS] [--orgs CODES]\n"
    "                  [--services CODES] [--pathways P] [--opportunities IDS] [--tags T]\n"
    "                  [--matters TEXT] [--concerns TEXT] [--ideas TEXT] [--agreements TEXT]\n"
    "                  [--notes TEXT | --notes-file FILE] [--action TEXT[;OWNER[;DUE]]]\n"
    "                  [--follow-up DATE] [--parent ID] [--shared] [--as NAME] [--db URL]",
    "Log a conversation: who, about what, what matters to them, and what was agreed.",
    "--file reads the conversation as JSON (the API's shape, docs/conversations.md; \"-\" is\n"
    "standard input); options given as well replace those members. Lists are comma-separated:\n"
    "--people p-0001,p-0016:provider gives each person's side after a colon (by default GP\n"
    "commissioners, lay members and ICB staff are on the commissioner side, others provider).\n"
    "--shared lets the provider users of the organisations named see it; by default only\n"
    "commissioners do. Prints the new conversation's id.",
    NULL};
static const cli_cmd sub_list = {
    "conversation list",
    "[--org CODE] [--person KEY] [--service CODE] [--pathway P] [--tag T] [--search WORDS]\n"
    "                  [--limit N] [--offset N] [--json] [--db URL]",
    "List conversations, newest first (best match first with --search).",
    "--search looks for every word (as a prefix) in titles, notes, what matters, concerns,\n"
    "ideas and agreements.",
    NULL};
static const cli_cmd sub_show = {"conversation show", "ID [--json] [--db URL]",
                                 "Show one conversation in full.", NULL, NULL};
static const cli_cmd sub_actions = {
    "conversation actions", "[--overdue] [--json] [--db URL]",
    "Open actions and due follow-ups across the system.",
    "A follow-up is due from its date until a conversation continues from it (--parent).", NULL};
static const cli_cmd sub_action = {"conversation action",
                                   "ID N open|done|dropped [--as NAME] [--db URL]",
                                   "Set the status of action N of a conversation.", NULL, NULL};
static const cli_cmd sub_delete = {"conversation delete", "ID [--as NAME] [--db URL]",
                                   "Delete a conversation (its follow-ups are kept).", NULL, NULL};

static int parse_id(const char *s, const char *what, int64_t *out, err *e)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || end == s || v <= 0)
        return err_user(e, "%s: '%.40s' is not a conversation id (a whole number)", what, s);
    *out = v;
    return 0;
}

static json_t *people_list(const char *s)
{
    json_t *words = cli_json_list(s), *arr = json_array(), *w;
    size_t i;
    json_array_foreach(words, i, w)
    {
        const char *t = json_string_value(w), *colon = strchr(t, ':');
        json_t *p = json_object();
        json_object_set_new(p, "person",
                            colon ? json_stringn(t, (size_t)(colon - t)) : json_string(t));
        if (colon)
            json_object_set_new(p, "side", json_string(colon + 1));
        json_array_append_new(arr, p);
    }
    json_decref(words);
    return arr;
}

static int read_json_file(const char *path, json_t **out, err *e)
{
    json_error_t je;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f)
        return err_user(e, "%s: %s", path, strerror(errno));
    *out = json_loadf(f, JSON_REJECT_DUPLICATES, &je);
    if (f != stdin)
        fclose(f);
    if (!*out)
        return err_user(e, "%s:%d:%d: %s", path, je.line, je.column, je.text);
    if (!json_is_object(*out)) {
        json_decref(*out);
        return err_user(e, "%s: expected a JSON object (one conversation)", path);
    }
    return 0;
}

enum {
    A_FILE,
    A_DATE,
    A_TITLE,
    A_MODE,
    A_PEOPLE,
    A_ORGS,
    A_SERVICES,
    A_PATHWAYS,
    A_OPPS,
    A_TAGS,
    A_MATTERS,
    A_CONCERNS,
    A_IDEAS,
    A_AGREEMENTS,
    A_NOTES,
    A_NOTES_FILE,
    A_ACTION,
    A_FOLLOW,
    A_PARENT,
    A_SHARED,
    A_AS,
    A_DB,
    A_COUNT
};

static int run_add(int argc, char **argv)
{
    cli_opt o[A_COUNT] = {
        [A_FILE] = {"--file", "FILE", "the conversation as JSON (\"-\": standard input)", 0},
        [A_DATE] = {"--date", "DATE", "when it was held (YYYY-MM-DD)", 0},
        [A_TITLE] = {"--title", "TEXT", "what it was about, in a line", 0},
        [A_MODE] = {"--mode", "MODE", "face_to_face (default), video or phone", 0},
        [A_PEOPLE] = {"--people", "KEYS", "participants: KEY or KEY:commissioner|provider, ...", 0},
        [A_ORGS] = {"--orgs", "CODES", "organisations taking part (and shared with)", 0},
        [A_SERVICES] = {"--services", "CODES", "services discussed", 0},
        [A_PATHWAYS] = {"--pathways", "P", "pathways discussed, e.g. end_of_life", 0},
        [A_OPPS] = {"--opportunities", "IDS", "opportunities discussed (as the register shows)", 0},
        [A_TAGS] = {"--tags", "T", "tags", 0},
        [A_MATTERS] = {"--matters", "TEXT", "what matters to them", 0},
        [A_CONCERNS] = {"--concerns", "TEXT", "concerns raised", 0},
        [A_IDEAS] = {"--ideas", "TEXT", "ideas put forward", 0},
        [A_AGREEMENTS] = {"--agreements", "TEXT", "what was agreed", 0},
        [A_NOTES] = {"--notes", "TEXT", "notes (Markdown)", 0},
        [A_NOTES_FILE] = {"--notes-file", "FILE", "notes from a Markdown file", 0},
        [A_ACTION] = {"--action", "SPEC", "an action: TEXT[;OWNER KEY[;DUE DATE]]", 0},
        [A_FOLLOW] = {"--follow-up", "DATE", "when to follow it up", 0},
        [A_PARENT] = {"--parent", "ID", "the conversation this one continues", 0},
        [A_SHARED] = {"--shared", NULL, "share with the organisations' provider users", 0},
        [A_AS] = {"--as", "NAME", "who is recording it (default cli)", 0},
        [A_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_add, argc, argv, o, A_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    json_t *obj = NULL;
    if (o[A_FILE].value) {
        if (read_json_file(o[A_FILE].value, &obj, &e))
            return cli_fail(&e);
    } else {
        obj = json_object();
    }
    static const struct {
        int opt;
        const char *member;
    } texts[] = {{A_DATE, "held_on"},          {A_TITLE, "title"},       {A_MODE, "mode"},
                 {A_MATTERS, "what_matters"},  {A_CONCERNS, "concerns"}, {A_IDEAS, "ideas"},
                 {A_AGREEMENTS, "agreements"}, {A_NOTES, "notes"},       {A_FOLLOW, "follow_up"}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (o[texts[i].opt].value)
            json_object_set_new(obj, texts[i].member, json_string(o[texts[i].opt].value));
    static const struct {
        int opt;
        const char *member;
    } lists[] = {{A_ORGS, "organisations"},
                 {A_SERVICES, "services"},
                 {A_PATHWAYS, "pathways"},
                 {A_OPPS, "opportunities"},
                 {A_TAGS, "tags"}};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        if (o[lists[i].opt].value)
            json_object_set_new(obj, lists[i].member, cli_json_list(o[lists[i].opt].value));
    if (o[A_PEOPLE].value)
        json_object_set_new(obj, "participants", people_list(o[A_PEOPLE].value));
    if (o[A_SHARED].value)
        json_object_set_new(obj, "visibility", json_string("shared"));
    int rc = 0;
    if (o[A_NOTES_FILE].value) {
        char *notes = NULL;
        if ((rc = file_read_all(o[A_NOTES_FILE].value, &notes, NULL, &e)) == 0) {
            json_object_set_new(obj, "notes", json_string(notes));
            free(notes);
        }
    }
    if (!rc && o[A_PARENT].value) {
        int64_t parent;
        if ((rc = parse_id(o[A_PARENT].value, "--parent", &parent, &e)) == 0)
            json_object_set_new(obj, "parent", json_integer(parent));
    }
    if (!rc && o[A_ACTION].value)
        cli_json_append(obj, "actions", cli_json_action(o[A_ACTION].value));
    db *d = NULL;
    int64_t id = 0;
    if (!rc && !(rc = cli_open_db(o[A_DB].value, 0, &d, &e))) {
        rc = conversation_create(d, obj, o[A_AS].value ? o[A_AS].value : "cli", &id, &e);
        if (rc && o[A_FILE].value)
            err_prefix(&e, "%s", o[A_FILE].value);
        db_close(d);
    }
    json_decref(obj);
    if (rc)
        return cli_fail(&e);
    printf("%lld\n", (long long)id);
    return 0;
}

enum {
    L_ORG,
    L_PERSON,
    L_SERVICE,
    L_PATHWAY,
    L_TAG,
    L_SEARCH,
    L_LIMIT,
    L_OFFSET,
    L_JSON,
    L_DB,
    L_COUNT
};

static int parse_count(const char *s, const char *what, long *out, err *e)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < 0)
        return err_user(e, "%s: '%.40s' is not a whole number, 0 or more", what, s);
    *out = v;
    return 0;
}

static void print_conversations(json_t *list)
{
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(list, "items"), i, it)
    {
        printf("%5lld  %s  %-12s %s\n", (long long)json_integer_value(json_object_get(it, "id")),
               json_string_value(json_object_get(it, "held_on")),
               json_string_value(json_object_get(it, "mode")),
               json_string_value(json_object_get(it, "title")));
        const char *who = json_string_value(json_object_get(it, "participants"));
        json_int_t open = json_integer_value(json_object_get(it, "open_actions"));
        printf("%5s  %s", "", who ? who : "(no participants recorded)");
        if (open)
            printf("; open actions: %lld", (long long)open);
        printf("\n");
        const char *snip = json_string_value(json_object_get(it, "snippet"));
        if (snip) {
            printf("%5s  ", "");
            for (const char *p = snip; *p; p++)
                putchar(*p == '\x02' ? '[' : *p == '\x03' ? ']' : *p);
            printf("\n");
        }
    }
    printf("\n%lld conversation%s", (long long)json_integer_value(json_object_get(list, "total")),
           json_integer_value(json_object_get(list, "total")) == 1 ? "" : "s");
    printf("%s\n", json_array_size(json_object_get(list, "items")) <
                           (size_t)json_integer_value(json_object_get(list, "total"))
                       ? " (more with --offset)"
                       : "");
}

static int run_list(int argc, char **argv)
{
    cli_opt o[L_COUNT] = {
        [L_ORG] = {"--org", "CODE", "with this organisation", 0},
        [L_PERSON] = {"--person", "KEY", "with this participant", 0},
        [L_SERVICE] = {"--service", "CODE", "about this service", 0},
        [L_PATHWAY] = {"--pathway", "P", "about this pathway", 0},
        [L_TAG] = {"--tag", "T", "with this tag", 0},
        [L_SEARCH] = {"--search", "WORDS", "full-text search", 0},
        [L_LIMIT] = {"--limit", "N", "at most N (default 50)", 0},
        [L_OFFSET] = {"--offset", "N", "skip the first N", 0},
        [L_JSON] = {"--json", NULL, "print JSON", 0},
        [L_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_list, argc, argv, o, L_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    conversation_filter f = {.org = o[L_ORG].value,
                             .person = o[L_PERSON].value,
                             .service = o[L_SERVICE].value,
                             .pathway = o[L_PATHWAY].value,
                             .tag = o[L_TAG].value,
                             .q = o[L_SEARCH].value};
    if ((o[L_LIMIT].value && parse_count(o[L_LIMIT].value, "--limit", &f.limit, &e)) ||
        (o[L_OFFSET].value && parse_count(o[L_OFFSET].value, "--offset", &f.offset, &e)))
        return cli_fail(&e);
    db *d;
    if (cli_open_db(o[L_DB].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *list = NULL;
    int rc = conversation_list(d, &f, &EVERYONE, &list, &e);
    if (rc && f.q)
        err_prefix(&e, "--search");
    db_close(d);
    return output_result(rc, &e, list, o[L_JSON].value != NULL, print_conversations);
}

static void print_text(const char *label, json_t *obj, const char *member)
{
    const char *v = json_string_value(json_object_get(obj, member));
    if (v && v[0])
        printf("\n%s:\n  %s\n", label, v);
}

static void print_list(const char *label, json_t *obj, const char *member)
{
    json_t *arr = json_object_get(obj, member), *v;
    size_t i;
    if (!json_array_size(arr))
        return;
    printf("%-14s ", label);
    json_array_foreach(arr, i, v) printf("%s%s", i ? ", " : "", json_string_value(v));
    printf("\n");
}

static void print_conversation(json_t *c)
{
    printf("conversation %lld (version %lld): %s\n",
           (long long)json_integer_value(json_object_get(c, "id")),
           (long long)json_integer_value(json_object_get(c, "version")),
           json_string_value(json_object_get(c, "title")));
    printf("%-14s %s, %s\n", "held", json_string_value(json_object_get(c, "held_on")),
           json_string_value(json_object_get(c, "mode")));
    printf("%-14s %s\n", "visible to",
           strcmp(json_string_value(json_object_get(c, "visibility")), "shared") == 0
               ? "commissioners and the organisations named"
               : "commissioners only");
    json_t *parent = json_object_get(c, "parent");
    if (json_is_integer(parent))
        printf("%-14s %lld\n", "continues", (long long)json_integer_value(parent));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(c, "participants"), i, v)
    {
        const char *spec = json_string_value(json_object_get(v, "specialty"));
        printf("%-14s %s (%s side%s%s)\n", i ? "" : "participants",
               json_string_value(json_object_get(v, "name")),
               json_string_value(json_object_get(v, "side")), spec ? "; " : "", spec ? spec : "");
    }
    print_list("organisations", c, "organisations");
    print_list("services", c, "services");
    print_list("pathways", c, "pathways");
    print_list("opportunities", c, "opportunities");
    print_list("charts", c, "charts");
    print_list("tags", c, "tags");
    print_text("What matters to them", c, "what_matters");
    print_text("Concerns", c, "concerns");
    print_text("Ideas", c, "ideas");
    print_text("Agreed", c, "agreements");
    print_text("Notes", c, "notes");
    if (json_array_size(json_object_get(c, "actions")))
        printf("\nActions:\n");
    json_array_foreach(json_object_get(c, "actions"), i, v)
    {
        const char *owner = json_string_value(json_object_get(v, "owner_name"));
        const char *due = json_string_value(json_object_get(v, "due"));
        printf("  %lld. [%s] %s%s%s%s%s%s\n",
               (long long)json_integer_value(json_object_get(v, "n")),
               json_string_value(json_object_get(v, "status")),
               json_string_value(json_object_get(v, "description")), owner ? " (" : "",
               owner ? owner : "", owner ? ")" : "", due ? ", due " : "", due ? due : "");
    }
    const char *follow = json_string_value(json_object_get(c, "follow_up"));
    if (follow)
        printf("\nFollow up by %s.\n", follow);
    json_t *kids = json_object_get(c, "children");
    if (json_array_size(kids)) {
        printf("Continued in:");
        json_array_foreach(kids, i, v) printf(" %lld", (long long)json_integer_value(v));
        printf("\n");
    }
}

/* The ID argument and the database, for the commands about one conversation. */
static int open_for_id(const char *text, const char *db_flag, int64_t *id, db **d, err *e)
{
    if (parse_id(text, "ID", id, e))
        return -1;
    return cli_open_db(db_flag, 0, d, e);
}

static int run_show(int argc, char **argv)
{
    cli_opt o[] = {{"--json", NULL, "print JSON", 0}, CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_show, argc, argv, o, 2, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    int64_t id;
    db *d;
    if (open_for_id(pos[0], o[1].value, &id, &d, &e))
        return cli_fail(&e);
    json_t *c = NULL;
    int rc = conversation_get(d, id, &EVERYONE, &c, &e);
    db_close(d);
    return output_result(rc, &e, c, o[0].value != NULL, print_conversation);
}

static int run_actions(int argc, char **argv)
{
    cli_opt o[] = {{"--overdue", NULL, "only what is past its date", 0},
                   {"--json", NULL, "print JSON", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_actions, argc, argv, o, 3, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(o[2].value, 0, &d, &e))
        return cli_fail(&e);
    char today[11];
    conversation_today(today);
    json_t *items;
    int rc = conversation_open_items(d, today, o[0].value != NULL, &EVERYONE, &items, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (o[1].value) {
        output_json(items);
        return 0;
    }
    size_t i;
    json_t *v;
    json_t *actions = json_object_get(items, "actions"),
           *follow = json_object_get(items, "follow_ups");
    printf("Open actions as of %s: %zu\n", today, json_array_size(actions));
    json_array_foreach(actions, i, v)
    {
        const char *due = json_string_value(json_object_get(v, "due"));
        const char *owner = json_string_value(json_object_get(v, "owner_name"));
        printf("  %-10s %-8s %s (%s; conversation %lld)\n", due ? due : "no date",
               json_is_true(json_object_get(v, "overdue")) ? "OVERDUE" : "",
               json_string_value(json_object_get(v, "description")), owner ? owner : "no owner",
               (long long)json_integer_value(json_object_get(v, "conversation")));
    }
    printf("\nFollow-ups due: %zu\n", json_array_size(follow));
    json_array_foreach(follow, i, v)
        printf("  %-10s %-8s %s (conversation %lld, held %s)\n",
               json_string_value(json_object_get(v, "follow_up")),
               json_is_true(json_object_get(v, "overdue")) ? "OVERDUE" : "",
               json_string_value(json_object_get(v, "title")),
               (long long)json_integer_value(json_object_get(v, "conversation")),
               json_string_value(json_object_get(v, "held_on")));
    json_decref(items);
    return 0;
}

static int run_action(int argc, char **argv)
{
    cli_opt o[] = {{"--as", "NAME", "who is recording it (default cli)", 0}, CLI_DB_OPT};
    char *pos[3];
    int npos, status;
    if (cli_parse(&sub_action, argc, argv, o, 2, pos, 3, 3, &npos, &status))
        return status;
    err e = {0};
    int64_t id, n;
    db *d;
    if (parse_id(pos[0], "ID", &id, &e) || parse_id(pos[1], "N", &n, &e) ||
        cli_open_db(o[1].value, 0, &d, &e))
        return cli_fail(&e);
    int rc = conversation_action_status(d, id, (int)n, pos[2], o[0].value ? o[0].value : "cli", &e);
    db_close(d);
    return rc ? cli_fail(&e) : 0;
}

static int run_delete(int argc, char **argv)
{
    cli_opt o[] = {{"--as", "NAME", "who is deleting it (default cli)", 0}, CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_delete, argc, argv, o, 2, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    int64_t id;
    db *d;
    if (open_for_id(pos[0], o[1].value, &id, &d, &e))
        return cli_fail(&e);
    int rc = conversation_delete(d, id, o[0].value ? o[0].value : "cli", &e);
    db_close(d);
    return rc ? cli_fail(&e) : 0;
}

int cmd_conversation(const cli_cmd *cmd, int argc, char **argv)
{
    static const cli_sub subs[] = {{&sub_add, run_add},       {&sub_list, run_list},
                                   {&sub_show, run_show},     {&sub_actions, run_actions},
                                   {&sub_action, run_action}, {&sub_delete, run_delete}};
    return cli_run_sub(cmd, argc, argv, subs, sizeof subs / sizeof subs[0]);
}
