/* A small well-formedness check for the SVG the report tests produce: tags nest and match,
 * attribute values are quoted, '&' only starts a known entity, '<' never appears in text or
 * attributes. Returns NULL when well formed, else a static description of the first problem. */
#ifndef UNLOCK_TESTS_REPORT_XMLCHECK_H
#define UNLOCK_TESTS_REPORT_XMLCHECK_H

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static inline int xml_entity_ok(const char *p)
{
    static const char *const names[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strncmp(p, names[i], strlen(names[i])) == 0)
            return 1;
    if (p[1] == '#') {
        const char *q = p + 2;
        while (isdigit((unsigned char)*q))
            q++;
        return q > p + 2 && *q == ';';
    }
    return 0;
}

static inline const char *xml_check(const char *s)
{
    static char msg[160];
    char stack[64][32];
    int depth = 0;
    const char *p = s;
    while (*p) {
        if (*p == '&' && !xml_entity_ok(p))
            return "bare & in text";
        if (*p == '>')
            return "bare > in text";
        if (*p != '<') {
            p++;
            continue;
        }
        if (strncmp(p, "<!--", 4) == 0) {
            const char *end = strstr(p, "-->");
            if (!end)
                return "unclosed comment";
            p = end + 3;
            continue;
        }
        int closing = p[1] == '/';
        const char *name = p + (closing ? 2 : 1);
        size_t len =
            strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:");
        if (len == 0 || len >= sizeof stack[0])
            return "bad tag name";
        const char *q = name + len;
        char quote = 0;
        while (*q && (quote || *q != '>')) {
            if (quote) {
                if (*q == quote)
                    quote = 0;
                else if (*q == '<')
                    return "< inside an attribute";
                else if (*q == '&' && !xml_entity_ok(q))
                    return "bare & inside an attribute";
            } else if (*q == '"' || *q == '\'') {
                if (q[-1] != '=')
                    return "quote not after =";
                quote = *q;
            } else if (*q == '=' && q[1] != '"' && q[1] != '\'') {
                return "unquoted attribute";
            } else if (*q == '<') {
                return "< inside a tag";
            }
            q++;
        }
        if (!*q)
            return "unclosed tag";
        int self = q[-1] == '/';
        if (closing) {
            if (depth == 0 || strncmp(stack[depth - 1], name, len) != 0 ||
                stack[depth - 1][len] != '\0') {
                snprintf(msg, sizeof msg, "closing </%.*s> does not match <%s>", (int)len, name,
                         depth ? stack[depth - 1] : "(nothing)");
                return msg;
            }
            depth--;
        } else if (!self) {
            if (depth == 64)
                return "too deep";
            memcpy(stack[depth], name, len);
            stack[depth][len] = '\0';
            depth++;
        }
        p = q + 1;
    }
    if (depth != 0) {
        snprintf(msg, sizeof msg, "<%s> is never closed", stack[depth - 1]);
        return msg;
    }
    return NULL;
}

/* How many times needle occurs in haystack. */
static inline size_t count_of(const char *haystack, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = strstr(haystack, needle); p; p = strstr(p + len, needle))
        n++;
    return n;
}

/* The text content of the first element whose start tag contains marker (e.g.
 * "class=\"worst\""), copied into out; "" when there is none. */
static inline const char *text_of(const char *s, const char *marker, char *out, size_t size)
{
    out[0] = '\0';
    const char *p = strstr(s, marker);
    if (!p || !(p = strchr(p, '>')))
        return out;
    p++;
    size_t n = strcspn(p, "<");
    if (n >= size)
        n = size - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    return out;
}

#endif
