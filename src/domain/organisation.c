#include "domain/entities.h"

#include <string.h>

static const char *const kinds[] = {
    "icb",
    "sub_icb",
    "place",
    "pcn",
    "practice",
    "acute_trust",
    "community_trust",
    "mental_health_trust",
    "hospice",
    "gp_federation",
    "voluntary",
    "local_authority",
    "other",
    NULL,
};

enum { CODE, NAME, KIND, PARENT };

static const field_def fields[] = {
    [CODE] = {.column = "code",
              .sql = "code",
              .type = FT_CODE,
              .required = 1,
              .help = "an ODS-style organisation code"},
    [NAME] = {.column = "name", .sql = "name", .type = FT_NAME, .required = 1},
    [KIND] = {.column = "kind", .sql = "kind", .type = FT_ENUM, .required = 1, .choices = kinds},
    [PARENT] = {.column = "parent",
                .sql = "parent_code",
                .type = FT_CODE,
                .ref = "organisations",
                .help = "the code of the parent organisation"},
};

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    if (row->text[PARENT] && strcmp(row->text[PARENT], row->text[CODE]) == 0)
        return entity_row_fail(row, PARENT, e, "an organisation cannot be its own parent");
    return 0;
}

const entity_def organisation_def = {
    .kind = "organisations",
    .singular = "organisation",
    .table = "organisations",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, KIND, NAME, PARENT},
    .nlist = 4,
    .check = check,
};
