#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void svg_num(strbuf *b, double v)
{
    if (!isfinite(v)) {
        strbuf_addc(b, '0');
        return;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.2f", v);
    char *dot = strchr(tmp, '.');
    if (dot) {
        char *end = tmp + strlen(tmp) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(tmp, "-0") == 0)
        strcpy(tmp, "0");
    strbuf_adds(b, tmp);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not valid. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    unsigned cp = c & (0x7f >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

void svg_text_escaped(strbuf *b, const char *text)
{
    if (!text)
        return;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        unsigned c = *p;
        switch (c) {
        case '&':
            strbuf_adds(b, "&amp;");
            p++;
            continue;
        case '<':
            strbuf_adds(b, "&lt;");
            p++;
            continue;
        case '>':
            strbuf_adds(b, "&gt;");
            p++;
            continue;
        case '"':
            strbuf_adds(b, "&quot;");
            p++;
            continue;
        case '\'':
            strbuf_adds(b, "&#39;");
            p++;
            continue;
        default:
            break;
        }
        if (c < 0x20 && c != '\t' && c != '\n') {
            p++;
            continue;
        }
        if (c == 0x7f) {
            p++;
            continue;
        }
        size_t n = utf8_len(p);
        if (n == 0) {
            strbuf_adds(b, "\xef\xbf\xbd");
            p++;
            continue;
        }
        strbuf_add(b, (const char *)p, n);
        p += n;
    }
}

void svg_begin(strbuf *b, double width, double height, const char *title, const char *desc)
{
    strbuf_adds(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    svg_num(b, width);
    strbuf_adds(b, "\" height=\"");
    svg_num(b, height);
    strbuf_adds(b, "\" viewBox=\"0 0 ");
    svg_num(b, width);
    strbuf_addc(b, ' ');
    svg_num(b, height);
    strbuf_adds(b, "\" role=\"img\" font-family=\"Arial, Helvetica, sans-serif\">\n<title>");
    svg_text_escaped(b, title);
    strbuf_adds(b, "</title>\n");
    if (desc) {
        strbuf_adds(b, "<desc>");
        svg_text_escaped(b, desc);
        strbuf_adds(b, "</desc>\n");
    }
    svg_rect(b, 0, 0, width, height, "#ffffff", NULL, "background");
}

void svg_end(strbuf *b)
{
    strbuf_adds(b, "</svg>\n");
}

static void attr_cls(strbuf *b, const char *cls)
{
    if (cls && cls[0]) {
        strbuf_adds(b, " class=\"");
        svg_text_escaped(b, cls);
        strbuf_addc(b, '"');
    }
}

void svg_group_begin(strbuf *b, const char *cls)
{
    strbuf_adds(b, "<g");
    attr_cls(b, cls);
    strbuf_adds(b, ">\n");
}

void svg_group_end(strbuf *b)
{
    strbuf_adds(b, "</g>\n");
}

static void stroke_attrs(strbuf *b, const char *stroke, double width, const char *dash)
{
    strbuf_adds(b, " stroke=\"");
    svg_text_escaped(b, stroke ? stroke : "none");
    strbuf_adds(b, "\" stroke-width=\"");
    svg_num(b, width);
    strbuf_addc(b, '"');
    if (dash) {
        strbuf_adds(b, " stroke-dasharray=\"");
        svg_text_escaped(b, dash);
        strbuf_addc(b, '"');
    }
}

void svg_line(strbuf *b, double x1, double y1, double x2, double y2, const char *stroke,
              double width, const char *dash, const char *cls)
{
    strbuf_adds(b, "<line");
    attr_cls(b, cls);
    strbuf_adds(b, " x1=\"");
    svg_num(b, x1);
    strbuf_adds(b, "\" y1=\"");
    svg_num(b, y1);
    strbuf_adds(b, "\" x2=\"");
    svg_num(b, x2);
    strbuf_adds(b, "\" y2=\"");
    svg_num(b, y2);
    strbuf_addc(b, '"');
    stroke_attrs(b, stroke, width, dash);
    strbuf_adds(b, "/>\n");
}

void svg_polyline(strbuf *b, const double *xs, const double *ys, size_t n, const char *stroke,
                  double width, const char *dash, const char *cls)
{
    strbuf_adds(b, "<polyline");
    attr_cls(b, cls);
    strbuf_adds(b, " fill=\"none\" points=\"");
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(xs[i]) || !isfinite(ys[i]))
            continue;
        if (!first)
            strbuf_addc(b, ' ');
        svg_num(b, xs[i]);
        strbuf_addc(b, ',');
        svg_num(b, ys[i]);
        first = 0;
    }
    strbuf_addc(b, '"');
    stroke_attrs(b, stroke, width, dash);
    strbuf_adds(b, "/>\n");
}

void svg_rect(strbuf *b, double x, double y, double w, double h, const char *fill,
              const char *stroke, const char *cls)
{
    strbuf_adds(b, "<rect");
    attr_cls(b, cls);
    strbuf_adds(b, " x=\"");
    svg_num(b, x);
    strbuf_adds(b, "\" y=\"");
    svg_num(b, y);
    strbuf_adds(b, "\" width=\"");
    svg_num(b, w < 0 ? 0 : w);
    strbuf_adds(b, "\" height=\"");
    svg_num(b, h < 0 ? 0 : h);
    strbuf_adds(b, "\" fill=\"");
    svg_text_escaped(b, fill ? fill : "none");
    strbuf_addc(b, '"');
    if (stroke) {
        strbuf_adds(b, " stroke=\"");
        svg_text_escaped(b, stroke);
        strbuf_addc(b, '"');
    }
    strbuf_adds(b, "/>\n");
}

void svg_circle(strbuf *b, double cx, double cy, double r, const char *fill, const char *stroke,
                const char *cls, const char *tooltip)
{
    strbuf_adds(b, "<circle");
    attr_cls(b, cls);
    strbuf_adds(b, " cx=\"");
    svg_num(b, cx);
    strbuf_adds(b, "\" cy=\"");
    svg_num(b, cy);
    strbuf_adds(b, "\" r=\"");
    svg_num(b, r);
    strbuf_adds(b, "\" fill=\"");
    svg_text_escaped(b, fill ? fill : "none");
    strbuf_addc(b, '"');
    if (stroke) {
        strbuf_adds(b, " stroke=\"");
        svg_text_escaped(b, stroke);
        strbuf_addc(b, '"');
    }
    if (tooltip) {
        strbuf_adds(b, "><title>");
        svg_text_escaped(b, tooltip);
        strbuf_adds(b, "</title></circle>\n");
    } else {
        strbuf_adds(b, "/>\n");
    }
}

void svg_text(strbuf *b, double x, double y, svg_anchor anchor, double size, const char *fill,
              int bold, double rotate, const char *cls, const char *text)
{
    static const char *const anchors[] = {"start", "middle", "end"};
    strbuf_adds(b, "<text");
    attr_cls(b, cls);
    strbuf_adds(b, " x=\"");
    svg_num(b, x);
    strbuf_adds(b, "\" y=\"");
    svg_num(b, y);
    strbuf_adds(b, "\" font-size=\"");
    svg_num(b, size);
    strbuf_adds(b, "\" text-anchor=\"");
    strbuf_adds(b, anchors[anchor <= SVG_END ? anchor : SVG_START]);
    strbuf_adds(b, "\" fill=\"");
    svg_text_escaped(b, fill ? fill : "#000000");
    strbuf_addc(b, '"');
    if (bold)
        strbuf_adds(b, " font-weight=\"bold\"");
    if (rotate != 0.0) {
        strbuf_adds(b, " transform=\"rotate(");
        svg_num(b, rotate);
        strbuf_addc(b, ' ');
        svg_num(b, x);
        strbuf_addc(b, ' ');
        svg_num(b, y);
        strbuf_adds(b, ")\"");
    }
    strbuf_addc(b, '>');
    svg_text_escaped(b, text);
    strbuf_adds(b, "</text>\n");
}

size_t svg_nice_ticks(double lo, double hi, size_t max_ticks, double *ticks)
{
    if (max_ticks < 2 || !isfinite(lo) || !isfinite(hi))
        return 0;
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (lo == hi) {
        double pad = lo == 0.0 ? 1.0 : fabs(lo) * 0.1;
        lo -= pad;
        hi += pad;
    }
    double raw = (hi - lo) / (double)(max_ticks - 1);
    double mag = pow(10.0, floor(log10(raw)));
    static const double steps[] = {1.0, 2.0, 2.5, 5.0, 10.0};
    double step = 10.0 * mag;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (steps[i] * mag >= raw) {
            step = steps[i] * mag;
            break;
        }
    double first = ceil(lo / step - 1e-9) * step;
    size_t n = 0;
    for (double t = first; t <= hi + step * 1e-9 && n < max_ticks; t = first + step * (double)n) {
        ticks[n++] = fabs(t) < step * 1e-9 ? 0.0 : t;
    }
    return n;
}

void svg_format_value(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", isnan(v) ? "n/a" : v > 0 ? "inf" : "-inf");
        return;
    }
    double a = fabs(v);
    if (a >= 10000) {
        /* Whole number with thousands separators. */
        char digits[64];
        snprintf(digits, sizeof digits, "%.0f", a);
        size_t nd = strlen(digits), k = 0;
        if (v < 0 && k + 1 < size)
            buf[k++] = '-';
        for (size_t i = 0; i < nd && k + 2 < size; i++) {
            if (i > 0 && (nd - i) % 3 == 0)
                buf[k++] = ',';
            buf[k++] = digits[i];
        }
        buf[k] = '\0';
        return;
    }
    if (a == 0.0) {
        snprintf(buf, size, "0");
        return;
    }
    int decimals = a >= 1000  ? 0
                   : a >= 100 ? 1
                   : a >= 10  ? 2
                   : a >= 1   ? 3
                              : 4 - (int)floor(log10(a)) - 1;
    if (decimals > 10)
        decimals = 10;
    snprintf(buf, size, "%.*f", decimals, v);
    /* Drop trailing zeros after the decimal point. */
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
}
