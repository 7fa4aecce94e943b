#include "domain/table_input.h"

#include "util/csv.h"
#include "util/strbuf.h"
#include "util/strmap.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const table_column *cols;
    int ncols;
    int have_header;
    int map[TABLE_INPUT_MAX_COLUMNS]; /* CSV position → column index */
    size_t cap;
    strmap keys; /* the key column's values seen, and their lines */
    table_input *out;
} reader;

static int header(reader *r, const csv_record *rec, err *e)
{
    int seen[TABLE_INPUT_MAX_COLUMNS] = {0};
    strbuf expected = STRBUF_INIT;
    for (int c = 0; c < r->ncols; c++)
        strbuf_addf(&expected, "%s%s", c ? "," : "", r->cols[c].name);
    int rc = 0;
    for (size_t i = 0; i < rec->count && !rc; i++) {
        int found = -1;
        for (int c = 0; c < r->ncols; c++)
            if (strcmp(rec->fields[i], r->cols[c].name) == 0)
                found = c;
        if (found < 0 || seen[found])
            rc =
                err_user(e, "%ld: %s column '%.100s'; the columns are %s", rec->line,
                         found < 0 ? "unknown" : "repeated", rec->fields[i], strbuf_str(&expected));
        else
            seen[found] = 1, r->map[i] = found;
    }
    for (int c = 0; c < r->ncols && !rc; c++)
        if (!seen[c])
            rc = err_user(e, "%ld: no column '%s'; the columns are %s", rec->line, r->cols[c].name,
                          strbuf_str(&expected));
    strbuf_free(&expected);
    r->have_header = 1;
    return rc;
}

/* A key must be there, and only once: two values for one period would make
 * the chart's order and moving ranges meaningless. */
static int key(reader *r, const table_column *col, long line, const char *s, err *e)
{
    if (!*s) {
        err_user(e, "%ld: column '%s': empty; every row needs one", line, col->name);
        err_at(e, line, col->name);
        return -1;
    }
    long first;
    if (strmap_get(&r->keys, s, &first)) {
        err_user(e, "%ld: column '%s': value '%.100s' is already on line %ld", line, col->name, s,
                 first);
        err_at(e, line, col->name);
        return -1;
    }
    strmap_put(&r->keys, s, line);
    return 0;
}

static int number(const table_column *col, long line, const char *s, double *out, err *e)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    int rc = 0;
    if (!*s || end == s || *end || errno == ERANGE || !isfinite(v) ||
        strspn(s, "+-0123456789.eE") != strlen(s))
        rc = err_user(e, "%ld: column '%s': value '%.100s': expected a number", line, col->name, s);
    else if (col->positive && v <= 0)
        rc = err_user(e, "%ld: column '%s': value '%.100s': expected a number more than 0", line,
                      col->name, s);
    if (rc)
        err_at(e, line, col->name);
    *out = v;
    return rc;
}

static int row(void *ctx, const csv_record *rec, err *e)
{
    reader *r = ctx;
    if (!r->have_header)
        return header(r, rec, e);
    table_input *t = r->out;
    if (rec->count != (size_t)r->ncols)
        return err_user(e, "%ld: %zu fields, but the header has %d columns", rec->line, rec->count,
                        r->ncols);
    if (t->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        for (int c = 0; c < r->ncols; c++) {
            t->text[c] = xrealloc(t->text[c], r->cap * sizeof *t->text[c]);
            t->num[c] = xrealloc(t->num[c], r->cap * sizeof *t->num[c]);
        }
        t->lines = xrealloc(t->lines, r->cap * sizeof *t->lines);
    }
    size_t i = t->n;
    for (int c = 0; c < r->ncols; c++) {
        t->text[c][i] = NULL;
        t->num[c][i] = 0;
    }
    t->lines[i] = rec->line;
    t->n++; /* counted first so a failure below frees this row's text too */
    for (size_t f = 0; f < rec->count; f++) {
        const table_column *col = &r->cols[r->map[f]];
        t->text[r->map[f]][i] = xstrdup(rec->fields[f]);
        if (col->numeric && number(col, rec->line, rec->fields[f], &t->num[r->map[f]][i], e))
            return -1;
        if (col->key && key(r, col, rec->line, rec->fields[f], e))
            return -1;
    }
    return 0;
}

int table_input_read(const char *path, const table_column *cols, int ncols, size_t min_rows,
                     table_input *out, err *e)
{
    memset(out, 0, sizeof *out);
    out->ncols = ncols;
    reader r = {.cols = cols, .ncols = ncols, .out = out};
    int rc = csv_read_file(path, row, &r, e);
    strmap_free(&r.keys);
    if (!rc && out->n < min_rows)
        rc = err_user(e, "%s: %zu data row%s; at least %zu are needed", path, out->n,
                      out->n == 1 ? "" : "s", min_rows);
    if (rc)
        table_input_free(out);
    return rc;
}

void table_input_free(table_input *t)
{
    for (int c = 0; c < t->ncols && c < TABLE_INPUT_MAX_COLUMNS; c++) {
        for (size_t i = 0; t->text[c] && i < t->n; i++)
            free(t->text[c][i]);
        free(t->text[c]);
        free(t->num[c]);
    }
    free(t->lines);
    memset(t, 0, sizeof *t);
}
