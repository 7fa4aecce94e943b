#include "cli/commands.h"

#include "domain/eric.h"
#include "domain/fft_import.h"
#include "domain/import.h"

#include "domain/entities.h"

#include <stdio.h>
#include <string.h>

/* `unlock import eric FILE`: an ERIC site data file as published, not one of our formats. */
static int import_eric(db *d, const char *path, const char *year, err *e)
{
    eric_stats st;
    if (eric_import_file(d, path, year, "cli", &st, e))
        return -1;
    printf("%s: %ld site returns for %s imported (%ld new, %ld replaced; %ld new sites; %ld "
           "without floor area skipped); %ld estates observations\n",
           path, st.rows, st.year, st.created, st.updated, st.sites_created, st.skipped,
           st.observations);
    return 0;
}

/* One line per problem, as an editor jumps to them; the last line counts them. */
static void report_problems(const import_problems *p, err *e)
{
    for (size_t i = 0; i < p->count; i++)
        fprintf(stderr, "unlock: %s\n", p->items[i].message);
    if (p->dropped)
        fprintf(stderr, "unlock: %s: %zu more problems not shown\n", p->file, p->dropped);
    err_user(e, "%s: %zu problems; nothing was imported (an import is all or nothing)", p->file,
             p->count + p->dropped);
}

int cmd_import(const cli_cmd *cmd, int argc, char **argv)
{
    /* Prescribing files are not entity rows: they have importers of their own. */
    const cli_cmd *const own[] = {&cli_import_prescribing, &cli_import_list_sizes};
    for (int i = 0; argc > 1 && i < 2; i++)
        if (strcmp(argv[1], own[i]->name + strlen("import ")) == 0)
            return own[i]->run(own[i], argc - 1, argv + 1);
    cli_opt opts[] = {CLI_DB_OPT,
                      {"--year", "YYYY/YY",
                       "eric only: the financial year of the file (default: from its name)", NULL}};
    char *pos[2];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 2, pos, 2, 2, &npos, &status))
        return status;
    err e = {0};
    int eric = strcmp(pos[0], "eric") == 0;
    /* Friends and Family Test answers are scored into observations, not stored as they are. */
    int fft = strcmp(pos[0], "fft") == 0;
    const entity_def *def = eric ? NULL : fft ? &observation_def : entity_find(pos[0]);
    if (!eric && !def) {
        err_user(&e, "unknown kind '%s'; the kinds are: %s, fft, eric", pos[0],
                 entity_kinds_list());
        return cli_fail(&e);
    }
    if (!eric && opts[1].value) {
        err_user(&e, "--year is for `unlock import eric` only");
        return cli_fail(&e);
    }
    db *d;
    if (cli_open_db(opts[0].value, 0, &d, &e))
        return cli_fail(&e);
    if (eric) {
        int rc = import_eric(d, pos[1], opts[1].value, &e);
        db_close(d);
        return rc ? cli_fail(&e) : 0;
    }
    import_stats st;
    import_problems problems = {0};
    int rc =
        fft ? fft_import_file(d, pos[1], "cli", &st, &e)
            : import_file_with(d, def, pos[1],
                               &(import_options){.actor = "cli", .problems = &problems}, &st, &e);
    db_close(d);
    if (rc && problems.count + problems.dropped > 1)
        report_problems(&problems, &e);
    import_problems_free(&problems);
    if (rc)
        return cli_fail(&e);
    printf("%s: %ld %s imported (%ld created, %ld updated, %ld unchanged)\n", pos[1], st.rows,
           st.rows == 1 ? def->singular : def->kind, st.created, st.updated, st.unchanged);
    return 0;
}
