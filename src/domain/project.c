#include "domain/entities.h"

#include <math.h>

enum {
    CODE,
    PROGRAMME,
    WORKSTREAM,
    NAME,
    AIM,
    INDICATOR,
    ORGANISATION,
    SERVICE,
    PATHWAY,
    SPONSOR,
    CLINICAL_LEAD,
    IMPROVEMENT_LEAD,
    SPECIALTIES,
    START,
    PROGRESS
};

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [PROGRAMME] = REF("programme", "programme_code", "programmes", 0),
    [WORKSTREAM] = REF("workstream", "workstream_code", "workstreams", 0),
    [NAME] = {.column = "name", .sql = "name", .type = FT_NAME, .required = 1},
    [AIM] = {.column = "aim", .sql = "aim", .type = FT_TEXT, .required = 1},
    [INDICATOR] = REF("indicator", "indicator_code", "indicators", 0),
    [ORGANISATION] = REF("organisation", "organisation_code", "organisations", 0),
    [SERVICE] = REF("service", "service_code", "services", 0),
    [PATHWAY] = {.column = "pathway", .sql = "pathway", .type = FT_CODE},
    [SPONSOR] = REF("senior_sponsor", "sponsor_key", "people", 0),
    [CLINICAL_LEAD] = REF("clinical_lead", "clinical_lead_key", "people", 0),
    [IMPROVEMENT_LEAD] = REF("improvement_lead", "improvement_lead_key", "people", 0),
    [SPECIALTIES] = {.column = "specialties",
                     .sql = "specialties",
                     .type = FT_TEXT,
                     .help = "the specialties involved, separated by ';'"},
    [START] = {.column = "start", .sql = "start_date", .type = FT_DATE, .required = 1},
    [PROGRESS] = {.column = "progress_score",
                  .sql = "progress_score",
                  .type = FT_NUMBER,
                  .required = 1,
                  .min_bound = BOUND_INCLUSIVE,
                  .min = 0.5,
                  .max_bound = BOUND_INCLUSIVE,
                  .max = 5,
                  .help = "the QI progress score, 0.5 to 5 in steps of 0.5"},
};

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    if (row->text[ORGANISATION] && row->text[SERVICE])
        return entity_row_fail(row, SERVICE, e, "give at most one of organisation and service");
    if (row->text[INDICATOR] && !row->text[ORGANISATION] && !row->text[SERVICE])
        return entity_row_fail(row, ORGANISATION, e,
                               "a project measure needs the organisation or service it is "
                               "measured on");
    double twice = row->num[PROGRESS] * 2;
    if (twice != floor(twice))
        return entity_row_fail(row, PROGRESS, e, "the progress scale moves in steps of 0.5");
    return 0;
}

const entity_def project_def = {
    .kind = "projects",
    .singular = "project",
    .table = "projects",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, PROGRAMME, PROGRESS, NAME},
    .nlist = 4,
    .check = check,
};
