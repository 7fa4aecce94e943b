#include "domain/entity.h"

#include "domain/entities.h"
#include "util/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const entity_def *const entity_defs[] = {
    &organisation_def,
    &person_def,
    &site_def,
    &service_def,
    &contract_def,
    &indicator_def,
    &observation_def,
    &unit_cost_def,
    &programme_def,
    &codesign_event_def,
    &event_attendee_def,
    &priority_def,
    &pledge_def,
    &workstream_def,
    &champion_def,
    &goal_def,
    &project_def,
    &pdsa_cycle_def,
    &story_def,
    &touchpoint_def,
    &experience_measure_def,
    &learning_session_def,
    &learning_member_def,
};
const int entity_def_count = sizeof entity_defs / sizeof entity_defs[0];

const entity_def *entity_find(const char *kind)
{
    if (strcmp(kind, "orgs") == 0)
        kind = "organisations";
    for (int i = 0; i < entity_def_count; i++)
        if (strcmp(kind, entity_defs[i]->kind) == 0 || strcmp(kind, entity_defs[i]->singular) == 0)
            return entity_defs[i];
    return NULL;
}

const char *entity_kinds_list(void)
{
    static char list[1024];
    if (!list[0]) {
        size_t n = 0;
        for (int i = 0; i < entity_def_count; i++)
            n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "",
                                  entity_defs[i]->kind);
    }
    return list;
}

int entity_field_index(const entity_def *def, const char *column)
{
    for (int i = 0; i < def->nfields; i++)
        if (strcmp(def->fields[i].column, column) == 0)
            return i;
    return -1;
}

int entity_row_fail(const entity_row *row, int field, err *e, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    const char *value = row->text[field], *column = row->def->fields[field].column;
    if (row->line > 0)
        err_user(e, "%ld: column '%s': value '%.200s': %s", row->line, column, value ? value : "",
                 what);
    else
        err_user(e, "%s: value '%.200s': %s", column, value ? value : "", what);
    err_at(e, row->line, column);
    return -1;
}

void entity_row_set(entity_row *row, int field, const char *text, double num)
{
    free(row->owned[field]);
    row->owned[field] = text ? xstrdup(text) : NULL;
    row->text[field] = row->owned[field];
    row->num[field] = num;
}

void entity_row_clear(entity_row *row)
{
    for (int i = 0; i < ENTITY_MAX_FIELDS; i++) {
        free(row->owned[i]);
        row->owned[i] = NULL;
        row->text[i] = NULL;
        row->num[i] = 0;
    }
}

void entity_row_key(const entity_row *row, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (int k = 0; k < row->def->nkey && n < size; k++) {
        const char *part = row->text[row->def->key[k]];
        if (!part)
            continue;
        n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "/" : "", part);
    }
}
