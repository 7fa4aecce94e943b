/* pack_internal: what the conversation pack's sections share. pack.c gathers the data once
 * (pack_data.c: key indicators and their peers; opportunities; conversations) and each
 * pack_*.c writes one section from it. */
#ifndef UNLOCK_REPORT_PACK_INTERNAL_H
#define UNLOCK_REPORT_PACK_INTERNAL_H

#include "domain/analysis.h"
#include "domain/opportunity.h"
#include "report/pack.h"

#include <jansson.h>

#define PACK_MAX_INDICATORS 4 /* small charts: two rows of two on the first page */
#define PACK_MAX_OPPORTUNITIES 3
#define PACK_MAX_CONVERSATIONS 3 /* the latest, in full */
#define PACK_MAX_ACTIONS 2       /* open actions listed per conversation */
#define PACK_MAX_QUESTIONS 6
/* Bytes of free text shown (the rest is in the log), so that the longest the log takes still
 * leaves the pack two pages: a field, and a line such as an action or a quotation. */
#define PACK_TEXT_CLIP 160
#define PACK_LINE_CLIP 90
#define PACK_QUOTE_CLIP 70           /* a quotation in a question */
#define PACK_MIN_CLIP 40             /* a few words, even when the budget is spent */
#define PACK_CONVERSATION_BUDGET 900 /* the earlier conversations' free text, in all */

/* One key indicator: its SPC chart and where its latest point sits among its peers. */
typedef struct pack_indicator {
    spc_analysis spc;
    int has_peers; /* the organisation is in the funnel of the latest period */
    funnel_analysis funnel;
    size_t at; /* its row in the funnel */
} pack_indicator;

typedef struct pack_data {
    const pack_request *req;
    char org_name[201], org_kind[32];
    char service_name[201]; /* "" without --service */
    pack_indicator ind[PACK_MAX_INDICATORS];
    size_t n_ind, n_observed; /* shown, and observed in all */
    opportunity_list opps;
    json_t *conversations; /* full records the viewer may see, newest first */
    long n_conversations;  /* all the viewer may see about this organisation */
} pack_data;

int pack_data_load(db *d, const pack_request *req, pack_data *p, err *e);
void pack_data_free(pack_data *p);

/* Text: escaped for HTML; _clipped shortens to about max bytes at a space, with an ellipsis. */
void pack_escaped(strbuf *b, const char *text);
void pack_escaped_clipped(strbuf *b, const char *text, size_t max);
/* <tag class="cls">escaped text</tag>; cls may be NULL. */
void pack_element(strbuf *b, const char *tag, const char *cls, const char *text);
/* "2 December 2026" from YYYY-MM-DD (the text itself when it is not a date). */
void pack_date(const char *ymd, char out[32]);
/* "£1.2m", "£616k", "£950" */
void pack_money(double gbp, char out[32]);

void pack_style(strbuf *b);
/* A small SPC chart of one series with its icons, and its latest value and icons in words
 * beneath (also the contract review pack's, src/report/review_pack.c). */
int pack_spc_figure(const spc_analysis *a, strbuf *b, err *e);
int pack_indicators_section(const pack_data *p, strbuf *b, err *e);
int pack_peers_section(const pack_data *p, strbuf *b, err *e);
void pack_opportunities_section(const pack_data *p, strbuf *b);
void pack_conversations_section(const pack_data *p, strbuf *b);
void pack_questions_section(const pack_data *p, strbuf *b);

#endif
