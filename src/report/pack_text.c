/* The conversation pack's text helpers: escaping, clipping, dates and money in words. */
#include "report/pack_internal.h"

#include "report/svg.h"
#include "util/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SVG's escaping is exactly HTML's for text and quoted attributes: & < > " ' escaped, control
 * characters dropped, invalid UTF-8 replaced. */
void pack_escaped(strbuf *b, const char *text)
{
    svg_text_escaped(b, text ? text : "");
}

void pack_escaped_clipped(strbuf *b, const char *text, size_t max)
{
    if (!text)
        return;
    size_t len = strlen(text);
    if (len <= max) {
        pack_escaped(b, text);
        return;
    }
    /* Back to a space (ASCII, so never inside a UTF-8 sequence); failing that, to the start
     * of a UTF-8 sequence. */
    size_t cut = max;
    while (cut > max / 2 && text[cut] != ' ')
        cut--;
    if (text[cut] != ' ') {
        cut = max;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
    }
    char *head = xstrdup(text);
    head[cut] = '\0';
    pack_escaped(b, head);
    free(head);
    strbuf_adds(b, "\xe2\x80\xa6");
}

void pack_element(strbuf *b, const char *tag, const char *cls, const char *text)
{
    strbuf_addf(b, "<%s", tag);
    if (cls)
        strbuf_addf(b, " class=\"%s\"", cls);
    strbuf_addc(b, '>');
    pack_escaped(b, text);
    strbuf_addf(b, "</%s>", tag);
}

void pack_date(const char *ymd, char out[32])
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    int ok, y, m, d;
    date_to_days(ymd ? ymd : "", &ok);
    if (!ok || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3) {
        snprintf(out, 32, "%.31s", ymd ? ymd : "");
        return;
    }
    snprintf(out, 32, "%d %s %d", d, months[m - 1], y);
}

void pack_money(double gbp, char out[32])
{
    double a = fabs(gbp);
    if (a >= 999500)
        snprintf(out, 32, "\xc2\xa3%.1fm", gbp / 1e6);
    else if (a >= 1000)
        snprintf(out, 32, "\xc2\xa3%.0fk", gbp / 1e3);
    else
        snprintf(out, 32, "\xc2\xa3%.0f", gbp);
}
