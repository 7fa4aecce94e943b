#include "domain/row_json.h"

#include <string.h>

json_t *row_json_text(db_stmt *s, int col)
{
    const char *t = db_col_text(s, col);
    return t ? json_string(t) : json_null();
}

int row_exists(db *d, const char *sql, int nparams, const char *key, int *found, err *e)
{
    db_stmt *s;
    *found = 0;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = 0;
    for (int i = 1; i <= nparams && !rc; i++)
        rc = db_bind_text(s, i, key, e);
    if (!rc)
        rc = db_step(s, e);
    db_finalize(s);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    return 0;
}

static json_t *column_value(db_stmt *s, int col, char type)
{
    if (db_col_is_null(s, col))
        return json_null();
    switch (type) {
    case 'd':
        return json_real(db_col_double(s, col));
    case 'i':
        return json_integer((json_int_t)db_col_int64(s, col));
    case 'b':
        return json_boolean(db_col_int64(s, col) != 0);
    default:
        return json_string(db_col_text(s, col));
    }
}

int row_json_stmt_rows(db_stmt *s, const char *types, json_t *array, err *e)
{
    size_t ntypes = strlen(types);
    int rc;
    while ((rc = db_step(s, e)) == DB_ROW) {
        json_t *obj = json_object();
        int ncol = db_col_count(s);
        for (int c = 0; c < ncol; c++)
            json_object_set_new(obj, db_col_name(s, c),
                                column_value(s, c, (size_t)c < ntypes ? types[c] : 's'));
        json_array_append_new(array, obj);
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int row_json_rows(db *d, const char *sql, const char *types, const char *const *params, int nparams,
                  json_t *array, err *e)
{
    db_stmt *s;
    if (db_prepare(d, sql, &s, e))
        return -1;
    /* Callers may pass more parameters than a variant of their SQL names (a filter that only
     * some readers get); binding past the highest ?N the SQL names is an error in SQLite. */
    int named = db_param_count(s);
    if (nparams > named)
        nparams = named;
    int rc = 0;
    for (int i = 0; i < nparams && !rc; i++)
        rc = params[i] ? db_bind_text(s, i + 1, params[i], e) : db_bind_null(s, i + 1, e);
    if (rc) {
        db_finalize(s);
        return -1;
    }
    return row_json_stmt_rows(s, types, array, e);
}
