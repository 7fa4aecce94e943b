#include "domain/fft_import.h"

#include "domain/entities.h"
#include "domain/indicator.h"
#include "stats/fft.h"
#include "util/csv.h"
#include "util/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    INDICATOR,
    ORGANISATION,
    SERVICE,
    PERIOD,
    VERY_GOOD,
    GOOD,
    NEITHER,
    POOR,
    VERY_POOR,
    DONT_KNOW,
    NCOLS
};

static const char *const columns[NCOLS] = {
    "indicator", "organisation", "service", "period",    "very_good",
    "good",      "neither",      "poor",    "very_poor", "dont_know",
};

typedef struct converter {
    db *d;
    int at[NCOLS]; /* field index of each column, -1 when absent */
    long line;     /* lines written to out so far */
    strbuf out;    /* the observations CSV */
} converter;

static int header(converter *c, const csv_record *rec, err *e)
{
    for (int k = 0; k < NCOLS; k++)
        c->at[k] = -1;
    for (size_t i = 0; i < rec->count; i++) {
        int k = 0;
        while (k < NCOLS && strcmp(rec->fields[i], columns[k]) != 0)
            k++;
        if (k == NCOLS)
            return err_user(e,
                            "%ld: unknown column '%.64s'; the columns are: indicator, "
                            "organisation, service, period, very_good, good, neither, poor, "
                            "very_poor, dont_know",
                            rec->line, rec->fields[i]);
        c->at[k] = (int)i;
    }
    for (int k = 0; k < NCOLS; k++)
        if (c->at[k] < 0 && k != ORGANISATION && k != SERVICE)
            return err_user(e, "%ld: the column '%s' is missing", rec->line, columns[k]);
    strbuf_adds(&c->out, "indicator,organisation,service,period,numerator,denominator,note\n");
    c->line = 1;
    return 0;
}

static const char *field(const converter *c, const csv_record *rec, int k)
{
    int i = c->at[k];
    return i >= 0 && (size_t)i < rec->count ? rec->fields[i] : "";
}

static int fail(long line, const char *column, const char *value, err *e, const char *what)
{
    err_user(e, "%ld: column '%s': value '%.64s': %s", line, column, value, what);
    err_at(e, line, column);
    return -1;
}

static int count(const converter *c, const csv_record *rec, int k, double *out, err *e)
{
    const char *v = field(c, rec, k);
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < 0)
        return fail(rec->line, columns[k], v, e, "expected a whole number of answers, 0 or more");
    *out = (double)n;
    return 0;
}

/* The indicator must be a proportion, or the score would be stored as something else. */
static int check_indicator(const converter *c, const csv_record *rec, err *e)
{
    const char *code = field(c, rec, INDICATOR);
    indicator_info ind;
    int found;
    if (indicator_lookup(c->d, code, &ind, &found, e))
        return -1;
    if (found && strcmp(ind.type, "proportion") != 0)
        return fail(rec->line, "indicator", code, e,
                    "FFT answers score a proportion indicator (% positive), not a rate or mean");
    return 0; /* an unknown one is reported by the observations import, naming the column */
}

static void csv_field(strbuf *b, const char *s, int last)
{
    strbuf_adds(b, "\"");
    for (; *s; s++) {
        if (*s == '"')
            strbuf_adds(b, "\"");
        strbuf_addf(b, "%c", *s);
    }
    strbuf_adds(b, last ? "\"\n" : "\",");
}

static int row(void *ctx, const csv_record *rec, err *e)
{
    converter *c = ctx;
    if (csv_record_no_nul(rec, e))
        return -1;
    if (c->line == 0)
        return header(c, rec, e);
    fft_counts n;
    double *slots[] = {&n.very_good, &n.good, &n.neither, &n.poor, &n.very_poor, &n.dont_know};
    for (int k = VERY_GOOD; k <= DONT_KNOW; k++)
        if (count(c, rec, k, slots[k - VERY_GOOD], e))
            return -1;
    if (fft_total(&n) == 0)
        return fail(rec->line, "dont_know", field(c, rec, DONT_KNOW), e,
                    "no answers in the row: a score needs at least one");
    if (check_indicator(c, rec, e))
        return -1;
    /* Blank lines keep each observation on its source line, so the observations import's
     * messages name the line the user wrote. */
    while (c->line + 1 < rec->line) {
        strbuf_adds(&c->out, "\n");
        c->line++;
    }
    csv_field(&c->out, field(c, rec, INDICATOR), 0);
    csv_field(&c->out, field(c, rec, ORGANISATION), 0);
    csv_field(&c->out, field(c, rec, SERVICE), 0);
    csv_field(&c->out, field(c, rec, PERIOD), 0);
    strbuf_addf(&c->out, "%.0f,%.0f,", n.very_good + n.good, fft_total(&n));
    char note[96];
    snprintf(note, sizeof note, "FFT: %.0f answers, %.0f don't know", fft_total(&n), n.dont_know);
    csv_field(&c->out, note, 1);
    c->line = rec->line;
    return 0;
}

/* Converts what read() fed through row() into observations and imports them. */
static int finish(converter *c, int rc, const char *name, const import_options *opt,
                  import_stats *stats, err *e)
{
    if (!rc && c->line == 0)
        rc = err_user(e, "%s: the file is empty: it needs a header row", name);
    if (!rc)
        rc = import_buffer_with(c->d, &observation_def, name, c->out.buf ? c->out.buf : "",
                                c->out.len, opt, stats, e);
    strbuf_free(&c->out);
    return rc;
}

int fft_import_buffer_with(db *d, const char *name, const char *data, size_t len,
                           const import_options *opt, import_stats *stats, err *e)
{
    converter c = {.d = d, .out = STRBUF_INIT};
    return finish(&c, csv_read_buffer(name, data, len, row, &c, e), name, opt, stats, e);
}

int fft_import_buffer(db *d, const char *name, const char *data, size_t len, const char *actor,
                      import_stats *stats, err *e)
{
    return fft_import_buffer_with(d, name, data, len, &(import_options){.actor = actor}, stats, e);
}

int fft_import_file(db *d, const char *path, const char *actor, import_stats *stats, err *e)
{
    converter c = {.d = d, .out = STRBUF_INIT};
    return finish(&c, csv_read_file(path, row, &c, e), path, &(import_options){.actor = actor},
                  stats, e);
}
