#include "domain/entities.h"

#include <string.h>

enum {
    CODE,
    PROGRAMME,
    NAME,
    INDICATOR,
    ORGANISATION,
    SERVICE,
    BASELINE,
    BASELINE_PERIOD,
    TARGET,
    TARGET_PERIOD
};

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [PROGRAMME] = REF("programme", "programme_code", "programmes", 0),
    [NAME] = {.column = "name", .sql = "name", .type = FT_NAME, .required = 1},
    [INDICATOR] = REF("indicator", "indicator_code", "indicators", 1),
    [ORGANISATION] = REF("organisation", "organisation_code", "organisations", 0),
    [SERVICE] = REF("service", "service_code", "services", 0),
    [BASELINE] = {.column = "baseline", .sql = "baseline", .type = FT_NUMBER, .required = 1},
    [BASELINE_PERIOD] = {.column = "baseline_period",
                         .sql = "baseline_period",
                         .type = FT_PERIOD,
                         .required = 1},
    [TARGET] = {.column = "target", .sql = "target", .type = FT_NUMBER, .required = 1},
    [TARGET_PERIOD] = {.column = "target_period",
                       .sql = "target_period",
                       .type = FT_PERIOD,
                       .required = 1},
};

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    if (!row->text[ORGANISATION] == !row->text[SERVICE])
        return entity_row_fail(row, row->text[ORGANISATION] ? SERVICE : ORGANISATION, e,
                               "give exactly one of organisation (the ICB for the whole system) "
                               "and service");
    if (strcmp(row->text[TARGET_PERIOD], row->text[BASELINE_PERIOD]) <= 0)
        return entity_row_fail(row, TARGET_PERIOD, e,
                               "the target must come after the baseline (%s)",
                               row->text[BASELINE_PERIOD]);
    if (row->num[TARGET] == row->num[BASELINE])
        return entity_row_fail(row, TARGET, e,
                               "the target equals the baseline, so there is nothing to reach");
    return 0;
}

const entity_def goal_def = {
    .kind = "goals",
    .singular = "goal",
    .table = "goals",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, INDICATOR, TARGET, TARGET_PERIOD, NAME},
    .nlist = 5,
    .check = check,
};
