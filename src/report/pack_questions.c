/* Open questions to start the conversation, each built from something in the data: a concern
 * on a chart, a missed target, a difference from peers, an opportunity, an overdue action, what
 * mattered last time. Questions, not proposed solutions: the way forward should come out of the
 * conversation. */
#include "report/pack_internal.h"

#include "report/svg.h"

#include <string.h>

typedef struct asking {
    strbuf *b;
    size_t n;
} asking;

/* Starts a question, or says no when there are enough. */
static int start(asking *q)
{
    if (q->n >= PACK_MAX_QUESTIONS)
        return 0;
    q->n++;
    strbuf_adds(q->b, "<li>");
    return 1;
}

static void end(asking *q)
{
    strbuf_adds(q->b, "</li>\n");
}

static void from_charts(const pack_data *p, asking *q)
{
    for (size_t i = 0; i < p->n_ind; i++) {
        const spc_analysis *a = &p->ind[i].spc;
        spc_variation v = a->r.variation;
        if ((v == SPC_VARIATION_CONCERN_HIGH || v == SPC_VARIATION_CONCERN_LOW) && start(q)) {
            pack_escaped(q->b, a->s.indicator.name);
            strbuf_adds(q->b, " shows a special cause of concern in its latest months (to ");
            pack_escaped(q->b, a->s.periods[a->s.n - 1]);
            strbuf_adds(q->b, "). What has changed, as you see it from the inside?");
            end(q);
        }
        if (a->r.assurance == SPC_ASSURANCE_FAIL && start(q)) {
            char target[64];
            svg_format_value(a->opt.target, target, sizeof target);
            pack_escaped(q->b, a->s.indicator.name);
            strbuf_adds(q->b, " has consistently missed its target of ");
            pack_escaped(q->b, target);
            strbuf_adds(q->b, ". What stands in the way?");
            end(q);
        }
    }
}

static void from_peers(const pack_data *p, asking *q)
{
    for (size_t i = 0; i < p->n_ind; i++) {
        const pack_indicator *pi = &p->ind[i];
        if (!pi->has_peers || pi->funnel.r.orgs[pi->at].significance == FUNNEL_NOT_SIGNIFICANT ||
            !start(q))
            continue;
        const funnel_analysis *f = &pi->funnel;
        char value[64], average[64];
        svg_format_value(f->r.orgs[pi->at].value, value, sizeof value);
        svg_format_value(f->r.average, average, sizeof average);
        strbuf_adds(q->b, "On ");
        pack_escaped(q->b, f->indicator.name);
        strbuf_adds(q->b, " the value here is ");
        pack_escaped(q->b, value);
        strbuf_adds(q->b, " against ");
        pack_escaped(q->b, average);
        strbuf_addf(q->b,
                    " across %zu organisations. What is different about the people you "
                    "see, or the way the work is done?",
                    f->n);
        end(q);
    }
}

static void from_opportunities(const pack_data *p, asking *q)
{
    for (size_t i = 0; i < p->opps.n && i < 2; i++) {
        const opportunity *o = &p->opps.items[i];
        if (strcmp(o->credibility, "low_data") == 0 || !start(q))
            continue;
        char money[32];
        pack_money(o->gbp, money);
        strbuf_adds(q->b, "The register puts ");
        pack_escaped(q->b, money);
        strbuf_adds(q->b, " a year on ");
        pack_escaped(q->b, o->subject_name[0] ? o->subject_name : o->subject);
        strbuf_adds(q->b, ". Does that match what you see, and what are we missing?");
        end(q);
    }
}

static void from_conversations(const pack_data *p, asking *q)
{
    size_t i, k, overdue = 0;
    json_t *c, *a;
    json_array_foreach(p->conversations, i, c)
    {
        json_array_foreach(json_object_get(c, "actions"), k, a)
        {
            const char *status = json_string_value(json_object_get(a, "status"));
            const char *due = json_string_value(json_object_get(a, "due"));
            if (!status || strcmp(status, "open") != 0 || !due || strcmp(due, p->req->today) >= 0 ||
                overdue == 2 || !start(q))
                continue;
            char when[32];
            pack_date(due, when);
            strbuf_adds(q->b, "\xe2\x80\x9c");
            pack_escaped_clipped(q->b, json_string_value(json_object_get(a, "description")),
                                 PACK_QUOTE_CLIP);
            strbuf_adds(q->b, "\xe2\x80\x9d was due by ");
            pack_escaped(q->b, when);
            strbuf_adds(q->b, ". Where has it got to?");
            end(q);
            overdue++; /* two at most, to leave room for the other questions */
        }
    }
    json_t *last = json_array_get(p->conversations, 0);
    const char *matters = json_string_value(json_object_get(last, "what_matters"));
    if (matters && matters[0] && start(q)) {
        char when[32];
        pack_date(json_string_value(json_object_get(last, "held_on")), when);
        strbuf_adds(q->b, "On ");
        pack_escaped(q->b, when);
        strbuf_adds(q->b, " what mattered was \xe2\x80\x9c");
        pack_escaped_clipped(q->b, matters, PACK_QUOTE_CLIP);
        strbuf_adds(q->b, "\xe2\x80\x9d. Is that still so?");
        end(q);
    }
}

void pack_questions_section(const pack_data *p, strbuf *b)
{
    strbuf_adds(b, "<section class=\"questions\" id=\"questions\">\n"
                   "<h2>Questions to start with</h2>\n<ol>\n");
    asking q = {b, 0};
    from_conversations(p, &q);
    from_charts(p, &q);
    from_peers(p, &q);
    from_opportunities(p, &q);
    if (json_array_size(p->conversations) == 0 && start(&q)) {
        strbuf_adds(b, "Nothing has been recorded with ");
        pack_escaped(b, p->org_name);
        strbuf_adds(b, " yet. What matters most to your clinicians at the moment?");
        end(&q);
    }
    if (start(&q)) {
        strbuf_adds(b, "What would you want us to look at, or bring, next time?");
        end(&q);
    }
    strbuf_adds(b, "</ol>\n</section>\n");
}
