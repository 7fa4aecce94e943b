/* unlock backup FILE and unlock restore FILE: a consistent, verified copy of a live database as
 * one SQLite file, and putting one back so that a failure leaves the old database as it was. */
#include "cli/commands.h"

#include "cli/output.h"
#include "db/backup.h"
#include "db/copy.h"
#include "domain/audit.h"
#include "rx/store.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_postgres_url(const char *url)
{
    return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
}

static const char *sqlite_path(const char *url)
{
    return strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
}

/* FILE and the database must differ: a backup over its own database, or a restore from it,
 * would replace what it reads. */
static int same_database(const char *file, const char *url, const char *what, err *e)
{
    if (is_postgres_url(url))
        return 0;
    struct stat a, b; /* the same file by another name (./unlock.db, a link) is the same too */
    int same = strcmp(sqlite_path(url), file) == 0 ||
               (stat(sqlite_path(url), &a) == 0 && stat(file, &b) == 0 && a.st_dev == b.st_dev &&
                a.st_ino == b.st_ino);
    return same ? err_user(e, "%s is the database itself: %s another file", file, what) : 0;
}

typedef struct checked {
    int tables;
    int64_t rows;
    audit_verdict audit;
    backup_months months; /* the prescribing month files, staged beside their destination */
} checked;

/* The checks a backup must pass, on the file open as d: SQLite's integrity check and an
 * unlock schema this unlock knows. The audit chain is verified too, for the caller to judge: a
 * restore refuses a broken one, a backup keeps the copy (it is the evidence) but fails. */
static int check_file(db *d, const char *label, checked *c, err *e)
{
    /* A backup from an older unlock is brought up to date (its copy, never the file). */
    return backup_check(d, label, e) || db_migrate(d, NULL, e) || audit_verify(d, &c->audit, e) ||
                   backup_count_rows(d, &c->tables, &c->rows, e)
               ? -1
               : 0;
}

static int chain_broken(const char *label, const checked *c, const char *outcome, err *e)
{
    return err_user(e, "%s: its audit log's chain is broken at %s%s", label, c->audit.problem,
                    outcome);
}

static void print_checked(const char *verb, const char *file, const checked *c, int as_json)
{
    if (as_json) {
        json_t *audit = json_pack("{s:I, s:I, s:I, s:s}", "entries", (json_int_t)c->audit.rows,
                                  "unsealed", (json_int_t)c->audit.unsealed, "head_seq",
                                  (json_int_t)c->audit.head_seq, "head", c->audit.head);
        json_object_set_new(audit, "broken_row",
                            c->audit.bad_id ? json_integer(c->audit.bad_id) : json_null());
        output_json(json_pack("{s:s, s:i, s:I, s:i, s:o}", "file", file, "tables", c->tables,
                              "rows", (json_int_t)c->rows, "prescribing_months", c->months.copied,
                              "audit", audit));
        return;
    }
    printf("%s %s: %lld rows in %d tables, integrity ok; audit log: %lld entries chained", verb,
           file, (long long)c->rows, c->tables, (long long)c->audit.rows);
    if (c->audit.rows)
        printf(", head %lld:%s", (long long)c->audit.head_seq, c->audit.head);
    if (c->audit.unsealed)
        printf(", %lld from before the chain", (long long)c->audit.unsealed);
    if (c->months.copied)
        printf("; %d prescribing month file%s", c->months.copied, c->months.copied == 1 ? "" : "s");
    printf("\n");
}

/* Opens the new file at tmp, checks it, stages the month files it lists (from months_from
 * into months_to) and leaves it one self-contained file. */
static int check_and_detach(const char *tmp, const char *label, const char *months_from,
                            const char *months_to, checked *c, err *e)
{
    db *d;
    if (db_open(tmp, &d, e)) {
        /* SQLite's message names the temporary copy: the file the user gave is what matters. */
        const char *why = e->msg;
        size_t n = strlen(tmp);
        if (strncmp(why, tmp, n) == 0 && strncmp(why + n, ": ", 2) == 0)
            why += n + 2;
        char inner[sizeof e->msg];
        snprintf(inner, sizeof inner, "%s", why);
        return err_user(e, "%s is not an unlock database: SQLite cannot read it (%s)", label,
                        inner);
    }
    int rc = check_file(d, label, c, e);
    if (!rc)
        rc = backup_months_stage(d, months_from, months_to, &c->months, e);
    if (!rc && (rc = backup_leave_wal(d, label, e)))
        backup_months_abort(&c->months);
    db_close(d);
    return rc;
}

int cmd_backup(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[] = {{"--json", NULL, "print what was checked as JSON", 0}, CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, 2, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    const char *file = sqlite_path(pos[0]);
    const char *url = db_url_choose(o[1].value);
    if (is_postgres_url(pos[0])) {
        err_user(&e, "FILE is the SQLite file to write the backup to, not '%s'", pos[0]);
        return cli_fail(&e);
    }
    db *from;
    if (same_database(file, url, "back it up to", &e) || cli_open_db(o[1].value, 0, &from, &e))
        return cli_fail(&e);
    char *tmp = backup_temp_beside(file);
    char *months_from = rx_store_dir(url), *months_to = rx_store_dir(file);
    checked c = {0};
    int rc = backup_snapshot(from, tmp, &e);
    db_close(from);
    if (!rc)
        rc = check_and_detach(tmp, tmp, months_from, months_to, &c, &e);
    if (!rc && (rc = backup_rename_into_place(tmp, file, &e)))
        backup_months_abort(&c.months);
    if (!rc)
        rc = backup_months_commit(&c.months, &e);
    if (rc)
        unlink(tmp);
    free(tmp);
    free(months_from);
    free(months_to);
    if (rc)
        return cli_fail(&e);
    print_checked("backed up to", file, &c, o[0].value != NULL);
    if (c.audit.bad_id) {
        chain_broken(file, &c,
                     "; the backup is kept as evidence, but investigate before "
                     "trusting the log (docs/deploy.md)",
                     &e);
        return cli_fail(&e);
    }
    return 0;
}

/* The target must hold no data, unless --force: a restore replaces everything in it. */
static int refuse_data(db *d, const char *target, int force, err *e)
{
    char table[64];
    int64_t rows = 0;
    if (force || backup_first_nonempty(d, table, sizeof table, &rows, e))
        return force ? 0 : -1;
    if (rows)
        return err_user(e,
                        "%s already holds data (%lld rows in %s): a restore replaces all of it; "
                        "give --force to go ahead",
                        target, (long long)rows, table);
    return 0;
}

/* SQLite: the checked copy renamed over the target, once the target is shown to be unused.
 * A target SQLite cannot open is left alone even with --force: the -wal file beside it could
 * be another program's, and would be played over the restored file. */
static int restore_sqlite(const char *tmp, const char *target, int force, err *e)
{
    if (access(target, F_OK) == 0) {
        db *d;
        if (db_open(target, &d, e)) {
            err_prefix(e, "the database to restore into cannot be opened; move it (and any "
                          "-wal and -shm beside it) aside, then restore");
            return -1;
        }
        int rc = refuse_data(d, target, force, e);
        if (!rc)
            rc = backup_leave_wal(d, target, e);
        db_close(d);
        if (rc)
            return -1;
    }
    return backup_rename_into_place(tmp, target, e);
}

/* PostgreSQL: the checked copy loaded by copy-db, in one transaction. */
static int restore_postgres(const char *tmp, const char *target, int force, err *e)
{
    db *from = NULL, *to = NULL;
    copy_result r = {0};
    int rc = db_open(tmp, &from, e);
    if (!rc)
        rc = db_open(target, &to, e);
    if (!rc)
        rc = db_migrate(to, NULL, e);
    if (!rc)
        rc = refuse_data(to, "the database", force, e);
    if (!rc)
        rc = db_copy(from, to, force, &r, NULL, NULL, e);
    copy_result_free(&r);
    db_close(from);
    db_close(to);
    return rc;
}

int cmd_restore(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[] = {{"--force", NULL, "replace a database that holds data", 0},
                   {"--json", NULL, "print what was checked as JSON", 0},
                   CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, 3, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    const char *file = sqlite_path(pos[0]);
    const char *url = db_url_choose(o[2].value);
    int pg = is_postgres_url(url);
    if (access(file, R_OK) != 0) {
        err_user(&e, "%s: no backup file there (or it cannot be read)", file);
        return cli_fail(&e);
    }
    if (same_database(file, url, "restore from", &e))
        return cli_fail(&e);
    /* Checked as a copy, so the backup itself is never changed (opening a SQLite file may
     * write to it); beside the target so that the final rename is atomic. */
    char *tmp = backup_temp_beside(pg ? file : sqlite_path(url));
    char *months_from = rx_store_dir(file), *months_to = rx_store_dir(url);
    checked c = {0};
    int rc = backup_copy_file(file, tmp, &e);
    if (!rc)
        rc = check_and_detach(tmp, file, months_from, months_to, &c, &e);
    if (!rc && c.audit.bad_id) {
        backup_months_abort(&c.months);
        rc = chain_broken(file, &c, ": it is not restored", &e);
    }
    if (!rc && (rc = pg ? restore_postgres(tmp, url, o[0].value != NULL, &e)
                        : restore_sqlite(tmp, sqlite_path(url), o[0].value != NULL, &e)))
        backup_months_abort(&c.months);
    if (!rc)
        rc = backup_months_commit(&c.months, &e);
    unlink(tmp);
    free(tmp);
    free(months_from);
    free(months_to);
    if (rc)
        return cli_fail(&e);
    print_checked("restored from", file, &c, o[1].value != NULL);
    return 0;
}
