#include "http/api_openapi.h"

#include "http/route_query.h"
#include "http/routes.h"

#include <ctype.h>
#include <string.h>

static json_t *path_parameters(const char *pattern)
{
    json_t *params = json_array();
    for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (!end)
            break;
        json_array_append_new(params, json_pack("{s:s#, s:s, s:b, s:{s:s}}", "name", p + 1,
                                                (int)(end - p - 1), "in", "path", "required", 1,
                                                "schema", "type", "string"));
    }
    return params;
}

static void add_query_parameter(void *ctx, const char *name, size_t len)
{
    json_array_append_new(ctx, json_pack("{s:s#, s:s, s:b, s:{s:s}}", "name", name, (int)len, "in",
                                         "query", "required", 0, "schema", "type", "string"));
}

static void add_route(json_t *paths, const http_route *r)
{
    json_t *item = json_object_get(paths, r->pattern);
    if (!item) {
        item = json_object();
        json_object_set_new(paths, r->pattern, item);
    }
    char method[8];
    size_t n = strlen(r->method);
    for (size_t i = 0; i < n && i < sizeof method - 1; i++)
        method[i] = (char)tolower((unsigned char)r->method[i]);
    method[n < sizeof method ? n : sizeof method - 1] = '\0';
    int svg = strstr(r->pattern, ".svg") != NULL;
    int html = strstr(r->pattern, "/pack") != NULL; /* the conversation pack, a page */
    json_t *ok = json_pack("{s:s, s:{s:{s:{}}}}", "description", "Success", "content",
                           svg ? "image/svg+xml" : html ? "text/html" : "application/json", "schema");
    json_t *params = path_parameters(r->pattern);
    http_route_query_each(r, add_query_parameter, params);
    json_t *op = json_pack(
        "{s:s, s:o, s:s, s:{s:o, s:{s:s}}}", "summary", r->summary ? r->summary : "", "parameters",
        params, "x-minimum-role", http_role_name(r->min_role), "responses", "200", ok, "default",
        "description", "An error: {\"error\":{\"status\",\"message\",\"field\"}}");
    json_object_set_new(item, method, op);
}

json_t *api_openapi_build(void)
{
    json_t *paths = json_object();
    for (int i = 0; i < auth_route_count; i++)
        add_route(paths, &auth_routes[i]);
    for (int i = 0; i < api_route_count; i++)
        add_route(paths, &api_routes[i]);
    return json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:{s:{s:s, s:s, s:s}}}}", "openapi", "3.0.3",
                     "info", "title", "unlock", "version", "1", "description",
                     "The commissioning workbench's JSON API; see docs/api.md.", "paths", paths,
                     "components", "securitySchemes", "session", "type", "apiKey", "in", "cookie",
                     "name", "unlock_session");
}

int api_openapi(const http_request *req, http_response *resp)
{
    (void)req;
    http_json(resp, 200, api_openapi_build());
    return 0;
}
