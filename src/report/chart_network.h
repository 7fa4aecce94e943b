/* chart_network: the relationship map as an SVG drawing: organisations round a circle, their
 * people beside them, and a line between two people from different organisations for each
 * pair who have been in a conversation together (thicker for more conversations). Text stays
 * SVG <text>. */
#ifndef UNLOCK_REPORT_CHART_NETWORK_H
#define UNLOCK_REPORT_CHART_NETWORK_H

#include "util/err.h"
#include "util/strbuf.h"

#include <jansson.h>

/* Draws the network of relationships_network() (src/domain/relationships.h) into out. */
int chart_network_svg(json_t *network, strbuf *out, err *e);

#endif
