#include "http/api_experience.h"

#include "domain/experience.h"
#include "http/api_stats.h"
#include "report/chart_experience.h"
#include "report/project_svg.h"

#include <string.h>

static story_reader reader_of(const http_request *req)
{
    story_reader r = {STORY_PUBLIC, NULL};
    if (req->user && req->user->role >= ROLE_COMMISSIONER)
        r.audience = STORY_COMMISSIONERS;
    else if (req->user && req->user->role == ROLE_PROVIDER) {
        r.audience = STORY_PROVIDER;
        r.org = req->user->org;
    }
    return r;
}

/* Takes rc and out from separate statements in the callers: C leaves the order of argument
 * evaluation open, so out must not be read in the same call that fills it. */
static int answer(http_response *resp, int rc, json_t *out, err *e)
{
    if (rc)
        return http_error_from(resp, 400, e);
    http_json(resp, 200, out);
    return 0;
}

/* Draws out (which it releases) with chart, or answers the error. */
static int answer_svg(http_response *resp, int rc, json_t *out, err *e,
                      int (*chart)(const json_t *, strbuf *, err *))
{
    if (rc)
        return http_error_from(resp, 400, e);
    strbuf svg = STRBUF_INIT;
    rc = chart(out, &svg, e);
    json_decref(out);
    if (rc) {
        strbuf_free(&svg);
        return http_error_from(resp, 422, e);
    }
    http_body(resp, 200, "image/svg+xml", svg.buf, svg.len);
    strbuf_free(&svg);
    return 0;
}

int api_programme_report(const http_request *req, http_response *resp)
{
    story_reader r = reader_of(req);
    json_t *out = NULL;
    err e = {0};
    int rc = programme_report(req->db, req->params[0], &r, &out, &e);
    return answer(resp, rc, out, &e);
}

int api_goal_progress(const http_request *req, http_response *resp)
{
    json_t *out = NULL;
    err e = {0};
    int rc = goal_progress(req->db, req->params[0], &out, &e);
    return answer(resp, rc, out, &e);
}

int api_project_readiness(const http_request *req, http_response *resp)
{
    json_t *out = NULL;
    err e = {0};
    int rc = project_readiness(req->db, req->params[0], &out, &e);
    return answer(resp, rc, out, &e);
}

int api_stories(const http_request *req, http_response *resp)
{
    story_reader r = reader_of(req);
    /* ?audience=public: what the public may see, for anyone signed in (it only narrows). */
    const char *audience = http_query(req, "audience");
    if (audience && strcmp(audience, "public") != 0)
        return http_error(resp, 400, "audience", "audience: only 'public' may be asked for");
    if (audience)
        r = (story_reader){STORY_PUBLIC, NULL};
    json_t *out = NULL;
    err e = {0};
    int rc = stories_list(req->db, http_query(req, "pathway"), http_query(req, "programme"), &r,
                          &out, &e);
    return answer(resp, rc, out, &e);
}

int api_emotional_map(const http_request *req, http_response *resp)
{
    const char *pathway = http_query(req, "pathway");
    if (!pathway || !pathway[0])
        return http_error(resp, 400, "pathway", "pathway: say which pathway, e.g. end_of_life");
    story_reader r = reader_of(req);
    json_t *out = NULL;
    err e = {0};
    int rc = emotion_map(req->db, pathway, &r, &out, &e);
    return answer(resp, rc, out, &e);
}

int api_goal_progress_svg(const http_request *req, http_response *resp)
{
    json_t *out = NULL;
    err e = {0};
    int rc = goal_progress(req->db, req->params[0], &out, &e);
    return answer_svg(resp, rc, out, &e, chart_trajectory_svg);
}

int api_emotional_map_svg(const http_request *req, http_response *resp)
{
    const char *pathway = http_query(req, "pathway");
    if (!pathway || !pathway[0])
        return http_error(resp, 400, "pathway", "pathway: say which pathway, e.g. end_of_life");
    story_reader r = reader_of(req);
    json_t *out = NULL;
    err e = {0};
    int rc = emotion_map(req->db, pathway, &r, &out, &e);
    return answer_svg(resp, rc, out, &e, chart_emotion_svg);
}

int api_project_chart_svg(const http_request *req, http_response *resp)
{
    strbuf svg = STRBUF_INIT;
    err e = {0};
    if (report_project_svg(req->db, req->params[0], &svg, &e)) {
        strbuf_free(&svg);
        return http_error_from(resp, 422, &e);
    }
    http_body(resp, 200, "image/svg+xml", svg.buf, svg.len);
    strbuf_free(&svg);
    return 0;
}
