/* rx list sizes: the stored list sizes of a month's practices, in the month's practice order. */
#include "rx/measure.h"

#include "db/db.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int rx_list_sizes_for(db *d, const rx_month *m, double **out, err *e)
{
    size_t np = m->practices.count;
    double *ls = xmalloc((np ? np : 1) * sizeof *ls);
    for (size_t i = 0; i < np; i++)
        ls[i] = NAN;
    db_stmt *s;
    if (db_prepare(d, "SELECT practice_code, list_size FROM rx_list_sizes WHERE period = ?", &s,
                   e) ||
        db_bind_int64(s, 1, m->month, e)) {
        free(ls);
        return -1;
    }
    int r;
    while ((r = db_step(s, e)) == DB_ROW) {
        const char *code = db_col_text(s, 0);
        long k = code ? rx_dict_find(&m->practices, code, strlen(code)) : -1;
        if (k >= 0)
            ls[k] = (double)db_col_int64(s, 1);
    }
    db_finalize(s);
    if (r < 0) {
        free(ls);
        return -1;
    }
    *out = ls;
    return 0;
}
