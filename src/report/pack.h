/* pack: the conversation pack, a print-ready A4 HTML document of one or two pages to take into
 * a conversation with an organisation's clinicians: its key indicators as small SPC charts with
 * the Making Data Count icons, where it sits in the funnel against its peers, its top
 * opportunities with how sure we are of each, what earlier conversations recorded (what matters
 * to them, agreements, open actions) and open questions built from the data to start the
 * conversation (questions, not proposed solutions).
 *
 * The document is self-contained (inline CSS and SVG, nothing fetched) and every piece of stored
 * text is HTML-escaped. Conversations are only those the viewer may see
 * (src/domain/conversation.h), so a pack made for a provider never carries a commissioners-only
 * note. */
#ifndef UNLOCK_REPORT_PACK_H
#define UNLOCK_REPORT_PACK_H

#include "db/db.h"
#include "domain/conversation.h"
#include "util/strbuf.h"

typedef struct pack_request {
    const char *org;     /* required: an organisation code */
    const char *service; /* NULL: the whole organisation; else one of its services */
    const char *today;   /* YYYY-MM-DD: what is overdue, and the pack's date */
    conversation_viewer viewer;
} pack_request;

/* Appends the pack to out. User error: today is not a date (field "today"). Not found: an
 * organisation that is not stored, or a service that is not stored or not this organisation's. */
int pack_html(db *d, const pack_request *req, strbuf *out, err *e);

/* The Content-Security-Policy the pack needs when served: its own inline styles, nothing else. */
#define PACK_CSP                                                                                   \
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "       \
    "base-uri 'none'; form-action 'none'"

#endif
