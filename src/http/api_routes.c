/* The API's entity, statistics, overview and import routes. Specific routes
 * come before the generic /api/v1/{kind}/... ones, which would also match them. */
#include "http/routes.h"

#include "http/api_conversations.h"
#include "http/api_entities.h"
#include "http/api_experience.h"
#include "http/api_import.h"
#include "http/api_learning.h"
#include "http/api_openapi.h"
#include "http/api_opportunities.h"
#include "http/api_overview.h"
#include "http/api_pack.h"
#include "http/api_prescribing.h"
#include "http/api_public_stories.h"
#include "http/api_relationships.h"
#include "http/api_stats.h"

#define R ROLE_PROVIDER /* read: every signed-in role */
#define W ROLE_PROVIDER /* write: providers too, limited to their own rows by the handler */
#define C ROLE_COMMISSIONER
#define CACHED 1 /* the answer depends only on the URL and the data */
#define LIVE 0   /* computed for every request */
/* The query parameters of routes that share them (http_route.query). */
#define SPC_QUERY "org,improvement,target,rebase,fix_after"
#define FUNNEL_QUERY "period,kind,type,multiplier"
#define COMPARE_QUERY "period,kind,benchmark"

const http_route api_routes[] = {
    {"GET", "/api/v1/openapi.json", api_openapi, ROLE_ANONYMOUS,
     "This description of the API (OpenAPI 3)", LIVE, NO_QUERY},
    {"GET", "/api/v1/summary", api_summary, R, "The local health system at a glance", CACHED,
     NO_QUERY},
    {"GET", "/api/v1/signals", api_signals, R,
     "Series whose last point is a special cause, and funnel outliers", CACHED, NO_QUERY},
    {"GET", "/api/v1/opportunities", api_opportunities, R,
     "The ranked register of trapped resources (?org, kind, min, level; format=csv)", LIVE,
     "org,kind,min,format,level"},
    {"PUT", "/api/v1/opportunities/{id}/status", api_opportunity_status, C,
     "Record what is being done about an opportunity", LIVE, NO_QUERY},
    {"GET", "/api/v1/estates", api_estates, R, "Estates measures per site and organisation (?org)",
     CACHED, "org"},
    {"GET", "/api/v1/conversations", api_conversation_list, R,
     "Conversations this user may see (?org, person, service, pathway, tag, q, limit, offset)",
     LIVE, "org,person,service,pathway,tag,q,limit,offset"},
    {"POST", "/api/v1/conversations", api_conversation_create, C, "Log a conversation", LIVE,
     NO_QUERY},
    {"GET", "/api/v1/conversations/{id}", api_conversation_get, R, "One conversation", LIVE,
     NO_QUERY},
    {"PUT", "/api/v1/conversations/{id}", api_conversation_update, C,
     "Replace a conversation (with the version read: 409 when stale)", LIVE, NO_QUERY},
    {"DELETE", "/api/v1/conversations/{id}", api_conversation_delete, C, "Delete a conversation",
     LIVE, NO_QUERY},
    {"PUT", "/api/v1/conversations/{id}/actions/{n}", api_conversation_action, C,
     "Set an action's status", LIVE, NO_QUERY},
    {"GET", "/api/v1/open-actions", api_conversation_open_items, R,
     "Open actions and due follow-ups across the system (?overdue=1)", LIVE, "overdue"},
    {"GET", "/api/v1/relationships", api_relationships, R,
     "Per provider, specialty and service: last conversation, open actions; the gaps (?days, "
     "today)",
     LIVE, "days,today"},
    {"GET", "/api/v1/relationships/network", api_relationships_network, R,
     "Who has talked with whom across organisations (people and organisations, edges)", LIVE,
     NO_QUERY},
    {"GET", "/api/v1/relationships/network.svg", api_relationships_network_svg, R,
     "The relationship network drawn as SVG", LIVE, NO_QUERY},
    {"GET", "/api/v1/relationships/matrix", api_relationships_matrix, R,
     "Organisation x organisation: conversations shared", LIVE, NO_QUERY},
    {"GET", "/api/v1/involvement", api_involvement, R,
     "Clinical involvement in a pathway's or service's redesign (?pathway or ?service)", LIVE,
     "pathway,service"},
    {"GET", "/api/v1/programmes/{code}/report", api_programme_report, C,
     "A programme as its story: events, emotional map, pledges, goals, projects, progress", LIVE,
     NO_QUERY},
    {"GET", "/api/v1/goals/{code}/progress", api_goal_progress, C,
     "A goal against its path to target, with the SPC assurance icon", LIVE, NO_QUERY},
    {"GET", "/api/v1/goals/{code}/progress.svg", api_goal_progress_svg, C,
     "A goal's trajectory chart: actual values against the straight path to target", LIVE,
     NO_QUERY},
    {"GET", "/api/v1/projects/{code}/readiness", api_project_readiness, C,
     "A project's three components, PDSA cycles and measure chart", LIVE, NO_QUERY},
    {"GET", "/api/v1/projects/{code}/chart.svg", api_project_chart_svg, C,
     "A project's measure as an SPC chart, its PDSA changes marked and rebased", LIVE, NO_QUERY},
    {"GET", "/api/v1/experience/stories", api_stories, R,
     "Stories as this user may see them (consent and moderation applied; ?pathway, programme)",
     LIVE, "pathway,programme,audience"},
    {"GET", "/api/v1/experience/emotional-map", api_emotional_map, R,
     "Mean feeling per stage of a pathway across the stories this user may see (?pathway)", LIVE,
     "pathway"},
    {"GET", "/api/v1/experience/emotional-map.svg", api_emotional_map_svg, R,
     "The emotional map drawn as SVG (?pathway)", LIVE, "pathway"},
    {"GET", "/api/v1/story-form", api_story_form, ROLE_ANONYMOUS,
     "What the public story form offers: pathways, organisations, limits", LIVE, NO_QUERY},
    {"POST", "/api/v1/public/stories", api_public_story_tell, ROLE_ANONYMOUS,
     "Tell a story (no account; same-origin Origin or Referer, 5 an hour per address)", LIVE,
     NO_QUERY},
    {"GET", "/api/v1/moderation/stories", api_moderation_queue, C,
     "Stories waiting for moderation, in the teller's own words", LIVE, NO_QUERY},
    {"PUT", "/api/v1/moderation/stories/{code}", api_moderation_decide, C,
     "Approve (with moderated text) or reject a story", LIVE, NO_QUERY},
    {"PUT", "/api/v1/moderation/stories/{code}/response", api_moderation_respond, C,
     "Record the provider's response to an approved story and the change", LIVE, NO_QUERY},
    {"GET", "/api/v1/learning/reflections", api_reflection_list, C,
     "The learning set's reflections this user may read: their own, and those shared (?session)",
     LIVE, "session"},
    {"POST", "/api/v1/learning/reflections", api_reflection_create, C,
     "Write a reflection (private unless shared)", LIVE, NO_QUERY},
    {"PUT", "/api/v1/learning/reflections/{id}", api_reflection_share, C,
     "Share a reflection with the set, or make it private again", LIVE, NO_QUERY},
    {"POST", "/api/v1/import/{kind}", api_import, W,
     "Import a CSV file of one kind, all or nothing (eric: ?year)", LIVE, "filename,year"},
    {"GET", "/api/v1/indicators/{code}/spc", api_spc, R, "SPC (XmR) chart data for one subject",
     CACHED, SPC_QUERY},
    {"GET", "/api/v1/indicators/{code}/spc.svg", api_spc_svg, R, "SPC chart as SVG", CACHED,
     SPC_QUERY},
    {"GET", "/api/v1/indicators/{code}/funnel", api_funnel, R, "Funnel plot data for a period",
     CACHED, FUNNEL_QUERY},
    {"GET", "/api/v1/indicators/{code}/funnel.svg", api_funnel_svg, R, "Funnel plot as SVG", CACHED,
     FUNNEL_QUERY},
    {"GET", "/api/v1/indicators/{code}/compare", api_compare, R,
     "Fingertips-style comparison with a benchmark", CACHED, COMPARE_QUERY},
    {"GET", "/api/v1/indicators/{code}/compare.svg", api_compare_svg, R,
     "Spine chart of every organisation against the benchmark, as SVG", CACHED, COMPARE_QUERY},
    {"GET", "/api/v1/indicators/{code}/opportunity", api_opportunity, R,
     "Peer opportunity for one organisation", CACHED,
     "period,org,peers,context,nearest,unit_cost,best"},
    {"GET", "/api/v1/indicators/{code}/periods", api_periods, R,
     "The periods an indicator has observations for", CACHED, NO_QUERY},
    {"GET", "/api/v1/organisations/{code}/indicators", api_subject_indicators, R,
     "Every indicator observed for an organisation, with SPC icons", CACHED, NO_QUERY},
    {"GET", "/api/v1/organisations/{code}/pack", api_pack, R,
     "The conversation pack: print-ready A4 HTML (?service, today)", LIVE, "service,today"},
    {"GET", "/api/v1/services/{code}/indicators", api_subject_indicators, R,
     "Every indicator observed for a service, with SPC icons", CACHED, NO_QUERY},
    {"GET", "/api/v1/measures", api_measures, R, "The prescribing measures and the stored months",
     CACHED, NO_QUERY},
    {"GET", "/api/v1/measures/{id}", api_measure, R,
     "A prescribing measure for a month (?month, level, org): values, percentiles, deciles, "
     "savings",
     CACHED, "month,level,org"},
    {"GET", "/api/v1/measures/{id}/deciles", api_measure_deciles, R,
     "A measure's deciles each month and an organisation's values (?level, org)", CACHED,
     "level,org"},
    {"GET", "/api/v1/measures/{id}/deciles.svg", api_measure_deciles_svg, R,
     "The decile chart as SVG (?level, org)", CACHED, "level,org"},
    {"GET", "/api/v1/organisations/{code}/measures", api_org_measures, R,
     "An organisation's prescribing measures ranked by potential saving (?month)", CACHED, "month"},
    {"GET", "/api/v1/ppu", api_ppu, R, "Price-per-unit savings (?month, org, level, limit)", CACHED,
     "month,org,level,limit"},
    {"GET", "/api/v1/prescribing/savings", api_prescribing_savings, R,
     "The largest prescribing savings in the register (?level, limit)", CACHED, "level,limit"},
    {"GET", "/api/v1/{kind}", api_entity_list, R, "List rows of one kind", LIVE,
     "limit,offset,sort,*"},
    {"POST", "/api/v1/{kind}", api_entity_create, W, "Create a row", LIVE, NO_QUERY},
    {"GET", "/api/v1/{kind}/{key}", api_entity_get, R, "One row", LIVE, NO_QUERY},
    {"PUT", "/api/v1/{kind}/{key}", api_entity_update, W, "Update a row", LIVE, NO_QUERY},
    {"DELETE", "/api/v1/{kind}/{key}", api_entity_delete, W, "Delete a row", LIVE, NO_QUERY},
    {"GET", "/api/v1/{kind}/{indicator}/{subject}/{period}", api_entity_get, R, "One observation",
     LIVE, NO_QUERY},
    {"PUT", "/api/v1/{kind}/{indicator}/{subject}/{period}", api_entity_update, W,
     "Update an observation", LIVE, NO_QUERY},
    {"DELETE", "/api/v1/{kind}/{indicator}/{subject}/{period}", api_entity_delete, W,
     "Delete an observation", LIVE, NO_QUERY},
};
const int api_route_count = sizeof api_routes / sizeof api_routes[0];
