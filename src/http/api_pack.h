/* api_pack: the conversation pack over HTTP, as the self-contained HTML page `unlock pack`
 * writes. Open to every signed-in role; its conversations are only those the user may see (a
 * provider's pack never carries a commissioners-only conversation), so it is never cached. */
#ifndef UNLOCK_HTTP_API_PACK_H
#define UNLOCK_HTTP_API_PACK_H

#include "http/http.h"
#include "util/strbuf.h"

/* GET /api/v1/organisations/{code}/pack[?service=CODE&today=YYYY-MM-DD] */
int api_pack(const http_request *req, http_response *resp);

/* Answers 200 with a pack's page (this one or the contract review pack): its own
 * Content-Security-Policy, never stored. Frees html. */
int api_pack_send(http_response *resp, strbuf *html);

#endif
