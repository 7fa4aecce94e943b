#define _XOPEN_SOURCE 700 /* nftw */
/* fuzz setup: the database and scratch directory the targets share (see fuzz.h). */
#include "fuzz.h"

#include "domain/demo.h"
#include "domain/demo_conversations.h"
#include "domain/demo_programme.h"
#include "domain/entity.h"
#include "domain/import.h"
#include "domain/unit_cost.h"
#include "domain/user.h"
#include "http/session.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static db *shared_db;
static char scratch[256];
static char cookies[2][128], csrfs[2][SESSION_HEX_LEN + 1];
static const char *const roles[2] = {"admin", "provider"};

db *fuzz_db(void)
{
    return shared_db;
}

const char *fuzz_dir(void)
{
    return scratch;
}

static int role_index(const char *role)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(role, roles[i]) == 0)
            return i;
    return -1;
}

const char *fuzz_cookie(const char *role)
{
    int i = role_index(role);
    return i < 0 ? NULL : cookies[i];
}

const char *fuzz_csrf(const char *role)
{
    int i = role_index(role);
    return i < 0 ? NULL : csrfs[i];
}

const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", scratch, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

/* The demo as `unlock demo --no-prescribing` loads it: the rows imports refer to, the series
 * the analyses work on, the conversations and the programme the handlers read. */
static int load_reference_data(db *d, err *e)
{
    demo_set set;
    demo_build(&set);
    int rc = db_begin(d, e);
    for (int i = 0; i < set.count && !rc; i++)
        rc = import_buffer(d, entity_find(set.files[i].kind), set.files[i].kind, set.files[i].csv,
                           set.files[i].len, "fuzz", NULL, e);
    demo_set_free(&set);
    const char *costs = unit_cost_demo_csv();
    int created;
    long rows;
    if (!rc)
        rc = import_buffer(d, entity_find("unit-costs"), "unit-costs", costs, strlen(costs), "fuzz",
                           NULL, e) ||
             demo_load_conversations(d, &created, e) || demo_load_programme(d, &rows, e);
    if (rc) {
        db_rollback(d);
        return -1;
    }
    return db_commit(d, e);
}

/* An admin and a provider of the demo's first trust, each signed in. */
static int sign_in_users(db *d, err *e)
{
    setenv("UNLOCK_PWHASH_FAST", "1", 1);
    static const char *const emails[2] = {"admin@fuzz.example", "provider@fuzz.example"};
    char org[33] = "";
    int64_t found = 0;
    db_stmt *s;
    if (db_prepare(d, "SELECT code FROM organisations WHERE kind = 'acute_trust' ORDER BY code", &s,
                   e))
        return -1;
    if (db_step(s, e) == DB_ROW) {
        snprintf(org, sizeof org, "%s", db_col_text(s, 0));
        found = 1;
    }
    db_finalize(s);
    if (!found)
        return err_internal(e, "fuzz setup: the demo has no acute trust");
    for (int i = 0; i < 2; i++) {
        user_account u;
        char token[SESSION_HEX_LEN + 1];
        if (user_create(d, emails[i], roles[i], i ? org : NULL, "a-long-fuzzing-password", "fuzz",
                        &u, e) ||
            session_create(d, u.id, 365L * 24 * 3600, (int64_t)time(NULL), token, csrfs[i], e))
            return -1;
        snprintf(cookies[i], sizeof cookies[i], "unlock_session=%s", token);
    }
    return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void fuzz_teardown(void)
{
    if (shared_db)
        db_close(shared_db);
    shared_db = NULL;
    if (scratch[0])
        nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    scratch[0] = '\0';
}

int fuzz_setup(const char *db_url, err *e)
{
    if (shared_db)
        return 0;
    /* Files written per input: in memory when the machine has a tmpfs, so syncs cost nothing. */
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/unlock-fuzz-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(scratch))
        return err_internal(e, "fuzz setup: cannot make %s", scratch);
    if (db_open(db_url ? db_url : ":memory:", &shared_db, e) || db_migrate(shared_db, NULL, e) ||
        load_reference_data(shared_db, e) || sign_in_users(shared_db, e)) {
        err_prefix(e, "fuzz setup");
        fuzz_teardown();
        return -1;
    }
    return 0;
}
