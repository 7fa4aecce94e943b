/* import: loading an entity's CSV file, all or nothing.
 *
 * The header names the columns (any order; unknown ones rejected with the
 * known ones listed). Each value is parsed and checked by the entity's rules,
 * references must resolve (to stored rows or rows of the same file), a key may
 * appear once per file, and rows are created, updated or left unchanged by key.
 * The first bad value stops the import, rolls back everything it wrote and
 * fails with "FILE:LINE: column 'C': value 'V': what was expected".
 *
 * The *_with forms can instead go on past a bad row, collecting every row's
 * problem (still all or nothing: one problem and nothing is kept), and can
 * refuse rows the caller may not write (a provider's import of another
 * organisation's rows). */
#ifndef UNLOCK_DOMAIN_IMPORT_H
#define UNLOCK_DOMAIN_IMPORT_H

#include "db/db.h"
#include "domain/entity.h"

typedef struct import_stats {
    long rows, created, updated, unchanged;
} import_stats;

/* Imports a file ("-" is standard input). actor is who the audit log names. */
int import_file(db *d, const entity_def *def, const char *path, const char *actor,
                import_stats *stats, err *e);

/* Imports CSV text held in memory; `name` stands for the file name in messages. */
int import_buffer(db *d, const entity_def *def, const char *name, const char *data, size_t len,
                  const char *actor, import_stats *stats, err *e);

/* Problems kept in full; past this many they are only counted. */
#define IMPORT_MAX_PROBLEMS 1000

typedef struct import_problem {
    long line;      /* 0: about the file as a whole */
    char field[64]; /* the column at fault; "" when no single one is */
    char *message;  /* "FILE:LINE: column 'C': value 'V': ..." */
} import_problem;

typedef struct import_problems {
    const char *file; /* the name messages use */
    import_problem *items;
    size_t count, cap;
    size_t dropped; /* problems past IMPORT_MAX_PROBLEMS */
    int forbidden;  /* some row was refused by import_options.row_allowed */
} import_problems;

void import_problems_free(import_problems *p);
/* Adds e as a problem of file `name` (its line, else `line`; its field), the
 * message prefixed "NAME:" when it is not yet. */
void import_problems_add(import_problems *p, const char *name, long line, const err *e);

typedef struct import_options {
    const char *actor; /* who the audit log names */
    /* Called for each row that passed every check, before it is written; sets
     * *ok = 0 (and e, naming the row) to refuse it. NULL: every row is allowed. */
    int (*row_allowed)(void *ctx, const entity_row *row, int *ok, err *e);
    void *ctx;
    /* When set, every row's problem is collected here and the import goes on to
     * the end of the file; e then holds the first, counting the rest. */
    import_problems *problems;
} import_options;

int import_file_with(db *d, const entity_def *def, const char *path, const import_options *opt,
                     import_stats *stats, err *e);
int import_buffer_with(db *d, const entity_def *def, const char *name, const char *data, size_t len,
                       const import_options *opt, import_stats *stats, err *e);

#endif
