/* api_learning: the learning set's reflections over HTTP, for commissioners. A reflection is
 * its author's (the signed-in user) until they share it; someone else's private one answers
 * 404, as if it did not exist. Never cached. */
#ifndef UNLOCK_HTTP_API_LEARNING_H
#define UNLOCK_HTTP_API_LEARNING_H

#include "http/http.h"

int api_reflection_list(const http_request *req, http_response *resp);
int api_reflection_create(const http_request *req, http_response *resp);
int api_reflection_share(const http_request *req, http_response *resp);

#endif
