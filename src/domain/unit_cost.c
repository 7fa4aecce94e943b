/* unit-costs: what one unit of an activity costs, so that an indicator's excess events (its
 * peer opportunity) can be sized in pounds. A unit cost names the indicator whose numerator
 * counts its events; an indicator has at most one, or the register would count its events
 * twice. */
#include "domain/entities.h"

#include <stdio.h>

enum { CODE, ACTIVITY, UNIT, GBP, INDICATOR, SOURCE };

static const field_def fields[] = {
    [CODE] = {.column = "code",
              .sql = "code",
              .type = FT_CODE,
              .required = 1,
              .help = "an activity code, e.g. OP-FU or a National Cost Collection currency"},
    [ACTIVITY] = {.column = "activity", .sql = "activity", .type = FT_NAME, .required = 1},
    [UNIT] = {.column = "unit",
              .sql = "unit",
              .type = FT_NAME,
              .required = 1,
              .help = "what one unit is, e.g. attendance, admission, bed day"},
    [GBP] = {.column = "gbp",
             .sql = "gbp",
             .type = FT_NUMBER,
             .required = 1,
             .min_bound = BOUND_INCLUSIVE,
             .min = 0,
             .help = "pounds per unit (0 or more)"},
    [INDICATOR] = {.column = "indicator",
                   .sql = "indicator_code",
                   .type = FT_CODE,
                   .ref = "indicators",
                   .help = "the indicator whose numerator counts these units"},
    [SOURCE] = {.column = "source", .sql = "source", .type = FT_TEXT},
};

/* One unit cost per indicator: the message names the cost that already prices it. */
static int check(entity_row *row, db *d, err *e)
{
    if (!row->text[INDICATOR])
        return 0;
    db_stmt *s;
    if (db_prepare(d, "SELECT code FROM unit_costs WHERE indicator_code = ? AND code <> ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, row->text[INDICATOR], e);
    if (!rc)
        rc = db_bind_text(s, 2, row->text[CODE], e);
    char other[40] = "";
    if (!rc && (rc = db_step(s, e)) == DB_ROW)
        snprintf(other, sizeof other, "%s", db_col_text(s, 0));
    db_finalize(s);
    if (rc < 0)
        return -1;
    if (other[0])
        return entity_row_fail(row, INDICATOR, e,
                               "unit cost %s already prices this indicator: give an indicator one "
                               "unit cost, or its events would be counted twice",
                               other);
    return 0;
}

const entity_def unit_cost_def = {
    .kind = "unit-costs",
    .singular = "unit-cost",
    .table = "unit_costs",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, INDICATOR, GBP, UNIT, ACTIVITY},
    .nlist = 5,
    .check = check,
};
