/* api_conversations: the conversation log over HTTP. Reads are open to every signed-in role
 * but filtered by who asks (src/domain/conversation.h: a provider sees only what is shared
 * with its organisation); writes are for commissioners. Never cached: answers depend on who
 * asks. */
#ifndef UNLOCK_HTTP_API_CONVERSATIONS_H
#define UNLOCK_HTTP_API_CONVERSATIONS_H

#include "domain/conversation.h"
#include "http/http.h"

/* What the signed-in user may see: everything for commissioners and administrators, shared
 * conversations of its organisation for a provider, nothing for anyone else. */
conversation_viewer api_conversation_viewer(const http_request *req);

int api_conversation_list(const http_request *req, http_response *resp);
int api_conversation_create(const http_request *req, http_response *resp);
int api_conversation_get(const http_request *req, http_response *resp);
int api_conversation_update(const http_request *req, http_response *resp);
int api_conversation_delete(const http_request *req, http_response *resp);
int api_conversation_action(const http_request *req, http_response *resp);
int api_conversation_open_items(const http_request *req, http_response *resp);

#endif
