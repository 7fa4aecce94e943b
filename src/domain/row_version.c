#include "domain/row_version.h"

int row_version_from_json(json_t *obj, const char *what, int64_t *out, err *e)
{
    json_t *v = json_object_get(obj, "version");
    if (!json_is_integer(v) || json_integer_value(v) < 1) {
        err_precondition(e,
                         "version: required: the version of the %s you read (send it back with "
                         "your change, so that a change someone made since is not lost)",
                         what);
        err_at(e, 0, "version");
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

int row_version_conflict(err *e, const char *what, const char *key, int64_t sent, int64_t now)
{
    err_conflict(e,
                 "%s %s was changed by someone else: you sent version %lld, it is at version "
                 "%lld now; read it again and make your change to the new version",
                 what, key, (long long)sent, (long long)now);
    err_at(e, 0, "version");
    return -1;
}

int row_version_now(db *d, const char *sql, const char *key, int64_t *out, err *e)
{
    db_stmt *s;
    *out = 0;
    if (db_prepare(d, sql, &s, e))
        return -1;
    int rc = db_bind_text(s, 1, key, e);
    if (!rc)
        rc = db_step(s, e);
    if (rc == DB_ROW)
        *out = db_col_int64(s, 0);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}
