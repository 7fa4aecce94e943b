#include "domain/record_json.h"

#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

json_t *record_json(const entity_record *rec)
{
    const entity_def *def = rec->def;
    json_t *obj = json_object();
    for (int i = 0; i < def->nfields; i++) {
        const char *v = rec->values[i];
        json_t *j;
        if (!v)
            j = json_null();
        else if (def->fields[i].type == FT_NUMBER)
            j = json_real(strtod(v, NULL));
        else if (def->fields[i].type == FT_INTEGER)
            j = json_integer(strtoll(v, NULL, 10));
        else if (def->fields[i].type == FT_BOOL)
            j = json_boolean(strcmp(v, "true") == 0);
        else
            j = json_string(v);
        json_object_set_new(obj, def->fields[i].column, j);
    }
    if (rec->version > 0)
        json_object_set_new(obj, "version", json_integer(rec->version));
    return obj;
}

/* The text a JSON value stands for in the CSV format. */
static int value_text(const entity_def *def, int f, json_t *v, strbuf *out, err *e)
{
    switch (json_typeof(v)) {
    case JSON_NULL:
        return 0;
    case JSON_STRING:
        /* Field text is a C string, as it is from a CSV file: a NUL would silently cut it. */
        if (memchr(json_string_value(v), '\0', json_string_length(v))) {
            err_user(e, "%s: the text holds a NUL character (\\u0000), which no field may hold",
                     def->fields[f].column);
            err_at(e, 0, def->fields[f].column);
            return -1;
        }
        strbuf_add(out, json_string_value(v), json_string_length(v));
        return 0;
    case JSON_INTEGER:
        strbuf_addf(out, "%lld", (long long)json_integer_value(v));
        return 0;
    case JSON_REAL:
        strbuf_add_number(out, json_real_value(v));
        return 0;
    case JSON_TRUE:
    case JSON_FALSE:
        strbuf_adds(out, json_is_true(v) ? "true" : "false");
        return 0;
    default:
        err_user(e, "%s: expected a single value, not an array or object", def->fields[f].column);
        err_at(e, 0, def->fields[f].column);
        return -1;
    }
}

/* The key part a field takes from the URL, or NULL when it is not a key field. */
static const char *key_part(const entity_def *def, int f, const char *const *key)
{
    for (int k = 0; key && k < def->nkey; k++)
        if (def->key[k] == f)
            return key[k] ? key[k] : "";
    return NULL;
}

int record_row_from_json(const entity_def *def, json_t *obj, const char *const *key,
                         entity_row *row, err *e)
{
    memset(row, 0, sizeof *row);
    row->def = def;
    const char *name;
    json_t *v;
    json_object_foreach(obj, name, v)
    {
        /* The version read travels with a change; the store checks it, it is not a field. */
        if (entity_field_index(def, name) < 0 && strcmp(name, "version") != 0) {
            strbuf known = STRBUF_INIT;
            for (int i = 0; i < def->nfields; i++)
                strbuf_addf(&known, "%s%s", i ? ", " : "", def->fields[i].column);
            err_user(e, "unknown field '%.100s' for %s; the fields are: %s", name, def->kind,
                     strbuf_str(&known));
            strbuf_free(&known);
            err_at(e, 0, name);
            return -1;
        }
    }
    for (int f = 0; f < def->nfields; f++) {
        strbuf text = STRBUF_INIT;
        v = json_object_get(obj, def->fields[f].column);
        int rc = v ? value_text(def, f, v, &text, e) : 0;
        const char *fixed = key_part(def, f, key);
        if (!rc && fixed && v && !json_is_null(v) && strcmp(strbuf_str(&text), fixed) != 0) {
            entity_row_set(row, f, strbuf_str(&text), 0);
            rc = entity_row_fail(row, f, e, "differs from the key in the path ('%.60s')", fixed);
        } else if (!rc) {
            entity_row_set(row, f, fixed ? fixed : strbuf_str(&text), 0);
            rc = entity_parse_field(row, f, row->text[f], e);
        }
        strbuf_free(&text);
        if (rc)
            return -1;
    }
    return 0;
}
