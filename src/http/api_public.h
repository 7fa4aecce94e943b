/* api_public: the public transparency site (/public/...) and the public API
 * (/api/v1/public/...), open to anonymous users. Both read only through the public view
 * (domain/public_view.h) and the site's renderer (report/public_html.h), so what the server
 * shows the public is exactly what `unlock publish` writes. */
#ifndef UNLOCK_HTTP_API_PUBLIC_H
#define UNLOCK_HTTP_API_PUBLIC_H

#include "http/http.h"

/* GET /public/PATH: a page or data file of the site. */
int api_public_page(const http_request *req, http_response *resp);
/* GET /api/v1/public/TABLE (?programme): a published table's rows. */
int api_public_table(const http_request *req, http_response *resp);
int api_public_programme(const http_request *req, http_response *resp);
int api_public_scorecards(const http_request *req, http_response *resp);
int api_public_scorecard(const http_request *req, http_response *resp);
int api_public_dictionary(const http_request *req, http_response *resp);

#endif
