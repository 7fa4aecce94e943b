/* analysis_svg: the charts of an analysis (domain/analysis.h), titled from its
 * indicator and subject, as complete SVG documents appended to a strbuf. */
#ifndef UNLOCK_REPORT_ANALYSIS_SVG_H
#define UNLOCK_REPORT_ANALYSIS_SVG_H

#include "domain/analysis.h"
#include "util/strbuf.h"

int report_spc_svg(const spc_analysis *a, strbuf *out, err *e);
int report_funnel_svg(const funnel_analysis *a, strbuf *out, err *e);
/* One indicator's spine, one row per organisation, each marker coloured by its three-tier
 * comparison with the benchmark. */
int report_compare_svg(const compare_analysis *a, strbuf *out, err *e);

#endif
