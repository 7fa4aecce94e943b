#include "domain/entities.h"

static const char *const statuses[] = {"planning", "active", "sustaining", "closed", NULL};

enum { CODE, NAME, PATHWAY, VISION, LEAD, STATUS, PUBLIC_DESCRIPTION };

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [NAME] = {.column = "name", .sql = "name", .type = FT_NAME, .required = 1},
    [PATHWAY] = {.column = "pathway", .sql = "pathway", .type = FT_CODE},
    [VISION] = {.column = "vision", .sql = "vision", .type = FT_TEXT},
    [LEAD] = REF("lead", "lead_key", "people", 0),
    [STATUS] =
        {.column = "status", .sql = "status", .type = FT_ENUM, .required = 1, .choices = statuses},
    [PUBLIC_DESCRIPTION] = {.column = "public_description",
                            .sql = "public_description",
                            .type = FT_TEXT,
                            .help = "what the public site says about the programme"},
};

const entity_def programme_def = {
    .kind = "programmes",
    .singular = "programme",
    .table = "programmes",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, STATUS, PATHWAY, NAME},
    .nlist = 4,
};
