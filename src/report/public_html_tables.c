/* The public site's scorecards, opportunities register, and open data (CSV, JSON, dictionary). */
#include "report/public_html_internal.h"

#include "domain/public_view.h"

#include <stdlib.h>
#include <string.h>

static void scorecard_column(strbuf *b, const char *group, const json_t *items)
{
    strbuf_adds(b, "<section>\n<h2>");
    public_words(b, group);
    strbuf_adds(b, "</h2>\n");
    if (json_array_size(items) == 0)
        strbuf_adds(b, "<p>No measure observed yet.</p>\n");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        strbuf_adds(b, "<h3>");
        public_text(b, public_str(it, "indicator_name"));
        strbuf_adds(b, "</h3>\n<p>");
        public_number(b, json_object_get(it, "last_value"));
        strbuf_adds(b, " in ");
        public_text(b, public_str(it, "last_period"));
        if (json_is_true(json_object_get(it, "patient_reported")))
            strbuf_adds(b, " (reported by patients)");
        strbuf_adds(b, ". Variation: ");
        public_words(b, public_str(it, "variation"));
        if (*public_str(it, "assurance")) {
            strbuf_adds(b, "; assurance: ");
            public_words(b, public_str(it, "assurance"));
        }
        strbuf_adds(b, ".</p>\n");
        public_updated(b, "This figure", json_object_get(it, "last_period"));
    }
    strbuf_adds(b, "</section>\n");
}

int public_scorecard_page(db *d, const char *org, strbuf *b, err *e)
{
    json_t *s;
    if (public_scorecard(d, org, &s, e))
        return -1;
    strbuf title = STRBUF_INIT;
    strbuf_addf(&title, "Quality scorecard: %s", public_str(s, "organisation_name"));
    public_page_begin(b, "../", strbuf_str(&title));
    strbuf_free(&title);
    strbuf_adds(b, "<p>Safety, effectiveness and experience side by side with equal weight: "
                   "what patients and carers tell us counts as much as clinical outcomes.</p>\n"
                   "<div class=\"columns\">\n");
    json_t *groups = json_object_get(s, "groups");
    static const char *const quality[] = {"safety", "effectiveness", "experience"};
    for (size_t i = 0; i < 3; i++)
        scorecard_column(b, quality[i], json_object_get(groups, quality[i]));
    strbuf_adds(b, "</div>\n");
    if (json_array_size(json_object_get(groups, "other")))
        scorecard_column(b, "other measures", json_object_get(groups, "other"));
    public_page_end(b, "../");
    json_decref(s);
    return 0;
}

int public_opportunities_page(db *d, strbuf *b, err *e)
{
    json_t *rows, *updated;
    if (public_table_rows(d, "opportunities", NULL, &rows, e))
        return -1;
    if (public_table_updated(d, public_table_find("opportunities"), &updated, e)) {
        json_decref(rows);
        return -1;
    }
    public_page_begin(b, "", "Resources that could be released");
    strbuf_adds(b, "<p>Money a year trapped in buildings, services and processes, summed for "
                   "each organisation from the register we work from.</p>\n<table>\n"
                   "<caption>Opportunities by organisation</caption>\n<thead><tr>"
                   "<th scope=\"col\">Organisation</th><th scope=\"col\">Kind</th>"
                   "<th scope=\"col\">£ a year</th><th scope=\"col\">Opportunities</th></tr>"
                   "</thead>\n<tbody>\n");
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        strbuf_adds(b, "<tr><td>");
        public_text(b, public_str(r, "organisation_name"));
        strbuf_adds(b, "</td><td>");
        public_words(b, public_str(r, "kind"));
        strbuf_addf(b, "</td><td>%.0f</td><td>%lld</td></tr>\n",
                    json_number_value(json_object_get(r, "total_gbp")),
                    (long long)json_integer_value(json_object_get(r, "count")));
    }
    strbuf_adds(b, "</tbody>\n</table>\n");
    public_updated(b, "The register's statuses", json_object_get(updated, "last_changed"));
    public_page_end(b, "");
    json_decref(updated);
    json_decref(rows);
    return 0;
}

int public_data_page(db *d, strbuf *b, err *e)
{
    public_page_begin(b, "", "Open data");
    strbuf_adds(b, "<p>Every table on this site as CSV and JSON, free to reuse. The file names "
                   "stay the same from one publication to the next.</p>\n");
    size_t n;
    const public_table *t = public_tables(&n);
    for (size_t i = 0; i < n; i++) {
        json_t *u;
        if (public_table_updated(d, &t[i], &u, e))
            return -1;
        public_element(b, "h2", t[i].title);
        public_element(b, "p", t[i].about);
        strbuf_addf(b,
                    "<p><a href=\"data/%s.csv\">%s.csv</a> · <a href=\"data/%s.json\">%s.json</a>"
                    "</p>\n<table>\n<caption>Columns of %s</caption>\n<thead><tr><th "
                    "scope=\"col\">Column</th><th scope=\"col\">Type</th><th "
                    "scope=\"col\">Meaning</th></tr></thead>\n<tbody>\n",
                    t[i].name, t[i].name, t[i].name, t[i].name, t[i].name);
        for (size_t k = 0; k < t[i].ncolumns; k++) {
            strbuf_addf(b, "<tr><td>%s</td><td>%s</td><td>", t[i].columns[k].name,
                        t[i].columns[k].type);
            public_text(b, t[i].columns[k].meaning);
            strbuf_adds(b, "</td></tr>\n");
        }
        strbuf_adds(b, "</tbody>\n</table>\n");
        public_updated(b, "This table", json_object_get(u, "last_changed"));
        json_decref(u);
    }
    public_page_end(b, "");
    return 0;
}

static void csv_value(strbuf *b, const json_t *v)
{
    if (json_is_string(v))
        strbuf_add_csv_field(b, json_string_value(v));
    else if (json_is_integer(v))
        strbuf_addf(b, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        strbuf_add_number(b, json_real_value(v));
    else if (json_is_boolean(v))
        strbuf_adds(b, json_is_true(v) ? "1" : "0");
}

int public_data_file(db *d, const char *file, strbuf *b, const char **content_type, err *e)
{
    const char *dot = strrchr(file, '.');
    char name[64];
    size_t len = dot ? (size_t)(dot - file) : 0;
    if (!dot || len >= sizeof name || (strcmp(dot, ".csv") != 0 && strcmp(dot, ".json") != 0))
        return err_not_found(e, "no open data file '%.64s'", file);
    memcpy(name, file, len);
    name[len] = '\0';
    const public_table *t = public_table_find(name);
    if (!t)
        return err_not_found(e, "no open data file '%.64s'", file);
    json_t *rows;
    if (public_table_rows(d, name, NULL, &rows, e))
        return -1;
    if (strcmp(dot, ".json") == 0) {
        *content_type = "application/json";
        char *text = json_dumps(rows, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        strbuf_adds(b, text);
        strbuf_addc(b, '\n');
        free(text);
    } else {
        *content_type = "text/csv; charset=utf-8";
        for (size_t k = 0; k < t->ncolumns; k++)
            strbuf_addf(b, "%s%s", k ? "," : "", t->columns[k].name);
        strbuf_adds(b, "\r\n");
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r)
        {
            for (size_t k = 0; k < t->ncolumns; k++) {
                if (k)
                    strbuf_addc(b, ',');
                csv_value(b, json_object_get(r, t->columns[k].name));
            }
            strbuf_adds(b, "\r\n");
        }
    }
    json_decref(rows);
    return 0;
}
