/* unlock import prescribing / import list-sizes: English Prescribing Dataset files and practice
 * list sizes into the database and its month files (rx/import.h). `unlock import` hands these
 * two kinds here. */
#include "cli/commands.h"

#include "rx/import.h"
#include "rx/store.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

const cli_cmd cli_import_prescribing = {
    "import prescribing", "FILE... [--max-errors N] [--quiet] [--db URL]",
    "Load English Prescribing Dataset CSV files, plain or .gz (one or more months).",
    "Columns are found by header name (the older AREA_TEAM and newer ICB layouts). Each\n"
    "month is stored as a columnar file beside the database (DB.rx/YYYYMM.rxm) and replaces\n"
    "any earlier import of that month atomically; a file with a bad row stores nothing\n"
    "unless --max-errors lets that many be skipped (each reported as FILE:LINE: column).\n"
    "A progress line (rows, MB/s, ETA) is drawn when standard error is a terminal.",
    cmd_rx_import};

const cli_cmd cli_import_list_sizes = {
    "import list-sizes", "FILE [--db URL]",
    "Load practice list sizes (period,practice_code,list_size) for per-1,000 measures.", NULL,
    cmd_rx_list_sizes};

enum { O_DB, O_MAX_ERRORS, O_QUIET, O_COUNT };

int cmd_rx_import(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_DB] = CLI_DB_OPT,
        [O_MAX_ERRORS] = {"--max-errors", "N",
                          "skip up to N bad rows per file, reporting each (default 0: the first "
                          "bad row stops the file and nothing of it is stored)",
                          0},
        [O_QUIET] = {"--quiet", NULL, "no progress line, even on a terminal", 0},
    };
    char *pos[256];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 1, 256, &npos, &status))
        return status;
    err e = {0};
    rx_import_opts io = {.report = stderr, .progress = !o[O_QUIET].value && isatty(2)};
    if (o[O_MAX_ERRORS].value) {
        char *end;
        errno = 0;
        io.max_errors = strtol(o[O_MAX_ERRORS].value, &end, 10);
        if (errno || *end || end == o[O_MAX_ERRORS].value || io.max_errors < 0) {
            err_user(&e, "--max-errors: expected a whole number, got '%s'", o[O_MAX_ERRORS].value);
            return cli_fail(&e);
        }
    }
    db *d;
    if (cli_open_db(o[O_DB].value, 1, &d, &e))
        return cli_fail(&e);
    char *dir = rx_store_dir(db_url_choose(o[O_DB].value));
    io.store_dir = dir;
    int rc = 0;
    for (int i = 0; i < npos && !rc; i++) {
        rx_import_stats st = {0};
        rc = rx_import_file(d, &io, pos[i], &st, &e);
        if (!rc) {
            printf("%s: %lld rows imported", pos[i], st.rows);
            if (st.skipped)
                printf(", %lld bad rows skipped", st.skipped);
            printf(" (months:");
            for (int k = 0; k < st.nmonths; k++)
                printf(" %06d", st.months[k]);
            printf(") in %.2fs, %.0f MB/s\n", st.seconds,
                   st.seconds > 0 ? (double)st.bytes / 1e6 / st.seconds : 0.0);
        }
    }
    free(dir);
    db_close(d);
    return rc ? cli_fail(&e) : 0;
}

int cmd_rx_list_sizes(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[] = {CLI_DB_OPT};
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, 1, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    db *d;
    if (cli_open_db(o[0].value, 1, &d, &e))
        return cli_fail(&e);
    long rows = 0;
    int rc = rx_import_list_sizes(d, pos[0], &rows, &e);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf("%s: %ld list sizes imported\n", pos[0], rows);
    return 0;
}
