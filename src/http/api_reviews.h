/* api_reviews: contract reviews over HTTP (src/domain/review.h). Reads are open to every
 * signed-in role but filtered by who asks: a provider sees only the reviews, the view and the
 * pack of the contracts its own organisation provides (anything else is a 404, as if it did
 * not exist); writes are for commissioners. Never cached: answers depend on who asks. */
#ifndef UNLOCK_HTTP_API_REVIEWS_H
#define UNLOCK_HTTP_API_REVIEWS_H

#include "http/http.h"

int api_review_list(const http_request *req, http_response *resp);
int api_review_create(const http_request *req, http_response *resp);
int api_review_get(const http_request *req, http_response *resp);
int api_review_update(const http_request *req, http_response *resp);
int api_review_view(const http_request *req, http_response *resp);
int api_review_pack(const http_request *req, http_response *resp);

#endif
