/* public_html: the public transparency site, rendered from the public view only
 * (domain/public_view.h), so `unlock publish` and the server's /public/... give the same bytes.
 *
 * Pages: index.html (programmes, providers), programmes/CODE.html, providers/CODE.html (the
 * scorecard), opportunities.html, data.html (the dictionary), data/TABLE.csv and .json, and
 * style.css. Plain HTML and one stylesheet, no JavaScript, relative links only, so the site
 * reads from file:// and any static host. All text is escaped. */
#ifndef UNLOCK_REPORT_PUBLIC_HTML_H
#define UNLOCK_REPORT_PUBLIC_HTML_H

#include "db/db.h"
#include "util/strbuf.h"

#include <jansson.h>

/* Appends the page at path (relative to the site's root, e.g. "programmes/EOL-2027.html") to
 * out and sets *content_type (a static string). No such page: a not-found error. */
int public_render(db *d, const char *path, strbuf *out, const char **content_type, err *e);

/* Every path of the site, as an array of strings. */
int public_site_paths(db *d, json_t **out, err *e);

#endif
