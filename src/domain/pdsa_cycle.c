#include "domain/entities.h"

#include <string.h>

enum { PROJECT, CYCLE, TITLE, PLAN, DO, STUDY, ACT, START, END, CHANGE_PERIOD, REBASE };

static const field_def fields[] = {
    [PROJECT] = REF("project", "project_code", "projects", 1),
    [CYCLE] = {.column = "cycle",
               .sql = "cycle",
               .type = FT_INTEGER,
               .required = 1,
               .min_bound = BOUND_INCLUSIVE,
               .min = 1,
               .help = "the cycle's number, from 1"},
    [TITLE] = {.column = "title", .sql = "title", .type = FT_NAME, .required = 1},
    [PLAN] = {.column = "plan", .sql = "plan", .type = FT_TEXT},
    [DO] = {.column = "do", .sql = "do_text", .type = FT_TEXT},
    [STUDY] = {.column = "study", .sql = "study", .type = FT_TEXT},
    [ACT] = {.column = "act", .sql = "act", .type = FT_TEXT},
    [START] = {.column = "start", .sql = "start_date", .type = FT_DATE, .required = 1},
    [END] = {.column = "end", .sql = "end_date", .type = FT_DATE},
    [CHANGE_PERIOD] = {.column = "change_period",
                       .sql = "change_period",
                       .type = FT_PERIOD,
                       .help = "the period the change took effect, where the chart is annotated"},
    [REBASE] = {.column = "rebase",
                .sql = "rebase",
                .type = FT_BOOL,
                .help = "whether the SPC chart starts a new segment at the change"},
};

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    if (row->text[END] && strcmp(row->text[END], row->text[START]) < 0)
        return entity_row_fail(row, END, e, "the cycle ends before it starts (%s)",
                               row->text[START]);
    if (row->text[REBASE] && row->num[REBASE] && !row->text[CHANGE_PERIOD])
        return entity_row_fail(row, CHANGE_PERIOD, e, "a rebase needs the period of the change");
    return 0;
}

const entity_def pdsa_cycle_def = {
    .kind = "pdsa-cycles",
    .singular = "pdsa-cycle",
    .table = "pdsa_cycles",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {PROJECT, CYCLE},
    .nkey = 2,
    .list_fields = {PROJECT, CYCLE, START, TITLE},
    .nlist = 4,
    .check = check,
};
