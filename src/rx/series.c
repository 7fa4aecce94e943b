/* rx series: see series.h. */
#include "rx/series.h"

#include "rx/months.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rx_measure_series(db *d, const rx_measure_def *def, int level, const char *org, rx_series *out,
                      err *e)
{
    memset(out, 0, sizeof *out);
    out->def = def;
    out->level = level;
    int months[RX_SERIES_MAX_MONTHS], nm;
    if (rx_latest_months(d, RX_SERIES_MAX_MONTHS, months, &nm, e))
        return -1;
    char *store = nm ? rx_store_dir_of(d, e) : NULL;
    if (nm && !store)
        return e->kind ? -1 : 0;
    int rc = 0;
    for (int k = 0; k < nm && !rc; k++) {
        rx_month *m = NULL;
        double *ls = NULL;
        rx_result res[RX_NLEVELS];
        if (rx_month_open(store, months[k], &m, e) || rx_list_sizes_for(d, m, &ls, e) ||
            rx_measures_compute(m, ls, def, 1, res, e)) {
            rc = -1;
        } else {
            rx_series_point *p = &out->points[out->n++];
            p->month = months[k];
            memcpy(p->deciles, res[level].deciles, sizeof p->deciles);
            p->value = NAN;
            for (size_t i = 0; org && i < res[level].n; i++)
                if (strcmp(res[level].orgs[i].code, org) == 0) {
                    p->value = res[level].orgs[i].value;
                    snprintf(out->org, sizeof out->org, "%s", org);
                    snprintf(out->org_name, sizeof out->org_name, "%s", res[level].orgs[i].name);
                }
            for (int l = 0; l < RX_NLEVELS; l++)
                rx_result_free(&res[l]);
        }
        free(ls);
        rx_month_close(m);
    }
    free(store);
    return rc;
}
