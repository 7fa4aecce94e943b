/* POST /api/v1/import/{kind}: a CSV upload through the same importer as
 * `unlock import`, all or nothing, with the error's line and field. */
#include "http/api_import.h"

#include "domain/entities.h"
#include "domain/eric.h"
#include "domain/fft_import.h"
#include "domain/import.h"
#include "http/api_entities.h"

#include <stdio.h>
#include <string.h>

/* An import's user error: 422 with the field and line it names. */
static int import_failed(http_response *resp, err *e)
{
    if (e->kind != ERR_USER)
        return http_error_from(resp, 500, e);
    json_t *answer = http_error_object(422, e->field[0] ? e->field : NULL, e->msg);
    json_object_set_new(json_object_get(answer, "error"), "line",
                        e->line ? json_integer(e->line) : json_null());
    http_json(resp, 422, answer);
    return 0;
}

/* kind "eric": an ERIC site data file as published (?year=2023/24, else from ?filename=). */
static int import_eric(const http_request *req, http_response *resp, const char *label)
{
    eric_stats st;
    err e = {0};
    if (eric_import_buffer(req->db, label, req->body, req->body_len, http_query(req, "year"),
                           api_actor(req), &st, &e))
        return import_failed(resp, &e);
    http_json(resp, 200,
              json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "kind", "eric", "year",
                        st.year, "rows", (json_int_t)st.rows, "created", (json_int_t)st.created,
                        "updated", (json_int_t)st.updated, "unchanged", (json_int_t)0,
                        "sites_created", (json_int_t)st.sites_created, "skipped",
                        (json_int_t)st.skipped, "observations", (json_int_t)st.observations));
    return 0;
}

int api_import(const http_request *req, http_response *resp)
{
    int eric = strcmp(req->params[0], "eric") == 0;
    /* Friends and Family Test answers are scored into observations (domain/fft_import.h). */
    int fft = strcmp(req->params[0], "fft") == 0;
    const entity_def *def = eric ? NULL : fft ? &observation_def : entity_find(req->params[0]);
    if (!eric && (!def || (!fft && strcmp(def->kind, req->params[0]) != 0)))
        return http_error(resp, 404, NULL, "no such kind '%.40s'; the kinds are: %s, fft, eric",
                          req->params[0], entity_kinds_list());
    const char *type = http_header(req, "Content-Type");
    if (type && strncmp(type, "text/csv", 8) != 0 && strncmp(type, "text/plain", 10) != 0 &&
        strncmp(type, "application/octet-stream", 24) != 0)
        return http_error(resp, 415, NULL, "send the file as text/csv, not %.60s", type);
    const char *name = http_query(req, "filename");
    char label[128];
    snprintf(label, sizeof label, "%.100s", name && *name ? name : "upload.csv");
    if (eric)
        return import_eric(req, resp, label);
    import_stats st;
    err e = {0};
    if (fft ? fft_import_buffer(req->db, label, req->body, req->body_len, api_actor(req), &st, &e)
            : import_buffer(req->db, def, label, req->body, req->body_len, api_actor(req), &st, &e))
        return import_failed(resp, &e);
    http_json(resp, 200,
              json_pack("{s:s, s:I, s:I, s:I, s:I}", "kind", def->kind, "rows", (json_int_t)st.rows,
                        "created", (json_int_t)st.created, "updated", (json_int_t)st.updated,
                        "unchanged", (json_int_t)st.unchanged));
    return 0;
}
