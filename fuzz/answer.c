/* fuzz answer: what the request targets share: the input's first line, an HTTP answer as an
 * err (see fuzz.h). */
#include "fuzz.h"

#include "http/http.h"

#include <stdio.h>
#include <string.h>

void fuzz_first_line(const uint8_t *data, size_t size, char *line, size_t cap, const uint8_t **rest,
                     size_t *rest_size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t n = nl ? (size_t)(nl - data) : size;
    size_t keep = n;
    if (keep && data[keep - 1] == '\r')
        keep--;
    if (keep >= cap)
        keep = cap - 1;
    memcpy(line, data, keep);
    line[keep] = '\0';
    *rest = nl ? nl + 1 : data + size;
    *rest_size = size - (size_t)(*rest - data);
}

int fuzz_answer(http_response *resp, err *e)
{
    int status = resp->status;
    int rc = 0;
    if (status >= 400) {
        json_t *body = json_loads(strbuf_str(&resp->body), 0, NULL);
        const char *msg =
            json_string_value(json_object_get(json_object_get(body, "error"), "message"));
        if (status >= 500)
            rc = err_internal(e, "%d: %s", status, msg ? msg : strbuf_str(&resp->body));
        else
            rc = err_user(e, "%d: %s", status, msg ? msg : strbuf_str(&resp->body));
        json_decref(body);
    }
    strbuf_free(&resp->body);
    strbuf_free(&resp->headers);
    return rc;
}
