#include "domain/entities.h"

enum { CODE, PROGRAMME, NAME, LEAD, PRIORITY, AIM };

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [PROGRAMME] = REF("programme", "programme_code", "programmes", 1),
    [NAME] = {.column = "name", .sql = "name", .type = FT_NAME, .required = 1},
    [LEAD] = REF("lead", "lead_key", "people", 0),
    [PRIORITY] = REF("priority", "priority_code", "priorities", 0),
    [AIM] = {.column = "aim", .sql = "aim", .type = FT_TEXT},
};

const entity_def workstream_def = {
    .kind = "workstreams",
    .singular = "workstream",
    .table = "workstreams",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, PROGRAMME, LEAD, NAME},
    .nlist = 4,
};
