/* review_pack: the contract review pack, one print-ready, self-contained HTML page (inline CSS
 * and SVG, nothing fetched, every stored text escaped) to take into a contract review: the
 * contract's value and the provider's services, then each quality domain with the indicators
 * that apply (a small SPC chart with its icons, where the provider sits in the funnel and how
 * it compares with the benchmark), what the latest review found there, and that review's
 * attendees, agreed actions and next date. Activity and money are shown beside quality, never
 * instead of it. Built from review_view (src/domain/review.h), so a provider's pack holds only
 * its own contract's reviews. Served with PACK_CSP. */
#ifndef UNLOCK_REPORT_REVIEW_PACK_H
#define UNLOCK_REPORT_REVIEW_PACK_H

#include "db/db.h"
#include "domain/conversation.h"
#include "util/strbuf.h"

typedef struct review_pack_request {
    const char *contract; /* required: a contract code */
    const char *today;    /* YYYY-MM-DD: the pack's date, and what is overdue */
    conversation_viewer viewer;
} review_pack_request;

/* Appends the pack to out. User error: today is not a date (field "today"). Not found: a
 * contract that is not stored or that the viewer may not see. */
int review_pack_html(db *d, const review_pack_request *req, strbuf *out, err *e);

#endif
