/* POST /api/v1/import/{kind}: a CSV upload through the same importer as
 * `unlock import`, all or nothing. The answer lists every row's problem (file,
 * line, field, message); a provider may import only its own organisation's
 * rows, and a file with others' is refused whole with 403. */
#include "http/api_import.h"

#include "domain/entities.h"
#include "domain/eric.h"
#include "domain/fft_import.h"
#include "domain/import.h"
#include "http/api_entities.h"
#include "util/arena.h"

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

static json_t *problems_json(const import_problems *p)
{
    json_t *list = json_array();
    for (size_t i = 0; i < p->count; i++) {
        const import_problem *it = &p->items[i];
        json_t *msg = json_string(it->message);
        json_array_append_new(
            list, json_pack("{s:s, s:o, s:o, s:o}", "file", p->file, "line",
                            it->line ? json_integer(it->line) : json_null(), "field",
                            it->field[0] ? json_string(it->field) : json_null(), "message",
                            msg ? msg : json_string("(a message that is not UTF-8)")));
    }
    return list;
}

static int refuse(http_response *resp, import_problems *p, const err *e)
{
    /* What stopped before any row was read (an FFT count) is the one problem. */
    if (p->count == 0 && !p->dropped)
        import_problems_add(p, p->file, 0, e);
    int status = p->forbidden ? 403 : 422;
    json_t *answer = http_error_object(status, e->field[0] ? e->field : NULL, e->msg);
    json_t *inner = json_object_get(answer, "error");
    json_object_set_new(inner, "line", e->line ? json_integer(e->line) : json_null());
    json_object_set_new(inner, "errors", problems_json(p));
    json_object_set_new(inner, "error_count", json_integer((json_int_t)(p->count + p->dropped)));
    http_json(resp, status, answer);
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
    if (req->user && req->user->role == ROLE_PROVIDER && (eric || !api_kind_has_owner(def)))
        return http_error(resp, 403, NULL,
                          "a provider may import only its own organisation's rows, and %s belong "
                          "to no organisation",
                          eric ? "estates returns" : def->kind);
    const char *type = http_header(req, "Content-Type");
    if (type && strncmp(type, "text/csv", 8) != 0 && strncmp(type, "text/plain", 10) != 0 &&
        strncmp(type, "application/octet-stream", 24) != 0)
        return http_error(resp, 415, NULL, "send the file as text/csv, not %.60s", type);
    const char *name = http_query(req, "filename");
    const char *label = arena_printf(req->mem, "%.100s", name && *name ? name : "upload.csv");
    if (eric)
        return import_eric(req, resp, label);
    import_problems problems = {.file = label};
    import_options opt = {.actor = api_actor(req),
                          .row_allowed = api_import_row_allowed,
                          .ctx = (void *)req,
                          .problems = &problems};
    import_stats st;
    err e = {0};
    int rc = fft ? fft_import_buffer_with(req->db, label, req->body, req->body_len, &opt, &st, &e)
                 : import_buffer_with(req->db, def, label, req->body, req->body_len, &opt, &st, &e);
    if (rc && e.kind == ERR_USER && !e.timed_out)
        refuse(resp, &problems, &e);
    else if (rc)
        http_error_from(resp, 500, &e);
    else
        http_json(resp, 200,
                  json_pack("{s:s, s:I, s:I, s:I, s:I}", "kind", def->kind, "rows",
                            (json_int_t)st.rows, "created", (json_int_t)st.created, "updated",
                            (json_int_t)st.updated, "unchanged", (json_int_t)st.unchanged));
    import_problems_free(&problems);
    return 0;
}
