#include "domain/entities.h"

static const char *const roles[] = {
    "gp_commissioner", "manager", "lay_member", "clinician", "improvement_lead",
    "executive",       "patient", "carer",      "other",     NULL,
};

enum { KEY, NAME, ROLE, SPECIALTY, ORGANISATION, EMAIL };

static const field_def fields[] = {
    [KEY] = {.column = "key",
             .sql = "key",
             .type = FT_CODE,
             .required = 1,
             .help = "a stable key for the person"},
    [NAME] = {.column = "name", .sql = "name", .type = FT_NAME, .required = 1},
    [ROLE] = {.column = "role", .sql = "role", .type = FT_ENUM, .required = 1, .choices = roles},
    [SPECIALTY] = {.column = "specialty", .sql = "specialty", .type = FT_NAME},
    [ORGANISATION] = {.column = "organisation",
                      .sql = "organisation_code",
                      .type = FT_CODE,
                      .ref = "organisations"},
    [EMAIL] = {.column = "email", .sql = "email", .type = FT_EMAIL},
};

const entity_def person_def = {
    .kind = "people",
    .singular = "person",
    .table = "people",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {KEY},
    .nkey = 1,
    .list_fields = {KEY, ROLE, NAME, ORGANISATION},
    .nlist = 4,
};
