/* unlock copy-db: a whole database moved between back ends (SQLite file <-> PostgreSQL),
 * verified table by table. */
#include "cli/commands.h"

#include "cli/output.h"
#include "db/copy.h"
#include "rx/store.h"
#include "util/file.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { C_FROM, C_TO, C_REPLACE, C_JSON, C_COUNT };

static void on_progress(const char *table, int64_t rows, void *arg)
{
    (void)arg;
    if (rows)
        fprintf(stderr, "  %s: %lld rows\n", table, (long long)rows);
}

/* The prescribing engine's month files live outside SQL: they are copied as files. */
static int copy_month_files(const char *from_url, const char *to_url, int *copied, err *e)
{
    *copied = 0;
    char *src = rx_store_dir(from_url), *dst = rx_store_dir(to_url);
    DIR *dir = opendir(src);
    int rc = 0;
    if (dir) {
        if (mkdir(dst, 0777) != 0 && errno != EEXIST)
            rc = err_user(e, "%s: cannot create the prescribing store: %s", dst, strerror(errno));
        struct dirent *ent;
        while (!rc && (ent = readdir(dir))) {
            /* Month files only: not an import's temporary file (NAME.rxm.tmpPID). */
            size_t n = strlen(ent->d_name);
            if (ent->d_name[0] == '.' || n < 4 || strcmp(ent->d_name + n - 4, ".rxm") != 0)
                continue;
            char from[4096], to[4096];
            snprintf(from, sizeof from, "%s/%s", src, ent->d_name);
            snprintf(to, sizeof to, "%s/%s", dst, ent->d_name);
            char *data = NULL;
            size_t len = 0;
            rc = file_read_all(from, &data, &len, e);
            if (!rc)
                rc = file_write_atomic(to, data, len, e);
            free(data);
            if (!rc)
                (*copied)++;
        }
        closedir(dir);
    }
    free(src);
    free(dst);
    return rc;
}

static void print_result(const copy_result *r, int files, int as_json)
{
    if (as_json) {
        json_t *tables = json_array();
        for (int i = 0; i < r->ntables; i++) {
            const copy_table_result *t = &r->tables[i];
            json_array_append_new(
                tables, json_pack("{s:s, s:I, s:I, s:s, s:b}", "table", t->table, "rows",
                                  (json_int_t)t->rows_from, "rows_copied",
                                  (json_int_t)t->rows_to, "checksum", t->checksum_from,
                                  "checksum_matches",
                                  strcmp(t->checksum_from, t->checksum_to) == 0));
        }
        output_json(json_pack("{s:o, s:I, s:i}", "tables", tables, "rows", (json_int_t)r->rows,
                              "prescribing_files", files));
        return;
    }
    printf("%-28s %10s  %s\n", "table", "rows", "checksum");
    for (int i = 0; i < r->ntables; i++) {
        const copy_table_result *t = &r->tables[i];
        printf("%-28s %10lld  %s %s\n", t->table, (long long)t->rows_to, t->checksum_to,
               strcmp(t->checksum_from, t->checksum_to) == 0 ? "matches" : "DIFFERS");
    }
    printf("%lld rows in %d tables copied and verified; %d prescribing month file%s copied.\n",
           (long long)r->rows, r->ntables, files, files == 1 ? "" : "s");
}

int cmd_copy_db(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[C_COUNT] = {
        [C_FROM] = {"--from", "URL", "the database to copy (a file path, sqlite:PATH or postgres://...)", 0},
        [C_TO] = {"--to", "URL", "the database to copy into (made and migrated if new)", 0},
        [C_REPLACE] = {"--replace", NULL, "empty the destination first if it holds data", 0},
        [C_JSON] = {"--json", NULL, "print the result as JSON", 0},
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, C_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    if (!o[C_FROM].value || !o[C_TO].value) {
        err_user(&e, "give both --from URL and --to URL");
        return cli_fail(&e);
    }
    if (strcmp(o[C_FROM].value, o[C_TO].value) == 0) {
        err_user(&e, "--from and --to are the same database");
        return cli_fail(&e);
    }
    db *from = NULL, *to = NULL;
    copy_result r = {0};
    int files = 0;
    int rc = cli_open_db(o[C_FROM].value, 0, &from, &e);
    if (!rc)
        rc = db_open(o[C_TO].value, &to, &e);
    if (!rc)
        rc = db_copy(from, to, o[C_REPLACE].value != NULL, &r, on_progress, NULL, &e);
    if (!rc)
        rc = copy_month_files(o[C_FROM].value, o[C_TO].value, &files, &e);
    if (!rc)
        print_result(&r, files, o[C_JSON].value != NULL);
    copy_result_free(&r);
    db_close(from);
    db_close(to);
    return rc ? cli_fail(&e) : 0;
}
