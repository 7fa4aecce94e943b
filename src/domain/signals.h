/* signals: where things are changing and who stands out, across the whole
 * system: the answer the home page gives to "where are resources trapped, and
 * what is changing?". */
#ifndef UNLOCK_DOMAIN_SIGNALS_H
#define UNLOCK_DOMAIN_SIGNALS_H

#include "db/db.h"

#include <jansson.h>

/* {"spc":[{indicator,name,domain,org,org_name,variation,assurance,last_period,last_value}],
 *  "outliers":[{indicator,name,period,org,org_name,value,significance}]}: every series
 * whose last point is a special cause (SPC with the indicator's polarity), and every
 * organisation outside the 99.8% funnel limits in its indicator's latest period. */
int signals_build(db *d, json_t **out, err *e);

/* {"items":[{indicator,name,domain,polarity,last_period,last_value,variation,assurance}]}:
 * every indicator observed for one organisation or service, with its SPC icons. A code
 * that is neither is a not-found error. */
int signals_for_subject(db *d, const char *code, json_t **out, err *e);

#endif
