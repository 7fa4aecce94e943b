/* project_svg: an improvement project's measure as an SPC chart, its PDSA cycles' changes marked
 * where they took effect and the chart rebased where a cycle says so (domain/experience.h). */
#ifndef UNLOCK_REPORT_PROJECT_SVG_H
#define UNLOCK_REPORT_PROJECT_SVG_H

#include "db/db.h"
#include "util/strbuf.h"

/* A user error when the project is unknown or has no measure with data. */
int report_project_svg(db *d, const char *code, strbuf *out, err *e);

#endif
