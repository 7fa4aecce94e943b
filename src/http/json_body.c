/* http_json_body: a request body as one JSON object, within the nesting limit. */
#include "http/http.h"

#include <stdio.h>
#include <string.h>

/* Jansson's own limit is 2048 levels; ours is checked first, in one pass that
 * allocates nothing, so a hostile body costs no more than its bytes. Strings
 * are skipped (brackets inside them do not count); anything malformed is left
 * for the parser to report. Returns 0, or -1 with the position of the bracket
 * that went too deep. */
static int depth_check(const char *s, size_t n, int max, int *line, int *column)
{
    int depth = 0, in_string = 0, ln = 1, col = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        col++;
        if (c == '\n') {
            ln++;
            col = 0;
        }
        if (in_string) {
            if (c == '\\')
                i++, col++;
            else if (c == '"')
                in_string = 0;
            continue;
        }
        if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > max) {
                *line = ln;
                *column = col;
                return -1;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return 0;
}

int http_json_body(const http_request *req, http_response *resp, json_t **out)
{
    *out = NULL;
    const char *body = req->body ? req->body : "";
    size_t n = req->body ? req->body_len : 0;
    size_t i = 0;
    while (i < n && strchr(" \t\r\n", body[i]))
        i++;
    if (i == n) {
        http_error(resp, 400, NULL, "the request needs a JSON object as its body");
        return -1;
    }
    int line, column;
    if (depth_check(body, n, HTTP_JSON_MAX_DEPTH, &line, &column)) {
        http_error(resp, 400, NULL, "JSON nested more than %d levels deep at line %d, column %d",
                   HTTP_JSON_MAX_DEPTH, line, column);
        return -1;
    }
    json_error_t jerr;
    json_t *j = json_loadb(body, n, JSON_REJECT_DUPLICATES, &jerr);
    if (!j) {
        http_error(resp, 400, NULL, "malformed JSON at line %d, column %d: %s", jerr.line,
                   jerr.column, jerr.text);
        return -1;
    }
    if (!json_is_object(j)) {
        json_decref(j);
        http_error(resp, 400, NULL, "the request body must be a JSON object ({...})");
        return -1;
    }
    *out = j;
    return 0;
}

int http_reject_unknown(json_t *obj, const char *const *allowed, http_response *resp)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(key, *a) == 0;
        if (!known) {
            char list[512] = "";
            size_t len = 0;
            for (const char *const *a = allowed; *a && len < sizeof list; a++)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                        a == allowed ? "" : ", ", *a);
            http_error(resp, 422, key, "unknown field '%s' (expected: %s)", key, list);
            return -1;
        }
    }
    return 0;
}
