#include "http/login_limit.h"

/* When `column` = value has `max` or more failures since the window began,
 * *retry_at becomes the moment enough of them have aged out. */
static int limited(db *d, const char *sql_count, const char *sql_oldest, const char *value,
                   int64_t now, int max, int64_t *retry_at, err *e)
{
    db_stmt *s;
    int64_t since = now - LOGIN_WINDOW, count = 0;
    *retry_at = 0;
    if (db_prepare(d, sql_count, &s, e))
        return -1;
    int rc = db_bind_text(s, 1, value, e);
    if (!rc)
        rc = db_bind_int64(s, 2, since, e);
    if (!rc)
        rc = db_step(s, e);
    if (rc == DB_ROW)
        count = db_col_int64(s, 0);
    db_finalize(s);
    if (rc != DB_ROW)
        return -1;
    if (count < max)
        return 0;
    /* The (count - max + 1)th oldest failure must leave the window. */
    if (db_prepare(d, sql_oldest, &s, e))
        return -1;
    rc = db_bind_text(s, 1, value, e);
    if (!rc)
        rc = db_bind_int64(s, 2, since, e);
    if (!rc)
        rc = db_bind_int64(s, 3, count - max, e);
    if (!rc)
        rc = db_step(s, e);
    if (rc == DB_ROW)
        *retry_at = db_col_int64(s, 0) + LOGIN_WINDOW;
    db_finalize(s);
    if (rc < 0)
        return -1;
    if (*retry_at <= now)
        *retry_at = now + 1;
    return 0;
}

int login_limit_check(db *d, const char *email, const char *address, int64_t now, int64_t *retry_at,
                      int *by_account, err *e)
{
    if (limited(d, "SELECT COUNT(*) FROM login_attempts WHERE email = ? AND at > ?",
                "SELECT at FROM login_attempts WHERE email = ? AND at > ? ORDER BY at "
                "LIMIT 1 OFFSET ?",
                email, now, LOGIN_MAX_PER_ACCOUNT, retry_at, e))
        return -1;
    *by_account = 1;
    if (*retry_at)
        return 0;
    *by_account = 0;
    return limited(d, "SELECT COUNT(*) FROM login_attempts WHERE address = ? AND at > ?",
                   "SELECT at FROM login_attempts WHERE address = ? AND at > ? ORDER BY at "
                   "LIMIT 1 OFFSET ?",
                   address, now, LOGIN_MAX_PER_ADDRESS, retry_at, e);
}

int login_limit_fail(db *d, const char *email, const char *address, int64_t now, err *e)
{
    db_stmt *s = NULL;
    if (db_begin(d, e))
        return -1;
    if (db_prepare(d, "DELETE FROM login_attempts WHERE at <= ?", &s, e) ||
        db_bind_int64(s, 1, now - LOGIN_WINDOW, e) || db_step(s, e) < 0)
        goto fail;
    db_finalize(s);
    s = NULL;
    if (db_prepare(d, "INSERT INTO login_attempts (email, address, at) VALUES (?, ?, ?)", &s, e) ||
        db_bind_text(s, 1, email, e) || db_bind_text(s, 2, address, e) ||
        db_bind_int64(s, 3, now, e) || db_step(s, e) < 0)
        goto fail;
    db_finalize(s);
    return db_commit(d, e);
fail:
    db_finalize(s);
    db_rollback(d);
    return -1;
}

int login_limit_clear(db *d, const char *email, err *e)
{
    db_stmt *s;
    if (db_prepare(d, "DELETE FROM login_attempts WHERE email = ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, email, e);
    if (!rc)
        rc = db_step(s, e);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}
