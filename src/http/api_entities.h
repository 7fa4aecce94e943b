/* api_entities: JSON CRUD for every entity of the local health system model,
 * and the provider's ownership rule, shared with the import routes. */
#ifndef UNLOCK_HTTP_API_ENTITIES_H
#define UNLOCK_HTTP_API_ENTITIES_H

#include "domain/entity.h"
#include "http/http.h"

int api_entity_list(const http_request *req, http_response *resp);
int api_entity_get(const http_request *req, http_response *resp);
int api_entity_create(const http_request *req, http_response *resp);
int api_entity_update(const http_request *req, http_response *resp);
int api_entity_delete(const http_request *req, http_response *resp);

/* The user's name in the audit log. */
const char *api_actor(const http_request *req);

/* Whether a provider may write rows of this kind at all (some kinds have no
 * owning organisation, like indicators). */
int api_kind_has_owner(const entity_def *def);

/* An import_options.row_allowed for a request (ctx): a provider's rows must be
 * its own organisation's; a refused row's error names its line and column. */
int api_import_row_allowed(void *ctx, const entity_row *row, int *ok, err *e);

#endif
