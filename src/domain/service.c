#include "domain/entities.h"

enum { CODE, NAME, PROVIDER, PATHWAY, SITE, ANNUAL };

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [NAME] = {.column = "name", .sql = "name", .type = FT_NAME, .required = 1},
    [PROVIDER] = {.column = "provider",
                  .sql = "provider_code",
                  .type = FT_CODE,
                  .required = 1,
                  .ref = "organisations",
                  .help = "the provider organisation's code"},
    [PATHWAY] = {.column = "pathway",
                 .sql = "pathway",
                 .type = FT_CODE,
                 .help = "a programme or pathway code, like end_of_life"},
    [SITE] = {.column = "site", .sql = "site_code", .type = FT_CODE, .ref = "sites"},
    [ANNUAL] = MONEY("annual_gbp", "annual cost"),
};

const entity_def service_def = {
    .kind = "services",
    .singular = "service",
    .table = "services",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, PROVIDER, PATHWAY, NAME},
    .nlist = 4,
};
