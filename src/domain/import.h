/* import: loading an entity's CSV file, all or nothing.
 *
 * The header names the columns (any order; unknown ones rejected with the
 * known ones listed). Each value is parsed and checked by the entity's rules,
 * references must resolve (to stored rows or rows of the same file), a key may
 * appear once per file, and rows are created, updated or left unchanged by key.
 * The first bad value stops the import, rolls back everything it wrote and
 * fails with "FILE:LINE: column 'C': value 'V': what was expected". */
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

#endif
