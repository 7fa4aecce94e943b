/* A programme's public page: vision, progress, priorities, pledges, goals with their
 * trajectory charts, "you said, we did", and the emotional map of the published stories. */
#include "report/public_html_internal.h"

#include "domain/public_view.h"
#include "report/chart_experience.h"

#include <stdlib.h>
#include <string.h>

static void priorities(strbuf *b, const json_t *p)
{
    strbuf_adds(b, "<h2>Priorities</h2>\n<ul>\n");
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(p, "priorities"), i, r)
    {
        strbuf_adds(b, "<li><strong>");
        public_text(b, public_str(r, "title"));
        strbuf_adds(b, "</strong> (");
        public_words(b, public_str(r, "horizon"));
        strbuf_adds(b, "): ");
        public_text(b, public_str(r, "description"));
        strbuf_adds(b, "</li>\n");
    }
    strbuf_adds(b, "</ul>\n");
    public_updated(b, "Priorities", json_object_get(json_object_get(p, "updated"), "priorities"));
}

static void pledges(strbuf *b, const json_t *p)
{
    strbuf_adds(b, "<h2>Pledges</h2>\n<p>");
    const char *key;
    json_t *n;
    int first = 1;
    json_object_foreach(json_object_get(p, "pledge_statuses"), key, n)
    {
        strbuf_addf(b, "%s%lld ", first ? "" : ", ", (long long)json_integer_value(n));
        public_words(b, key);
        first = 0;
    }
    strbuf_adds(b, ".</p>\n<table>\n<caption>What each organisation promised</caption>\n"
                   "<thead><tr><th scope=\"col\">Organisation</th><th scope=\"col\">Pledge</th>"
                   "<th scope=\"col\">Status</th><th scope=\"col\">Due</th>"
                   "<th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n");
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(p, "pledges"), i, r)
    {
        strbuf_adds(b, "<tr><td>");
        public_text(b, public_str(r, "organisation_name"));
        strbuf_adds(b, "</td><td>");
        public_text(b, public_str(r, "pledge"));
        strbuf_adds(b, "</td><td>");
        public_words(b, public_str(r, "status"));
        strbuf_adds(b, "</td><td>");
        public_text(b, public_str(r, "due"));
        strbuf_adds(b, "</td><td>");
        public_text(b, public_str(r, "evidence"));
        strbuf_adds(b, "</td></tr>\n");
    }
    strbuf_adds(b, "</tbody>\n</table>\n");
    public_updated(b, "Pledges", json_object_get(json_object_get(p, "updated"), "pledges"));
}

/* The sentence that says what a goal's chart shows, for those who cannot see it. */
static void goal_sentence(strbuf *b, const json_t *g)
{
    public_text(b, public_str(g, "name"));
    strbuf_adds(b, ": the chart shows the measured values ");
    if (json_is_number(json_object_get(g, "latest_value"))) {
        strbuf_adds(b, "(latest ");
        public_number(b, json_object_get(g, "latest_value"));
        strbuf_adds(b, " in ");
        public_text(b, public_str(g, "latest_period"));
        strbuf_adds(b, ") ");
    }
    strbuf_adds(b, "against a straight path from ");
    public_number(b, json_object_get(g, "baseline"));
    strbuf_adds(b, " in ");
    public_text(b, public_str(g, "baseline_period"));
    strbuf_adds(b, " to the target of ");
    public_number(b, json_object_get(g, "target"));
    strbuf_adds(b, " by ");
    public_text(b, public_str(g, "target_period"));
    strbuf_adds(b, "; status: ");
    public_words(b, public_str(g, "status"));
    strbuf_adds(b, ".");
}

static void goals(strbuf *b, const json_t *p)
{
    strbuf_adds(b, "<h2>Goals</h2>\n");
    size_t i;
    json_t *g;
    json_array_foreach(json_object_get(p, "goals"), i, g)
    {
        public_element(b, "h3", public_str(g, "name"));
        strbuf_adds(b, "<figure>\n");
        strbuf chart = STRBUF_INIT;
        err e = {0};
        if (chart_trajectory_svg(g, &chart, &e) == 0)
            strbuf_add(b, chart.buf, chart.len);
        err_clear(&e);
        strbuf_free(&chart);
        strbuf_adds(b, "<figcaption>");
        goal_sentence(b, g);
        strbuf_adds(b, "</figcaption>\n</figure>\n");
        public_updated(b, "This figure", json_object_get(g, "latest_period"));
    }
}

static void stories(strbuf *b, const json_t *p)
{
    strbuf_adds(b, "<h2>You said, we did</h2>\n<p>Stories published with the consent of those "
                   "who told them, moderated so that nobody can be identified.</p>\n");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(p, "stories"), i, s)
    {
        strbuf_adds(b, "<h3>");
        strbuf_adds(b, "A ");
        public_text(b, public_str(s, "teller"));
        strbuf_adds(b, ", ");
        public_text(b, public_str(s, "told_on"));
        strbuf_adds(b, "</h3>\n<blockquote><p>");
        public_text(b, public_str(s, "moderated_text"));
        strbuf_adds(b, "</p></blockquote>\n<p><strong>We did:</strong> ");
        public_text(b, public_str(s, "response"));
        strbuf_adds(b, " (change ");
        public_words(b, public_str(s, "change"));
        strbuf_adds(b, ")</p>\n");
    }
    public_updated(b, "Stories", json_object_get(json_object_get(p, "updated"), "stories"));
}

/* The chart's shape (chart_emotion_svg) from the published table's rows. */
static json_t *emotion_chart_map(const json_t *p)
{
    json_t *stages = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(p, "emotional_map"), i, r)
    {
        json_t *stage = json_deep_copy(r), *words = json_array();
        char *list = strdup(public_str(r, "emotions"));
        for (char *w = strtok(list, ";"); w; w = strtok(NULL, ";"))
            json_array_append_new(words, json_pack("{s:s}", "emotion", w[0] == ' ' ? w + 1 : w));
        free(list);
        json_object_set_new(stage, "emotions", words);
        json_array_append_new(stages, stage);
    }
    return json_pack("{s:s, s:I, s:o}", "pathway", public_str(p, "pathway"), "stories",
                     (json_int_t)json_array_size(json_object_get(p, "stories")), "stages", stages);
}

static void emotional_map(strbuf *b, const json_t *p)
{
    strbuf_adds(b, "<h2>How it felt</h2>\n");
    json_t *map = emotion_chart_map(p);
    strbuf chart = STRBUF_INIT;
    err e = {0};
    if (chart_emotion_svg(map, &chart, &e) == 0) {
        strbuf_adds(b, "<figure>\n");
        strbuf_add(b, chart.buf, chart.len);
        strbuf_adds(b, "<figcaption>The chart shows, for each stage of the journey in the "
                       "order people met it, how it felt on average from -2 (very bad) to +2 "
                       "(very good) across the published stories:");
        size_t i;
        json_t *s;
        json_array_foreach(json_object_get(map, "stages"), i, s)
        {
            strbuf_adds(b, i ? "; " : " ");
            public_words(b, public_str(s, "stage"));
            strbuf_adds(b, " ");
            public_number(b, json_object_get(s, "mean_valence"));
        }
        strbuf_adds(b, ".</figcaption>\n</figure>\n");
    } else {
        strbuf_adds(b, "<p>No published story has touchpoints yet.</p>\n");
    }
    err_clear(&e);
    strbuf_free(&chart);
    json_decref(map);
}

int public_programme_page(db *d, const char *code, strbuf *b, err *e)
{
    json_t *p;
    if (public_programme(d, code, &p, e))
        return -1;
    public_page_begin(b, "../", public_str(p, "name"));
    public_element(b, "p", public_str(p, "public_description"));
    strbuf_adds(b, "<h2>Our vision</h2>\n");
    public_element(b, "p", public_str(p, "vision"));
    strbuf_adds(b, "<h2>Progress</h2>\n<p>");
    if (json_is_number(json_object_get(p, "progress_score"))) {
        public_number(b, json_object_get(p, "progress_score"));
        strbuf_adds(b, " on the improvement scale from 0.5 (not started) to 5 (outstanding, "
                       "sustained results).");
    } else {
        strbuf_adds(b, "Not yet scored.");
    }
    strbuf_adds(b, " Status: ");
    public_words(b, public_str(p, "status"));
    strbuf_adds(b, ".</p>\n");
    priorities(b, p);
    pledges(b, p);
    goals(b, p);
    stories(b, p);
    emotional_map(b, p);
    public_page_end(b, "../");
    json_decref(p);
    return 0;
}
