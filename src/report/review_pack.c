/* The contract review pack as one HTML document (src/report/review_pack.h). It reuses the
 * conversation pack's stylesheet, text helpers and small SPC figure. */
#include "report/review_pack.h"

#include "domain/review.h"
#include "report/pack_internal.h"
#include "report/svg.h"
#include "util/date.h"

#include <string.h>

static const char *str(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s && s[0] ? s : NULL;
}

static void words(strbuf *b, const char *name)
{
    for (const char *c = name ? name : ""; *c; c++)
        strbuf_addc(b, *c == '_' ? ' ' : *c);
}

static void header(json_t *view, const char *today, strbuf *b)
{
    json_t *k = json_object_get(view, "contract");
    strbuf_adds(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>Contract review: ");
    pack_escaped(b, str(k, "provider_name"));
    strbuf_adds(b, "</title>\n");
    pack_style(b);
    strbuf_adds(b, "<style>\ntable { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }"
                   "\nth, td { text-align: left; vertical-align: top; padding: 0.5mm 1.5mm;"
                   " border-bottom: 1px solid #d8dde0; }\n.num { text-align: right; }\n"
                   ".finding { border-left: 3px solid #005eb8; padding-left: 2mm; }\n"
                   "</style>\n</head>\n<body>\n<header>\n<h1>Contract review: ");
    pack_escaped(b, str(k, "provider_name"));
    strbuf_adds(b, "</h1>\n<p class=\"meta\">Contract ");
    pack_escaped(b, str(k, "code"));
    char money[32], from[32], to[32], when[32];
    pack_money(json_number_value(json_object_get(k, "annual_value_gbp")), money);
    pack_date(str(k, "start"), from);
    pack_date(str(k, "end"), to);
    pack_date(today, when);
    strbuf_adds(b, " \xc2\xb7 ");
    pack_escaped(b, str(k, "commissioner_name"));
    strbuf_adds(b, " \xc2\xb7 ");
    pack_escaped(b, money);
    strbuf_adds(b, " a year, ");
    pack_escaped(b, from);
    strbuf_adds(b, " to ");
    pack_escaped(b, to);
    strbuf_adds(b, " \xc2\xb7 Prepared ");
    pack_escaped(b, when);
    strbuf_adds(b, " \xc2\xb7 Not for publication.</p>\n</header>\n");
}

/* The services under the contract with their money, and the activity indicators: beside the
 * quality sections, not in place of them. */
static void money_section(json_t *view, strbuf *b)
{
    json_t *m = json_object_get(view, "money");
    char total[32], services[32];
    pack_money(json_number_value(json_object_get(m, "annual_value_gbp")), total);
    pack_money(json_number_value(json_object_get(m, "services_gbp")), services);
    strbuf_adds(b, "<section class=\"money\" id=\"money\">\n<h2>Services and money</h2>\n"
                   "<p class=\"meta\">Contract value ");
    pack_escaped(b, total);
    strbuf_adds(b, " a year; the provider's services listed below come to ");
    pack_escaped(b, services);
    strbuf_adds(b, ".</p>\n<table>\n<tr><th>Service</th><th>Pathway</th><th class=\"num\">"
                   "A year</th></tr>\n");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(view, "services"), i, s)
    {
        char gbp[32];
        pack_money(json_number_value(json_object_get(s, "annual_gbp")), gbp);
        strbuf_adds(b, "<tr><td>");
        pack_escaped(b, str(s, "name"));
        strbuf_adds(b, "</td><td>");
        words(b, str(s, "pathway"));
        strbuf_adds(b, "</td><td class=\"num\">");
        pack_escaped(b, json_is_number(json_object_get(s, "annual_gbp")) ? gbp : "");
        strbuf_adds(b, "</td></tr>\n");
    }
    strbuf_adds(b, "</table>\n");
    json_t *act = json_object_get(view, "activity");
    json_array_foreach(act, i, s)
    {
        char value[64];
        svg_format_value(json_number_value(json_object_get(s, "last_value")), value, sizeof value);
        strbuf_adds(b, i ? "; " : "<p>Activity: ");
        pack_escaped(b, str(s, "name"));
        strbuf_adds(b, " ");
        pack_escaped(b, value);
        strbuf_adds(b, " (");
        pack_escaped(b, str(s, "last_period"));
        strbuf_adds(b, ")");
    }
    if (json_array_size(act))
        strbuf_adds(b, ".</p>\n");
    strbuf_adds(b, "</section>\n");
}

/* The funnel position and comparison of one indicator in a sentence. */
static void peers_words(json_t *it, strbuf *b)
{
    json_t *f = json_object_get(it, "funnel"), *c = json_object_get(it, "compare");
    if (json_is_object(f)) {
        static const char *const sig[][2] = {{"high_0.001", "above the 99.8% funnel limit"},
                                             {"high_0.025", "above the 95% funnel limit"},
                                             {"low_0.001", "below the 99.8% funnel limit"},
                                             {"low_0.025", "below the 95% funnel limit"},
                                             {"not_significant", "within the funnel limits"}};
        const char *s = str(f, "significance"), *w = s;
        for (size_t i = 0; s && i < sizeof sig / sizeof sig[0]; i++)
            if (strcmp(s, sig[i][0]) == 0)
                w = sig[i][1];
        strbuf_addf(b, " Among %lld organisations: ",
                    (long long)json_integer_value(json_object_get(f, "peers")));
        pack_escaped(b, w);
        strbuf_adds(b, ".");
    }
    if (json_is_object(c)) {
        char bench[64];
        svg_format_value(json_number_value(json_object_get(c, "benchmark")), bench, sizeof bench);
        strbuf_adds(b, " Against ");
        pack_escaped(b, str(c, "benchmark_name"));
        strbuf_adds(b, " (");
        pack_escaped(b, bench);
        strbuf_adds(b, "): ");
        words(b, str(c, "three"));
        json_int_t q = json_integer_value(json_object_get(c, "quartile"));
        if (q)
            strbuf_addf(b, ", quartile %lld of 4 (1 the worst)", (long long)q);
        strbuf_adds(b, ".");
    }
    if (!json_is_object(f) && !json_is_object(c))
        strbuf_adds(b, " No peers to compare with.");
}

static json_t *finding_of(json_t *review, const char *domain)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(review, "findings"), i, f)
    {
        if (strcmp(str(f, "domain"), domain) == 0)
            return f;
    }
    return NULL;
}

static int domain_section(db *d, json_t *dom, json_t *review, const char *provider, strbuf *b,
                          err *e)
{
    const char *name = str(dom, "domain");
    if (!name)
        name = "other";
    strbuf_addf(b, "<section class=\"domain\" id=\"domain-%s\">\n<h2>", name);
    strbuf_addc(b, (char)(name[0] - 'a' + 'A'));
    strbuf_adds(b, name + 1);
    strbuf_adds(b, "</h2>\n");
    json_t *f = finding_of(review, name);
    if (f) {
        strbuf_adds(b, "<p class=\"finding\"><strong>Found at the last review");
        if (str(f, "assurance")) {
            strbuf_adds(b, " (");
            words(b, str(f, "assurance"));
            strbuf_adds(b, ")");
        }
        strbuf_adds(b, ":</strong> ");
        pack_escaped(b, str(f, "finding"));
        strbuf_adds(b, "</p>\n");
    }
    json_t *inds = json_object_get(dom, "indicators");
    if (json_array_size(inds) == 0) {
        strbuf_adds(b, "<p>No indicator in this domain is observed for this provider.</p>\n"
                       "</section>\n");
        return 0;
    }
    strbuf_adds(b, "<div class=\"charts\">\n");
    size_t i;
    json_t *it;
    json_array_foreach(inds, i, it)
    {
        spc_request req = {.indicator = str(it, "indicator"), .subject = str(it, "subject")};
        spc_analysis a;
        if (analysis_spc(d, &req, &a, e)) {
            analysis_spc_free(&a);
            return -1;
        }
        strbuf_adds(b, "<div>\n");
        int rc = pack_spc_figure(&a, b, e);
        analysis_spc_free(&a);
        if (rc)
            return -1;
        strbuf_adds(b, "<p class=\"meta\">");
        if (strcmp(str(it, "subject"), provider) != 0) {
            strbuf_adds(b, "Service ");
            pack_escaped(b, str(it, "subject"));
            strbuf_adds(b, ".");
        }
        peers_words(it, b);
        strbuf_adds(b, "</p>\n</div>\n");
    }
    strbuf_adds(b, "</div>\n</section>\n");
    return 0;
}

static void review_section(json_t *review, const char *today, strbuf *b)
{
    strbuf_adds(b, "<section class=\"review\" id=\"review\">\n<h2>The latest review</h2>\n");
    if (!json_is_object(review)) {
        strbuf_adds(b, "<p>No review of this contract has been recorded.</p>\n</section>\n");
        return;
    }
    char when[32];
    pack_date(str(review, "held_on"), when);
    strbuf_adds(b, "<p>Held ");
    pack_escaped(b, when);
    strbuf_adds(b, ".");
    if (str(review, "summary")) {
        strbuf_adds(b, " ");
        pack_escaped(b, str(review, "summary"));
    }
    strbuf_adds(b, "</p>\n<dl>\n<dt>Attended</dt><dd>");
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(review, "attendees"), i, a)
    {
        strbuf_adds(b, i ? "; " : "");
        pack_escaped(b, str(a, "name"));
        if (str(a, "specialty")) {
            strbuf_adds(b, " (");
            pack_escaped(b, str(a, "specialty"));
            strbuf_adds(b, ")");
        }
    }
    strbuf_adds(b, "</dd>\n<dt>Agreed actions</dt><dd><ul>\n");
    json_array_foreach(json_object_get(review, "actions"), i, a)
    {
        strbuf_adds(b, "<li class=\"action\">");
        pack_escaped(b, str(a, "description"));
        if (str(a, "owner_name")) {
            strbuf_adds(b, " (");
            pack_escaped(b, str(a, "owner_name"));
            strbuf_adds(b, ")");
        }
        if (str(a, "due")) {
            pack_date(str(a, "due"), when);
            int overdue = strcmp(str(a, "status"), "open") == 0 && strcmp(str(a, "due"), today) < 0;
            strbuf_adds(b, overdue ? ", <span class=\"overdue\">overdue: due " : ", due ");
            pack_escaped(b, when);
            strbuf_adds(b, overdue ? "</span>" : "");
        }
        strbuf_adds(b, " \xe2\x80\x94 ");
        pack_escaped(b, str(a, "status"));
        strbuf_adds(b, "</li>\n");
    }
    strbuf_adds(b, "</ul></dd>\n");
    if (str(review, "next_review")) {
        pack_date(str(review, "next_review"), when);
        strbuf_adds(b, "<dt>Next review</dt><dd>");
        pack_escaped(b, when);
        strbuf_adds(b, "</dd>\n");
    }
    strbuf_adds(b, "</dl>\n</section>\n");
}

int review_pack_html(db *d, const review_pack_request *req, strbuf *out, err *e)
{
    int ok;
    date_to_days(req->today ? req->today : "", &ok);
    if (!ok || strlen(req->today) != 10) {
        err_user(e, "today: expected a date written YYYY-MM-DD, not '%.40s'",
                 req->today ? req->today : "");
        err_at(e, 0, "today");
        return -1;
    }
    json_t *view;
    if (review_view(d, req->contract, &req->viewer, &view, e))
        return -1;
    strbuf b = STRBUF_INIT;
    header(view, req->today, &b);
    strbuf_adds(&b, "<main>\n");
    money_section(view, &b);
    json_t *review = json_object_get(view, "latest_review");
    int rc = 0;
    size_t i;
    json_t *dom;
    json_array_foreach(json_object_get(view, "domains"), i, dom)
    {
        if (!rc)
            rc = domain_section(d, dom, review, str(json_object_get(view, "contract"), "provider"),
                                &b, e);
    }
    if (!rc) {
        review_section(review, req->today, &b);
        strbuf_adds(&b, "</main>\n<footer>Charts: Making Data Count XmR charts (grey common "
                        "cause, orange concern, blue improvement). Funnel limits at 95% and "
                        "99.8%; comparison with the benchmark at 95% (Fingertips). Made by "
                        "unlock.</footer>\n</body>\n</html>\n");
        strbuf_add(out, b.buf, b.len);
    }
    strbuf_free(&b);
    json_decref(view);
    return rc;
}
