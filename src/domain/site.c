#include "domain/entities.h"

enum {
    CODE,
    NAME,
    ORGANISATION,
    GIA,
    CLINICAL,
    NON_CLINICAL,
    EMPTY,
    UNDER_USED,
    HARD_FM,
    SOFT_FM,
    BACKLOG_HIGH,
    BACKLOG_SIGNIFICANT,
    BACKLOG_MODERATE,
    BACKLOG_LOW,
    ROOMS,
    AVAILABLE,
    BOOKED,
};

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [NAME] = {.column = "name", .sql = "name", .type = FT_NAME, .required = 1},
    [ORGANISATION] = {.column = "organisation",
                      .sql = "organisation_code",
                      .type = FT_CODE,
                      .required = 1,
                      .ref = "organisations"},
    [GIA] = {.column = "gross_internal_m2",
             .sql = "gross_internal_m2",
             .type = FT_NUMBER,
             .required = 1,
             .min_bound = BOUND_EXCLUSIVE,
             .min = 0,
             .help = "the gross internal floor area in m² (more than 0)"},
    [CLINICAL] = {.column = "clinical_m2",
                  .sql = "clinical_m2",
                  .type = FT_NUMBER,
                  .min_bound = BOUND_INCLUSIVE,
                  .min = 0,
                  .help = "clinical floor area in m²"},
    [NON_CLINICAL] = {.column = "non_clinical_m2",
                      .sql = "non_clinical_m2",
                      .type = FT_NUMBER,
                      .min_bound = BOUND_INCLUSIVE,
                      .min = 0,
                      .help = "non-clinical floor area in m²"},
    [EMPTY] = PERCENT("empty_pct", "floor area empty"),
    [UNDER_USED] = PERCENT("under_used_pct", "floor area under-used"),
    [HARD_FM] = MONEY("hard_fm_gbp", "hard FM cost per year"),
    [SOFT_FM] = MONEY("soft_fm_gbp", "soft FM cost per year"),
    [BACKLOG_HIGH] = MONEY("backlog_high_gbp", "high-risk backlog"),
    [BACKLOG_SIGNIFICANT] = MONEY("backlog_significant_gbp", "significant-risk backlog"),
    [BACKLOG_MODERATE] = MONEY("backlog_moderate_gbp", "moderate-risk backlog"),
    [BACKLOG_LOW] = MONEY("backlog_low_gbp", "low-risk backlog"),
    [ROOMS] = COUNT("clinical_rooms", "clinical rooms"),
    [AVAILABLE] = COUNT("room_sessions_available", "room sessions available per week"),
    [BOOKED] = COUNT("room_sessions_booked", "room sessions booked per week"),
};

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    double gia = row->num[GIA];
    /* Rounding in returns means a total a hair over the gross area is still honest. */
    if (row->text[CLINICAL] && row->text[NON_CLINICAL] &&
        row->num[CLINICAL] + row->num[NON_CLINICAL] > gia * 1.0001)
        return entity_row_fail(row, NON_CLINICAL, e,
                               "clinical (%g) + non-clinical m² is more than the gross internal "
                               "area (%g)",
                               row->num[CLINICAL], gia);
    if (row->text[EMPTY] && row->text[UNDER_USED] && row->num[EMPTY] + row->num[UNDER_USED] > 100)
        return entity_row_fail(row, UNDER_USED, e,
                               "empty (%g%%) + under-used %% is more than 100%%", row->num[EMPTY]);
    if (row->text[BOOKED] && !row->text[AVAILABLE])
        return entity_row_fail(row, BOOKED, e, "room_sessions_available is needed as well");
    if (row->text[BOOKED] && row->num[BOOKED] > row->num[AVAILABLE])
        return entity_row_fail(row, BOOKED, e, "more sessions booked than available (%g)",
                               row->num[AVAILABLE]);
    return 0;
}

const entity_def site_def = {
    .kind = "sites",
    .singular = "site",
    .table = "sites",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, ORGANISATION, GIA, NAME},
    .nlist = 4,
    .check = check,
};
