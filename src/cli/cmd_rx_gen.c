/* unlock gen-epd: write a synthetic English Prescribing Dataset month (rx/gen.h). */
#include "cli/commands.h"

#include "rx/gen.h"

#include <errno.h>
#include <stdlib.h>

enum { O_ROWS, O_SEED, O_MONTH, O_PRACTICES, O_OLD, O_OUT, O_LIST_SIZES, O_COUNT };

static int parse_long(const char *opt, const char *s, long min, long *out, err *e)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min)
        return err_user(e, "%s: expected a whole number of at least %ld, got '%s'", opt, min, s);
    *out = v;
    return 0;
}

int cmd_rx_gen(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[O_COUNT] = {
        [O_ROWS] = {"--rows", "N", "data rows to write (default 10000)", 0},
        [O_SEED] = {"--seed", "S", "random seed (default 1)", 0},
        [O_MONTH] = {"--month", "YYYYMM", "the YEAR_MONTH to write (default 202401)", 0},
        [O_PRACTICES] = {"--practices", "N", "number of practices (default: rows / 800)", 0},
        [O_OLD] = {"--old-layout", NULL, "AREA_TEAM_NAME/CODE in place of ICB_NAME/CODE", 0},
        [O_OUT] = {"--out", "FILE", "write here instead of standard output", 0},
        [O_LIST_SIZES] = {"--list-sizes", "FILE", "also write the practices' list sizes here", 0},
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, O_COUNT, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    rx_gen_opts g = {.rows = 10000, .seed = 1, .month = 202401, .old_layout = o[O_OLD].value != 0};
    long v;
    if (o[O_ROWS].value && parse_long("--rows", o[O_ROWS].value, 0, &g.rows, &e))
        return cli_fail(&e);
    if (o[O_SEED].value) {
        if (parse_long("--seed", o[O_SEED].value, 0, &v, &e))
            return cli_fail(&e);
        g.seed = (uint64_t)v;
    }
    if (o[O_MONTH].value) {
        if (parse_long("--month", o[O_MONTH].value, 190001, &v, &e))
            return cli_fail(&e);
        if (v > 999912 || v % 100 < 1 || v % 100 > 12) {
            err_user(&e, "--month: expected YYYYMM, got '%s'", o[O_MONTH].value);
            return cli_fail(&e);
        }
        g.month = (int)v;
    }
    if (o[O_PRACTICES].value &&
        parse_long("--practices", o[O_PRACTICES].value, 1, &g.practices, &e))
        return cli_fail(&e);
    FILE *out = stdout;
    if (o[O_OUT].value && !(out = fopen(o[O_OUT].value, "w"))) {
        err_user(&e, "%s: cannot write", o[O_OUT].value);
        return cli_fail(&e);
    }
    static char buf[1 << 20];
    setvbuf(out, buf, _IOFBF, sizeof buf);
    int rc = rx_gen_write(out, &g, &e);
    if (out != stdout && fclose(out) != 0 && !rc)
        rc = err_internal(&e, "%s: write failed", o[O_OUT].value);
    if (!rc && o[O_LIST_SIZES].value) {
        FILE *ls = fopen(o[O_LIST_SIZES].value, "w");
        if (!ls)
            rc = err_user(&e, "%s: cannot write", o[O_LIST_SIZES].value);
        else {
            rc = rx_gen_list_sizes(ls, &g, &e);
            if (fclose(ls) != 0 && !rc)
                rc = err_internal(&e, "%s: write failed", o[O_LIST_SIZES].value);
        }
    }
    return rc ? cli_fail(&e) : 0;
}
