/* public_html_internal: the pieces the public site's pages share (public_html*.c). */
#ifndef UNLOCK_REPORT_PUBLIC_HTML_INTERNAL_H
#define UNLOCK_REPORT_PUBLIC_HTML_INTERNAL_H

#include "report/public_html.h"

/* Starts a page: doctype, lang, title, the stylesheet and a skip link and header, all links
 * relative through root ("" at the top, "../" one folder down). */
void public_page_begin(strbuf *b, const char *root, const char *title);
/* Ends main and the page, with a footer linking the open data. */
void public_page_end(strbuf *b, const char *root);
/* Escaped text. */
void public_text(strbuf *b, const char *text);
/* <tag>escaped text</tag>, or nothing when text is NULL. */
void public_element(strbuf *b, const char *tag, const char *text);
/* A string member, or "" when missing or null. */
const char *public_str(const json_t *obj, const char *name);
/* A number as text for a table cell ("" for null): up to 4 significant figures. */
void public_number(strbuf *b, const json_t *v);
/* "Last updated" line for a figure. */
void public_updated(strbuf *b, const char *what, const json_t *when);
/* A status word made readable: "in_progress" -> "in progress". */
void public_words(strbuf *b, const char *status);

int public_programme_page(db *d, const char *code, strbuf *b, err *e);
int public_scorecard_page(db *d, const char *org, strbuf *b, err *e);
int public_opportunities_page(db *d, strbuf *b, err *e);
int public_data_page(db *d, strbuf *b, err *e);
/* data/NAME.csv or data/NAME.json. */
int public_data_file(db *d, const char *file, strbuf *b, const char **content_type, err *e);

#endif
