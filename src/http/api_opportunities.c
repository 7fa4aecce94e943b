#include "http/api_opportunities.h"

#include "domain/analysis.h"
#include "domain/estates.h"
#include "domain/opportunity.h"
#include "http/api_stats.h"

#include <math.h>
#include <string.h>

/* The register as a spreadsheet: one row per opportunity, the JSON's fields. */
static void register_csv(const opportunity_list *l, http_response *resp)
{
    strbuf b = STRBUF_INIT;
    strbuf_adds(&b, "id,kind,org,org_name,level,subject,what,gbp,credibility,method,period,"
                    "status,note\r\n");
    for (size_t i = 0; i < l->n; i++) {
        const opportunity *o = &l->items[i];
        char gbp[32];
        snprintf(gbp, sizeof gbp, "%.2f", o->gbp);
        const char *fields[] = {o->id,      o->kind,   o->org, o->org_name,    o->level,
                                o->subject, o->what,   gbp,    o->credibility, o->method,
                                o->period,  o->status, o->note};
        int nf = (int)(sizeof fields / sizeof fields[0]);
        for (int k = 0; k < nf; k++) {
            strbuf_add_csv_field(&b, fields[k] ? fields[k] : "");
            strbuf_adds(&b, k == nf - 1 ? "\r\n" : ",");
        }
    }
    http_body(resp, 200, "text/csv; charset=utf-8", b.buf ? b.buf : "", b.len);
    http_add_header(resp, "Content-Disposition", "attachment; filename=\"opportunities.csv\"");
    strbuf_free(&b);
}

int api_opportunities(const http_request *req, http_response *resp)
{
    err e = {0};
    opportunity_filter f = {.org = http_query(req, "org"),
                            .kind = http_query(req, "kind"),
                            .level = http_query(req, "level")};
    if (f.level && !f.level[0])
        f.level = NULL;
    if (f.org && !f.org[0])
        f.org = NULL;
    if (f.kind && !f.kind[0])
        f.kind = NULL;
    const char *min = http_query(req, "min"), *format = http_query(req, "format");
    if (min && min[0] && analysis_number("min", min, &f.min_gbp, &e))
        return http_error_from(resp, 400, &e);
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
        return http_error(resp, 400, "format", "format: expected csv or json");
    opportunity_list l;
    if (opportunities_build(req->db, &f, &l, &e))
        return http_error_from(resp, 400, &e);
    if (format && strcmp(format, "csv") == 0)
        register_csv(&l, resp);
    else
        http_json(resp, 200, opportunities_json(&l, &f));
    opportunity_list_free(&l);
    return 0;
}

int api_opportunity_status(const http_request *req, http_response *resp)
{
    json_t *body;
    if (http_json_body(req, resp, &body))
        return 0;
    static const char *const allowed[] = {"status", "note", NULL};
    if (http_reject_unknown(body, allowed, resp)) {
        json_decref(body);
        return 0;
    }
    json_t *status = json_object_get(body, "status"), *note = json_object_get(body, "note");
    if (!json_is_string(status)) {
        json_decref(body);
        return http_error(resp, 422, "status",
                          "status: expected one of new, in_conversation, project, released, "
                          "dismissed");
    }
    if (note && !json_is_string(note) && !json_is_null(note)) {
        json_decref(body);
        return http_error(resp, 422, "note", "note: expected text");
    }
    err e = {0};
    const char *id = req->params[0];
    int rc = opportunity_set_status(req->db, id, json_string_value(status),
                                    note ? json_string_value(note) : NULL,
                                    req->user ? req->user->email : "api", &e);
    json_decref(body);
    if (rc)
        return http_error_from(resp, 422, &e);
    /* Answer with the opportunity as the register now shows it. */
    opportunity_list l;
    if (opportunities_build(req->db, NULL, &l, &e))
        return http_error_from(resp, 500, &e);
    json_t *all = opportunities_json(&l, NULL), *item = NULL, *o;
    size_t i;
    json_array_foreach(json_object_get(all, "items"), i,
                       o) if (strcmp(json_string_value(json_object_get(o, "id")), id) == 0) item =
        json_incref(o);
    json_decref(all);
    opportunity_list_free(&l);
    if (!item)
        return http_error(resp, 404, NULL, "no opportunity with id '%.100s'", id);
    http_json(resp, 200, item);
    return 0;
}

int api_estates(const http_request *req, http_response *resp)
{
    const char *org = http_query(req, "org");
    if (org && !org[0])
        org = NULL;
    err e = {0};
    estates_set set;
    if (estates_load(req->db, org, &set, &e))
        return http_error_from(resp, 400, &e);
    http_json(resp, 200, estates_json(&set, org));
    estates_set_free(&set);
    return 0;
}
