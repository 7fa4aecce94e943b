#include "cli/commands.h"

#include "domain/demo.h"
#include "domain/demo_conversations.h"
#include "domain/demo_prescribing.h"
#include "domain/demo_programme.h"
#include "domain/demo_reviews.h"
#include "domain/import.h"
#include "domain/unit_cost.h"
#include "rx/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The demo's year of prescribing (domain/demo_prescribing.h), in the caller's transaction. */
static int load_prescribing(db *d, const char *url, err *e)
{
    char *dir = rx_store_dir(url);
    long long rows = 0;
    int rc = demo_load_prescribing(d, dir, &rows, e);
    free(dir);
    if (!rc)
        printf("  %-14s %6lld rows (%06d to %06d)\n", "prescribing", rows, DEMO_RX_FIRST,
               DEMO_RX_LAST);
    return rc;
}

int cmd_demo(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt opts[] = {CLI_DB_OPT,
                      {"--no-prescribing", NULL, "leave out the year of prescribing (faster)", 0},
                      {"--prescribing", NULL, "load only the year of prescribing", 0}};
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, 3, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    db *d;
    const char *url = db_url_choose(opts[0].value);
    if (opts[1].value && opts[2].value) {
        err_user(&e, "--prescribing and --no-prescribing: give one of them");
        return cli_fail(&e);
    }
    if (cli_open_db(url, 1, &d, &e))
        return cli_fail(&e);
    if (opts[2].value) {
        int rc = db_begin(d, &e) || load_prescribing(d, url, &e);
        if (rc)
            db_rollback(d);
        else
            rc = db_commit(d, &e);
        db_close(d);
        return rc ? cli_fail(&e) : 0;
    }
    demo_set set;
    demo_build(&set);
    /* One transaction for the whole system: a demo is loaded completely or not at all. */
    int rc = db_begin(d, &e);
    for (int i = 0; i < set.count && !rc; i++) {
        const entity_def *def = entity_find(set.files[i].kind);
        char name[64];
        snprintf(name, sizeof name, "demo:%s.csv", set.files[i].kind);
        import_stats st;
        if (!def) {
            rc = err_internal(&e, "demo produced unknown kind %s", set.files[i].kind);
            break;
        }
        rc = import_buffer(d, def, name, set.files[i].csv, set.files[i].len, "demo", &st, &e);
        if (!rc)
            printf("  %-14s %6ld rows (%ld created, %ld updated, %ld unchanged)\n", def->kind,
                   st.rows, st.created, st.updated, st.unchanged);
    }
    /* Unit costs come after the seven system files: they price the demo's indicators. */
    if (!rc) {
        const char *uc = unit_cost_demo_csv();
        import_stats st;
        rc = import_buffer(d, entity_find("unit-costs"), "demo:unit-costs.csv", uc, strlen(uc),
                           "demo", &st, &e);
        if (!rc)
            printf("  %-14s %6ld rows (%ld created, %ld updated, %ld unchanged)\n", "unit-costs",
                   st.rows, st.created, st.updated, st.unchanged);
    }
    /* The conversation log last: it talks about everything above. */
    if (!rc) {
        int created = 0;
        rc = demo_load_conversations(d, &created, &e);
        if (!rc)
            printf("  %-14s %6d added\n", "conversations", created);
    }
    /* Contract reviews: they name the contracts, people and measures above. */
    if (!rc) {
        int created = 0;
        rc = demo_load_reviews(d, &created, &e);
        if (!rc)
            printf("  %-14s %6d added\n", "reviews", created);
    }
    /* The end-of-life programme: it follows the conversations and the measures it tracks. */
    if (!rc) {
        long rows = 0;
        rc = demo_load_programme(d, &rows, &e);
        if (!rc)
            printf("  %-14s %6ld rows (programme, events, stories, pledges, projects, ...)\n",
                   "programme", rows);
    }
    if (!rc && !opts[1].value)
        rc = load_prescribing(d, url, &e);
    if (rc)
        db_rollback(d);
    else
        rc = db_commit(d, &e);
    demo_set_free(&set);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf("%s: demo health system loaded (see `unlock summary --db %s`)\n", url, url);
    return 0;
}
