/* The conversation pack's stylesheet, inline so the pack is one self-contained file: A4 with
 * 12 mm margins, the NHS palette, charts scaled to their column, and sections that do not
 * split across the page break where they fit on one page. */
#include "report/pack_internal.h"

void pack_style(strbuf *b)
{
    strbuf_adds(
        b, "<style>\n"
           "@page { size: A4; margin: 12mm; }\n"
           "* { box-sizing: border-box; }\n"
           "html { background: #fff; }\n"
           "body { margin: 0 auto; max-width: 186mm; padding: 0; color: #212b32;\n"
           "  font: 9.5pt/1.35 Arial, Helvetica, sans-serif; overflow-wrap: anywhere; }\n"
           "@media screen { body { padding: 8mm 4mm; } }\n"
           "header { border-bottom: 3px solid #005eb8; margin-bottom: 3mm; padding-bottom: 2mm; }\n"
           "h1 { font-size: 15pt; margin: 0; color: #005eb8; }\n"
           "h2 { font-size: 11pt; margin: 3mm 0 1.5mm; color: #005eb8; }\n"
           "h3 { font-size: 9.5pt; margin: 0 0 1mm; }\n"
           "p, ul, ol { margin: 0 0 1.5mm; }\n"
           "ul, ol { padding-left: 5mm; }\n"
           ".meta { color: #4c6272; font-size: 8.5pt; }\n"
           "h2, h3 { break-after: avoid; }\n"
           ".charts { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm 4mm; }\n"
           ".chart { margin: 0; min-width: 0; break-inside: avoid; }\n"
           ".chart svg { display: block; width: 100%; height: auto; }\n"
           ".chart figcaption { font-size: 8pt; color: #4c6272; }\n"
           ".peers svg { display: block; width: 100%; height: auto; max-height: 52mm; }\n"
           ".opportunity, .conversation { margin-bottom: 2mm; break-inside: avoid; }\n"
           ".credibility { font-size: 8.5pt; color: #4c6272; }\n"
           ".overdue { color: #d5281b; font-weight: bold; }\n"
           "dl { margin: 0; display: grid; grid-template-columns: 24mm 1fr; gap: 0.5mm 2mm; }\n"
           "dt { font-weight: bold; }\n"
           "dd { margin: 0; }\n"
           ".questions li { margin-bottom: 1mm; }\n"
           "footer { margin-top: 3mm; border-top: 1px solid #d8dde0; padding-top: 1mm;\n"
           "  font-size: 7.5pt; color: #4c6272; }\n"
           "</style>\n");
}
