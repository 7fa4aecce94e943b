#include "cli/commands.h"

#include "cli/output.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int cmd_export(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt opts[] = {
        {"--out", "FILE", "write to FILE (replaced only when the export succeeds)", NULL},
        CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 2, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    const entity_def *def = entity_find(pos[0]);
    if (!def) {
        err_user(&e, "unknown kind '%s'; the kinds are: %s", pos[0], entity_kinds_list());
        return cli_fail(&e);
    }
    db *d;
    if (cli_open_db(opts[1].value, 0, &d, &e))
        return cli_fail(&e);

    const char *out_path = opts[0].value;
    char tmp[4096];
    FILE *out = stdout;
    if (out_path) {
        /* Write beside the target and rename, so a failed export never leaves half a file. */
        snprintf(tmp, sizeof tmp, "%s.tmp", out_path);
        out = fopen(tmp, "w");
        if (!out) {
            err_user(&e, "%s: cannot write: %s", tmp, strerror(errno));
            db_close(d);
            return cli_fail(&e);
        }
    }
    output_csv_header(def, out);
    int rc = store_each(d, def, NULL, 0, output_csv_row, out, &e);
    db_close(d);
    if (out_path) {
        if (fclose(out) != 0 && !rc)
            rc = err_user(&e, "%s: cannot write: %s", tmp, strerror(errno));
        if (!rc && rename(tmp, out_path) != 0)
            rc = err_user(&e, "%s: cannot replace: %s", out_path, strerror(errno));
        if (rc)
            remove(tmp);
    } else if (fflush(stdout) != 0 && !rc) {
        rc = err_user(&e, "cannot write to standard output: %s", strerror(errno));
    }
    return rc ? cli_fail(&e) : 0;
}
