/* migrations: the schema, embedded from migrations/NNN_name.sql at build time
 * (scripts/embed-migrations), applied in order by db_migrate. */
#ifndef UNLOCK_DB_MIGRATIONS_H
#define UNLOCK_DB_MIGRATIONS_H

typedef struct db_migration {
    const char *name; /* "001_foundation" */
    const char *sql;
} db_migration;

extern const db_migration db_migrations[];
extern const int db_migration_count;

#endif
