#include "domain/data_generation.h"

#include "util/strbuf.h"

int data_generation(db *d, const char *const *entities, int64_t *gen, err *e)
{
    if (!entities)
        return db_query_int64(d, "SELECT COALESCE(MAX(id), 0) FROM audit_log", gen, e);
    strbuf sql = STRBUF_INIT;
    /* One MAX per entity, each a single step down the (entity, id) index; MAX over an IN list
     * reads every entry of the entities. */
    strbuf_adds(&sql, "SELECT COALESCE(MAX(newest), 0) FROM (");
    int n = 0;
    for (; entities[n]; n++)
        strbuf_adds(&sql, n ? " UNION ALL SELECT MAX(id) FROM audit_log WHERE entity = ?"
                            : "SELECT MAX(id) AS newest FROM audit_log WHERE entity = ?");
    strbuf_adds(&sql, ") newest_each");
    db_stmt *s;
    int rc = db_prepare(d, sql.buf, &s, e);
    strbuf_free(&sql);
    if (rc)
        return -1;
    for (int i = 0; i < n && !rc; i++)
        rc = db_bind_text(s, i + 1, entities[i], e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW) {
        *gen = db_col_int64(s, 0);
        rc = 0;
    } else if (rc == DB_DONE) {
        *gen = 0;
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}
