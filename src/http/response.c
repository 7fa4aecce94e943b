/* Filling a response: JSON bodies, the one error shape, headers, role names. */
#include "http/access_log.h"
#include "http/http.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[] = {"anonymous", "provider", "commissioner", "admin"};

const char *http_role_name(http_role r)
{
    if ((int)r < 0 || (int)r >= (int)(sizeof role_names / sizeof role_names[0]))
        return "unknown";
    return role_names[r];
}

int http_role_parse(const char *s, http_role *out)
{
    /* Anonymous is the absence of a user, never a role someone can be given. */
    for (int r = ROLE_PROVIDER; r <= ROLE_ADMIN; r++)
        if (s && strcmp(s, role_names[r]) == 0) {
            *out = (http_role)r;
            return 0;
        }
    return -1;
}

static int append_json(const char *buffer, size_t size, void *data)
{
    strbuf_add(data, buffer, size);
    return 0;
}

void http_json(http_response *resp, int status, json_t *body)
{
    resp->status = status;
    resp->content_type = "application/json";
    strbuf_reset(&resp->body);
    if (!body)
        return;
    /* 17 digits reads back to the same double, as the CLI's --json output does.
     * Written straight into the body: no whole-text copy in between. */
    int rc = json_dump_callback(body, append_json, &resp->body,
                                JSON_COMPACT | JSON_REAL_PRECISION(17) | JSON_ENCODE_ANY);
    json_decref(body);
    if (rc) {
        http_log("could not encode a JSON response");
        resp->status = 500;
        strbuf_reset(&resp->body);
        strbuf_adds(&resp->body, "{\"error\":{\"status\":500,\"message\":\"internal error\","
                                 "\"field\":null}}");
    }
}

json_t *http_error_object(int status, const char *field, const char *message)
{
    json_t *inner = json_object();
    json_object_set_new(inner, "status", json_integer(status));
    /* A message may quote input that is not valid UTF-8; it must still give JSON. */
    json_t *msg = json_string(message);
    if (!msg) {
        char safe[1024];
        size_t i = 0;
        for (; message[i] && i + 1 < sizeof safe; i++)
            safe[i] = (unsigned char)message[i] < 0x80 ? message[i] : '?';
        safe[i] = '\0';
        msg = json_string(safe);
    }
    json_object_set_new(inner, "message", msg);
    json_t *f = field ? json_string(field) : NULL;
    json_object_set_new(inner, "field", f ? f : json_null());
    json_t *outer = json_object();
    json_object_set_new(outer, "error", inner);
    return outer;
}

int http_error(http_response *resp, int status, const char *field, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    http_json(resp, status, http_error_object(status, field, msg));
    return 0;
}

int http_error_from(http_response *resp, int user_status, const err *e)
{
    if (e->timed_out)
        return http_error(resp, 503, NULL, "%s", e->msg);
    if (e->kind == ERR_USER)
        return http_error(resp,
                          e->not_found      ? 404
                          : e->conflict     ? 409
                          : e->precondition ? 428
                                            : user_status,
                          e->field[0] ? e->field : NULL, "%s", e->msg);
    http_log("internal error: %s", e->msg[0] ? e->msg : "(no message)");
    return http_error(resp, 500, NULL, "internal error; the details are in the server log");
}

void http_body(http_response *resp, int status, const char *content_type, const char *data,
               size_t len)
{
    resp->status = status;
    resp->content_type = content_type;
    strbuf_reset(&resp->body);
    if (data && len)
        strbuf_add(&resp->body, data, len);
}

void http_add_header(http_response *resp, const char *name, const char *value)
{
    /* A CR or LF in a value would let it write its own headers. */
    strbuf_adds(&resp->headers, name);
    strbuf_adds(&resp->headers, ": ");
    for (const char *p = value; *p; p++)
        strbuf_addc(&resp->headers, *p == '\r' || *p == '\n' ? ' ' : *p);
    strbuf_adds(&resp->headers, "\r\n");
}
