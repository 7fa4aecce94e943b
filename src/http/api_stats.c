#include "http/api_stats.h"

#include "domain/analysis.h"
#include "report/analysis_svg.h"

#include <stdio.h>
#include <string.h>

/* The chart a drawing function made (drawn == 0), or its error; releases out. */
static void send_svg(http_response *resp, int drawn, strbuf *out, err *e)
{
    if (drawn)
        http_error_from(resp, 400, e);
    else
        http_body(resp, 200, "image/svg+xml", out->buf, out->len);
    strbuf_free(out);
}

static int spc_common(const http_request *req, http_response *resp, int svg)
{
    if (!http_query(req, "org"))
        return http_error(resp, 400, "org", "org: say which organisation or service to chart");
    spc_request r = {.indicator = req->params[0],
                     .subject = http_query(req, "org"),
                     .improvement = http_query(req, "improvement"),
                     .target = http_query(req, "target"),
                     .rebase = http_query(req, "rebase"),
                     .fix_after = http_query(req, "fix_after")};
    spc_analysis a;
    err e = {0};
    if (analysis_spc(req->db, &r, &a, &e))
        return http_error_from(resp, 400, &e);
    if (svg) {
        strbuf out = STRBUF_INIT;
        send_svg(resp, report_spc_svg(&a, &out, &e), &out, &e);
    } else {
        http_json(resp, 200, analysis_spc_json(&a));
    }
    analysis_spc_free(&a);
    return 0;
}

int api_spc(const http_request *req, http_response *resp)
{
    return spc_common(req, resp, 0);
}

int api_spc_svg(const http_request *req, http_response *resp)
{
    return spc_common(req, resp, 1);
}

static int funnel_common(const http_request *req, http_response *resp, int svg)
{
    if (!http_query(req, "period"))
        return http_error(resp, 400, "period", "period: say which period to plot");
    funnel_request r = {.indicator = req->params[0],
                        .period = http_query(req, "period"),
                        .kind = http_query(req, "kind"),
                        .type = http_query(req, "type"),
                        .multiplier = http_query(req, "multiplier")};
    funnel_analysis a;
    err e = {0};
    if (analysis_funnel(req->db, &r, &a, &e))
        return http_error_from(resp, 400, &e);
    if (svg) {
        strbuf out = STRBUF_INIT;
        send_svg(resp, report_funnel_svg(&a, &out, &e), &out, &e);
    } else {
        http_json(resp, 200, analysis_funnel_json(&a));
    }
    analysis_funnel_free(&a);
    return 0;
}

int api_funnel(const http_request *req, http_response *resp)
{
    return funnel_common(req, resp, 0);
}

int api_funnel_svg(const http_request *req, http_response *resp)
{
    return funnel_common(req, resp, 1);
}

static int compare_common(const http_request *req, http_response *resp, int svg)
{
    if (!http_query(req, "period"))
        return http_error(resp, 400, "period", "period: say which period to compare");
    compare_request r = {.indicator = req->params[0],
                         .period = http_query(req, "period"),
                         .kind = http_query(req, "kind"),
                         .benchmark = http_query(req, "benchmark")};
    compare_analysis a;
    err e = {0};
    if (analysis_compare(req->db, &r, &a, &e))
        return http_error_from(resp, 400, &e);
    if (svg) {
        strbuf out = STRBUF_INIT;
        send_svg(resp, report_compare_svg(&a, &out, &e), &out, &e);
    } else {
        http_json(resp, 200, analysis_compare_json(&a));
    }
    analysis_compare_free(&a);
    return 0;
}

int api_compare(const http_request *req, http_response *resp)
{
    return compare_common(req, resp, 0);
}

int api_compare_svg(const http_request *req, http_response *resp)
{
    return compare_common(req, resp, 1);
}

int api_opportunity(const http_request *req, http_response *resp)
{
    opportunity_request r = {.indicator = req->params[0],
                             .period = http_query(req, "period"),
                             .org = http_query(req, "org"),
                             .peers = http_query(req, "peers"),
                             .context = http_query(req, "context"),
                             .nearest = http_query(req, "nearest"),
                             .unit_cost = http_query(req, "unit_cost"),
                             .best = http_query(req, "best")};
    opportunity_analysis a;
    err e = {0};
    if (analysis_opportunity(req->db, &r, &a, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, analysis_opportunity_json(&a));
    analysis_opportunity_free(&a);
    return 0;
}

int api_periods(const http_request *req, http_response *resp)
{
    err e = {0};
    indicator_info ind;
    int found;
    if (indicator_lookup(req->db, req->params[0], &ind, &found, &e))
        return http_error_from(resp, 500, &e);
    if (!found)
        return http_error(resp, 404, NULL, "no indicator '%.40s'", req->params[0]);
    db_stmt *s;
    if (db_prepare(req->db,
                   "SELECT DISTINCT period FROM observations WHERE indicator_code = ?"
                   " ORDER BY period",
                   &s, &e))
        return http_error_from(resp, 500, &e);
    json_t *periods = json_array();
    int rc = db_bind_text(s, 1, req->params[0], &e);
    while (!rc && (rc = db_step(s, &e)) == DB_ROW) {
        rc = 0;
        json_array_append_new(periods, json_string(db_col_text(s, 0)));
    }
    db_finalize(s);
    if (rc < 0) {
        json_decref(periods);
        return http_error_from(resp, 500, &e);
    }
    http_json(resp, 200, json_pack("{s:o}", "periods", periods));
    return 0;
}
