/* unlock publish: the real binary on the demo writes the whole site; every CSV parses with
 * the same number of fields as its header, and every link of every page resolves to a file
 * the site holds. */
#include "support/support.h"
#include "util/csv.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const pages[] = {"index.html",
                                    "style.css",
                                    "opportunities.html",
                                    "data.html",
                                    "programmes/EOL-2027.html",
                                    "providers/RNV.html",
                                    "providers/RNC.html",
                                    "providers/RNM.html",
                                    "providers/NNV01.html"};
static const char *const tables[] = {"programmes",    "priorities",  "pledges",
                                     "goals",         "goal_points", "stories",
                                     "emotional_map", "scorecards",  "opportunities"};

typedef struct csv_count {
    size_t header, rows, bad;
} csv_count;

static int count_row(void *ctx, const csv_record *rec, err *e)
{
    (void)e;
    csv_count *c = ctx;
    if (c->header == 0)
        c->header = rec->count;
    else
        c->rows++, c->bad += rec->count != c->header;
    return 0;
}

/* Every href in the page resolves, relative to its folder, to a file that exists. */
static void check_links(const char *site, const char *page)
{
    char *path = path_join(site, page), *html = file_read(path, NULL);
    cr_assert(html, "%s", path);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    *strrchr(dir, '/') = '\0';
    int links = 0;
    for (const char *p = html; (p = strstr(p, "href=\"")) != NULL; links++) {
        p += 6;
        const char *end = strchr(p, '"');
        char target[PATH_MAX + 256];
        int n = (int)(end - p) < 255 ? (int)(end - p) : 255;
        snprintf(target, sizeof target, "%.4000s/%.*s", dir, n, p);
        p = end;
        if (strchr(target, '#'))
            continue;
        cr_expect_eq(access(target, R_OK), 0, "%s links to a missing %s", page, target);
    }
    cr_expect_gt(links, 3, "%s", page);
    free(html);
    free(path);
}

Test(cli_publish, writes_the_whole_site_with_parsable_open_data_and_working_links)
{
    char *dir = tmpdir_make();
    run_result r = unlock_run(dir, NULL, (const char *const[]){"demo", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = unlock_run(dir, NULL,
                   (const char *const[]){"publish", "--out", "site/public", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "27 files"), "%s", r.out);
    run_result_free(&r);
    char *site = path_join(dir, "site/public");
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        char *p = path_join(site, pages[i]);
        cr_expect_eq(access(p, R_OK), 0, "%s", p);
        free(p);
        if (strstr(pages[i], ".html"))
            check_links(site, pages[i]);
    }
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char name[128];
        snprintf(name, sizeof name, "data/%s.json", tables[i]);
        char *p = path_join(site, name);
        cr_expect_eq(access(p, R_OK), 0, "%s", p);
        free(p);
        snprintf(name, sizeof name, "data/%s.csv", tables[i]);
        p = path_join(site, name);
        csv_count c = {0};
        err e = {0};
        cr_expect_eq(csv_read_file(p, count_row, &c, &e), 0, "%s: %s", p, e.msg);
        cr_expect_gt(c.header, 2, "%s", p);
        cr_expect_eq(c.bad, 0, "%s: rows with the wrong number of fields", p);
        if (strcmp(tables[i], "pledges") == 0)
            cr_expect_eq(c.rows, 40);
        if (strcmp(tables[i], "stories") == 0)
            cr_expect_eq(c.rows, 3);
        free(p);
    }
    /* The programme page draws each goal's trajectory with a sentence saying what it shows. */
    char *p = path_join(site, "programmes/EOL-2027.html"), *html = file_read(p, NULL);
    cr_expect_eq(count_of(html, "<svg"), 4, "three goals and the emotional map");
    cr_expect_eq(count_of(html, "<figcaption>"), 4);
    cr_expect(strstr(html, "the chart shows the measured values"));
    cr_expect_null(strstr(html, "<script"));
    free(html);
    free(p);
    r = unlock_run(dir, NULL, (const char *const[]){"publish", "--db", "d.db", NULL});
    cr_expect_eq(r.status, 1, "--out is required");
    cr_expect(strstr(r.err, "--out DIR is required"), "%s", r.err);
    run_result_free(&r);
    free(site);
    tmpdir_remove(dir);
    free(dir);
}
