/* unlock backup and restore, and unlock audit: a backup taken while a server takes writes is
 * whole and holds a consistent prefix of them; a restore gives back every row (counts and
 * checksums), refuses to overwrite data without --force, and a bad file changes nothing. On
 * both back ends: with UNLOCK_TEST_PG, `--db FILE` stands for a PostgreSQL database and
 * backups are still SQLite files. */
#include "db/db.h"
#include "support/server.h"
#include "support/support.h"
#include "support/test_pg.h"
#include "util/strbuf.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static run_result run(const char *dir, const char *const *args)
{
    return unlock_run(dir, NULL, args);
}

/* Every table's rows and checksum, as copy-db counts them: equal for equal databases. */
static char *fingerprint(const char *dir, const char *file)
{
    char *url = test_db_url_for(dir, file);
    char *out = path_join(dir, "fingerprint.db");
    remove(out);
    json_t *j = run_result_json(
        run(dir, (const char *const[]){"copy-db", "--from", url, "--to", out, "--json", NULL}));
    strbuf sb = STRBUF_INIT;
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(j, "tables"), i, t)
        strbuf_addf(&sb, "%s:%lld:%s\n", json_string_value(json_object_get(t, "table")),
                    (long long)json_integer_value(json_object_get(t, "rows")),
                    json_string_value(json_object_get(t, "checksum")));
    json_decref(j);
    remove(out);
    free(out);
    free(url);
    return strbuf_detach(&sb, NULL);
}

/* The rows `unlock backup|restore --json` reports, asserting it succeeded. */
static json_t *checked(const char *dir, const char *const *args)
{
    return run_result_json(run(dir, args));
}

static int partial_files_in(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *ent;
    while (d && (ent = readdir(d)))
        n += strstr(ent->d_name, ".partial-") != NULL;
    if (d)
        closedir(d);
    return n;
}

Test(cli_backup, a_restore_gives_back_every_row, .timeout = 300)
{
    char *dir = test_demo_dir();
    json_t *b =
        checked(dir, (const char *const[]){"backup", "b.db", "--db", "d.db", "--json", NULL});
    /* docs/demo.md: 9,648 observations among the rest; every write of the demo audited. */
    cr_assert_gt(json_integer_value(json_object_get(b, "rows")), 19000);
    cr_assert_gt(json_integer_value(json_object_get(b, "tables")), 30);
    json_t *audit = json_object_get(b, "audit");
    cr_assert_gt(json_integer_value(json_object_get(audit, "entries")), 9000);
    cr_assert_eq(json_integer_value(json_object_get(audit, "unsealed")), 0);
    cr_assert_eq(strlen(json_string_value(json_object_get(audit, "head"))), 64);
    /* The backup is a SQLite file whatever the back end, and verifies on its own. */
    run_result v = run(dir, (const char *const[]){"audit", "verify", "--db", "sqlite:b.db", NULL});
    cr_assert_eq(v.status, 0, "%s", v.err);
    char head[100];
    snprintf(head, sizeof head, "head %lld:%s",
             (long long)json_integer_value(json_object_get(audit, "head_seq")),
             json_string_value(json_object_get(audit, "head")));
    cr_assert(strstr(v.out, head), "%s", v.out);
    run_result_free(&v);

    json_t *r =
        checked(dir, (const char *const[]){"restore", "b.db", "--db", "r.db", "--json", NULL});
    cr_assert_eq(json_integer_value(json_object_get(r, "rows")),
                 json_integer_value(json_object_get(b, "rows")));
    json_decref(r);
    char *original = fingerprint(dir, "d.db"), *restored = fingerprint(dir, "r.db");
    cr_assert_str_eq(restored, original, "every table's count and checksum");
    cr_assert(strstr(original, "observations:9648:"), "%s", original);

    /* Again: the target holds data now, so it needs --force, and is left as it was. */
    run_result again = run(dir, (const char *const[]){"restore", "b.db", "--db", "r.db", NULL});
    cr_assert_eq(again.status, 1, "%s", again.err);
    cr_assert(strstr(again.err, "already holds data") && strstr(again.err, "--force"), "%s",
              again.err);
    run_result_free(&again);
    char *after = fingerprint(dir, "r.db");
    cr_assert_str_eq(after, original);
    free(after);
    json_decref(checked(
        dir, (const char *const[]){"restore", "b.db", "--db", "r.db", "--force", "--json", NULL}));
    after = fingerprint(dir, "r.db");
    cr_assert_str_eq(after, original);
    free(after);
    cr_assert_eq(partial_files_in(dir), 0, "no temporary file is left behind");

    /* Backing a database up over itself is refused. */
    if (!test_pg_enabled()) {
        run_result self = run(dir, (const char *const[]){"backup", "d.db", "--db", "d.db", NULL});
        cr_assert_eq(self.status, 1);
        cr_assert(strstr(self.err, "the database itself"), "%s", self.err);
        run_result_free(&self);
        self = run(dir, (const char *const[]){"restore", "./d.db", "--db", "d.db", NULL});
        cr_assert_eq(self.status, 1);
        cr_assert(strstr(self.err, "the database itself"), "%s", self.err);
        run_result_free(&self);
        /* A target SQLite cannot open is not replaced, even with --force. */
        char *junk = path_join(dir, "junk-target.db");
        file_write(junk, "not a database, but someone's file\n");
        self = run(dir, (const char *const[]){"restore", "b.db", "--db", "junk-target.db",
                                              "--force", NULL});
        cr_assert_eq(self.status, 1);
        cr_assert(strstr(self.err, "cannot be opened; move it"), "%s", self.err);
        run_result_free(&self);
        char *left = file_read(junk, NULL);
        cr_assert_str_eq(left, "not a database, but someone's file\n");
        free(left);
        free(junk);
    }
    json_decref(b);
    free(original);
    free(restored);
    tmpdir_remove(dir);
    free(dir);
}

/* Writes a file's bytes over [at, at + n) with 0xff. */
static void damage(const char *path, long at, size_t n)
{
    FILE *f = fopen(path, "r+b");
    cr_assert_not_null(f);
    fseek(f, at, SEEK_SET);
    for (size_t i = 0; i < n; i++)
        fputc(0xff, f);
    fclose(f);
}

static void copy(const char *dir, const char *from, const char *to)
{
    char *a = path_join(dir, from), *b = path_join(dir, to);
    size_t len = 0;
    char *data = file_read(a, &len);
    cr_assert_not_null(data);
    FILE *f = fopen(b, "wb");
    cr_assert_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    free(data);
    free(a);
    free(b);
}

static void sqlite_exec(const char *dir, const char *file, const char *sql)
{
    char *path = path_join(dir, file);
    char url[1100];
    snprintf(url, sizeof url, "sqlite:%s", path);
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    cr_assert_eq(db_exec(d, sql, &e), 0, "%s", e.msg);
    db_close(d);
    free(path);
}

static void expect_refused(const char *dir, const char *file, const char *why, const char *before)
{
    run_result r =
        run(dir, (const char *const[]){"restore", file, "--db", "r.db", "--force", NULL});
    cr_assert_eq(r.status, 1, "%s: %d %s", file, r.status, r.err);
    cr_assert(strstr(r.err, file) && strstr(r.err, why), "%s: %s", file, r.err);
    run_result_free(&r);
    char *after = fingerprint(dir, "r.db");
    cr_assert_str_eq(after, before, "%s: the target was changed", file);
    free(after);
    cr_assert_eq(partial_files_in(dir), 0, "%s: a temporary file was left", file);
}

Test(cli_backup, a_bad_backup_changes_nothing, .timeout = 300)
{
    char *dir = test_demo_dir();
    json_decref(
        checked(dir, (const char *const[]){"backup", "b.db", "--db", "d.db", "--json", NULL}));
    json_decref(
        checked(dir, (const char *const[]){"restore", "b.db", "--db", "r.db", "--json", NULL}));
    char *before = fingerprint(dir, "r.db");

    char *junk = path_join(dir, "junk.db");
    file_write(junk, "organisation,name\nRNV,Northvale\n");
    expect_refused(dir, "junk.db", "is not an unlock database", before);
    /* A SQLite database, but not unlock's. */
    sqlite_exec(dir, "other.db", "CREATE TABLE t (x INTEGER)");
    expect_refused(dir, "other.db", "no schema_migrations table", before);
    /* Pages damaged: every other page's header from the third on. */
    copy(dir, "b.db", "damaged.db");
    char *damaged = path_join(dir, "damaged.db");
    size_t len = 0;
    free(file_read(damaged, &len));
    for (long page = 2; page * 4096 < (long)len; page += 2)
        damage(damaged, page * 4096, 8);
    free(damaged);
    expect_refused(dir, "damaged.db", "damaged.db", before);
    /* Sound pages, but an audit entry edited: its chain no longer verifies. */
    copy(dir, "b.db", "edited.db");
    sqlite_exec(dir, "edited.db", "UPDATE audit_log SET actor = 'mallory' WHERE id = 5");
    expect_refused(dir, "edited.db", "audit log's chain is broken at row 5", before);
    /* No file at all. */
    expect_refused(dir, "missing.db", "no backup file there", before);
    free(junk);
    free(before);
    tmpdir_remove(dir);
    free(dir);
}

/* A server taking writes: one writer adds sites S-BK1, S-BK2, ... one after another, each
 * acknowledged before the next, so any consistent snapshot holds exactly S-BK1..S-BKk. */
typedef struct writer {
    test_server *srv;
    api_session *session;
    atomic_int landed; /* sites acknowledged */
    atomic_int stop;
    int failures;
    char first[512];
} writer;

static int add_site(writer *w, const char *code)
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"code\":\"%s\",\"name\":\"Backup %s\",\"organisation\":\"RNV\","
             "\"gross_internal_m2\":100}",
             code, code);
    api_response r = api_call(w->srv, "POST", "/api/v1/sites", body, NULL, w->session);
    int ok = r.status == 201;
    if (!ok && !w->failures++)
        snprintf(w->first, sizeof w->first, "POST %s: %ld %.300s", code, r.status,
                 r.body ? r.body : "");
    api_response_free(&r);
    return ok;
}

static void *write_sites(void *arg)
{
    writer *w = arg;
    for (int i = 1; !atomic_load(&w->stop) && i < 5000; i++) {
        char code[32];
        snprintf(code, sizeof code, "S-BK%d", i);
        if (!add_site(w, code))
            break;
        atomic_store(&w->landed, i);
    }
    return NULL;
}

static int64_t query(const char *url, const char *sql)
{
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    int64_t n = -1;
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s: %s", sql, e.msg);
    db_close(d);
    return n;
}

static char *head_hash_at(const char *url, int64_t seq)
{
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    db_stmt *s;
    cr_assert_eq(db_prepare(d, "SELECT hash FROM audit_log WHERE seq = ?", &s, &e), 0);
    cr_assert_eq(db_bind_int64(s, 1, seq, &e), 0);
    cr_assert_eq(db_step(s, &e), DB_ROW, "no entry %lld", (long long)seq);
    char *hash = strdup(db_col_text(s, 0));
    db_finalize(s);
    db_close(d);
    return hash;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

Test(cli_backup, a_backup_while_serving_holds_a_consistent_prefix, .timeout = 300)
{
    test_server *srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    api_session session;
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &session), 200);
    static writer w;
    w.srv = srv;
    w.session = &session;
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, write_sites, &w), 0);
    while (atomic_load(&w.landed) < 5 && !w.failures)
        sleep_ms(10);
    int before = atomic_load(&w.landed);
    run_result b = run(
        srv->dir, (const char *const[]){"backup", "b.db", "--db", srv->db_path, "--json", NULL});
    int after = atomic_load(&w.landed);
    /* Some writes more after the backup, so it is shown to be of a moment, not the end. */
    while (atomic_load(&w.landed) < after + 5 && !w.failures)
        sleep_ms(10);
    atomic_store(&w.stop, 1);
    pthread_join(t, NULL);
    cr_assert_eq(w.failures, 0, "%s", w.first);
    json_t *j = run_result_json(b);

    char *file = path_join(srv->dir, "b.db");
    char url[1100];
    snprintf(url, sizeof url, "sqlite:%s", file);
    int64_t sites = query(url, "SELECT COUNT(*) FROM sites WHERE code LIKE 'S-BK%'");
    int64_t highest =
        query(url, "SELECT COALESCE(MAX(CAST(SUBSTR(code, 5) AS INTEGER)), 0) FROM sites "
                   "WHERE code LIKE 'S-BK%'");
    cr_log_info("backup while serving: %d sites written before it began, %d when it ended, "
                "%lld in it",
                before, after, (long long)sites);
    /* A prefix: S-BK1..S-BKk with none missing, k between what had landed before and after. */
    cr_assert_eq(highest, sites, "the sites in the backup have gaps");
    cr_assert_geq(sites, before);
    cr_assert_leq(sites, after + 1, "a write in flight may have committed unacknowledged");
    /* Its audit log holds exactly those writes, and is a prefix of the live chain. */
    cr_assert_eq(query(url, "SELECT COUNT(*) FROM audit_log WHERE entity = 'site' AND "
                            "entity_key LIKE 'S-BK%'"),
                 sites);
    json_t *audit = json_object_get(j, "audit");
    int64_t entries = json_integer_value(json_object_get(audit, "entries"));
    char *live = head_hash_at(srv->db_path, entries);
    cr_assert_str_eq(live, json_string_value(json_object_get(audit, "head")),
                     "the backup's last entry is the live chain's entry %lld", (long long)entries);
    free(live);
    int64_t live_entries = query(srv->db_path, "SELECT COUNT(*) FROM audit_log");
    cr_assert_gt(live_entries, entries, "the live log went on past the backup");

    /* A running server's SQLite file is never replaced under it. */
    if (!test_pg_enabled()) {
        run_result r = run(srv->dir, (const char *const[]){"restore", "b.db", "--db", srv->db_path,
                                                           "--force", NULL});
        cr_assert_eq(r.status, 1, "%s", r.err);
        cr_assert(strstr(r.err, "in use by another program"), "%s", r.err);
        run_result_free(&r);
        cr_assert_eq(query(srv->db_path, "SELECT COUNT(*) FROM audit_log"), live_entries);
    }
    json_decref(j);
    free(file);
    cr_assert_eq(test_server_stop(srv), 0);
}

#define WRITERS 4
#define EACH 15

typedef struct site_writer {
    writer w;
    int n;
    pthread_t thread;
} site_writer;

static void *write_own_sites(void *arg)
{
    site_writer *sw = arg;
    for (int i = 0; i < EACH; i++) {
        char code[32];
        snprintf(code, sizeof code, "S-W%d-%d", sw->n, i);
        if (!add_site(&sw->w, code))
            break;
    }
    return NULL;
}

Test(cli_audit, writes_at_once_through_the_api_keep_one_chain, .timeout = 300)
{
    test_server *srv = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    api_session session;
    cr_assert_eq(api_sign_in(srv, TEST_COMMISSIONER_EMAIL, TEST_PASSWORD, &session), 200);
    int64_t start = query(srv->db_path, "SELECT COUNT(*) FROM audit_log");
    static site_writer sw[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        sw[i] = (site_writer){.w = {.srv = srv, .session = &session}, .n = i};
        cr_assert_eq(pthread_create(&sw[i].thread, NULL, write_own_sites, &sw[i]), 0);
    }
    for (int i = 0; i < WRITERS; i++)
        pthread_join(sw[i].thread, NULL);
    for (int i = 0; i < WRITERS; i++)
        cr_assert_eq(sw[i].w.failures, 0, "%s", sw[i].w.first);
    run_result r = run(
        srv->dir, (const char *const[]){"audit", "verify", "--json", "--db", srv->db_path, NULL});
    json_t *v = run_result_json(r);
    cr_assert(json_is_true(json_object_get(v, "ok")), "%s", json_dumps(v, 0));
    cr_assert_eq(json_integer_value(json_object_get(v, "rows")), start + WRITERS * EACH);
    cr_assert(json_is_null(json_object_get(v, "broken_row")));
    json_decref(v);
    cr_assert_eq(test_server_stop(srv), 0);
}

Test(cli_audit, verify_names_the_broken_row_and_list_shows_the_latest, .timeout = 120)
{
    char *dir = test_demo_dir();
    json_t *list = checked(dir, (const char *const[]){"audit", "list", "--limit", "2", "--json",
                                                      "--db", "d.db", NULL});
    cr_assert_eq(json_array_size(list), 2);
    json_t *newest = json_array_get(list, 0), *next = json_array_get(list, 1);
    cr_assert_gt(json_integer_value(json_object_get(newest, "id")),
                 json_integer_value(json_object_get(next, "id")), "newest first");
    cr_assert(json_is_object(json_object_get(newest, "change")), "the change as an object");
    cr_assert_str_eq(json_string_value(json_object_get(newest, "actor")), "demo");
    json_decref(list);

    run_result ok = run(dir, (const char *const[]){"audit", "verify", "--db", "d.db", NULL});
    cr_assert_eq(ok.status, 0, "%s", ok.err);
    long long entries = 0, seq = 0;
    char hash[65] = "";
    cr_assert_eq(
        sscanf(ok.out, "audit log OK: %lld entries chained; head %lld:%64s", &entries, &seq, hash),
        3, "%s", ok.out);
    cr_assert_eq(seq, entries);
    cr_assert_eq(strlen(hash), 64);
    run_result_free(&ok);

    /* The head noted, the chain is held to it. */
    char noted[100], wrong[100];
    snprintf(noted, sizeof noted, "%lld:%s", seq, hash);
    snprintf(wrong, sizeof wrong, "%lld:%.63s%c", seq, hash, hash[63] == '0' ? '1' : '0');
    run_result held =
        run(dir, (const char *const[]){"audit", "verify", "--head", noted, "--db", "d.db", NULL});
    cr_assert_eq(held.status, 0, "%s", held.err);
    run_result_free(&held);
    run_result rewritten =
        run(dir, (const char *const[]){"audit", "verify", "--head", wrong, "--db", "d.db", NULL});
    cr_assert_eq(rewritten.status, 1);
    cr_assert(strstr(rewritten.err, "was rewritten"), "%s", rewritten.err);
    run_result_free(&rewritten);

    /* The last entry cut off: the chain that is left is whole, but the noted head is gone. */
    char *path = path_join(dir, "d.db");
    char *url = test_db_url_for(NULL, path);
    free(path);
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    char cut[100];
    snprintf(cut, sizeof cut, "DELETE FROM audit_log WHERE seq = %lld", seq);
    cr_assert_eq(db_exec(d, cut, &e), 0, "%s", e.msg);
    run_result gone =
        run(dir, (const char *const[]){"audit", "verify", "--head", noted, "--db", "d.db", NULL});
    cr_assert_eq(gone.status, 1);
    cr_assert(strstr(gone.err, "is gone"), "%s", gone.err);
    run_result_free(&gone);
    /* An entry edited directly in the database. */
    cr_assert_eq(db_exec(d, "UPDATE audit_log SET change = '{}' WHERE id = 42", &e), 0, "%s",
                 e.msg);
    db_close(d);
    free(url);
    run_result bad = run(dir, (const char *const[]){"audit", "verify", "--db", "d.db", NULL});
    cr_assert_eq(bad.status, 1);
    cr_assert(strstr(bad.err, "broken at row 42: its stored hash"), "%s", bad.err);
    run_result_free(&bad);
    /* A backup of it is written, as evidence, but fails: a nightly timer shows it. */
    run_result b = run(dir, (const char *const[]){"backup", "b.db", "--db", "d.db", NULL});
    cr_assert_eq(b.status, 1);
    cr_assert(strstr(b.err, "audit log's chain is broken at row 42") &&
                  strstr(b.err, "kept as evidence"),
              "%s", b.err);
    run_result_free(&b);
    char *file = path_join(dir, "b.db");
    cr_assert(access(file, F_OK) == 0, "the backup was kept");
    free(file);
    cr_assert_eq(partial_files_in(dir), 0);
    /* But it is never restored. */
    run_result r = run(dir, (const char *const[]){"restore", "b.db", "--db", "r.db", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "b.db: its audit log's chain is broken at row 42"), "%s", r.err);
    run_result_free(&r);
    tmpdir_remove(dir);
    free(dir);
}

static int files_in(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *ent;
    while (d && (ent = readdir(d)))
        n += strstr(ent->d_name, suffix) != NULL;
    if (d)
        closedir(d);
    return n;
}

static char *ppu(const char *dir, const char *file)
{
    run_result r = run(dir, (const char *const[]){"ppu", "--month", "202603", "--limit", "5",
                                                  "--json", "--db", file, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    char *out = strdup(r.out);
    run_result_free(&r);
    return out;
}

Test(cli_backup, the_prescribing_month_files_go_with_it, .timeout = 300)
{
    char *dir = test_demo_dir();
    run_result p = run(dir, (const char *const[]){"demo", "--prescribing", "--db", "d.db", NULL});
    cr_assert_eq(p.status, 0, "%s", p.err);
    run_result_free(&p);
    json_t *b =
        checked(dir, (const char *const[]){"backup", "b.db", "--db", "d.db", "--json", NULL});
    /* The demo's year of prescribing, 2025-04 to 2026-03. */
    cr_assert_eq(json_integer_value(json_object_get(b, "prescribing_months")), 12);
    json_decref(b);
    char *kept = path_join(dir, "b.db.rx");
    cr_assert_eq(files_in(kept, ".rxm"), 12);
    json_t *r =
        checked(dir, (const char *const[]){"restore", "b.db", "--db", "r.db", "--json", NULL});
    cr_assert_eq(json_integer_value(json_object_get(r, "prescribing_months")), 12);
    json_decref(r);
    char *store = test_rx_store_of(dir, "r.db");
    cr_assert_eq(files_in(store, ".rxm"), 12, "%s", store);
    char *original = ppu(dir, "d.db"), *restored = ppu(dir, "r.db");
    cr_assert_str_eq(restored, original);
    cr_assert(strstr(original, "\"saving"), "%s", original);

    /* A backup whose month files were not kept with it is not restored, and changes nothing. */
    char *month = path_join(kept, "202504.rxm");
    cr_assert_eq(unlink(month), 0);
    run_result bad =
        run(dir, (const char *const[]){"restore", "b.db", "--db", "r.db", "--force", NULL});
    cr_assert_eq(bad.status, 1);
    cr_assert(strstr(bad.err, "202504.rxm is missing"), "%s", bad.err);
    run_result_free(&bad);
    cr_assert_eq(files_in(store, ".rxm"), 12);
    char *after = ppu(dir, "r.db");
    cr_assert_str_eq(after, original);
    cr_assert_eq(partial_files_in(dir), 0);
    free(after);
    free(month);
    free(original);
    free(restored);
    free(store);
    free(kept);
    tmpdir_remove(dir);
    free(dir);
}

Test(cli_audit, help_is_like_every_command)
{
    const char *const cmds[][3] = {{"backup", "--help", NULL},
                                   {"restore", "--help", NULL},
                                   {"audit", "verify", "--help"},
                                   {"audit", "list", "--help"}};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        run_result r = run(NULL, (const char *const[]){cmds[i][0], cmds[i][1], cmds[i][2], NULL});
        cr_assert_eq(r.status, 0, "%s %s: %s", cmds[i][0], cmds[i][1], r.err);
        char want[64];
        snprintf(want, sizeof want, "usage: unlock %s", cmds[i][0]);
        cr_assert(strstr(r.out, want) && strstr(r.out, "--db URL"), "%s", r.out);
        run_result_free(&r);
    }
    run_result r = run(NULL, (const char *const[]){"--help", NULL});
    cr_assert(strstr(r.out, "  backup ") && strstr(r.out, "  restore ") &&
                  strstr(r.out, "  audit "),
              "%s", r.out);
    run_result_free(&r);
}

Test(cli_backup, a_backup_from_before_the_chain_restores_unsealed, .timeout = 300)
{
    char *dir = test_demo_dir();
    json_decref(
        checked(dir, (const char *const[]){"backup", "b.db", "--db", "d.db", "--json", NULL}));
    /* As an unlock before migration 013 would have written it. */
    sqlite_exec(dir, "b.db",
                "DROP INDEX audit_log_seq; ALTER TABLE audit_log DROP COLUMN hash; "
                "ALTER TABLE audit_log DROP COLUMN prev_hash; ALTER TABLE audit_log DROP COLUMN "
                "seq; DELETE FROM schema_migrations WHERE name = '013_audit_chain'");
    json_t *r =
        checked(dir, (const char *const[]){"restore", "b.db", "--db", "r.db", "--json", NULL});
    json_t *audit = json_object_get(r, "audit");
    cr_assert_eq(json_integer_value(json_object_get(audit, "entries")), 0);
    cr_assert_gt(json_integer_value(json_object_get(audit, "unsealed")), 9000);
    json_decref(r);
    run_result v =
        run(dir, (const char *const[]){"audit", "verify", "--seal", "--db", "r.db", NULL});
    cr_assert_eq(v.status, 0, "%s", v.err);
    cr_assert(strstr(v.out, "sealed ") && strstr(v.out, "audit log OK"), "%s", v.out);
    run_result_free(&v);
    /* The backup file itself was not changed by the restore's checks. */
    char *file = path_join(dir, "b.db");
    char url[1100];
    snprintf(url, sizeof url, "sqlite:%s", file);
    cr_assert_eq(
        query(url, "SELECT COUNT(*) FROM schema_migrations WHERE name = '013_audit_chain'"), 0);
    free(file);
    tmpdir_remove(dir);
    free(dir);
}
