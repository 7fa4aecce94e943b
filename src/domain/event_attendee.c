#include "domain/entities.h"

enum { EVENT, PERSON, ORGANISATION };

static const field_def fields[] = {
    [EVENT] = REF("event", "event_code", "events", 1),
    [PERSON] = REF("person", "person_key", "people", 0),
    [ORGANISATION] = REF("organisation", "organisation_code", "organisations", 0),
};

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    if (!row->text[PERSON] == !row->text[ORGANISATION])
        return entity_row_fail(row, row->text[PERSON] ? ORGANISATION : PERSON, e,
                               "give exactly one of person and organisation");
    return 0;
}

const entity_def event_attendee_def = {
    .kind = "attendees",
    .singular = "attendee",
    .table = "event_attendees",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {EVENT, PERSON, ORGANISATION},
    .nkey = 3,
    .list_fields = {EVENT, PERSON, ORGANISATION},
    .nlist = 3,
    .check = check,
};
