#include "http/static_files.h"

#include "util/err.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VENDOR_PREFIX "/vendor/nhsuk-frontend/"
#define ASSETS_PREFIX "/assets/"

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    {"html", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"ico", "image/x-icon"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"txt", "text/plain; charset=utf-8"},
};

void http_static_roots_init(http_static_roots *r, const char *web_dir)
{
    r->web = realpath(web_dir, NULL);
    char vendor[PATH_MAX];
    snprintf(vendor, sizeof vendor, "%s/../node_modules/nhsuk-frontend/dist", web_dir);
    r->vendor = realpath(vendor, NULL);
}

void http_static_roots_free(http_static_roots *r)
{
    free(r->web);
    free(r->vendor);
    r->web = r->vendor = NULL;
}

const char *http_static_type(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash + 1 : name, '.');
    if (!dot)
        return NULL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot + 1, types[i].ext) == 0)
            return types[i].type;
    return NULL;
}

/* Segments must be plain names: no "", ".", "..", hidden files, backslashes or
 * control characters, whatever the file system would make of them. */
static int safe_relative(const char *rel)
{
    if (!*rel || strlen(rel) >= PATH_MAX / 2)
        return 0;
    const char *seg = rel;
    for (;;) {
        if (*seg == '/' || *seg == '\0' || *seg == '.')
            return 0;
        const char *p = seg;
        for (; *p && *p != '/'; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
                return 0;
        if (!*p)
            return 1;
        seg = p + 1;
    }
}

int http_static_open(const http_static_roots *r, const char *path, http_static_file *out)
{
    const char *root, *rel;
    char assets[PATH_MAX / 2];
    if (strcmp(path, "/") == 0) {
        root = r->web;
        rel = "index.html";
    } else if (strncmp(path, VENDOR_PREFIX, strlen(VENDOR_PREFIX)) == 0) {
        root = r->vendor;
        rel = path + strlen(VENDOR_PREFIX);
    } else if (strncmp(path, ASSETS_PREFIX, strlen(ASSETS_PREFIX)) == 0) {
        /* The design system's stylesheet asks for its icons at /assets/images/. */
        root = r->vendor;
        if (snprintf(assets, sizeof assets, "nhsuk/%s", path + 1) >= (int)sizeof assets)
            return 404;
        rel = assets;
    } else if (path[0] == '/') {
        root = r->web;
        rel = path + 1;
    } else {
        return 404;
    }
    const char *type = http_static_type(rel);
    if (!root || !type || !safe_relative(rel))
        return 404;
    char full[PATH_MAX];
    if (snprintf(full, sizeof full, "%s/%s", root, rel) >= (int)sizeof full)
        return 404;
    /* Symlinks inside the root are fine; one that leads out is not. */
    char *real = realpath(full, NULL);
    size_t rootlen = strlen(root);
    if (!real || strncmp(real, root, rootlen) != 0 || real[rootlen] != '/') {
        free(real);
        return 404;
    }
    /* O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it. */
    int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    free(real);
    if (fd < 0)
        return 404;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return 404;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags != -1)
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK); /* the server reads it blocking */
    out->fd = fd;
    out->size = (uint64_t)st.st_size;
    out->content_type = type;
    out->is_html = strncmp(type, "text/html", 9) == 0;
    return 0;
}
