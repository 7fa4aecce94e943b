#include "domain/entities.h"

static const char *const horizons[] = {"short_term", "long_term", NULL};

enum { CODE, PROGRAMME, TITLE, HORIZON, DESCRIPTION };

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [PROGRAMME] = REF("programme", "programme_code", "programmes", 1),
    [TITLE] = {.column = "title", .sql = "title", .type = FT_NAME, .required = 1},
    [HORIZON] = {.column = "horizon",
                 .sql = "horizon",
                 .type = FT_ENUM,
                 .required = 1,
                 .choices = horizons},
    [DESCRIPTION] = {.column = "description", .sql = "description", .type = FT_TEXT},
};

const entity_def priority_def = {
    .kind = "priorities",
    .singular = "priority",
    .table = "priorities",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, PROGRAMME, HORIZON, TITLE},
    .nlist = 4,
};
