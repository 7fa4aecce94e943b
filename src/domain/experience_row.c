#include "domain/experience_row.h"

#include "domain/row_json.h"

int experience_one_row(db *d, const char *sql, const char *types, const char *key, const char *what,
                       json_t **out, err *e)
{
    json_t *rows = json_array();
    *out = NULL;
    if (row_json_rows(d, sql, types, &key, 1, rows, e)) {
        json_decref(rows);
        return -1;
    }
    if (json_array_size(rows) == 0) {
        json_decref(rows);
        return err_not_found(e, "no %s with code '%.64s'", what, key);
    }
    *out = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return 0;
}

const char *experience_str(const json_t *obj, const char *name)
{
    return json_string_value(json_object_get(obj, name));
}
