/* The pack's key indicators: a small SPC chart of each, with its icons, latest value and the
 * icons in words beneath (for a reader who does not know the icons). */
#include "report/pack_internal.h"

#include "report/charts.h"
#include "report/svg.h"

#include <stdio.h>

int pack_spc_figure(const spc_analysis *a, strbuf *b, err *e)
{
    chart_spc_options co = {.title = a->s.indicator.name,
                            .periods = (const char *const *)a->s.periods,
                            .improvement = a->opt.improvement,
                            .has_target = a->opt.has_target,
                            .target = a->opt.target,
                            .compact = 1};
    strbuf_addf(b, "<figure class=\"chart\" data-indicator=\"");
    pack_escaped(b, a->s.indicator.code);
    strbuf_adds(b, "\">\n");
    if (chart_spc_svg(&a->r, &co, b, e))
        return -1;
    char value[64];
    svg_format_value(a->s.values[a->s.n - 1], value, sizeof value);
    strbuf_adds(b, "<figcaption>Latest ");
    pack_escaped(b, value);
    strbuf_adds(b, " in ");
    pack_escaped(b, a->s.periods[a->s.n - 1]);
    strbuf_adds(b, ". ");
    pack_escaped(b, chart_variation_words(a->r.variation));
    strbuf_adds(b, "; ");
    pack_escaped(b, chart_assurance_words(a->r.assurance));
    strbuf_adds(b, ".</figcaption>\n</figure>\n");
    return 0;
}

int pack_indicators_section(const pack_data *p, strbuf *b, err *e)
{
    strbuf_adds(b, "<section class=\"indicators\" id=\"indicators\">\n<h2>Key indicators</h2>\n");
    if (p->n_ind == 0) {
        strbuf_adds(b, "<p>No indicator with two or more months is observed here yet.</p>\n"
                       "</section>\n");
        return 0;
    }
    strbuf_addf(b,
                "<p class=\"meta\">%zu of %zu indicator%s, as statistical process control "
                "charts of their months; special causes of concern first.</p>\n"
                "<div class=\"charts\">\n",
                p->n_ind, p->n_observed, p->n_observed == 1 ? "" : "s");
    for (size_t i = 0; i < p->n_ind; i++)
        if (pack_spc_figure(&p->ind[i].spc, b, e))
            return -1;
    strbuf_adds(b, "</div>\n</section>\n");
    return 0;
}
