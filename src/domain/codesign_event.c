#include "domain/entities.h"

static const char *const kinds[] = {"patient_carer",   "staff",       "joint",
                                    "co_design_group", "celebration", NULL};

enum {
    CODE,
    PROGRAMME,
    DATE,
    PLACE,
    KIND,
    PATIENTS,
    CARERS,
    STAFF,
    ORGANISATIONS,
    MINUTES,
    PRIORITIES_AGREED
};

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [PROGRAMME] = REF("programme", "programme_code", "programmes", 1),
    [DATE] = {.column = "date", .sql = "event_date", .type = FT_DATE, .required = 1},
    [PLACE] = {.column = "place", .sql = "place", .type = FT_NAME},
    [KIND] = {.column = "kind", .sql = "kind", .type = FT_ENUM, .required = 1, .choices = kinds},
    [PATIENTS] = COUNT("patients", "patients who came"),
    [CARERS] = COUNT("carers", "carers who came"),
    [STAFF] = COUNT("staff", "front-line staff who came"),
    [ORGANISATIONS] = COUNT("organisations", "organisations represented"),
    [MINUTES] = {.column = "minutes", .sql = "minutes", .type = FT_TEXT},
    [PRIORITIES_AGREED] = {.column = "priorities_agreed",
                           .sql = "priorities_agreed",
                           .type = FT_TEXT},
};

const entity_def codesign_event_def = {
    .kind = "events",
    .singular = "event",
    .table = "codesign_events",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, PROGRAMME, DATE, KIND, PLACE},
    .nlist = 5,
};
