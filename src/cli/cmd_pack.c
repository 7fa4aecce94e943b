/* unlock pack: the conversation pack for one organisation, as print-ready HTML (and PDF through
 * headless Chromium). The command line is a commissioner's: every conversation is included. */
#include "cli/commands.h"

#include "report/pack.h"
#include "report/pack_pdf.h"
#include "util/file.h"

#include <stdio.h>

enum { P_SERVICE, P_OUT, P_PDF, P_TODAY, P_DB, P_COUNT };

int cmd_pack(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt o[P_COUNT] = {
        [P_SERVICE] = {"--service", "CODE", "one of the organisation's services to focus on", 0},
        [P_OUT] = {"--out", "FILE", "write the HTML to FILE (default: standard output)", 0},
        [P_PDF] = {"--pdf", "FILE", "also print it to a PDF with headless Chromium", 0},
        [P_TODAY] = {"--today", "DATE", "the pack's date, for what is overdue (YYYY-MM-DD)", 0},
        [P_DB] = CLI_DB_OPT,
    };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, o, P_COUNT, pos, 1, 1, &npos, &status))
        return status;
    err e = {0};
    char today[11];
    conversation_today(today);
    pack_request req = {.org = pos[0],
                        .service = o[P_SERVICE].value,
                        .today = o[P_TODAY].value ? o[P_TODAY].value : today,
                        .viewer = {.all = 1}};
    db *d = NULL;
    strbuf html = STRBUF_INIT;
    int rc = cli_open_db(o[P_DB].value, 0, &d, &e);
    if (!rc)
        rc = pack_html(d, &req, &html, &e);
    db_close(d);
    if (!rc && o[P_OUT].value)
        rc = file_write_atomic(o[P_OUT].value, html.buf, html.len, &e);
    if (!rc && o[P_PDF].value)
        rc = pack_print_pdf(html.buf, html.len, o[P_PDF].value, &e);
    if (!rc && !o[P_OUT].value && !o[P_PDF].value)
        fwrite(html.buf, 1, html.len, stdout);
    strbuf_free(&html);
    return rc ? cli_fail(&e) : 0;
}
