/* markdown: Markdown (CommonMark) to HTML that is safe to put in a page.
 *
 * Notes people write are Markdown; they reach the browser and the conversation pack as HTML.
 * Raw HTML and javascript:/data: links in the input are never passed through (cmark's safe
 * mode), so a note cannot carry a script into someone else's page. */
#ifndef UNLOCK_UTIL_MARKDOWN_H
#define UNLOCK_UTIL_MARKDOWN_H

#include <stddef.h>

/* The HTML for text (NULL or "" gives ""). The caller owns the result (free()). */
char *markdown_to_safe_html(const char *text);

#endif
