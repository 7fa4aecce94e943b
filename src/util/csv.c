#include "util/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum state {
    FIELD_START, /* at the start of a field */
    UNQUOTED,    /* inside an unquoted field */
    QUOTED,      /* inside a quoted field */
    QUOTE_SEEN,  /* a quote inside a quoted field: end of field, or the first of a pair */
    AFTER_CR,    /* a CR ended the record; swallow a following LF */
};

struct csv_reader {
    csv_record_fn fn;
    void *ctx;
    enum state state;
    long line;        /* current physical line */
    long record_line; /* line where the current record started */
    int bom_checked;
    size_t bom_seen; /* bytes of a possible BOM matched so far */
    int in_record;   /* some byte of the current record has been read */
    /* Fields of the current record, back to back in `text`, each NUL-terminated. */
    char *text;
    size_t text_len, text_cap;
    size_t field_start;
    size_t *offsets, *lens;
    size_t count;
    const char **ptrs;
};

csv_reader *csv_new(csv_record_fn fn, void *ctx)
{
    csv_reader *r = xcalloc(1, sizeof *r);
    r->fn = fn;
    r->ctx = ctx;
    r->line = 1;
    r->record_line = 1;
    r->offsets = xmalloc(CSV_MAX_FIELDS * sizeof *r->offsets);
    r->lens = xmalloc(CSV_MAX_FIELDS * sizeof *r->lens);
    r->ptrs = xmalloc(CSV_MAX_FIELDS * sizeof *r->ptrs);
    return r;
}

void csv_free(csv_reader *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->offsets);
    free(r->lens);
    free(r->ptrs);
    free(r);
}

static int put(csv_reader *r, char c, err *e)
{
    if (r->text_len - r->field_start >= CSV_MAX_FIELD)
        return err_user(e, "%ld: field %zu is longer than %u bytes", r->record_line, r->count + 1,
                        CSV_MAX_FIELD);
    if (r->text_len + 2 > r->text_cap) {
        r->text_cap = r->text_cap ? r->text_cap * 2 : 4096;
        r->text = xrealloc(r->text, r->text_cap);
    }
    r->text[r->text_len++] = c;
    return 0;
}

static int end_field(csv_reader *r, err *e)
{
    if (r->count >= CSV_MAX_FIELDS)
        return err_user(e, "%ld: more than %d fields in one record", r->record_line,
                        CSV_MAX_FIELDS);
    if (put(r, '\0', e))
        return -1;
    r->offsets[r->count] = r->field_start;
    r->lens[r->count] = r->text_len - 1 - r->field_start;
    r->count++;
    r->field_start = r->text_len;
    return 0;
}

static int end_record(csv_reader *r, err *e)
{
    int rc = 0;
    if (end_field(r, e))
        return -1;
    int blank = r->count == 1 && r->lens[0] == 0 && !r->in_record;
    if (!blank) {
        for (size_t i = 0; i < r->count; i++)
            r->ptrs[i] = r->text + r->offsets[i];
        csv_record rec = {r->record_line, r->count, r->ptrs, r->lens};
        rc = r->fn(r->ctx, &rec, e);
    }
    r->count = 0;
    r->text_len = 0;
    r->field_start = 0;
    r->in_record = 0;
    return rc;
}

/* Bytes that only started like a byte-order mark (EF, or EF BB, then something else: U+FEF6
 * is EF BB B6) are text like any other: they begin the first field. */
static int bom_start_is_data(csv_reader *r, err *e)
{
    static const char start[2] = {'\xEF', '\xBB'};
    for (size_t k = 0; k < r->bom_seen; k++) /* 1 or 2 */
        if (put(r, start[k], e))
            return -1;
    r->in_record = 1;
    r->state = UNQUOTED;
    return 0;
}

/* Skips a leading UTF-8 byte-order mark, even when it arrives split across chunks. */
static size_t skip_bom(csv_reader *r, const char *data, size_t n)
{
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    size_t i = 0;
    while (!r->bom_checked && i < n) {
        if ((unsigned char)data[i] != bom[r->bom_seen]) {
            r->bom_checked = 1;
            break;
        }
        i++;
        if (++r->bom_seen == 3)
            r->bom_checked = 1;
    }
    return i;
}

int csv_feed(csv_reader *r, const char *data, size_t n, err *e)
{
    size_t i = 0;
    if (!r->bom_checked) {
        i = skip_bom(r, data, n);
        if (r->bom_checked && r->bom_seen > 0 && r->bom_seen < 3 && bom_start_is_data(r, e))
            return -1;
    }
    for (; i < n; i++) {
        char c = data[i];
        switch (r->state) {
        case AFTER_CR:
            r->state = FIELD_START;
            if (c == '\n')
                break;
            /* a lone CR ended the record and c starts the next */
            __attribute__((fallthrough));
        case FIELD_START:
            if (r->count == 0 && !r->in_record)
                r->record_line = r->line;
            if (c == '"') {
                r->state = QUOTED;
                r->in_record = 1;
            } else if (c == ',') {
                r->in_record = 1;
                if (end_field(r, e))
                    return -1;
            } else if (c == '\n' || c == '\r') {
                r->line++;
                if (end_record(r, e))
                    return -1;
                r->state = c == '\r' ? AFTER_CR : FIELD_START;
            } else {
                r->in_record = 1;
                if (put(r, c, e))
                    return -1;
                r->state = UNQUOTED;
            }
            break;
        case UNQUOTED:
            if (c == ',') {
                if (end_field(r, e))
                    return -1;
                r->state = FIELD_START;
            } else if (c == '\n' || c == '\r') {
                r->line++;
                if (end_record(r, e))
                    return -1;
                r->state = c == '\r' ? AFTER_CR : FIELD_START;
            } else if (c == '"') {
                return err_user(e,
                                "%ld: field %zu: a quote inside an unquoted field (quote "
                                "the whole field and double the quote: \"a \"\"b\"\"\")",
                                r->line, r->count + 1);
            } else if (put(r, c, e)) {
                return -1;
            }
            break;
        case QUOTED:
            if (c == '"') {
                r->state = QUOTE_SEEN;
            } else {
                if (c == '\n')
                    r->line++;
                if (put(r, c, e))
                    return -1;
            }
            break;
        case QUOTE_SEEN:
            if (c == '"') {
                if (put(r, '"', e))
                    return -1;
                r->state = QUOTED;
            } else if (c == ',') {
                if (end_field(r, e))
                    return -1;
                r->state = FIELD_START;
            } else if (c == '\n' || c == '\r') {
                r->line++;
                if (end_record(r, e))
                    return -1;
                r->state = c == '\r' ? AFTER_CR : FIELD_START;
            } else {
                return err_user(e, "%ld: field %zu: text after the closing quote", r->line,
                                r->count + 1);
            }
            break;
        }
    }
    return 0;
}

int csv_finish(csv_reader *r, err *e)
{
    if (!r->bom_checked && r->bom_seen > 0 && bom_start_is_data(r, e)) /* input ended inside it */
        return -1;
    if (r->state == QUOTED)
        return err_user(e, "%ld: a quoted field is never closed (missing '\"')", r->record_line);
    if (r->state == AFTER_CR || (r->state == FIELD_START && r->count == 0 && !r->in_record))
        return 0;
    return end_record(r, e);
}

int csv_record_no_nul(const csv_record *rec, err *e)
{
    for (size_t i = 0; i < rec->count; i++)
        if (strlen(rec->fields[i]) != rec->lens[i])
            return err_user(e, "%ld: field %zu holds a NUL byte (is it a text file?)", rec->line,
                            i + 1);
    return 0;
}

/* "57: msg" becomes "PATH:57: msg", the form editors and terminals jump to. */
static void prefix_name(err *e, const char *name)
{
    if (!e || strncmp(e->msg, name, strlen(name)) == 0)
        return;
    int numbered = e->msg[0] >= '0' && e->msg[0] <= '9';
    if (numbered && e->line == 0)
        e->line = strtol(e->msg, NULL, 10);
    err_prefix(e, numbered ? "%s:" : "%s: ", name);
}

int csv_read_buffer(const char *name, const char *data, size_t n, csv_record_fn fn, void *ctx,
                    err *e)
{
    csv_reader *r = csv_new(fn, ctx);
    int rc = csv_feed(r, data, n, e);
    if (!rc)
        rc = csv_finish(r, e);
    csv_free(r);
    if (rc)
        prefix_name(e, name);
    return rc;
}

int csv_read_file(const char *path, csv_record_fn fn, void *ctx, err *e)
{
    int from_stdin = strcmp(path, "-") == 0;
    FILE *f = from_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return err_user(e, "%s: cannot open: %s", path, strerror(errno));
    csv_reader *r = csv_new(fn, ctx);
    char buf[1 << 16];
    int rc = 0;
    size_t n;
    while (!rc && (n = fread(buf, 1, sizeof buf, f)) > 0)
        rc = csv_feed(r, buf, n, e);
    if (!rc && ferror(f))
        rc = err_user(e, "cannot read: %s", strerror(errno));
    if (!rc)
        rc = csv_finish(r, e);
    csv_free(r);
    if (!from_stdin)
        fclose(f);
    if (rc)
        prefix_name(e, path);
    return rc;
}
