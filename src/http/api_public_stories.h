/* api_public_stories: the public's own stories over HTTP. POST /api/v1/public/stories is
 * open to anyone (no account): limited in size and per client address, with a honeypot field
 * ("website") that people leave empty and spam robots fill. The moderation routes are for
 * commissioners: the queue of pending stories (the teller's own words), a decision, and the
 * provider's response to an approved story. */
#ifndef UNLOCK_HTTP_API_PUBLIC_STORIES_H
#define UNLOCK_HTTP_API_PUBLIC_STORIES_H

#include "http/http.h"

int api_public_story_tell(const http_request *req, http_response *resp);
int api_story_form(const http_request *req, http_response *resp);
int api_moderation_queue(const http_request *req, http_response *resp);
int api_moderation_decide(const http_request *req, http_response *resp);
int api_moderation_respond(const http_request *req, http_response *resp);

#endif
