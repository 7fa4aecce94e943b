#include "domain/entities.h"

#include <string.h>

static const char *const statuses[] = {"made", "in_progress", "delivered", "lapsed", NULL};

enum { CODE, PROGRAMME, ORGANISATION, PLEDGE, MADE_ON, DUE, STATUS, EVIDENCE };

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [PROGRAMME] = REF("programme", "programme_code", "programmes", 1),
    [ORGANISATION] = REF("organisation", "organisation_code", "organisations", 1),
    [PLEDGE] = {.column = "pledge", .sql = "pledge", .type = FT_TEXT, .required = 1},
    [MADE_ON] = {.column = "made_on", .sql = "made_on", .type = FT_DATE, .required = 1},
    [DUE] = {.column = "due", .sql = "due", .type = FT_DATE},
    [STATUS] =
        {.column = "status", .sql = "status", .type = FT_ENUM, .required = 1, .choices = statuses},
    [EVIDENCE] = {.column = "evidence", .sql = "evidence", .type = FT_TEXT},
};

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    if (row->text[DUE] && strcmp(row->text[DUE], row->text[MADE_ON]) < 0)
        return entity_row_fail(row, DUE, e, "a pledge cannot be due before it was made (%s)",
                               row->text[MADE_ON]);
    /* A pledge marked delivered with nothing to show for it is a claim, not a delivery. */
    if (strcmp(row->text[STATUS], "delivered") == 0 && !row->text[EVIDENCE])
        return entity_row_fail(row, EVIDENCE, e, "a delivered pledge needs its evidence");
    return 0;
}

const entity_def pledge_def = {
    .kind = "pledges",
    .singular = "pledge",
    .table = "pledges",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, PROGRAMME, ORGANISATION, STATUS, DUE},
    .nlist = 5,
    .check = check,
};
