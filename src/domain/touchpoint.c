#include "domain/entities.h"

enum { STORY, N, STAGE, EMOTION, VALENCE };

static const field_def fields[] = {
    [STORY] = REF("story", "story_code", "stories", 1),
    [N] = {.column = "n",
           .sql = "n",
           .type = FT_INTEGER,
           .required = 1,
           .min_bound = BOUND_INCLUSIVE,
           .min = 1,
           .help = "the touchpoint's place in the story, from 1"},
    [STAGE] = {.column = "stage",
               .sql = "stage",
               .type = FT_CODE,
               .required = 1,
               .help = "the stage of the pathway, e.g. diagnosis"},
    [EMOTION] = {.column = "emotion",
                 .sql = "emotion",
                 .type = FT_NAME,
                 .required = 1,
                 .help = "the word the teller used for how it felt"},
    [VALENCE] = {.column = "valence",
                 .sql = "valence",
                 .type = FT_INTEGER,
                 .required = 1,
                 .min_bound = BOUND_INCLUSIVE,
                 .min = -2,
                 .max_bound = BOUND_INCLUSIVE,
                 .max = 2,
                 .help = "how it felt, from -2 (very bad) to +2 (very good)"},
};

const entity_def touchpoint_def = {
    .kind = "touchpoints",
    .singular = "touchpoint",
    .table = "touchpoints",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {STORY, N},
    .nkey = 2,
    .list_fields = {STORY, N, STAGE, VALENCE, EMOTION},
    .nlist = 5,
    .commissioners_only = 1,
};
