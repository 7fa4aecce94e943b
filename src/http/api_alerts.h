/* api_alerts: the signed-in user's alerts and follows over HTTP (docs/alerts.md). Each user
 * sees and changes only their own: someone else's alert answers 404, as if it did not exist.
 * Never cached: the answers depend on who asks. */
#ifndef UNLOCK_HTTP_API_ALERTS_H
#define UNLOCK_HTTP_API_ALERTS_H

#include "http/http.h"

int api_alert_list(const http_request *req, http_response *resp);
int api_alert_read(const http_request *req, http_response *resp);
int api_follow_list(const http_request *req, http_response *resp);
int api_follow_create(const http_request *req, http_response *resp);
int api_follow_delete(const http_request *req, http_response *resp);

#endif
