#include "http/api_pack.h"

#include "http/api_conversations.h"
#include "http/api_stats.h"
#include "report/pack.h"

int api_pack(const http_request *req, http_response *resp)
{
    const char *service = http_query(req, "service"), *t = http_query(req, "today");
    char today[11];
    conversation_today(today);
    pack_request pr = {.org = req->params[0],
                       .service = service && service[0] ? service : NULL,
                       .today = t && t[0] ? t : today,
                       .viewer = api_conversation_viewer(req)};
    strbuf html = STRBUF_INIT;
    err e = {0};
    if (pack_html(req->db, &pr, &html, &e)) {
        strbuf_free(&html);
        return http_error_from(resp, 400, &e);
    }
    return api_pack_send(resp, &html);
}

int api_pack_send(http_response *resp, strbuf *html)
{
    /* The pack's inline stylesheet needs its own policy; it runs no script at all. */
    http_add_header(resp, "Content-Security-Policy", PACK_CSP);
    http_add_header(resp, "Cache-Control", "no-store");
    http_body(resp, 200, "text/html; charset=utf-8", html->buf, html->len);
    strbuf_free(html);
    return 0;
}
