/* chart_deciles: a prescribing measure's decile chart, as OpenPrescribing draws it: the nine
 * deciles of the organisations over the months, dashed blue lines with the median solid, and the
 * chosen organisation's values as a red line with points. Text is SVG text; elements carry
 * classes ("decile d10" ... "decile d90 median", "org-line", "org-point"). */
#ifndef UNLOCK_REPORT_CHART_DECILES_H
#define UNLOCK_REPORT_CHART_DECILES_H

#include "rx/series.h"
#include "util/err.h"
#include "util/strbuf.h"

/* Appends one <svg> document; -1 with a user error when the series has no months. */
int chart_deciles_svg(const rx_series *s, strbuf *out, err *e);

#endif
