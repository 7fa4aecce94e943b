/* static_files: the browser front end, served from disk. "/" is DIR/index.html;
 * "/PATH.EXT" is DIR/PATH.EXT for the types below; "/vendor/nhsuk-frontend/X" is
 * DIR/../node_modules/nhsuk-frontend/dist/X. Refused (as not found): "." or ".."
 * or empty segments, hidden files, backslashes, anything that resolves (through
 * symlinks) outside its root, and anything not a regular file. */
#ifndef UNLOCK_HTTP_STATIC_FILES_H
#define UNLOCK_HTTP_STATIC_FILES_H

#include <stdint.h>

typedef struct http_static_roots {
    char *web;    /* realpath of DIR, or NULL when it does not exist */
    char *vendor; /* realpath of the nhsuk-frontend dist folder, or NULL */
} http_static_roots;

/* Resolves the roots once, at start-up; release with http_static_roots_free. */
void http_static_roots_init(http_static_roots *r, const char *web_dir);
void http_static_roots_free(http_static_roots *r);

typedef struct http_static_file {
    int fd; /* open for reading; the caller closes it (or hands it to the response) */
    uint64_t size;
    const char *content_type; /* static string */
    int is_html;
} http_static_file;

/* The Content-Type for a file name by its extension, or NULL when not served. */
const char *http_static_type(const char *name);

/* Opens the file for a request path. Returns 0, or 404 when there is none to serve. */
int http_static_open(const http_static_roots *r, const char *path, http_static_file *out);

#endif
