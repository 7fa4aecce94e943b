/* api_import: CSV uploads for every import kind. */
#ifndef UNLOCK_HTTP_API_IMPORT_H
#define UNLOCK_HTTP_API_IMPORT_H

#include "http/http.h"

int api_import(const http_request *req, http_response *resp);

#endif
