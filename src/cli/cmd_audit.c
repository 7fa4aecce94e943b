/* unlock audit verify|list: checking the audit log's hash chain, and reading the log. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/audit.h"

#include <stdlib.h>
#include <string.h>

static const cli_cmd sub_verify = {
    "audit verify", "[--head ENTRY:HASH] [--seal] [--json] [--db URL]",
    "Check the audit log's hash chain: OK with the count, or the first row that breaks it.",
    "Each entry's hash covers its fields and the hash before it, so an entry edited, deleted\n"
    "or moved directly in the database breaks the chain there: the row is named, with what\n"
    "differs, and the exit status is 1. Rows cut from the end, or a chain recomputed whole,\n"
    "can only be seen against a head kept elsewhere: note the ENTRY:HASH printed here, and\n"
    "later --head ENTRY:HASH checks the chain still holds that entry with that hash.\n"
    "--seal first chains the entries of a log written before the chain existed (the first\n"
    "write after the upgrade does that too). Docs: docs/deploy.md.",
    NULL};
static const cli_cmd sub_list = {"audit list", "[--limit N] [--json] [--db URL]",
                                 "The audit log's latest entries, newest first.", NULL, NULL};

static void print_verdict(const audit_verdict *v, int as_json)
{
    if (as_json) {
        json_t *j =
            json_pack("{s:b, s:I, s:I, s:I, s:s}", "ok", !v->bad_id && !(v->unsealed && !v->rows),
                      "rows", (json_int_t)v->rows, "unsealed", (json_int_t)v->unsealed, "head_seq",
                      (json_int_t)v->head_seq, "head", v->head);
        json_object_set_new(j, "broken_row", v->bad_id ? json_integer(v->bad_id) : json_null());
        json_object_set_new(j, "problem", v->bad_id ? json_string(v->problem) : json_null());
        output_json(j);
        return;
    }
    if (v->bad_id)
        return;
    if (v->unsealed)
        printf("audit log: %lld entries written before the chain existed are not sealed yet:\n"
               "`unlock audit verify --seal` chains them\n",
               (long long)v->unsealed);
    else if (!v->rows)
        printf("audit log OK: it is empty\n");
    else
        printf("audit log OK: %lld entries chained; head %lld:%s\n", (long long)v->rows,
               (long long)v->head_seq, v->head);
}

/* --head ENTRY:HASH: the chain must still hold entry ENTRY, with that hash. */
static int check_noted_head(db *d, const char *noted, err *e)
{
    char *end;
    long long seq = strtoll(noted, &end, 10);
    if (end == noted || *end != ':' || seq < 1 || strlen(end + 1) != AUDIT_HASH_HEX - 1)
        return err_user(e,
                        "--head: expected ENTRY:HASH as `unlock audit verify` prints it "
                        "(e.g. 1234:3f9a...), not '%.80s'",
                        noted);
    char hash[AUDIT_HASH_HEX];
    int found = 0;
    if (audit_entry_hash(d, seq, hash, &found, e))
        return -1;
    if (!found)
        return err_user(e,
                        "the audit log's chain is broken: entry %lld, noted as its head, is "
                        "gone (entries were cut from the end, or the chain was rebuilt)",
                        seq);
    if (strcmp(hash, end + 1) != 0)
        return err_user(e,
                        "the audit log's chain is broken: entry %lld's hash is %.16s..., not "
                        "the %.16s... noted (the chain up to it was rewritten)",
                        seq, hash, end + 1);
    return 0;
}

static int run_verify(int argc, char **argv)
{
    cli_opt o[] = {
        {"--seal", NULL, "first chain the entries written before the chain existed", 0},
        {"--json", NULL, "print the verdict as JSON", 0},
        {"--head", "ENTRY:HASH", "a head noted earlier, which the chain must still hold", 0},
        CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_verify, argc, argv, o, 4, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(o[3].value, 0, &d, &e))
        return cli_fail(&e);
    int64_t sealed = 0;
    audit_verdict v;
    int rc = o[0].value ? audit_seal(d, &sealed, &e) : 0;
    if (!rc)
        rc = audit_verify(d, &v, &e);
    if (!rc && !v.bad_id && o[2].value)
        rc = check_noted_head(d, o[2].value, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (sealed && !o[1].value)
        printf("sealed %lld entries written before the chain existed\n", (long long)sealed);
    print_verdict(&v, o[1].value != NULL);
    if (v.bad_id) {
        fprintf(stderr, "unlock: the audit log's chain is broken at %s\n", v.problem);
        return 1;
    }
    return v.unsealed ? 1 : 0;
}

static int run_list(int argc, char **argv)
{
    cli_opt o[] = {{"--limit", "N", "the latest N entries (default 50; 0: all)", 0},
                   {"--json", NULL, "print a JSON array of objects", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(&sub_list, argc, argv, o, 3, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    long limit = 50;
    if (o[0].value) {
        char *end;
        limit = strtol(o[0].value, &end, 10);
        if (!*o[0].value || *end || limit < 0) {
            err_user(&e, "--limit: expected a whole number, 0 or more, not '%s'", o[0].value);
            return cli_fail(&e);
        }
    }
    db *d;
    if (cli_open_db(o[2].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *rows = json_array();
    int rc = audit_list(d, limit, rows, &e);
    db_close(d);
    if (rc) {
        json_decref(rows);
        return cli_fail(&e);
    }
    if (o[1].value) {
        output_json(rows);
        return 0;
    }
    printf("%8s %8s  %-20s %-24s %-7s %-20s %s\n", "id", "entry", "at", "actor", "action", "entity",
           "key");
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        json_t *seq = json_object_get(r, "seq");
        char entry[24] = "-"; /* not chained */
        if (json_is_integer(seq))
            snprintf(entry, sizeof entry, "%lld", (long long)json_integer_value(seq));
        printf("%8lld %8s  %-20s %-24s %-7s %-20s %s\n",
               (long long)json_integer_value(json_object_get(r, "id")), entry,
               json_string_value(json_object_get(r, "at")),
               json_string_value(json_object_get(r, "actor")),
               json_string_value(json_object_get(r, "action")),
               json_string_value(json_object_get(r, "entity")),
               json_string_value(json_object_get(r, "key")));
    }
    json_decref(rows);
    return 0;
}

int cmd_audit(const cli_cmd *cmd, int argc, char **argv)
{
    static const cli_sub subs[] = {{&sub_verify, run_verify}, {&sub_list, run_list}};
    return cli_run_sub(cmd, argc, argv, subs, sizeof subs / sizeof subs[0]);
}
