/* Tests for src/report/pack*.c: the conversation pack on the demo system (its sections, worked
 * from the demo's planted data), who sees which conversations, and hostile text escaped. */
#include "report/pack.h"

#include "domain/conversation.h"
#include "domain/entity.h"
#include "domain/import.h"
#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static char *dir;
static db *d;

static void open_demo(void)
{
    dir = tmpdir_make();
    run_result r = unlock_run(dir, NULL, (const char *const[]){"demo", "--db", "d.db", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *path = path_join(dir, "d.db");
    err e = {0};
    char *url = test_db_url_for(NULL, path);
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    free(path);
}

static void close_demo(void)
{
    db_close(d);
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(report_pack, .init = open_demo, .fini = close_demo, .timeout = 120);

static const conversation_viewer ALL = {.all = 1};

/* The pack as text (caller frees), asserting it was made. */
static char *pack(const char *org, const char *service, const char *today, conversation_viewer v)
{
    pack_request req = {.org = org, .service = service, .today = today, .viewer = v};
    strbuf b = STRBUF_INIT;
    err e = {0};
    cr_assert_eq(pack_html(d, &req, &b, &e), 0, "%s", e.msg);
    return strbuf_detach(&b, NULL);
}

Test(report_pack, has_every_section_built_from_the_data)
{
    char *s = pack("RNV", NULL, "2026-12-20", ALL);
    cr_assert(strstr(s, "<h1>Conversation pack: Northvale Hospitals NHS Foundation Trust</h1>"));
    cr_assert(strstr(s, "Prepared 20 December 2026"));

    /* Key indicators: 4 of the trust's 8, the planted outpatient DNA concern first; each a
     * compact SPC chart with its variation icon and its title as text. */
    cr_assert(strstr(s, "4 of 8 indicators"), "%s", s);
    cr_assert_eq(count_of(s, "<figure class=\"chart\" data-indicator="), 4);
    const char *first = strstr(s, "data-indicator=");
    cr_assert(first && strncmp(first, "data-indicator=\"OP-DNA\"", 23) == 0);
    cr_assert_eq(count_of(s, "class=\"variation-icon\""), 4);
    cr_assert(strstr(s, ">Outpatient appointments not attended</text>"));
    /* A title too long for one line of the small chart goes on two. */
    cr_assert(strstr(s, ">Average length of stay after an emergency</text>"));
    cr_assert(strstr(s, ">admission (days)</text>"));
    cr_assert(strstr(s, "Latest 9.721 in 2026-03. Concern (high); No target."));

    /* Against peers: the three trusts' funnel for March 2026, RNV ringed above 99.8%. */
    cr_assert(strstr(s, "Outside the funnel limits on 1 of the 2 key indicators"));
    cr_assert(strstr(s, "(2026-03): 9.721 against 8.953 across 3 organisations, above the "
                        "99.8% limit."));
    cr_assert_eq(count_of(s, "class=\"highlight\""), 1);
    cr_assert_eq(count_of(s, "<svg "), 5, "four SPC charts and one funnel");

    /* Opportunities: Northvale General's (2% + 6%) x 96,500 m² x £314 = £2.4m, measured. */
    cr_assert(strstr(s, "<h3>\xc2\xa3"
                        "2.4m a year: Northvale General Hospital</h3>"));
    cr_assert(strstr(s, "Measured: from a complete estates return, not a sample."));
    cr_assert(strstr(s, "Low data: too few peers or months to be sure."));

    /* Conversations: the latest three naming RNV, with what matters, agreements and the open
     * action, overdue as of 20 December. */
    cr_assert(strstr(s, "3 recorded; the latest 3:"));
    cr_assert(strstr(s, "<h3>5 November 2026: Outpatients: follow-ups that need not happen</h3>"));
    cr_assert(strstr(s, "<dt>What matters</dt><dd>Not travelling an hour to be told everything is "
                        "fine</dd>"));
    cr_assert(strstr(s, "<dt>Agreed</dt><dd>Look at Monday evening demand together</dd>"));
    cr_assert(strstr(s, "Share the clinic template changes (Lucy Thornton), <span "
                        "class=\"overdue\">overdue: due 12 December 2026</span>"));

    /* Questions from the data, not proposals; at most six. */
    cr_assert(strstr(s, "\xe2\x80\x9cShare the clinic template changes\xe2\x80\x9d was due by 12 "
                        "December 2026. Where has it got to?"));
    cr_assert(strstr(s, "Outpatient appointments not attended shows a special cause of concern"));
    const char *q = strstr(s, "id=\"questions\"");
    cr_assert(q);
    cr_assert_eq(count_of(q, "<li>"), 6);

    /* Self-contained: nothing to fetch, no script. */
    cr_assert_null(strstr(s, "<script"));
    cr_assert_null(strstr(s, "<link"));
    cr_assert_null(strstr(s, " src="));
    cr_assert_null(strstr(s, "url("));
    free(s);

    /* Before the due date the action is open but not overdue, and no question asks after it. */
    s = pack("RNV", NULL, "2026-12-02", ALL);
    cr_assert(strstr(s, "(Lucy Thornton), due 12 December 2026</li>"));
    cr_assert_null(strstr(s, "Where has it got to?"));
    free(s);
}

Test(report_pack, a_service_narrows_indicators_and_conversations)
{
    /* The hospice's inpatient unit: its own indicator (length of stay), and only the
     * conversations about it. */
    char *s = pack("NNV01", "SVC-EOL-IPU", "2026-12-02", ALL);
    cr_assert(strstr(s, "Service: "), "%s", s);
    cr_assert_eq(count_of(s, "<figure class=\"chart\" data-indicator="), 1);
    cr_assert(strstr(s, "data-indicator=\"IPU-LOS\""));
    free(s);
}

Test(report_pack, conversations_only_as_the_viewer_may_see_them)
{
    /* Commissioners: the latest three naming the community trust, including the
     * commissioners-only one about the virtual ward's referral criteria. */
    char *s = pack("RNC", NULL, "2026-12-02", ALL);
    cr_assert(strstr(s, "Frailty virtual ward: referral criteria"));
    cr_assert(strstr(s, "Draft referral criteria for the January contract variation"));
    cr_assert(strstr(s, "5 recorded; the latest 3:"));
    free(s);

    /* The trust itself: the four shared with it, never the commissioners' own. */
    s = pack("RNC", NULL, "2026-12-02", (conversation_viewer){.org = "RNC"});
    cr_assert_null(strstr(s, "referral criteria"));
    cr_assert_null(strstr(s, "2.6 million"));
    cr_assert(strstr(s, "4 recorded; the latest 3:"));
    cr_assert(strstr(s, "Fellside Memorial: space nobody uses"));
    cr_assert(strstr(s, "only those shared with RNC."));
    free(s);

    /* Another provider: only the one conversation shared with both (end of life care). */
    s = pack("RNC", NULL, "2026-12-02", (conversation_viewer){.org = "RNV"});
    cr_assert(strstr(s, "1 recorded; the latest 1:"));
    cr_assert(strstr(s, "End of life care: dying where people choose"));
    cr_assert_null(strstr(s, "Fellside Memorial: space nobody uses"));
    free(s);

    /* Nobody: none at all, and the first question says so. */
    s = pack("RNC", NULL, "2026-12-02", (conversation_viewer){0});
    cr_assert(strstr(s, "No conversation with this organisation has been recorded."));
    cr_assert(
        strstr(s, "Nothing has been recorded with Northvale Community Health NHS Trust yet."));
    free(s);
}

Test(report_pack, mistakes_are_named)
{
    pack_request req = {.org = "NOPE", .today = "2026-12-02", .viewer = ALL};
    strbuf b = STRBUF_INIT;
    err e = {0};
    cr_assert_eq(pack_html(d, &req, &b, &e), -1);
    cr_assert(e.not_found);
    cr_assert_str_eq(e.msg, "no organisation with code 'NOPE'");

    req = (pack_request){.org = "RNV", .service = "SVC-EOL-IPU", .today = "2026-12-02"};
    e = (err){0};
    cr_assert_eq(pack_html(d, &req, &b, &e), -1);
    cr_assert(e.not_found);
    cr_assert_str_eq(e.msg, "service: RNV has no service with code 'SVC-EOL-IPU'");

    req = (pack_request){.org = "RNV", .today = "2026-02-30"};
    e = (err){0};
    cr_assert_eq(pack_html(d, &req, &b, &e), -1);
    cr_assert_eq(e.kind, ERR_USER);
    cr_assert_str_eq(e.field, "today");
    cr_assert_eq(b.len, 0, "nothing written on a mistake");
    strbuf_free(&b);
}

/* ---- Hostile and long text, on a tiny system of its own ----------------------------------- */

static db *tiny;

static void load(const char *kind, const char *csv)
{
    err e = {0};
    cr_assert_eq(
        import_buffer(tiny, entity_find(kind), "t.csv", csv, strlen(csv), "test", NULL, &e), 0,
        "%s: %s", kind, e.msg);
}

static void open_tiny(void)
{
    err e = {0};
    cr_assert_eq(db_open("sqlite::memory:", &tiny, &e), 0, "%s", e.msg);
    cr_assert_eq(db_migrate(tiny, NULL, &e), 0, "%s", e.msg);
    load("organisations", "code,name,kind,parent\nQ1,The ICB,icb,\n"
                          "T1,\"<script>alert(\"\"x\"\")</script> & Sons' Trust\",acute_trust,\n");
    load("people", "key,name,role,specialty,organisation\n"
                   "ops,<b>Mr Opie</b>,manager,Operations,T1\n");
}

static void close_tiny(void)
{
    db_close(tiny);
}

TestSuite(report_pack_small, .init = open_tiny, .fini = close_tiny);

Test(report_pack_small, hostile_names_and_notes_stay_text)
{
    json_error_t je;
    json_t *c = json_loads("{\"held_on\":\"2026-11-01\",\"title\":\"<img src=x onerror=alert(1)>\","
                           "\"organisations\":[\"T1\"],\"participants\":[{\"person\":\"ops\"}],"
                           "\"what_matters\":\"</dd></dl><script>steal()</script>\","
                           "\"actions\":[{\"description\":\"<i>fix</i>\",\"owner\":\"ops\","
                           "\"due\":\"2026-11-15\"}],\"visibility\":\"shared\"}",
                           0, &je);
    cr_assert_not_null(c, "%s", je.text);
    err e = {0};
    cr_assert_eq(conversation_create(tiny, c, "test", NULL, &e), 0, "%s", e.msg);
    json_decref(c);

    pack_request req = {.org = "T1", .today = "2026-12-02", .viewer = {.org = "T1"}};
    strbuf b = STRBUF_INIT;
    cr_assert_eq(pack_html(tiny, &req, &b, &e), 0, "%s", e.msg);
    const char *s = strbuf_str(&b);
    cr_assert_null(strstr(s, "<script"), "%s", s);
    cr_assert_null(strstr(s, "<img"));
    cr_assert_null(strstr(s, "<b>"));
    cr_assert_null(strstr(s, "<i>"));
    cr_assert(strstr(s, "<h1>Conversation pack: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                        "&amp; Sons&#39; Trust</h1>"));
    cr_assert(strstr(s, "<title>Conversation pack: &lt;script&gt;"));
    cr_assert(strstr(s, "&lt;img src=x onerror=alert(1)&gt;</h3>"));
    cr_assert(strstr(s, "<dd>&lt;/dd&gt;&lt;/dl&gt;&lt;script&gt;steal()&lt;/script&gt;</dd>"));
    cr_assert(strstr(s, "&lt;i&gt;fix&lt;/i&gt; (&lt;b&gt;Mr Opie&lt;/b&gt;), <span "
                        "class=\"overdue\">"));
    /* With no indicators or opportunities the sections say so rather than vanish. */
    cr_assert(strstr(s, "No indicator with two or more months is observed here yet."));
    cr_assert(strstr(s, "The register holds no opportunity for this organisation."));
    strbuf_free(&b);
}

/* Everything a conversation can hold, in the longest the log takes, still leaves two pages: each
 * field clipped at a space with an ellipsis, two actions listed and the rest counted, and the
 * conversations' text sharing one budget of 900 bytes. */
Test(report_pack_small, long_text_is_clipped_to_a_budget)
{
    strbuf words = STRBUF_INIT, actions = STRBUF_INIT;
    while (words.len < 19000)
        strbuf_adds(&words, "waiting ");
    for (int i = 0; i < 5; i++)
        strbuf_addf(&actions, "%s{\"description\":\"act%d %.1900s\"}", i ? "," : "", i, words.buf);
    for (int day = 1; day <= 3; day++) {
        strbuf j = STRBUF_INIT;
        strbuf_addf(&j,
                    "{\"held_on\":\"2026-11-0%d\",\"title\":\"Long %d\",\"organisations\":"
                    "[\"T1\"],\"what_matters\":\"%s\",\"agreements\":\"%s\",\"actions\":[%s]}",
                    day, day, words.buf, words.buf, actions.buf);
        json_error_t je;
        json_t *c = json_loads(j.buf, 0, &je);
        cr_assert_not_null(c, "%s", je.text);
        err e = {0};
        cr_assert_eq(conversation_create(tiny, c, "test", NULL, &e), 0, "%s", e.msg);
        json_decref(c);
        strbuf_free(&j);
    }
    strbuf_free(&words);
    strbuf_free(&actions);

    pack_request req = {.org = "T1", .today = "2026-12-02", .viewer = {.all = 1}};
    strbuf b = STRBUF_INIT;
    err e = {0};
    cr_assert_eq(pack_html(tiny, &req, &b, &e), 0, "%s", e.msg);
    const char *s = strbuf_str(&b);
    /* The newest first: 160 bytes of what matters, cut after the 20th "waiting". */
    cr_assert(
        strstr(s, "<h3>3 November 2026: Long 3</h3>\n<dl>\n<dt>What matters</dt><dd>waiting"));
    cr_assert_eq(count_of(s, "<li>and 3 more (in the log)</li>"), 3);
    cr_assert_eq(count_of(s, "<li class=\"action\">act"), 6);
    /* Text shown from the log, in all: the ~900-byte budget plus the few words each field gets
     * once it is spent (40 bytes x 12 at most). */
    const char *from = strstr(s, "id=\"conversations\""), *to = strstr(s, "id=\"questions\"");
    cr_assert(from && to);
    int shown = 0;
    for (const char *p = from; p < to; p++)
        shown += strncmp(p, "waiting", 7) == 0;
    cr_assert(shown * 8 <= 900 + 40 * 12, "%d words", shown);
    cr_assert(shown > 60, "%d words: the budget is used", shown);
    strbuf_free(&b);
}
