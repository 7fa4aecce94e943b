#include "domain/entities.h"

enum { CODE, DATE, THEME, THEORY, EXERCISE };

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [DATE] = {.column = "date", .sql = "session_date", .type = FT_DATE, .required = 1},
    [THEME] = {.column = "theme", .sql = "theme", .type = FT_NAME, .required = 1},
    [THEORY] = {.column = "theory",
                .sql = "theory",
                .type = FT_TEXT,
                .help = "the theory introduced"},
    [EXERCISE] = {.column = "exercise", .sql = "exercise", .type = FT_TEXT},
};

const entity_def learning_session_def = {
    .kind = "learning-sessions",
    .singular = "learning-session",
    .table = "learning_sessions",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, DATE, THEME},
    .nlist = 3,
    .commissioners_only = 1,
};
