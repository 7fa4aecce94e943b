/* Static files: what is served from the front end's folder, and what is refused. */
#include "http/static_files.h"

#include "support/support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir, *web;
static http_static_roots roots;

static void put(const char *rel, const char *text)
{
    char *p = path_join(dir, rel);
    file_write(p, text);
    free(p);
}

static void setup(void)
{
    dir = tmpdir_make();
    web = path_join(dir, "web");
    mkdir(web, 0755);
    put("web/index.html", "<!doctype html>");
    put("web/app.js", "export {}");
    put("web/secret.sh", "#!/bin/sh");
    put("outside.html", "outside");
    char *p = path_join(dir, "web/js");
    mkdir(p, 0755);
    free(p);
    put("web/js/chart.js", "chart");
    p = path_join(dir, "node_modules");
    mkdir(p, 0755);
    free(p);
    p = path_join(dir, "node_modules/nhsuk-frontend");
    mkdir(p, 0755);
    free(p);
    p = path_join(dir, "node_modules/nhsuk-frontend/dist");
    mkdir(p, 0755);
    free(p);
    put("node_modules/nhsuk-frontend/dist/nhsuk.css", ".x{}");
    const char *const assets[] = {"node_modules/nhsuk-frontend/dist/nhsuk",
                                  "node_modules/nhsuk-frontend/dist/nhsuk/assets",
                                  "node_modules/nhsuk-frontend/dist/nhsuk/assets/images"};
    for (size_t i = 0; i < 3; i++) {
        p = path_join(dir, assets[i]);
        mkdir(p, 0755);
        free(p);
    }
    put("node_modules/nhsuk-frontend/dist/nhsuk/assets/images/icon.svg", "<svg/>");
    p = path_join(dir, "outside.html");
    char *l = path_join(dir, "web/out.html");
    cr_assert_eq(symlink(p, l), 0);
    free(p);
    free(l);
    l = path_join(dir, "web/fifo.html");
    cr_assert_eq(mkfifo(l, 0600), 0);
    free(l);
    http_static_roots_init(&roots, web);
}

static void teardown(void)
{
    http_static_roots_free(&roots);
    tmpdir_remove(dir);
    free(web);
    free(dir);
}

TestSuite(http_static, .init = setup, .fini = teardown, .timeout = 10);

static int open_path(const char *path, http_static_file *f)
{
    int rc = http_static_open(&roots, path, f);
    if (rc == 0)
        close(f->fd);
    return rc;
}

Test(http_static, serves_files_by_type)
{
    http_static_file f;
    cr_assert_eq(open_path("/", &f), 0);
    cr_expect_str_eq(f.content_type, "text/html; charset=utf-8");
    cr_expect(f.is_html);
    cr_expect_eq(f.size, strlen("<!doctype html>"));
    cr_assert_eq(open_path("/app.js", &f), 0);
    cr_expect_str_eq(f.content_type, "text/javascript; charset=utf-8");
    cr_expect(!f.is_html);
    cr_assert_eq(open_path("/js/chart.js", &f), 0);
    cr_assert_eq(open_path("/vendor/nhsuk-frontend/nhsuk.css", &f), 0);
    cr_expect_str_eq(f.content_type, "text/css; charset=utf-8");
    /* The design system's stylesheet asks for /assets/images/...: its own icons. */
    cr_assert_eq(open_path("/assets/images/icon.svg", &f), 0);
    cr_expect_str_eq(f.content_type, "image/svg+xml");
    cr_expect_eq(open_path("/assets/../../outside.html", &f), 404);
}

Test(http_static, refuses_everything_else)
{
    const char *paths[] = {
        "/secret.sh",
        "/missing.html",
        "/../outside.html",
        "/js/../../outside.html",
        "/./app.js",
        "//app.js",
        "/js/",
        "/js",
        "/.git.html",
        "/out.html",
        "/fifo.html",
        "/app.js\\..",
        "app.js",
        "/vendor/nhsuk-frontend/../../web/index.html",
        "/vendor/nhsuk-frontend/",
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        http_static_file f;
        cr_expect_eq(open_path(paths[i], &f), 404, "%s", paths[i]);
    }
}

Test(http_static, types)
{
    cr_expect_str_eq(http_static_type("a/b.svg"), "image/svg+xml");
    cr_expect_str_eq(http_static_type("favicon.ico"), "image/x-icon");
    cr_expect_str_eq(http_static_type("x.png"), "image/png");
    cr_expect_null(http_static_type("x"));
    cr_expect_null(http_static_type("x.db"));
    cr_expect_null(http_static_type("x.HTML"));
    cr_expect_null(http_static_type("a.html/b"));
}

Test(http_static, a_missing_root_serves_nothing)
{
    http_static_roots none;
    http_static_roots_init(&none, "/nonexistent/web");
    cr_expect_null(none.web);
    cr_expect_null(none.vendor);
    http_static_file f;
    cr_expect_eq(http_static_open(&none, "/", &f), 404);
    http_static_roots_free(&none);
}
