/* fuzz csv: the chunk-fed CSV reader (util/csv.h).
 *
 * Three readings of one input must agree: the whole buffer at once, the same bytes fed in
 * small uneven chunks (a record or a byte-order mark split anywhere), and, when the input is
 * accepted, the records written back out as CSV and read again. */
#include "fuzz.h"

#include "util/csv.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reading {
    strbuf digest;    /* every record: line, field count, then each field's length and bytes */
    strbuf rewritten; /* the records as CSV again (records holding a NUL byte are left out) */
    int rewritable;
} reading;

static int keep(void *ctx, const csv_record *rec, err *e)
{
    (void)e;
    reading *r = ctx;
    strbuf_addf(&r->digest, "%ld:%zu", rec->line, rec->count);
    int has_nul = 0;
    for (size_t i = 0; i < rec->count; i++) {
        strbuf_addf(&r->digest, "|%zu:", rec->lens[i]);
        strbuf_add(&r->digest, rec->fields[i], rec->lens[i]);
        has_nul |= strlen(rec->fields[i]) != rec->lens[i];
    }
    strbuf_addc(&r->digest, '\n');
    /* A record of one empty field is a blank line, which the reader skips. */
    if (has_nul || (rec->count == 1 && rec->lens[0] == 0)) {
        r->rewritable = 0;
        return 0;
    }
    for (size_t i = 0; i < rec->count; i++) {
        if (i)
            strbuf_addc(&r->rewritten, ',');
        strbuf_add_csv_field(&r->rewritten, rec->fields[i]);
    }
    strbuf_addc(&r->rewritten, '\n');
    return 0;
}

static void reading_free(reading *r)
{
    strbuf_free(&r->digest);
    strbuf_free(&r->rewritten);
}

static int read_chunked(const uint8_t *data, size_t size, reading *r, err *e)
{
    static const size_t steps[] = {1, 2, 3, 5, 8, 13, 21, 4096};
    csv_reader *cr = csv_new(keep, r);
    int rc = 0;
    for (size_t at = 0, k = 0; !rc && at < size; k++) {
        size_t n = steps[k % (sizeof steps / sizeof steps[0])];
        if (n > size - at)
            n = size - at;
        rc = csv_feed(cr, (const char *)data + at, n, e);
        at += n;
    }
    if (!rc)
        rc = csv_finish(cr, e);
    csv_free(cr);
    if (rc)
        err_prefix(e, "fuzz.csv:"); /* as csv_read_buffer names its numbered errors */
    return rc;
}

static void must_agree(const char *what, const strbuf *a, const strbuf *b)
{
    if (strcmp(strbuf_str(a), strbuf_str(b)) == 0 && a->len == b->len)
        return;
    fprintf(stderr, "fuzz csv: %s differ:\n--- first\n%s\n--- then\n%s\n", what, strbuf_str(a),
            strbuf_str(b));
    abort();
}

int fuzz_csv(const uint8_t *data, size_t size, err *e)
{
    reading whole = {STRBUF_INIT, STRBUF_INIT, 1}, chunked = {STRBUF_INIT, STRBUF_INIT, 1};
    int rc = csv_read_buffer("fuzz.csv", (const char *)data, size, keep, &whole, e);
    err ce = {0};
    int crc = read_chunked(data, size, &chunked, &ce);
    if (rc != crc || (rc && strcmp(e->msg, ce.msg) != 0)) {
        fprintf(stderr, "fuzz csv: whole and chunked readings end differently: '%s' / '%s'\n",
                rc ? e->msg : "accepted", crc ? ce.msg : "accepted");
        abort();
    }
    must_agree("whole and chunked records", &whole.digest, &chunked.digest);
    if (!rc && whole.rewritable) {
        reading again = {STRBUF_INIT, STRBUF_INIT, 1};
        err ae = {0};
        if (csv_read_buffer("rewritten.csv", whole.rewritten.buf ? whole.rewritten.buf : "",
                            whole.rewritten.len, keep, &again, &ae)) {
            fprintf(stderr, "fuzz csv: the records written back do not read: %s\n", ae.msg);
            abort();
        }
        must_agree("records written back and read again", &whole.rewritten, &again.rewritten);
        reading_free(&again);
    }
    reading_free(&whole);
    reading_free(&chunked);
    return rc;
}
