/* The conversation pack as one HTML document: the head and header here, each section in its
 * own pack_*.c, the data gathered once by pack_data.c. */
#include "report/pack_internal.h"

#include "util/date.h"

#include <string.h>

static void kind_words(strbuf *b, const char *kind)
{
    for (const char *c = kind; *c; c++)
        strbuf_addc(b, *c == '_' ? ' ' : *c);
}

static void header(const pack_data *p, strbuf *b)
{
    const pack_request *req = p->req;
    strbuf_adds(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>Conversation pack: ");
    pack_escaped(b, p->org_name);
    strbuf_adds(b, "</title>\n");
    pack_style(b);
    strbuf_adds(b, "</head>\n<body>\n<header>\n<h1>Conversation pack: ");
    pack_escaped(b, p->org_name);
    strbuf_adds(b, "</h1>\n<p class=\"meta\">");
    pack_escaped(b, req->org);
    strbuf_adds(b, " \xc2\xb7 ");
    kind_words(b, p->org_kind);
    if (p->service_name[0]) {
        strbuf_adds(b, " \xc2\xb7 Service: ");
        pack_escaped(b, p->service_name);
    }
    char when[32];
    pack_date(req->today, when);
    strbuf_adds(b, " \xc2\xb7 Prepared ");
    pack_escaped(b, when);
    strbuf_adds(b, " \xc2\xb7 To take into a conversation; not for publication.</p>\n</header>\n");
}

static void footer(const pack_data *p, strbuf *b)
{
    strbuf_adds(b, "<footer>Charts: Making Data Count XmR charts (grey common cause, orange "
                   "concern, blue improvement); funnel limits at 95% (dashed) and 99.8% (solid). "
                   "Conversations: ");
    if (p->req->viewer.all)
        strbuf_adds(b, "every one recorded, including those kept to commissioners.");
    else {
        strbuf_adds(b, "only those shared with ");
        pack_escaped(b, p->req->viewer.org ? p->req->viewer.org : "nobody");
        strbuf_adds(b, ".");
    }
    strbuf_adds(b, " Made by unlock.</footer>\n");
}

int pack_html(db *d, const pack_request *req, strbuf *out, err *e)
{
    int ok;
    date_to_days(req->today, &ok);
    if (!ok || strlen(req->today) != 10) {
        err_user(e, "today: expected a date written YYYY-MM-DD, not '%.40s'",
                 req->today ? req->today : "");
        err_at(e, 0, "today");
        return -1;
    }
    pack_data p;
    if (pack_data_load(d, req, &p, e))
        return -1;
    strbuf b = STRBUF_INIT;
    header(&p, &b);
    strbuf_adds(&b, "<main>\n");
    int rc = pack_indicators_section(&p, &b, e);
    if (!rc)
        rc = pack_peers_section(&p, &b, e);
    if (!rc) {
        pack_opportunities_section(&p, &b);
        pack_conversations_section(&p, &b);
        pack_questions_section(&p, &b);
        strbuf_adds(&b, "</main>\n");
        footer(&p, &b);
        strbuf_adds(&b, "</body>\n</html>\n");
        strbuf_add(out, b.buf, b.len);
    }
    strbuf_free(&b);
    pack_data_free(&p);
    return rc;
}
