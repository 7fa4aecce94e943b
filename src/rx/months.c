/* rx months: see months.h. */
#include "rx/months.h"

#include "rx/store.h"

#include <stdlib.h>
#include <string.h>

char *rx_store_dir_of(db *d, err *e)
{
    db_stmt *s;
    int postgres = strcmp(db_dialect(d), "postgres") == 0;
    if (db_prepare(d,
                   postgres ? "SELECT current_database()"
                            : "SELECT file FROM pragma_database_list WHERE name = 'main'",
                   &s, e))
        return NULL;
    char *dir = NULL;
    if (db_step(s, e) == DB_ROW && db_col_text(s, 0) && db_col_text(s, 0)[0])
        dir = postgres ? rx_store_dir_postgres(db_col_text(s, 0)) : rx_store_dir(db_col_text(s, 0));
    db_finalize(s);
    return dir;
}

int rx_latest_months(db *d, int max, int *months, int *n, err *e)
{
    *n = 0;
    db_stmt *s;
    if (db_prepare(d, "SELECT month FROM rx_months ORDER BY month DESC LIMIT ?", &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, max, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        months[(*n)++] = (int)db_col_int64(s, 0);
        rc = 0;
    }
    db_finalize(s);
    if (rc < 0)
        return -1;
    for (int i = 0; i < *n / 2; i++) {
        int t = months[i];
        months[i] = months[*n - 1 - i];
        months[*n - 1 - i] = t;
    }
    return 0;
}
