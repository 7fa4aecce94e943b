#include "domain/entities.h"

static const char *const scorings[] = {"fft_positive", "percent_yes", "mean_score", NULL};

enum { INDICATOR, AGREED_WITH, AGREED_BY, AGREED_ON, ITEMS, SCORING };

static const field_def fields[] = {
    [INDICATOR] = REF("indicator", "indicator_code", "indicators", 1),
    [AGREED_WITH] = REF("agreed_with", "agreed_with", "organisations", 1),
    [AGREED_BY] = REF("agreed_by", "agreed_by_key", "people", 0),
    [AGREED_ON] = {.column = "agreed_on", .sql = "agreed_on", .type = FT_DATE, .required = 1},
    [ITEMS] = {.column = "items",
               .sql = "items",
               .type = FT_TEXT,
               .required = 1,
               .help = "the questionnaire items, separated by ';'"},
    [SCORING] = {.column = "scoring",
                 .sql = "scoring",
                 .type = FT_ENUM,
                 .required = 1,
                 .choices = scorings,
                 .help = "fft_positive: (very good + good) / all answers, don't know included"},
};

const entity_def experience_measure_def = {
    .kind = "experience-measures",
    .singular = "experience-measure",
    .table = "experience_measures",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {INDICATOR},
    .nkey = 1,
    .list_fields = {INDICATOR, AGREED_WITH, AGREED_ON, SCORING},
    .nlist = 4,
};
