/* svg: a tiny SVG writer that appends elements to a strbuf.
 *
 * Every piece of text goes through svg_text_escaped(), which escapes XML's special characters,
 * drops control characters and replaces invalid UTF-8 with U+FFFD, so names from a CSV file can
 * never break the document. Numbers are written with at most two decimals and no trailing zeros.
 * Colours, dash patterns and class names are written as given: pass constants, not user input.
 * Text stays text (<text> elements), so charts can be read, searched and tested.
 *
 * Nothing here allocates except the strbuf's own growth; the caller owns the strbuf. */
#ifndef UNLOCK_REPORT_SVG_H
#define UNLOCK_REPORT_SVG_H

#include "util/strbuf.h"

#include <stddef.h>

/* Text anchors for svg_text(). */
typedef enum svg_anchor { SVG_START = 0, SVG_MIDDLE, SVG_END } svg_anchor;

/* Starts a document width x height (pixels) with a <title> and a <desc> for screen readers (desc
 * may be NULL), a white background and a default sans-serif font. */
void svg_begin(strbuf *b, double width, double height, const char *title, const char *desc);
void svg_end(strbuf *b);

/* Appends text with &, <, >, " and ' escaped, control characters (other than tab and newline)
 * dropped and invalid UTF-8 bytes replaced by U+FFFD. */
void svg_text_escaped(strbuf *b, const char *text);

/* Appends a coordinate or size: at most two decimals, no trailing zeros, "0" for NaN. */
void svg_num(strbuf *b, double v);

/* <g class="cls"> ... </g>; cls may be NULL. */
void svg_group_begin(strbuf *b, const char *cls);
void svg_group_end(strbuf *b);

/* A line; dash (e.g. "6 4") and cls may be NULL. */
void svg_line(strbuf *b, double x1, double y1, double x2, double y2, const char *stroke,
              double width, const char *dash, const char *cls);

/* An open polyline through n points; points with a NaN coordinate are skipped. */
void svg_polyline(strbuf *b, const double *xs, const double *ys, size_t n, const char *stroke,
                  double width, const char *dash, const char *cls);

/* A rectangle; fill and stroke may be NULL ("none"). */
void svg_rect(strbuf *b, double x, double y, double w, double h, const char *fill,
              const char *stroke, const char *cls);

/* A circle with an optional tooltip (<title> child; NULL for none). */
void svg_circle(strbuf *b, double cx, double cy, double r, const char *fill, const char *stroke,
                const char *cls, const char *tooltip);

/* Text at (x, y) (the baseline); bold when weight is nonzero; rotate degrees about (x, y). */
void svg_text(strbuf *b, double x, double y, svg_anchor anchor, double size, const char *fill,
              int bold, double rotate, const char *cls, const char *text);

/* "Nice" axis ticks covering [lo, hi]: at most max_ticks values of the form k x step, step one of
 * 1, 2, 2.5 or 5 x 10^n, written into ticks; returns how many. lo == hi gets a range around it. */
size_t svg_nice_ticks(double lo, double hi, size_t max_ticks, double *ticks);

/* Formats a value for an axis or a label: up to 4 significant figures, thousands separators for
 * large values, no exponent for ordinary magnitudes. */
void svg_format_value(double v, char *buf, size_t size);

#endif
