/* db_migrate: applies the embedded migrations not yet recorded, in one transaction. */
#include "db/db.h"
#include "db/migrations.h"

#include "db/pg_sql.h"
#include "util/clock.h"

#include <stdlib.h>
#include <string.h>

static int is_applied(db *d, const char *name, int *applied, err *e)
{
    db_stmt *s;
    if (db_prepare(d, "SELECT 1 FROM schema_migrations WHERE name = ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, name, e);
    if (!rc)
        rc = db_step(s, e);
    db_finalize(s);
    if (rc < 0)
        return -1;
    *applied = rc == DB_ROW;
    return 0;
}

static int record(db *d, const char *name, err *e)
{
    db_stmt *s;
    if (db_prepare(d, "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", &s, e))
        return -1;
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    int rc = db_bind_text(s, 1, name, e);
    if (!rc)
        rc = db_bind_text(s, 2, now, e);
    if (!rc)
        rc = db_step(s, e);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int db_migrate(db *d, int *applied, err *e)
{
    int count = 0;
    if (db_begin(d, e))
        return -1;
    if (db_exec(d,
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
                e))
        goto fail;
    for (int i = 0; i < db_migration_count; i++) {
        const db_migration *m = &db_migrations[i];
        int done = 0;
        if (is_applied(d, m->name, &done, e))
            goto fail;
        if (done)
            continue;
        char *sql = pg_sql_migration(m->sql, strcmp(db_dialect(d), "postgres") == 0);
        int failed = db_exec(d, sql, e);
        free(sql);
        if (failed) {
            err_prefix(e, "migration %s", m->name);
            goto fail;
        }
        if (record(d, m->name, e))
            goto fail;
        count++;
    }
    if (db_commit(d, e))
        return -1;
    if (applied)
        *applied = count;
    return 0;
fail:
    db_rollback(d);
    return -1;
}
