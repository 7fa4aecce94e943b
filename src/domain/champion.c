#include "domain/entities.h"

static const char *const coaching[] = {"not_started", "in_coaching", "coached", "coaching_others",
                                       NULL};

enum { PERSON, PROGRAMME, WORKSTREAM, COACHING };

static const field_def fields[] = {
    [PERSON] = REF("person", "person_key", "people", 1),
    [PROGRAMME] = REF("programme", "programme_code", "programmes", 1),
    [WORKSTREAM] = REF("workstream", "workstream_code", "workstreams", 0),
    [COACHING] = {.column = "coaching",
                  .sql = "coaching",
                  .type = FT_ENUM,
                  .required = 1,
                  .choices = coaching},
};

const entity_def champion_def = {
    .kind = "champions",
    .singular = "champion",
    .table = "champions",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {PERSON, PROGRAMME},
    .nkey = 2,
    .list_fields = {PERSON, PROGRAMME, WORKSTREAM, COACHING},
    .nlist = 4,
};
