#include "db/backup.h"

#include "db/catalog.h"
#include "db/copy.h"
#include "db/migrations.h"
#include "util/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *backup_temp_beside(const char *path)
{
    strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%s.partial-%ld", path, (long)getpid());
    return strbuf_detach(&sb, NULL);
}

static int is_postgres(const db *d)
{
    return strcmp(db_dialect(d), "postgres") == 0;
}

static int vacuum_into(db *from, const char *tmp, err *e)
{
    db_stmt *s;
    if (db_prepare(from, "VACUUM INTO ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, tmp, e);
    if (!rc && db_step(s, e) < 0)
        rc = -1;
    db_finalize(s);
    return rc;
}

static int copy_snapshot(db *from, const char *tmp, err *e)
{
    db *to;
    if (db_open(tmp, &to, e))
        return -1;
    /* db_copy reads table after table: one snapshot for them all makes them agree. */
    int rc = db_exec(from, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", e);
    copy_result r = {0};
    if (!rc) {
        rc = db_copy(from, to, 0, &r, NULL, NULL, e);
        err ignored;
        db_exec(from, "COMMIT", &ignored);
    }
    copy_result_free(&r);
    db_close(to);
    return rc;
}

int backup_snapshot(db *from, const char *tmp, err *e)
{
    if (unlink(tmp) != 0 && errno != ENOENT)
        return err_user(e, "%s: cannot remove an old temporary file: %s", tmp, strerror(errno));
    int rc = is_postgres(from) ? copy_snapshot(from, tmp, e) : vacuum_into(from, tmp, e);
    if (rc)
        err_prefix(e, "backing up into %s", tmp);
    return rc;
}

static int known_migration(const char *name)
{
    for (int i = 0; i < db_migration_count; i++)
        if (strcmp(db_migrations[i].name, name) == 0)
            return 1;
    return 0;
}

static int check_migrations(db *d, const char *label, err *e)
{
    int64_t n = 0;
    if (db_query_int64(d,
                       "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                       "name = 'schema_migrations'",
                       &n, e))
        return -1;
    if (!n)
        return err_user(e, "%s is not an unlock database: it has no schema_migrations table",
                        label);
    db_stmt *s;
    if (db_prepare(d, "SELECT name FROM schema_migrations ORDER BY name", &s, e))
        return -1;
    int rc, applied = 0;
    while ((rc = db_step(s, e)) == DB_ROW) {
        const char *name = db_col_text(s, 0);
        applied++;
        if (!known_migration(name)) {
            rc = err_user(e,
                          "%s was made by a newer unlock: its schema has migration %s, which "
                          "this one does not know; restore it with that version",
                          label, name);
            break;
        }
    }
    db_finalize(s);
    if (rc < 0)
        return -1;
    if (!applied)
        return err_user(e, "%s is not an unlock database: no migration was ever applied to it",
                        label);
    return 0;
}

int backup_check(db *d, const char *label, err *e)
{
    db_stmt *s;
    if (db_prepare(d, "PRAGMA integrity_check", &s, e)) {
        err_prefix(e, "%s", label);
        return -1;
    }
    int rc = db_step(s, e);
    char verdict[300] = "";
    if (rc == DB_ROW)
        snprintf(verdict, sizeof verdict, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
    db_finalize(s);
    if (rc < 0) {
        err_prefix(e, "%s", label);
        return -1;
    }
    if (strcmp(verdict, "ok") != 0)
        return err_user(e, "%s failed SQLite's integrity check: %s", label, verdict);
    return check_migrations(d, label, e);
}

static int rows_in(db *d, const char *table, int64_t *n, err *e)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\"", table);
    return db_query_int64(d, sql, n, e);
}

int backup_first_nonempty(db *d, char *table, size_t n, int64_t *rows, err *e)
{
    db_table *t = NULL;
    int nt = 0, rc = db_tables(d, &t, &nt, e);
    *rows = 0;
    for (int i = 0; i < nt && !rc && !*rows; i++)
        if (!(rc = rows_in(d, t[i].name, rows, e)) && *rows)
            snprintf(table, n, "%s", t[i].name);
    db_tables_free(t, nt);
    return rc;
}

int backup_count_rows(db *d, int *tables, int64_t *rows, err *e)
{
    db_table *t = NULL;
    int nt = 0, rc = db_tables(d, &t, &nt, e);
    *tables = nt;
    *rows = 0;
    for (int i = 0; i < nt && !rc; i++) {
        int64_t n = 0;
        if (!(rc = rows_in(d, t[i].name, &n, e)))
            *rows += n;
    }
    db_tables_free(t, nt);
    return rc;
}

int backup_leave_wal(db *d, const char *label, err *e)
{
    db_stmt *s;
    if (db_prepare(d, "PRAGMA journal_mode = DELETE", &s, e))
        return -1;
    int rc = db_step(s, e);
    int changed = rc == DB_ROW && db_col_text(s, 0) && strcmp(db_col_text(s, 0), "delete") == 0;
    db_finalize(s);
    if (rc >= 0 && changed)
        return 0;
    /* SQLite says "busy" when another connection holds the file; anything else is its own. */
    if (rc < 0 && !(e && e->timed_out)) {
        err_prefix(e, "%s", label);
        return -1;
    }
    err_clear(e);
    return err_user(e,
                    "%s is in use by another program (a running `unlock serve`?): stop it, "
                    "then try again",
                    label);
}

int backup_copy_file(const char *from, const char *to, err *e)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return err_user(e, "%s: cannot open: %s", from, strerror(errno));
    FILE *out = fopen(to, "wb");
    if (!out) {
        fclose(in);
        return err_user(e, "%s: cannot write: %s", to, strerror(errno));
    }
    char buf[65536];
    size_t n;
    int rc = 0;
    while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = err_user(e, "%s: cannot write: %s", to, strerror(errno));
    if (!rc && ferror(in))
        rc = err_user(e, "%s: cannot read", from);
    fclose(in);
    if (fclose(out) != 0 && !rc)
        rc = err_user(e, "%s: cannot write: %s", to, strerror(errno));
    if (rc)
        unlink(to);
    return rc;
}

static int sync_path(const char *path, int flags, err *e)
{
    int fd = open(path, flags);
    if (fd < 0)
        return err_user(e, "%s: cannot open: %s", path, strerror(errno));
    int rc = fsync(fd) == 0 ? 0 : err_user(e, "%s: cannot flush: %s", path, strerror(errno));
    close(fd);
    return rc;
}

int backup_rename_into_place(const char *tmp, const char *path, err *e)
{
    if (sync_path(tmp, O_RDONLY, e))
        return -1;
    if (rename(tmp, path) != 0)
        return err_user(e, "%s: cannot replace: %s", path, strerror(errno));
    char *copy = xstrdup(path);
    int rc = sync_path(dirname(copy), O_RDONLY | O_DIRECTORY, e);
    free(copy);
    return rc;
}
