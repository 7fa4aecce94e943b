/* api_experience: programmes, goals, projects, stories and the emotional map over HTTP.
 * Programme, goal and project reports name the people leading the work, so they are for
 * commissioners; stories and the emotional map are open to providers through the consent
 * rules of domain/experience.h. Never cached: answers depend on who asks. */
#ifndef UNLOCK_HTTP_API_EXPERIENCE_H
#define UNLOCK_HTTP_API_EXPERIENCE_H

#include "http/http.h"

int api_programme_report(const http_request *req, http_response *resp);
int api_goal_progress(const http_request *req, http_response *resp);
int api_project_readiness(const http_request *req, http_response *resp);
int api_stories(const http_request *req, http_response *resp);
int api_emotional_map(const http_request *req, http_response *resp);
int api_goal_progress_svg(const http_request *req, http_response *resp);
int api_emotional_map_svg(const http_request *req, http_response *resp);
int api_project_chart_svg(const http_request *req, http_response *resp);

#endif
