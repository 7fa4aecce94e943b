/* api_relationships: the relationship map, its network drawing and matrix, and clinical
 * involvement, over HTTP. Open to every signed-in role, built only from the conversations the
 * user may see; never cached (answers depend on who asks). */
#ifndef UNLOCK_HTTP_API_RELATIONSHIPS_H
#define UNLOCK_HTTP_API_RELATIONSHIPS_H

#include "http/http.h"

int api_relationships(const http_request *req, http_response *resp);
int api_relationships_network(const http_request *req, http_response *resp);
int api_relationships_network_svg(const http_request *req, http_response *resp);
int api_relationships_matrix(const http_request *req, http_response *resp);
int api_involvement(const http_request *req, http_response *resp);

#endif
