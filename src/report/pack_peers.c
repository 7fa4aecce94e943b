/* Where the organisation sits against its peers: a sentence per key indicator from the funnel
 * plot of its latest month, and the funnel of the one that stands out most, with the
 * organisation ringed. */
#include "report/pack_internal.h"

#include "report/charts.h"
#include "report/svg.h"

#include <stdio.h>

static int stands_out(const pack_indicator *pi)
{
    return pi->has_peers && pi->funnel.r.orgs[pi->at].significance != FUNNEL_NOT_SIGNIFICANT;
}

/* The indicator to draw: the first (most concerning) outside the limits, else the first with
 * peers; NULL when none has peers. */
static const pack_indicator *headline(const pack_data *p)
{
    const pack_indicator *first = NULL;
    for (size_t i = 0; i < p->n_ind; i++) {
        if (stands_out(&p->ind[i]))
            return &p->ind[i];
        if (!first && p->ind[i].has_peers)
            first = &p->ind[i];
    }
    return first;
}

static void sentence(const pack_indicator *pi, strbuf *b)
{
    const funnel_analysis *f = &pi->funnel;
    char value[64], average[64];
    svg_format_value(f->r.orgs[pi->at].value, value, sizeof value);
    svg_format_value(f->r.average, average, sizeof average);
    strbuf_adds(b, "<li>");
    pack_element(b, "strong", NULL, f->indicator.name);
    strbuf_adds(b, " (");
    pack_escaped(b, f->period);
    strbuf_adds(b, "): ");
    pack_escaped(b, value);
    strbuf_adds(b, " against ");
    pack_escaped(b, average);
    strbuf_addf(b, " across %zu organisations, ", f->n);
    pack_escaped(b, chart_funnel_words(f->r.orgs[pi->at].significance));
    strbuf_adds(b, ".</li>\n");
}

int pack_peers_section(const pack_data *p, strbuf *b, err *e)
{
    strbuf_adds(b, "<section class=\"peers\" id=\"peers\">\n<h2>Against its peers</h2>\n");
    const pack_indicator *h = headline(p);
    if (!h) {
        strbuf_adds(b, "<p>None of these indicators has three or more organisations like this "
                       "one to compare with.</p>\n</section>\n");
        return 0;
    }
    size_t outside = 0, compared = 0;
    for (size_t i = 0; i < p->n_ind; i++) {
        compared += p->ind[i].has_peers;
        outside += stands_out(&p->ind[i]);
    }
    strbuf_addf(b,
                "<p>Outside the funnel limits on %zu of the %zu key indicators compared with "
                "peers in their latest month.</p>\n<ul>\n",
                outside, compared);
    for (size_t i = 0; i < p->n_ind; i++)
        if (p->ind[i].has_peers)
            sentence(&p->ind[i], b);
    strbuf_adds(b, "</ul>\n");
    char title[300];
    snprintf(title, sizeof title, "%s, %s", h->funnel.indicator.name, h->funnel.period);
    chart_funnel_options co = {.title = title,
                               .names = (const char *const *)h->funnel.names,
                               .width = 700,
                               .height = 300,
                               .has_highlight = 1,
                               .highlight = h->at};
    strbuf_adds(b, "<figure class=\"chart funnel\">\n");
    if (chart_funnel_svg(&h->funnel.r, &co, b, e))
        return -1;
    strbuf_adds(b, "</figure>\n</section>\n");
    return 0;
}
