#include "domain/entities.h"

#include <string.h>

enum { CODE, COMMISSIONER, PROVIDER, VALUE, START, END };

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [COMMISSIONER] = {.column = "commissioner",
                      .sql = "commissioner_code",
                      .type = FT_CODE,
                      .required = 1,
                      .ref = "organisations"},
    [PROVIDER] = {.column = "provider",
                  .sql = "provider_code",
                  .type = FT_CODE,
                  .required = 1,
                  .ref = "organisations"},
    [VALUE] = {.column = "annual_value_gbp",
               .sql = "annual_value_gbp",
               .type = FT_NUMBER,
               .required = 1,
               .min_bound = BOUND_INCLUSIVE,
               .min = 0,
               .help = "the annual contract value (pounds, 0 or more)"},
    [START] = {.column = "start", .sql = "start_date", .type = FT_DATE, .required = 1},
    [END] = {.column = "end", .sql = "end_date", .type = FT_DATE, .required = 1},
};

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    if (strcmp(row->text[PROVIDER], row->text[COMMISSIONER]) == 0)
        return entity_row_fail(row, PROVIDER, e, "the provider cannot be the commissioner");
    /* ISO dates compare correctly as text. */
    if (strcmp(row->text[END], row->text[START]) < 0)
        return entity_row_fail(row, END, e, "the contract ends before it starts (%s)",
                               row->text[START]);
    return 0;
}

const entity_def contract_def = {
    .kind = "contracts",
    .singular = "contract",
    .table = "contracts",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, COMMISSIONER, PROVIDER, VALUE, START, END},
    .nlist = 6,
    .check = check,
};
