#include "domain/entities.h"

static const char *const roles[] = {"member", "facilitator", NULL};

enum { PERSON, ROLE, JOINED };

static const field_def fields[] = {
    [PERSON] = REF("person", "person_key", "people", 1),
    [ROLE] = {.column = "role", .sql = "role", .type = FT_ENUM, .required = 1, .choices = roles},
    [JOINED] = {.column = "joined", .sql = "joined", .type = FT_DATE},
};

const entity_def learning_member_def = {
    .kind = "learning-members",
    .singular = "learning-member",
    .table = "learning_members",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {PERSON},
    .nkey = 1,
    .list_fields = {PERSON, ROLE, JOINED},
    .nlist = 3,
    .commissioners_only = 1,
};
