/* The public site: its layout, style, index page, and which page a path names. */
#include "report/public_html_internal.h"

#include "domain/public_view.h"
#include "report/svg.h"

#include <stdio.h>
#include <string.h>

/* NHS-like plain colours; text and links meet WCAG AA contrast on white. */
static const char style_css[] =
    "body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#212b32;background:#f0f4f5;"
    "line-height:1.5}\n"
    "a{color:#005eb8}a:visited{color:#330072}a:focus{background:#ffeb3b;color:#212b32;"
    "outline:4px solid #212b32}\n"
    ".skip{position:absolute;left:-9999px}.skip:focus{left:1em;top:1em}\n"
    "header{background:#005eb8;color:#fff;padding:1em 2em}header a,header a:visited{color:#fff}\n"
    "main{max-width:72em;margin:0 auto;padding:1em 2em;background:#fff}\n"
    "footer{max-width:72em;margin:0 auto;padding:1em 2em}\n"
    "table{border-collapse:collapse;width:100%;margin:1em 0}th,td{text-align:left;"
    "border-bottom:1px solid #d8dde0;padding:.4em;vertical-align:top}\n"
    ".columns{display:grid;grid-template-columns:repeat(3,1fr);gap:1em}\n"
    ".columns section{border:1px solid #d8dde0;padding:0 1em}\n"
    ".updated{color:#4c6272;font-size:.9em}\n"
    "figure{margin:1em 0}svg{max-width:100%;height:auto}\n"
    "blockquote{border-left:4px solid #005eb8;margin:1em 0;padding:0 1em}\n"
    "@media (max-width:48em){.columns{grid-template-columns:1fr}}\n";

void public_text(strbuf *b, const char *text)
{
    svg_text_escaped(b, text ? text : "");
}

void public_element(strbuf *b, const char *tag, const char *text)
{
    if (!text)
        return;
    strbuf_addf(b, "<%s>", tag);
    public_text(b, text);
    strbuf_addf(b, "</%s>\n", tag);
}

const char *public_str(const json_t *obj, const char *name)
{
    const char *s = json_string_value(json_object_get(obj, name));
    return s ? s : "";
}

void public_number(strbuf *b, const json_t *v)
{
    if (!json_is_number(v))
        return;
    char buf[64];
    svg_format_value(json_number_value(v), buf, sizeof buf);
    strbuf_adds(b, buf);
}

void public_words(strbuf *b, const char *status)
{
    for (const char *p = status ? status : ""; *p; p++)
        strbuf_addc(b, *p == '_' ? ' ' : *p);
}

void public_updated(strbuf *b, const char *what, const json_t *when)
{
    strbuf_adds(b, "<p class=\"updated\">");
    public_text(b, what);
    strbuf_adds(b, " last updated: ");
    public_text(b, json_is_string(when) ? json_string_value(when) : "not yet");
    strbuf_adds(b, "</p>\n");
}

void public_page_begin(strbuf *b, const char *root, const char *title)
{
    strbuf_adds(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
    public_text(b, title);
    strbuf_addf(b,
                "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\">\n</head>\n<body>\n"
                "<a class=\"skip\" href=\"#main\">Skip to main content</a>\n"
                "<header><p><a href=\"%sindex.html\">Our local health system in the open</a></p>"
                "</header>\n<main id=\"main\">\n<h1>",
                root, root);
    public_text(b, title);
    strbuf_adds(b, "</h1>\n");
}

void public_page_end(strbuf *b, const char *root)
{
    strbuf_addf(b,
                "</main>\n<footer><p><a href=\"%sindex.html\">Home</a> · <a "
                "href=\"%sopportunities.html\">Opportunities</a> · <a href=\"%sdata.html\">Open "
                "data</a></p></footer>\n</body>\n</html>\n",
                root, root, root);
}

/* Whether a code can name a page: a plain file name, so no page is written outside its folder. */
static int safe_code(const char *code)
{
    return *code && *code != '.' && !strchr(code, '/') && !strchr(code, '\\');
}

/* A list linking each row to dir/CODE.html by its name, with its `about` member after. */
static void link_list(strbuf *b, const json_t *rows, const char *dir, const char *about)
{
    strbuf_adds(b, "<ul>\n");
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        if (!safe_code(public_str(r, "code")))
            continue;
        strbuf_addf(b, "<li><a href=\"%s/", dir);
        public_text(b, public_str(r, "code"));
        strbuf_adds(b, ".html\">");
        public_text(b, public_str(r, "name"));
        strbuf_adds(b, "</a>");
        if (about) {
            strbuf_adds(b, ": ");
            public_text(b, public_str(r, about));
        }
        strbuf_adds(b, "</li>\n");
    }
    strbuf_adds(b, "</ul>\n");
}

static int index_page(db *d, strbuf *b, err *e)
{
    json_t *programmes, *providers;
    if (public_table_rows(d, "programmes", NULL, &programmes, e))
        return -1;
    if (public_providers(d, &providers, e)) {
        json_decref(programmes);
        return -1;
    }
    public_page_begin(b, "", "Our local health system in the open");
    strbuf_adds(b, "<p>What we are doing with patients, carers and staff, what organisations "
                   "promised and how it is going, published from the same data we use.</p>\n"
                   "<h2>Programmes</h2>\n");
    link_list(b, programmes, "programmes", "public_description");
    strbuf_adds(b, "<h2>Provider scorecards</h2>\n");
    link_list(b, providers, "providers", NULL);
    strbuf_adds(b, "<h2>More</h2>\n<ul>\n<li><a href=\"opportunities.html\">Resources that "
                   "could be released, by organisation</a></li>\n<li><a href=\"data.html\">Open "
                   "data: every table as CSV and JSON</a></li>\n</ul>\n");
    public_page_end(b, "");
    json_decref(programmes);
    json_decref(providers);
    return 0;
}

/* The CODE of "DIR/CODE.html", or NULL when path is not one. */
static const char *page_code(const char *path, const char *dir, char *code, size_t size)
{
    size_t n = strlen(dir), len = strlen(path);
    if (strncmp(path, dir, n) != 0 || len <= n + 5 || strcmp(path + len - 5, ".html") != 0)
        return NULL;
    size_t c = len - n - 5;
    if (c >= size || memchr(path + n, '/', c))
        return NULL;
    memcpy(code, path + n, c);
    code[c] = '\0';
    return code;
}

int public_render(db *d, const char *path, strbuf *out, const char **content_type, err *e)
{
    char code[64];
    *content_type = "text/html; charset=utf-8";
    if (strcmp(path, "") == 0 || strcmp(path, "index.html") == 0)
        return index_page(d, out, e);
    if (strcmp(path, "style.css") == 0) {
        *content_type = "text/css; charset=utf-8";
        strbuf_adds(out, style_css);
        return 0;
    }
    if (strcmp(path, "opportunities.html") == 0)
        return public_opportunities_page(d, out, e);
    if (strcmp(path, "data.html") == 0)
        return public_data_page(d, out, e);
    if (strncmp(path, "data/", 5) == 0)
        return public_data_file(d, path + 5, out, content_type, e);
    if (page_code(path, "programmes/", code, sizeof code))
        return public_programme_page(d, code, out, e);
    if (page_code(path, "providers/", code, sizeof code))
        return public_scorecard_page(d, code, out, e);
    return err_not_found(e, "no public page '%.80s'", path);
}

static void add_each(json_t *paths, const json_t *rows, const char *dir)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        const char *code = public_str(r, "code");
        if (safe_code(code))
            json_array_append_new(paths, json_sprintf("%s/%s.html", dir, code));
    }
}

int public_site_paths(db *d, json_t **out, err *e)
{
    json_t *programmes, *providers;
    if (public_table_rows(d, "programmes", NULL, &programmes, e))
        return -1;
    if (public_providers(d, &providers, e)) {
        json_decref(programmes);
        return -1;
    }
    json_t *paths =
        json_pack("[s, s, s, s]", "index.html", "style.css", "opportunities.html", "data.html");
    add_each(paths, programmes, "programmes");
    add_each(paths, providers, "providers");
    size_t n;
    const public_table *t = public_tables(&n);
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(paths, json_sprintf("data/%s.csv", t[i].name));
        json_array_append_new(paths, json_sprintf("data/%s.json", t[i].name));
    }
    json_decref(programmes);
    json_decref(providers);
    *out = paths;
    return 0;
}
