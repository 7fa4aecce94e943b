#include "domain/entities.h"

#include <string.h>

static const char *const tellers[] = {"patient", "carer", "staff", "public", NULL};
static const char *const consents[] = {"none", "internal", "public", NULL};
static const char *const moderations[] = {"pending", "approved", "rejected", NULL};
static const char *const changes[] = {"none", "planned", "made", NULL};

enum {
    CODE,
    PROGRAMME,
    PATHWAY,
    TELLER,
    CONSENT,
    ORGANISATION,
    TOLD_ON,
    TITLE,
    TEXT,
    MODERATED_TEXT,
    MODERATION,
    MODERATED_BY,
    RESPONSE,
    CHANGE
};

static const field_def fields[] = {
    [CODE] = {.column = "code", .sql = "code", .type = FT_CODE, .required = 1},
    [PROGRAMME] = REF("programme", "programme_code", "programmes", 0),
    [PATHWAY] = {.column = "pathway", .sql = "pathway", .type = FT_CODE, .required = 1},
    [TELLER] =
        {.column = "teller", .sql = "teller", .type = FT_ENUM, .required = 1, .choices = tellers},
    [CONSENT] = {.column = "consent",
                 .sql = "consent",
                 .type = FT_ENUM,
                 .required = 1,
                 .choices = consents,
                 .help = "how far the teller agreed the story may go"},
    [ORGANISATION] = REF("organisation", "organisation_code", "organisations", 0),
    [TOLD_ON] = {.column = "told_on", .sql = "told_on", .type = FT_DATE, .required = 1},
    [TITLE] = {.column = "title", .sql = "title", .type = FT_NAME, .required = 1},
    [TEXT] = {.column = "text", .sql = "text", .type = FT_TEXT, .required = 1},
    [MODERATED_TEXT] = {.column = "moderated_text",
                        .sql = "moderated_text",
                        .type = FT_TEXT,
                        .help = "the story with identifying details removed and staff named by "
                                "role"},
    [MODERATION] = {.column = "moderation",
                    .sql = "moderation",
                    .type = FT_ENUM,
                    .required = 1,
                    .choices = moderations},
    [MODERATED_BY] = {.column = "moderated_by", .sql = "moderated_by", .type = FT_NAME},
    [RESPONSE] = {.column = "response",
                  .sql = "response",
                  .type = FT_TEXT,
                  .help = "the provider's response"},
    [CHANGE] = {.column = "change",
                .sql = "change_status",
                .type = FT_ENUM,
                .required = 1,
                .choices = changes},
};

static int check(entity_row *row, db *d, err *e)
{
    (void)d;
    if (strcmp(row->text[MODERATION], "approved") == 0) {
        if (!row->text[MODERATED_TEXT])
            return entity_row_fail(row, MODERATED_TEXT, e,
                                   "an approved story needs its moderated text");
        if (!row->text[MODERATED_BY])
            return entity_row_fail(row, MODERATED_BY, e, "say who approved the moderated text");
        /* Moderation that changed nothing has removed nothing. */
        if (strcmp(row->text[MODERATED_TEXT], row->text[TEXT]) == 0)
            return entity_row_fail(row, MODERATED_TEXT, e,
                                   "is the teller's text unchanged: moderation must remove "
                                   "identifying details and name staff by role");
    }
    return 0;
}

const entity_def story_def = {
    .kind = "stories",
    .singular = "story",
    .table = "stories",
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .key = {CODE},
    .nkey = 1,
    .list_fields = {CODE, PATHWAY, TELLER, CONSENT, MODERATION, TITLE},
    .nlist = 6,
    .check = check,
    .commissioners_only = 1,
};
