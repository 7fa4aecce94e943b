/* The API's entity, statistics, overview and import routes. Specific routes
 * come before the generic /api/v1/{kind}/... ones, which would also match them. */
#include "http/routes.h"

#include "http/api_entities.h"
#include "http/api_import.h"
#include "http/api_openapi.h"
#include "http/api_overview.h"
#include "http/api_stats.h"

#define R ROLE_PROVIDER    /* read: every signed-in role */
#define W ROLE_PROVIDER    /* write: providers too, limited to their own rows by the handler */
#define C ROLE_COMMISSIONER

const http_route api_routes[] = {
    {"GET", "/api/v1/openapi.json", api_openapi, ROLE_ANONYMOUS,
     "This description of the API (OpenAPI 3)"},
    {"GET", "/api/v1/summary", api_summary, R, "The local health system at a glance"},
    {"GET", "/api/v1/signals", api_signals, R,
     "Series whose last point is a special cause, and funnel outliers"},
    {"POST", "/api/v1/import/{kind}", api_import, C,
     "Import a CSV file of one kind, all or nothing"},
    {"GET", "/api/v1/indicators/{code}/spc", api_spc, R, "SPC (XmR) chart data for one subject"},
    {"GET", "/api/v1/indicators/{code}/spc.svg", api_spc_svg, R, "SPC chart as SVG"},
    {"GET", "/api/v1/indicators/{code}/funnel", api_funnel, R, "Funnel plot data for a period"},
    {"GET", "/api/v1/indicators/{code}/funnel.svg", api_funnel_svg, R, "Funnel plot as SVG"},
    {"GET", "/api/v1/indicators/{code}/compare", api_compare, R,
     "Fingertips-style comparison with a benchmark"},
    {"GET", "/api/v1/indicators/{code}/opportunity", api_opportunity, R,
     "Peer opportunity for one organisation"},
    {"GET", "/api/v1/indicators/{code}/periods", api_periods, R,
     "The periods an indicator has observations for"},
    {"GET", "/api/v1/organisations/{code}/indicators", api_subject_indicators, R,
     "Every indicator observed for an organisation, with SPC icons"},
    {"GET", "/api/v1/services/{code}/indicators", api_subject_indicators, R,
     "Every indicator observed for a service, with SPC icons"},
    {"GET", "/api/v1/{kind}", api_entity_list, R, "List rows of one kind"},
    {"POST", "/api/v1/{kind}", api_entity_create, W, "Create a row"},
    {"GET", "/api/v1/{kind}/{key}", api_entity_get, R, "One row"},
    {"PUT", "/api/v1/{kind}/{key}", api_entity_update, W, "Update a row"},
    {"DELETE", "/api/v1/{kind}/{key}", api_entity_delete, W, "Delete a row"},
    {"GET", "/api/v1/{kind}/{indicator}/{subject}/{period}", api_entity_get, R,
     "One observation"},
    {"PUT", "/api/v1/{kind}/{indicator}/{subject}/{period}", api_entity_update, W,
     "Update an observation"},
    {"DELETE", "/api/v1/{kind}/{indicator}/{subject}/{period}", api_entity_delete, W,
     "Delete an observation"},
};
const int api_route_count = sizeof api_routes / sizeof api_routes[0];
