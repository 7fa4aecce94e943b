/* What earlier conversations recorded: for the latest few the viewer may see, what matters to
 * them, their concerns, what was agreed and the actions still open (overdue ones marked, as of
 * the pack's date). The free text shares one budget, so that however much was written the
 * pack stays within two pages; the rest is in the log. */
#include "report/pack_internal.h"

#include <string.h>

static const char *text_of(json_t *c, const char *key)
{
    const char *s = json_string_value(json_object_get(c, key));
    return s && s[0] ? s : NULL;
}

/* Text clipped to max bytes or what is left of the budget, whichever is less (but always a few
 * words), and charged to the budget. */
static void budgeted(strbuf *b, const char *text, size_t max, size_t *budget)
{
    size_t clip = max < *budget ? max : *budget;
    clip = clip < PACK_MIN_CLIP ? PACK_MIN_CLIP : clip;
    pack_escaped_clipped(b, text, clip);
    size_t used = strlen(text) < clip ? strlen(text) : clip;
    *budget = used < *budget ? *budget - used : 0;
}

static void field(strbuf *b, json_t *c, const char *key, const char *label, size_t *budget)
{
    const char *s = text_of(c, key);
    if (!s)
        return;
    strbuf_addf(b, "<dt>%s</dt><dd>", label);
    budgeted(b, s, PACK_TEXT_CLIP, budget);
    strbuf_adds(b, "</dd>\n");
}

static void open_actions(strbuf *b, json_t *c, const char *today, size_t *budget)
{
    size_t i, open = 0;
    json_t *a;
    json_array_foreach(json_object_get(c, "actions"), i, a) open +=
        text_of(a, "status") && strcmp(text_of(a, "status"), "open") == 0;
    if (!open)
        return;
    strbuf_adds(b, "<dt>Open actions</dt><dd><ul>\n");
    size_t shown = 0;
    json_array_foreach(json_object_get(c, "actions"), i, a)
    {
        if (!text_of(a, "status") || strcmp(text_of(a, "status"), "open") != 0 ||
            shown++ >= PACK_MAX_ACTIONS)
            continue;
        strbuf_adds(b, "<li class=\"action\">");
        budgeted(b, text_of(a, "description") ? text_of(a, "description") : "", PACK_LINE_CLIP,
                 budget);
        const char *owner = text_of(a, "owner_name"), *due = text_of(a, "due");
        if (owner) {
            strbuf_adds(b, " (");
            pack_escaped(b, owner);
            strbuf_adds(b, ")");
        }
        if (due) {
            char when[32];
            pack_date(due, when);
            int overdue = strcmp(due, today) < 0;
            strbuf_adds(b, overdue ? ", <span class=\"overdue\">overdue: due " : ", due ");
            pack_escaped(b, when);
            strbuf_adds(b, overdue ? "</span>" : "");
        }
        strbuf_adds(b, "</li>\n");
    }
    if (open > PACK_MAX_ACTIONS)
        strbuf_addf(b, "<li>and %zu more (in the log)</li>\n", open - PACK_MAX_ACTIONS);
    strbuf_adds(b, "</ul></dd>\n");
}

void pack_conversations_section(const pack_data *p, strbuf *b)
{
    strbuf_adds(b, "<section class=\"conversations\" id=\"conversations\">\n"
                   "<h2>Earlier conversations</h2>\n");
    size_t n = json_array_size(p->conversations);
    if (n == 0) {
        strbuf_adds(b, "<p>No conversation with this organisation has been recorded.</p>\n"
                       "</section>\n");
        return;
    }
    strbuf_addf(b, "<p class=\"meta\">%ld recorded; the latest %zu:</p>\n", p->n_conversations, n);
    size_t i, budget = PACK_CONVERSATION_BUDGET;
    json_t *c;
    json_array_foreach(p->conversations, i, c)
    {
        char when[32];
        pack_date(text_of(c, "held_on"), when);
        strbuf_adds(b, "<div class=\"conversation\">\n<h3>");
        pack_escaped(b, when);
        strbuf_adds(b, ": ");
        pack_escaped_clipped(b, text_of(c, "title"), PACK_LINE_CLIP);
        strbuf_adds(b, "</h3>\n<dl>\n");
        field(b, c, "what_matters", "What matters", &budget);
        field(b, c, "concerns", "Concerns", &budget);
        field(b, c, "agreements", "Agreed", &budget);
        open_actions(b, c, p->req->today, &budget);
        strbuf_adds(b, "</dl>\n</div>\n");
    }
    strbuf_adds(b, "</section>\n");
}
