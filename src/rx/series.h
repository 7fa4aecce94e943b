/* rx series: one measure over the stored months at one level: the deciles of each month and,
 * when asked, one organisation's value in each, for the decile chart.
 *
 * Ownership: rx_measure_series fills a series that rx_series_free frees. */
#ifndef UNLOCK_RX_SERIES_H
#define UNLOCK_RX_SERIES_H

#include "rx/measure.h"

#define RX_SERIES_MAX_MONTHS 36

typedef struct rx_series_point {
    int month;
    double deciles[9];
    double value; /* the organisation's; NaN when it has none that month or none was asked for */
} rx_series_point;

typedef struct rx_series {
    const rx_measure_def *def;
    int level;
    char org[32], org_name[128]; /* "" when none was asked for, or it was never found */
    size_t n;
    rx_series_point points[RX_SERIES_MAX_MONTHS]; /* oldest first */
} rx_series;

/* The latest RX_SERIES_MAX_MONTHS stored months (rx/months.h). org may be NULL. */
int rx_measure_series(db *d, const rx_measure_def *def, int level, const char *org, rx_series *out,
                      err *e);

#endif
