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

/* The records read per viewer and written whole with their version (conversations, contract
 * reviews): how to read, make and replace one, for the handlers that follow. */
typedef struct api_record_ops {
    const char *what; /* in a 404's message: "no conversation with id ..." */
    int (*get)(db *d, int64_t id, const conversation_viewer *v, json_t **out, err *e);
    int (*create)(db *d, json_t *obj, const char *actor, int64_t *id, err *e);
    int (*update)(db *d, int64_t id, json_t *obj, const char *actor, err *e);
} api_record_ops;

/* POST: 201 with the record as stored, 422 naming the field. */
int api_record_create(const http_request *req, http_response *resp, const api_record_ops *ops);
/* GET {id}: 404 for an id the viewer may not see, as for one that does not exist. */
int api_record_get(const http_request *req, http_response *resp, const api_record_ops *ops);
/* PUT {id}: the whole record with the version read; 409 stale, 428 without it. */
int api_record_update(const http_request *req, http_response *resp, const api_record_ops *ops);

int api_conversation_list(const http_request *req, http_response *resp);
int api_conversation_create(const http_request *req, http_response *resp);
int api_conversation_get(const http_request *req, http_response *resp);
int api_conversation_update(const http_request *req, http_response *resp);
int api_conversation_delete(const http_request *req, http_response *resp);
int api_conversation_action(const http_request *req, http_response *resp);
int api_conversation_open_items(const http_request *req, http_response *resp);

#endif
