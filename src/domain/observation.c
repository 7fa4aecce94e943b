#include "domain/entities.h"

#include "domain/indicator.h"
#include "domain/observation.h"
#include "util/strbuf.h"

#include <math.h>
#include <string.h>

enum { INDICATOR, ORGANISATION, SERVICE, PERIOD, NUMERATOR, DENOMINATOR, VALUE, NOTE };

static const field_def fields[] = {
    [INDICATOR] = {.column = "indicator",
                   .sql = "indicator_code",
                   .type = FT_CODE,
                   .required = 1,
                   .ref = "indicators"},
    [ORGANISATION] = {.column = "organisation",
                      .sql = "organisation_code",
                      .type = FT_CODE,
                      .ref = "organisations"},
    [SERVICE] = {.column = "service", .sql = "service_code", .type = FT_CODE, .ref = "services"},
    [PERIOD] = {.column = "period", .sql = "period", .type = FT_PERIOD, .required = 1},
    [NUMERATOR] = {.column = "numerator",
                   .sql = "numerator",
                   .type = FT_NUMBER,
                   .min_bound = BOUND_INCLUSIVE,
                   .min = 0,
                   .help = "a numerator, 0 or more"},
    [DENOMINATOR] = {.column = "denominator",
                     .sql = "denominator",
                     .type = FT_NUMBER,
                     .min_bound = BOUND_EXCLUSIVE,
                     .min = 0,
                     .help = "a denominator more than 0"},
    [VALUE] = {.column = "value", .sql = "value", .type = FT_NUMBER},
    [NOTE] = {.column = "note", .sql = "note", .type = FT_TEXT},
};

/* Agreement to 6 significant figures: what a value rounded for a spreadsheet keeps. */
static int agrees(double given, double derived)
{
    double scale = fmax(fabs(given), fabs(derived));
    return fabs(given - derived) <= 5e-6 * scale + 1e-12;
}

static int check(entity_row *row, db *d, err *e)
{
    int has_org = row->text[ORGANISATION] != NULL, has_service = row->text[SERVICE] != NULL;
    if (has_org == has_service)
        return entity_row_fail(row, has_org ? SERVICE : ORGANISATION, e,
                               "give exactly one of organisation and service");
    indicator_info ind;
    int found;
    if (indicator_lookup(d, row->text[INDICATOR], &ind, &found, e))
        return -1;
    if (!found)
        return 0; /* the reference check reports it, naming the column */

    int has_num = row->text[NUMERATOR] != NULL, has_den = row->text[DENOMINATOR] != NULL;
    if (has_num && has_den) {
        if (strcmp(ind.type, "proportion") == 0 && row->num[NUMERATOR] > row->num[DENOMINATOR])
            return entity_row_fail(row, NUMERATOR, e,
                                   "a proportion's numerator cannot be more than its denominator "
                                   "(%g)",
                                   row->num[DENOMINATOR]);
        double v = row->num[NUMERATOR] / row->num[DENOMINATOR] * ind.multiplier;
        if (row->text[VALUE] && !agrees(row->num[VALUE], v))
            return entity_row_fail(row, VALUE, e,
                                   "does not match numerator / denominator x %g = %.6g; leave "
                                   "value empty to have it worked out",
                                   ind.multiplier, v);
        strbuf sb = STRBUF_INIT;
        strbuf_add_number(&sb, v);
        entity_row_set(row, VALUE, strbuf_str(&sb), v);
        strbuf_free(&sb);
        return 0;
    }
    if (has_den && !has_num)
        return entity_row_fail(row, NUMERATOR, e, "a denominator needs a numerator");
    if (has_num && strcmp(ind.type, "count") == 0) {
        if (row->text[VALUE] && !agrees(row->num[VALUE], row->num[NUMERATOR]))
            return entity_row_fail(row, VALUE, e, "a count's value is its numerator (%g)",
                                   row->num[NUMERATOR]);
        entity_row_set(row, VALUE, row->text[NUMERATOR], row->num[NUMERATOR]);
        return 0;
    }
    if (has_num)
        return entity_row_fail(row, DENOMINATOR, e, "a %s needs a denominator with its numerator",
                               ind.type);
    if (!row->text[VALUE])
        return entity_row_fail(row, VALUE, e,
                               "a value is required when numerator and denominator are not "
                               "both given");
    return 0;
}

const entity_def observation_def = {
    .kind = "observations",
    .singular = "observation",
    .table = "observations",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {INDICATOR, ORGANISATION, SERVICE, PERIOD},
    .nkey = 4,
    .list_fields = {INDICATOR, ORGANISATION, SERVICE, PERIOD, VALUE},
    .nlist = 5,
    .check = check,
};

int observation_key(db *d, const char *indicator, const char *subject, const char *period,
                    const char *key[4], err *e)
{
    db_stmt *s;
    if (db_prepare(d, "SELECT 1 FROM services WHERE code = ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, subject, e);
    if (!rc)
        rc = db_step(s, e);
    db_finalize(s);
    if (rc < 0)
        return -1;
    int is_service = rc == DB_ROW;
    key[0] = indicator;
    key[1] = is_service ? "" : subject;
    key[2] = is_service ? subject : "";
    key[3] = period;
    return 0;
}
