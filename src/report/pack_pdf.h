/* pack_pdf: a document printed to PDF by headless Chromium (A4, as its @page asks), for
 * `unlock pack --pdf`. Chromium is $UNLOCK_CHROMIUM, else /usr/bin/chromium; it runs with its
 * own throwaway profile and no network chatter, and is given only a local file. */
#ifndef UNLOCK_REPORT_PACK_PDF_H
#define UNLOCK_REPORT_PACK_PDF_H

#include "util/err.h"

#include <stddef.h>

#define PACK_CHROMIUM_DEFAULT "/usr/bin/chromium"
#define PACK_CHROMIUM_TIMEOUT_S 120 /* then it is stopped */

/* Writes html to a temporary directory, prints it to pdf_path (replaced atomically). A user
 * error when Chromium is not there (saying how to install it); an internal one when it fails. */
int pack_print_pdf(const char *html, size_t len, const char *pdf_path, err *e);

#endif
