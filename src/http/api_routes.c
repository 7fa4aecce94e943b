/* The API's entity, statistics and import routes. */
#include "http/routes.h"

const http_route api_routes[] = {
    {NULL, NULL, NULL, ROLE_ADMIN, NULL},
};
const int api_route_count = 0;
