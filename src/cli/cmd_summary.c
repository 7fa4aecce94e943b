/* summary: the local health system at a glance, for a person or (--json) a program. */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/summary.h"

#include <stdio.h>
#include <string.h>

/* 318000000 → "318,000,000": figures a person reads at a glance. */
static void grouped(double v, char *out, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", v < 0 ? -v : v);
    size_t n = strlen(digits), o = 0;
    if (v < 0 && o + 1 < size)
        out[o++] = '-';
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static void print_section(const summary_section *sec, json_t *obj)
{
    int w = 24;
    const char *label;
    json_t *v;
    json_object_foreach(obj, label, v) if ((int)strlen(label) > w) w = (int)strlen(label);
    printf("\n%s\n", sec->title);
    json_object_foreach(obj, label, v)
    {
        char num[40];
        grouped(json_real_value(v), num, sizeof num);
        printf("  %-*s %14s\n", w, label, num);
    }
}

int cmd_summary(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt opts[] = {{"--json", NULL, "print a JSON object", NULL}, CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 2, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(opts[1].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *s;
    int rc = summary_build(d, &s, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    if (opts[0].value) {
        output_json(s);
        return 0;
    }
    json_t *icb = json_object_get(s, "icb");
    if (json_is_string(icb))
        printf("%s (%s)\n", json_string_value(json_object_get(s, "icb_name")),
               json_string_value(icb));
    else
        printf("No integrated care board in this database yet (import organisations, or run "
               "`unlock demo`).\n");
    for (int i = 0; i < summary_section_count; i++)
        print_section(&summary_sections[i], json_object_get(s, summary_sections[i].name));
    json_decref(s);
    return 0;
}
