/* unlock publish: the public transparency site as static files, from the public view only. */
#include "cli/commands.h"

#include "report/public_html.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

enum { P_OUT, P_DB, P_COUNT };

/* Makes dir and every folder above it that is missing. */
static int make_dirs(const char *dir, err *e)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return err_user(e, "--out: the path is too long");
    for (char *p = path + 1;; p++) {
        int end = *p == '\0';
        if (*p == '/' || end) {
            *p = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST)
                return err_user(e, "cannot make the folder %s: %s", path, strerror(errno));
            if (end)
                return 0;
            *p = '/';
        }
    }
}

static int write_page(db *d, const char *out, const char *page, size_t *bytes, err *e)
{
    strbuf path = STRBUF_INIT, body = STRBUF_INIT;
    const char *type;
    strbuf_addf(&path, "%s/%s", out, page);
    char *slash = strrchr(path.buf + strlen(out) + 1, '/');
    int rc = 0;
    if (slash) {
        *slash = '\0';
        rc = make_dirs(path.buf, e);
        *slash = '/';
    }
    if (!rc)
        rc = public_render(d, page, &body, &type, e);
    if (!rc)
        rc = file_write_atomic(path.buf, body.buf ? body.buf : "", body.len, e);
    *bytes += body.len;
    strbuf_free(&path);
    strbuf_free(&body);
    return rc;
}

int cmd_publish(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[P_COUNT] = {
        [P_OUT] = {"--out", "DIR", "the folder to write the site into (made if missing)", 0},
        [P_DB] = CLI_DB_OPT,
    };
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, P_COUNT, NULL, 0, 0, &npos, &status))
        return status;
    err e = {0};
    if (!o[P_OUT].value || !*o[P_OUT].value) {
        err_user(&e, "--out DIR is required: the folder to write the site into");
        return cli_fail(&e);
    }
    db *d = NULL;
    json_t *pages = NULL;
    size_t bytes = 0, written = 0;
    int rc = cli_open_db(o[P_DB].value, 0, &d, &e);
    if (!rc)
        rc = make_dirs(o[P_OUT].value, &e);
    if (!rc)
        rc = public_site_paths(d, &pages, &e);
    size_t i;
    json_t *p;
    json_array_foreach(pages, i, p)
    {
        if (rc || (rc = write_page(d, o[P_OUT].value, json_string_value(p), &bytes, &e)) != 0)
            break;
        printf("%s/%s\n", o[P_OUT].value, json_string_value(p));
        written++;
    }
    json_decref(pages);
    db_close(d);
    if (rc)
        return cli_fail(&e);
    printf("%zu files, %zu bytes: open %s/index.html\n", written, bytes, o[P_OUT].value);
    return 0;
}
