/* chart_experience: the charts of experience-led commissioning, drawn from the JSON the
 * domain gives (domain/experience.h), so the CLI, the API and the pages draw the same thing.
 *
 * - chart_trajectory_svg(): a goal's actual values against its straight path from baseline
 *   to target (grey dashed), the target as a red dashed line, the status in words.
 * - chart_emotion_svg(): an emotional map: the pathway's stages left to right in the order
 *   they come in people's stories, the mean feeling of each from -2 to +2 about a zero line,
 *   with the number of touchpoints and the words people used most.
 * Text stays text. Each appends one <svg> document to out; -1 with a user error when there is
 * nothing to draw. */
#ifndef UNLOCK_REPORT_CHART_EXPERIENCE_H
#define UNLOCK_REPORT_CHART_EXPERIENCE_H

#include "util/err.h"
#include "util/strbuf.h"

#include <jansson.h>

int chart_trajectory_svg(const json_t *goal, strbuf *out, err *e);
int chart_emotion_svg(const json_t *map, strbuf *out, err *e);

#endif
