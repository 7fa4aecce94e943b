/* backup: a consistent copy of a live database as one SQLite file, the checks such a file must
 * pass, and putting files in place so that a failure leaves the old one as it was. */
#ifndef UNLOCK_DB_BACKUP_H
#define UNLOCK_DB_BACKUP_H

#include "db/db.h"

#include <stdint.h>

/* A name for a temporary file beside path ("PATH.partial-PID"), malloc'd: beside it so the
 * final rename stays on one file system and is atomic. */
char *backup_temp_beside(const char *path);

/* Writes a snapshot of `from` as it stood at one moment, while others go on writing, to the
 * new SQLite file tmp: on SQLite by VACUUM INTO (one read transaction); on PostgreSQL by
 * db_copy, verified table by table, inside a REPEATABLE READ, READ ONLY transaction. */
int backup_snapshot(db *from, const char *tmp, err *e);

/* Whether the SQLite database open as d is a whole unlock database: SQLite's integrity check
 * passes and schema_migrations records only migrations this unlock knows. label names it in
 * the error. */
int backup_check(db *d, const char *label, err *e);

/* The first table holding rows (and how many), for refusing to overwrite data; *rows 0 when
 * every table is empty. */
int backup_first_nonempty(db *d, char *table, size_t n, int64_t *rows, err *e);

/* Totals over every table, for the report. */
int backup_count_rows(db *d, int *tables, int64_t *rows, err *e);

/* Turns the SQLite file open as d to a rollback journal, so that once closed it is one
 * self-contained file with no -wal beside it. Fails when another connection has it open (a
 * running server): replacing a file under an open database would lose or corrupt writes. */
int backup_leave_wal(db *d, const char *label, err *e);

/* Copies a file's bytes to a new file. */
int backup_copy_file(const char *from, const char *to, err *e);

/* Flushes tmp to disk and renames it over path, then flushes the directory: after a crash
 * there is the old file or the new one, whole. */
int backup_rename_into_place(const char *tmp, const char *path, err *e);

/* The prescribing month files (outside SQL) that go with a database: those the database open
 * as listed (its rx_months) are copied from from_dir into to_dir, which then holds exactly
 * them. They are gathered in a temporary directory beside to_dir first (backup_months_stage),
 * and swapped in whole by backup_months_commit, or dropped by backup_months_abort, so that a
 * failure before the swap leaves to_dir as it was. *copied gets how many. */
typedef struct backup_months {
    char *to_dir, *staged;
    int copied;
} backup_months;
int backup_months_stage(db *listed, const char *from_dir, const char *to_dir, backup_months *out,
                        err *e);
int backup_months_commit(backup_months *m, err *e);
void backup_months_abort(backup_months *m);

#endif
