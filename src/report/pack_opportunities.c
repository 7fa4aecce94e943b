/* The organisation's top opportunities from the register, each with how sure we are of it in
 * words a clinician can weigh, and how it was worked out. */
#include "report/pack_internal.h"

#include <string.h>

static const char *credibility_note(const opportunity *o)
{
    int estates = strcmp(o->kind, "estates") == 0;
    if (strcmp(o->credibility, "significant") == 0)
        return estates ? "Measured: from a complete estates return, not a sample."
                       : "Significant: worse than its best peers by more than chance allows "
                         "(95%, counting the peers' own uncertainty).";
    if (strcmp(o->credibility, "not_significant") == 0)
        return "Not significant: worse than its peers, but within what chance alone could give; "
               "sized for information only.";
    return estates ? "Low data: the estates return lacks the split of empty and under-used space "
                     "or a facilities cost, so this is a rough size."
                   : "Low data: too few peers or months to be sure.";
}

void pack_opportunities_section(const pack_data *p, strbuf *b)
{
    strbuf_adds(b, "<section class=\"opportunities\" id=\"opportunities\">\n"
                   "<h2>Top opportunities</h2>\n");
    if (p->opps.n == 0) {
        strbuf_adds(b, "<p>The register holds no opportunity for this organisation.</p>\n"
                       "</section>\n");
        return;
    }
    char money[32];
    pack_money(p->opps.total_gbp, money);
    strbuf_addf(b, "<p class=\"meta\">%zu in the register, %s a year in all; the largest:</p>\n",
                p->opps.n, money);
    for (size_t i = 0; i < p->opps.n && i < PACK_MAX_OPPORTUNITIES; i++) {
        const opportunity *o = &p->opps.items[i];
        pack_money(o->gbp, money);
        strbuf_adds(b, "<div class=\"opportunity\">\n<h3>");
        pack_escaped(b, money);
        strbuf_adds(b, " a year: ");
        pack_escaped(b, o->subject_name[0] ? o->subject_name : o->subject);
        strbuf_adds(b, "</h3>\n<p>");
        pack_escaped_clipped(b, o->what, PACK_TEXT_CLIP);
        strbuf_adds(b, "</p>\n");
        pack_element(b, "p", "credibility", credibility_note(o));
        strbuf_adds(b, "\n<p class=\"credibility\">");
        pack_escaped_clipped(b, o->method, PACK_TEXT_CLIP);
        if (o->period[0]) {
            strbuf_adds(b, " Data: ");
            pack_escaped(b, o->period);
            strbuf_adds(b, ".");
        }
        if (strcmp(o->status, "new") != 0) {
            strbuf_adds(b, " Status: ");
            pack_escaped(b, o->status);
            strbuf_adds(b, ".");
        }
        strbuf_adds(b, "</p>\n</div>\n");
    }
    strbuf_adds(b, "</section>\n");
}
