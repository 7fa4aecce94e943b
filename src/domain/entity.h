/* entity: the local health system model as data.
 *
 * Each entity (organisation, person, site, ...) is described once by an
 * entity_def: its CSV columns, their types and rules, its key, its references
 * and any rule that spans fields. Import, export, list and show are written
 * once against these descriptions, so a new entity is a new descriptor file,
 * not new plumbing. The descriptors are static and never freed. */
#ifndef UNLOCK_DOMAIN_ENTITY_H
#define UNLOCK_DOMAIN_ENTITY_H

#include "db/db.h"
#include "util/err.h"

#define ENTITY_MAX_FIELDS 24

typedef enum field_type {
    FT_CODE,    /* 1-32 of A-Z a-z 0-9 - _ . */
    FT_TEXT,    /* free text up to 4000 bytes */
    FT_NAME,    /* text up to 200 bytes */
    FT_ENUM,    /* one of field_def.choices */
    FT_NUMBER,  /* any finite decimal, limited by min/max */
    FT_INTEGER, /* whole number, limited by min/max */
    FT_BOOL,    /* true/false (yes/no, 1/0 accepted) */
    FT_DATE,    /* YYYY-MM-DD */
    FT_PERIOD,  /* YYYY-MM or YYYY-MM-DD */
    FT_EMAIL,
} field_type;

typedef enum field_bound { BOUND_NONE, BOUND_INCLUSIVE, BOUND_EXCLUSIVE } field_bound;

typedef struct field_def {
    const char *column; /* CSV header and JSON name */
    const char *sql;    /* database column */
    field_type type;
    int required;
    const char *const *choices; /* FT_ENUM: NULL-terminated */
    const char *ref;            /* kind of entity this code must name, e.g. "organisations" */
    field_bound min_bound, max_bound;
    double min, max;
    const char *help; /* what is expected, for messages */
} field_def;

/* One row being imported: parsed values by field index. */
typedef struct entity_row {
    const struct entity_def *def;
    long line;
    const char *text[ENTITY_MAX_FIELDS]; /* normalised text; NULL when empty */
    double num[ENTITY_MAX_FIELDS];       /* FT_NUMBER, FT_INTEGER, FT_BOOL values */
    char *owned[ENTITY_MAX_FIELDS];      /* text this row allocated (derived values) */
} entity_row;

typedef struct entity_def {
    const char *kind;     /* plural, as typed on the command line: "organisations" */
    const char *singular; /* "organisation" */
    const char *table;
    const field_def *fields;
    int nfields;
    int key[4]; /* field indexes making the key, in order */
    int nkey;
    int list_fields[6]; /* shown by `unlock list`, in order */
    int nlist;
    /* Rules across fields and derived values; NULL when there are none. May look
     * things up through d. Errors go through entity_row_fail. */
    int (*check)(entity_row *row, db *d, err *e);
    /* Personal or private data (stories, the learning set): the generic API serves it to
     * commissioners and admins only; providers see it through views that apply consent. */
    int commissioners_only;
} entity_def;

/* All entities, in an order where each one's references come before it. */
extern const entity_def *const entity_defs[];
extern const int entity_def_count;

/* Finds an entity by plural or singular name ("organisations", "organisation", "orgs"). */
const entity_def *entity_find(const char *kind);
/* "organisations, people, ..." for messages. */
const char *entity_kinds_list(void);
int entity_field_index(const entity_def *def, const char *column);

/* Fails a row: "LINE: column 'NAME': value 'VALUE': <message>". Returns -1. */
int entity_row_fail(const entity_row *row, int field, err *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Sets a derived value on a row (the row owns the copy). */
void entity_row_set(entity_row *row, int field, const char *text, double num);
void entity_row_clear(entity_row *row);

/* Parses and checks one field's text (already trimmed) into the row. */
int entity_parse_field(entity_row *row, int field, const char *text, err *e);
/* Whether s is a real calendar date written YYYY-MM-DD. */
int entity_valid_date(const char *s);

/* The key as one readable string, parts joined by '/', e.g. "FFT-POS/RXA/2024-04". */
void entity_row_key(const entity_row *row, char *out, size_t size);

#endif
