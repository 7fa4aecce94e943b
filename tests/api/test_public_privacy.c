/* The privacy guarantee of the public site and API: a unique marker planted in every private
 * field of the demo (people, users, conversations, reflections, learning set, events and their
 * minutes, work streams, projects, PDSA cycles, opportunity notes, observation notes, the audit
 * log, every text of unconsented, internal, pending and rejected stories and their touchpoints,
 * and the teller's own text, title and moderator of published ones) never appears in anything
 * published: every file `unlock publish` writes, every page under /public/ reached by following
 * links from the index, and every route under /api/v1/public, all asked anonymously. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "db/catalog.h"
#include "http/router.h"
#include "http/routes.h"
#include "support/server.h"
#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>

#define MARKER "ZQXPRIVATE"

/* Tables (with a row condition) every text column of which is private. */
static const struct {
    const char *table, *where;
} private_rows[] = {
    {"people", "1 = 1"},
    {"users", "1 = 1"},
    {"sessions", "1 = 1"},
    {"conversations", "1 = 1"},
    {"conversation_participants", "1 = 1"},
    {"conversation_organisations", "1 = 1"},
    {"conversation_links", "1 = 1"},
    {"conversation_actions", "1 = 1"},
    {"contract_reviews", "1 = 1"},
    {"contract_review_attendees", "1 = 1"},
    {"contract_review_findings", "1 = 1"},
    {"contract_review_actions", "1 = 1"},
    {"reflections", "1 = 1"},
    {"learning_sessions", "1 = 1"},
    {"learning_members", "1 = 1"},
    {"codesign_events", "1 = 1"},
    {"event_attendees", "1 = 1"},
    {"workstreams", "1 = 1"},
    {"champions", "1 = 1"},
    {"projects", "1 = 1"},
    {"pdsa_cycles", "1 = 1"},
    {"experience_measures", "1 = 1"},
    {"opportunity_status", "1 = 1"},
    {"audit_log", "1 = 1"},
    {"stories", "NOT (moderation = 'approved' AND consent = 'public')"},
    {"touchpoints", "story_code NOT IN (SELECT code FROM stories WHERE moderation = 'approved' "
                    "AND consent = 'public')"},
};

/* Single private columns of otherwise public rows. */
static const char *const private_columns[][2] = {{"stories", "text"},
                                                 {"stories", "title"},
                                                 {"stories", "moderated_by"},
                                                 {"observations", "note"}};

static int planted;

static void plant_column(db *d, const char *table, const char *column, const char *where)
{
    char sql[512];
    /* Each value its own (rowid, or PostgreSQL's ctid), so unique columns take them too. */
    snprintf(sql, sizeof sql, "UPDATE %s SET %s = '" MARKER "-%s-%s-' || %s WHERE %s", table,
             column, table, column, strcmp(db_dialect(d), "postgres") == 0 ? "ctid" : "rowid",
             where);
    /* A key or a checked value (an enum) refuses free text: nothing private can be there. */
    err e = {0};
    db_stmt *s;
    if (db_prepare(d, sql, &s, &e) == 0) {
        if (db_step(s, &e) >= 0)
            planted += (int)db_changes(d);
        db_finalize(s);
    }
}

static void plant_table(db *d, const db_table *tables, int ntables, const char *table,
                        const char *where)
{
    const db_table *t = NULL;
    for (int i = 0; i < ntables && !t; i++)
        if (strcmp(tables[i].name, table) == 0)
            t = &tables[i];
    cr_assert_not_null(t, "no table %s", table);
    for (int c = 0; c < t->ncolumns; c++)
        if (t->columns[c].type == 's')
            plant_column(d, table, t->columns[c].name, where);
}

/* Through db.h, so the same markers go into SQLite and PostgreSQL. */
static void plant_markers(const char *url)
{
    db *d;
    err e = {0};
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    /* Rows the demo may not have: a dismissed opportunity's reason, a private reflection. */
    cr_assert_eq(db_exec(d, "DELETE FROM opportunity_status WHERE id = 'estates:S-FMH'", &e), 0,
                 "%s", e.msg);
    cr_assert_eq(db_exec(d,
                         "INSERT INTO opportunity_status VALUES ('estates:S-FMH', 'dismissed', "
                         "'reason', '2026-01-01', 'someone')",
                         &e),
                 0, "%s", e.msg);
    cr_assert_eq(db_exec(d,
                         "INSERT INTO reflections (author, written_at, text) VALUES ('a', "
                         "'2026-01-01', 'thought')",
                         &e),
                 0, "%s", e.msg);
    db_table *tables;
    int ntables;
    cr_assert_eq(db_tables(d, &tables, &ntables, &e), 0, "%s", e.msg);
    for (size_t i = 0; i < sizeof private_rows / sizeof private_rows[0]; i++)
        plant_table(d, tables, ntables, private_rows[i].table, private_rows[i].where);
    for (size_t i = 0; i < sizeof private_columns / sizeof private_columns[0]; i++)
        plant_column(d, private_columns[i][0], private_columns[i][1], "1 = 1");
    db_tables_free(tables, ntables);
    db_close(d);
}

/* What was published, all of it, for the final checks. */
static char *everything;
static size_t everything_len;
static int files_read;

static void take(const char *where, const char *text)
{
    cr_expect_null(strstr(text, MARKER), "%s leaks: ...%.120s", where, strstr(text, MARKER));
    size_t n = strlen(text);
    everything = realloc(everything, everything_len + n + 1);
    memcpy(everything + everything_len, text, n + 1);
    everything_len += n;
}

static int read_one(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb;
    (void)f;
    if (flag != FTW_F)
        return 0;
    char *text = file_read(path, NULL);
    cr_assert(text, "%s", path);
    take(path, text);
    free(text);
    files_read++;
    return 0;
}

/* The /public/ pages linked from page (a path under /public/) not yet in seen. */
static void follow_links(const char *page, const char *html, char seen[][128], int *nseen)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s", page);
    *strrchr(dir, '/') = '\0';
    for (const char *p = html; (p = strstr(p, "href=\"")) != NULL;) {
        p += 6;
        const char *end = strchr(p, '"');
        char link[128], path[256];
        snprintf(link, sizeof link, "%.*s", (int)(end - p), p);
        p = end;
        cr_expect_null(strstr(link, "://"), "%s links outside the site: %s", page, link);
        cr_expect_neq(link[0], '/', "%s has an absolute link: %s", page, link);
        if (link[0] == '#')
            continue;
        char base[128];
        snprintf(base, sizeof base, "%s", dir);
        const char *rest = link;
        while (strncmp(rest, "../", 3) == 0) {
            *strrchr(base, '/') = '\0';
            rest += 3;
        }
        snprintf(path, sizeof path, "%s/%s", base, rest);
        cr_expect_eq(strncmp(path, "/public/", 8), 0, "%s links above the site: %s", page, link);
        int known = 0;
        for (int i = 0; i < *nseen; i++)
            known |= strcmp(seen[i], path) == 0;
        if (!known && *nseen < 200)
            snprintf(seen[(*nseen)++], 128, "%.127s", path);
    }
}

static void get(test_server *s, const char *path)
{
    api_response r = api_call(s, "GET", path, NULL, NULL, NULL);
    cr_expect_eq(r.status, 200, "%s as anonymous: %ld %s", path, r.status, r.body);
    take(path, r.body);
    api_response_free(&r);
}

Test(public_privacy, no_private_field_reaches_any_public_file_page_or_route, .timeout = 120)
{
    test_server *s = test_server_start(&(test_server_opts){.demo = 1, .users = 1});
    plant_markers(s->db_path);
    cr_assert_gt(planted, 500, "only %d fields planted", planted);

    /* The static site. */
    char *out = path_join(s->dir, "site");
    cr_assert_eq(test_server_unlock(s, (const char *const[]){"publish", "--out", out, NULL}), 0);
    cr_assert_eq(nftw(out, read_one, 8, FTW_PHYS), 0);
    cr_expect_eq(files_read, 27,
                 "index, style, opportunities, data, 1 programme, 4 providers, "
                 "18 data files");
    free(out);

    /* The live site, crawled from its index by its links. */
    char seen[200][128];
    int nseen = 1;
    snprintf(seen[0], 128, "/public/index.html");
    for (int i = 0; i < nseen; i++) {
        api_response r = api_call(s, "GET", seen[i], NULL, NULL, NULL);
        cr_expect_eq(r.status, 200, "%s: %ld", seen[i], r.status);
        take(seen[i], r.body);
        if (strstr(seen[i], ".html"))
            follow_links(seen[i], r.body, seen, &nseen);
        api_response_free(&r);
    }
    cr_expect_eq(nseen, 27, "every page and file reached by links");
    /* "/public/" is the front page itself, so its relative links work from there too. */
    api_response front = api_call(s, "GET", "/public/", NULL, NULL, NULL);
    api_response index = api_call(s, "GET", "/public/index.html", NULL, NULL, NULL);
    cr_expect_eq(front.status, 200);
    cr_expect_str_eq(front.body, index.body);
    api_response_free(&front);
    api_response_free(&index);

    /* Every public API route, whole and for the programme. */
    const char *providers[] = {"NNV01", "RNC", "RNM", "RNV"};
    for (int i = 0; i < http_route_total(); i++) {
        const http_route *r = http_route_at(i);
        char path[256];
        if (strncmp(r->pattern, "/api/v1/public/", 15) != 0)
            continue;
        if (strstr(r->pattern, "{org}")) {
            for (size_t k = 0; k < 4; k++) {
                snprintf(path, sizeof path, "/api/v1/public/scorecards/%s", providers[k]);
                get(s, path);
            }
            continue;
        }
        if (strstr(r->pattern, "{code}")) {
            get(s, "/api/v1/public/programmes/EOL-2027");
            continue;
        }
        get(s, r->pattern);
        if (r->query && strstr(r->query, "programme")) {
            snprintf(path, sizeof path, "%s?programme=EOL-2027", r->pattern);
            get(s, path);
        }
    }

    /* What should be public is: the check above could not pass by publishing nothing. */
    cr_expect(strstr(everything, "the out-of-hours doctor had no idea"), "ST-1's moderated text");
    cr_expect(strstr(everything, "Offer a shared plan to everyone"), "the pledges");
    cr_expect_null(strstr(everything, "@test.nhs.uk"), "no user email");
    free(everything);
    cr_assert_eq(test_server_stop(s), 0);
}
