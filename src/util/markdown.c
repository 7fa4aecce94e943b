#include "util/markdown.h"

#include "util/err.h"

#include <cmark.h>
#include <string.h>

char *markdown_to_safe_html(const char *text)
{
    if (!text || !text[0])
        return xstrdup("");
    /* cmark 0.30 is safe by default (no CMARK_OPT_UNSAFE): raw HTML becomes a comment and
     * dangerous URLs are dropped. Named anyway, should a later default change. The result is
     * allocated with the default allocator, so free() releases it. */
    char *html = cmark_markdown_to_html(text, strlen(text), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
    return html ? html : xstrdup("");
}
