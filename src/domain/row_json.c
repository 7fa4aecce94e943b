#include "domain/row_json.h"

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
