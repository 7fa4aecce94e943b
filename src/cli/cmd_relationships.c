/* unlock relationships and unlock involvement: who has been talking with whom, where nobody
 * has, and whether clinicians are designing the services they provide. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/relationships.h"
#include "report/chart_network.h"
#include "util/date.h"
#include "util/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const conversation_viewer EVERYONE = {.all = 1};

enum { R_DAYS, R_TODAY, R_MATRIX, R_SVG, R_JSON, R_DB, R_COUNT };

static void print_table(json_t *rel)
{
    json_t *gaps = json_object_get(rel, "gaps"), *g, *r;
    size_t i, k;
    printf("Gaps: providers with a reason to talk and no conversation in the last %lld days "
           "(since %s)\n",
           (long long)json_integer_value(json_object_get(rel, "days")),
           json_string_value(json_object_get(rel, "since")));
    if (!json_array_size(gaps))
        printf("  none\n");
    json_array_foreach(gaps, i, g)
    {
        printf("  %-10s %s\n", json_string_value(json_object_get(g, "organisation")),
               json_string_value(json_object_get(g, "name")));
        json_array_foreach(json_object_get(g, "reasons"), k, r)
            printf("  %-10s - %s\n", "", json_string_value(r));
    }
    json_t *sg = json_object_get(rel, "specialty_gaps");
    if (json_array_size(sg))
        printf("\nSpecialties of those providers nobody has talked with in the window:\n");
    json_array_foreach(sg, i, g)
    {
        const char *last = json_string_value(json_object_get(g, "last_conversation"));
        printf("  %-10s %-40s last %s\n", json_string_value(json_object_get(g, "organisation")),
               json_string_value(json_object_get(g, "specialty")), last ? last : "never");
    }
    printf("\n%-10s %-11s %5s %6s %5s %8s  %s\n", "org", "last talked", "days", "in win", "open",
           "overdue", "name");
    json_array_foreach(json_object_get(rel, "organisations"), i, g)
    {
        const char *last = json_string_value(json_object_get(g, "last_conversation"));
        json_t *days = json_object_get(g, "days_since");
        char d[16] = "-";
        if (json_is_integer(days))
            snprintf(d, sizeof d, "%lld", (long long)json_integer_value(days));
        printf("%-10s %-11s %5s %6lld %5lld %8lld  %s%s\n",
               json_string_value(json_object_get(g, "code")), last ? last : "never", d,
               (long long)json_integer_value(json_object_get(g, "conversations_in_window")),
               (long long)json_integer_value(json_object_get(g, "open_actions")),
               (long long)json_integer_value(json_object_get(g, "overdue_actions")),
               json_string_value(json_object_get(g, "name")),
               json_is_true(json_object_get(g, "gap")) ? "  [gap]" : "");
    }
}

static void print_matrix(json_t *m)
{
    json_t *codes = json_object_get(m, "organisations"), *c;
    size_t i, j;
    printf("%-10s", "");
    json_array_foreach(codes, i, c) printf(" %7.7s", json_string_value(c));
    printf("\n");
    json_array_foreach(codes, i, c)
    {
        printf("%-10s", json_string_value(c));
        json_t *row = json_array_get(json_object_get(m, "counts"), i), *v;
        json_array_foreach(row, j, v) printf(" %7lld", (long long)json_integer_value(v));
        printf("\n");
    }
}

int cmd_relationships(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[R_COUNT] = {
        [R_DAYS] = {"--days", "N", "the window for \"recently\" (default 90)", 0},
        [R_TODAY] = {"--today", "DATE", "as of this date (default today)", 0},
        [R_MATRIX] = {"--matrix", NULL, "the organisation x organisation matrix instead", 0},
        [R_SVG] = {"--svg", "FILE", "also draw who has talked with whom as SVG", 0},
        [R_JSON] = {"--json", NULL, "print JSON", 0},
        [R_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, R_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    long days = RELATIONSHIP_DAYS_DEFAULT;
    if (o[R_DAYS].value) {
        char *end;
        errno = 0;
        days = strtol(o[R_DAYS].value, &end, 10);
        if (errno || *end || end == o[R_DAYS].value || days < 1 || days > 3660) {
            err_user(&e, "--days: '%.20s' is not a number of days from 1 to 3660", o[R_DAYS].value);
            return cli_fail(&e);
        }
    }
    char today[11];
    conversation_today(today);
    if (o[R_TODAY].value) {
        int ok;
        date_to_days(o[R_TODAY].value, &ok);
        if (!ok || strlen(o[R_TODAY].value) != 10) {
            err_user(&e, "--today: '%.20s' is not a date written YYYY-MM-DD", o[R_TODAY].value);
            return cli_fail(&e);
        }
        snprintf(today, sizeof today, "%s", o[R_TODAY].value);
    }
    db *d;
    if (cli_open_db(o[R_DB].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *result = NULL, *network = NULL;
    int rc = o[R_MATRIX].value ? relationships_matrix(d, &EVERYONE, &result, &e)
                               : relationships_build(d, today, (int)days, &EVERYONE, &result, &e);
    if (!rc && o[R_SVG].value && !(rc = relationships_network(d, &EVERYONE, &network, &e))) {
        strbuf svg = STRBUF_INIT;
        rc = chart_network_svg(network, &svg, &e);
        if (!rc)
            rc = file_write_atomic(o[R_SVG].value, svg.buf, svg.len, &e);
        strbuf_free(&svg);
        json_decref(network);
    }
    db_close(d);
    if (rc) {
        json_decref(result);
        return cli_fail(&e);
    }
    if (o[R_JSON].value) {
        output_json(result);
        return 0;
    }
    if (o[R_MATRIX].value)
        print_matrix(result);
    else
        print_table(result);
    json_decref(result);
    return 0;
}

int cmd_involvement(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[] = {{"--pathway", "P", "the pathway under redesign, e.g. end_of_life", 0},
                   {"--service", "CODE", "or one service", 0},
                   {"--json", NULL, "print JSON", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, 4, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    if (!o[0].value == !o[1].value) {
        err_user(&e, "give one of --pathway or --service");
        return cli_fail(&e);
    }
    db *d;
    if (cli_open_db(o[3].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *r;
    int rc = relationships_involvement(d, o[0].value, o[1].value, &EVERYONE, &r, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (o[2].value) {
        output_json(r);
        return 0;
    }
    size_t i;
    json_t *v;
    printf("Clinical involvement in %s: %lld conversation%s, %lld people, %lld clinicians\n",
           o[0].value ? o[0].value : o[1].value,
           (long long)json_integer_value(json_object_get(r, "conversations")),
           json_integer_value(json_object_get(r, "conversations")) == 1 ? "" : "s",
           (long long)json_integer_value(json_object_get(r, "people")),
           (long long)json_integer_value(json_object_get(r, "clinicians")));
    const char *warning = json_string_value(json_object_get(r, "warning"));
    if (warning)
        printf("\nWARNING: %s\n", warning);
    printf("\nServices (parts of the pathway):\n");
    json_array_foreach(json_object_get(r, "services"), i, v)
    {
        const char *last = json_string_value(json_object_get(v, "last_conversation"));
        printf("  %-16s %3lld conversation(s)%s%s  %s (%s)\n",
               json_string_value(json_object_get(v, "code")),
               (long long)json_integer_value(json_object_get(v, "conversations")),
               last ? ", last " : "", last ? last : "",
               json_string_value(json_object_get(v, "name")),
               json_string_value(json_object_get(v, "provider")));
    }
    printf("\nWho has been in the conversations:\n");
    json_array_foreach(json_object_get(r, "specialties"), i, v)
        printf("  %-18s %-9s %2lld people, %2lld conversation(s)  %s\n",
               json_string_value(json_object_get(v, "role")),
               json_string_value(json_object_get(v, "side")),
               (long long)json_integer_value(json_object_get(v, "people")),
               (long long)json_integer_value(json_object_get(v, "conversations")),
               json_string_value(json_object_get(v, "specialty")));
    json_decref(r);
    return 0;
}
