#include "domain/entities.h"

#include "domain/indicator.h"

#include <stdio.h>
#include <string.h>

static const char *const domains[] = {
    "safety",     "effectiveness",     "experience", "productivity", "integration",
    "innovation", "population_health", "finance",    NULL,
};
static const char *const types[] = {"proportion", "rate", "mean", "count", "ratio", NULL};
static const char *const polarities[] = {"high_is_good", "low_is_good", "neutral", NULL};

enum { CODE, NAME, DOMAIN, TYPE, MULTIPLIER, POLARITY, PATIENT_REPORTED, SOURCE, DEFINITION };

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [NAME] = {.column = "name", .sql = "name", .type = FT_NAME, .required = 1},
    [DOMAIN] =
        {.column = "domain", .sql = "domain", .type = FT_ENUM, .required = 1, .choices = domains},
    [TYPE] = {.column = "type", .sql = "type", .type = FT_ENUM, .required = 1, .choices = types},
    [MULTIPLIER] = {.column = "multiplier",
                    .sql = "multiplier",
                    .type = FT_NUMBER,
                    .min_bound = BOUND_EXCLUSIVE,
                    .min = 0,
                    .help = "a multiplier more than 0, like 100 for a percentage"},
    [POLARITY] = {.column = "polarity",
                  .sql = "polarity",
                  .type = FT_ENUM,
                  .required = 1,
                  .choices = polarities},
    [PATIENT_REPORTED] = {.column = "patient_reported", .sql = "patient_reported", .type = FT_BOOL},
    [SOURCE] = {.column = "source", .sql = "source", .type = FT_TEXT},
    [DEFINITION] = {.column = "definition", .sql = "definition", .type = FT_TEXT},
};

double indicator_default_multiplier(const char *type)
{
    return strcmp(type, "proportion") == 0 ? 100 : 1;
}

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    (void)e;
    if (!row->text[MULTIPLIER]) {
        double m = indicator_default_multiplier(row->text[TYPE]);
        entity_row_set(row, MULTIPLIER, m == 100 ? "100" : "1", m);
    }
    if (!row->text[PATIENT_REPORTED])
        entity_row_set(row, PATIENT_REPORTED, "false", 0);
    return 0;
}

const entity_def indicator_def = {
    .kind = "indicators",
    .singular = "indicator",
    .table = "indicators",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, DOMAIN, TYPE, POLARITY, NAME},
    .nlist = 5,
    .check = check,
};

int indicator_lookup(db *d, const char *code, indicator_info *out, int *found, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT code, name, type, polarity, domain, multiplier FROM indicators"
                   " WHERE code = ?",
                   &s, e))
        return -1;
    int rc = db_bind_text(s, 1, code, e);
    if (!rc)
        rc = db_step(s, e);
    *found = rc == DB_ROW;
    if (rc == DB_ROW) {
        snprintf(out->code, sizeof out->code, "%s", db_col_text(s, 0));
        snprintf(out->name, sizeof out->name, "%s", db_col_text(s, 1));
        snprintf(out->type, sizeof out->type, "%s", db_col_text(s, 2));
        snprintf(out->polarity, sizeof out->polarity, "%s", db_col_text(s, 3));
        snprintf(out->domain, sizeof out->domain, "%s", db_col_text(s, 4));
        out->multiplier = db_col_double(s, 5);
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}
