#include "cli/output.h"

#include "cli/cli.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

int output_svg(const char *path, int drawn, strbuf *svg, err *e)
{
    int rc = drawn ? -1 : file_write_atomic(path, svg->buf, svg->len, e);
    strbuf_free(svg);
    return rc;
}

#define CELL_MAX 48 /* wider values are cut with "..." so rows stay on one line */

struct output_table {
    const entity_def *def;
    char **cells; /* rows × nlist */
    size_t rows, cap;
};

output_table *output_table_new(const entity_def *def)
{
    output_table *t = xcalloc(1, sizeof *t);
    t->def = def;
    return t;
}

int output_table_add(void *table, const entity_record *rec, err *e)
{
    (void)e;
    output_table *t = table;
    int n = t->def->nlist;
    if (t->rows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->cells = xrealloc(t->cells, t->cap * (size_t)n * sizeof *t->cells);
    }
    for (int c = 0; c < n; c++) {
        const char *v = rec->values[t->def->list_fields[c]];
        char *cell = xstrdup(v ? v : "");
        for (char *p = cell; *p; p++)
            if (*p == '\n' || *p == '\t')
                *p = ' ';
        if (strlen(cell) > CELL_MAX)
            strcpy(cell + CELL_MAX - 3, "...");
        t->cells[t->rows * (size_t)n + (size_t)c] = cell;
    }
    t->rows++;
    return 0;
}

/* Display width: UTF-8 continuation bytes take no column. */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

void output_table_print(output_table *t, FILE *out)
{
    int n = t->def->nlist;
    int w[6];
    for (int c = 0; c < n; c++)
        w[c] = width(t->def->fields[t->def->list_fields[c]].column);
    for (size_t r = 0; r < t->rows; r++)
        for (int c = 0; c < n; c++) {
            int cw = width(t->cells[r * (size_t)n + (size_t)c]);
            if (cw > w[c])
                w[c] = cw;
        }
    for (int c = 0; c < n; c++) {
        const char *h = t->def->fields[t->def->list_fields[c]].column;
        fprintf(out, "%s%-*s", c ? "  " : "", c == n - 1 ? 0 : w[c], h);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->rows; r++) {
        for (int c = 0; c < n; c++) {
            const char *cell = t->cells[r * (size_t)n + (size_t)c];
            int pad = c == n - 1 ? 0 : w[c] - width(cell);
            fprintf(out, "%s%s%*s", c ? "  " : "", cell, pad, "");
        }
        fputc('\n', out);
    }
    fprintf(out, "(%zu %s)\n", t->rows, t->rows == 1 ? t->def->singular : t->def->kind);
}

void output_table_free(output_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->rows * (size_t)t->def->nlist; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t);
}

void output_csv_header(const entity_def *def, FILE *out)
{
    for (int i = 0; i < def->nfields; i++)
        fprintf(out, "%s%s", i ? "," : "", def->fields[i].column);
    fputc('\n', out);
}

int output_csv_row(void *file, const entity_record *rec, err *e)
{
    (void)e;
    strbuf line = STRBUF_INIT;
    for (int i = 0; i < rec->def->nfields; i++) {
        if (i)
            strbuf_addc(&line, ',');
        strbuf_add_csv_field(&line, rec->values[i]);
    }
    strbuf_addc(&line, '\n');
    fwrite(line.buf, 1, line.len, file);
    strbuf_free(&line);
    return 0;
}

void output_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    fputc('\n', stdout);
    json_decref(j);
}

int output_result(int rc, const err *e, json_t *v, int as_json, void (*print)(json_t *v))
{
    if (rc)
        return cli_fail(e);
    if (as_json) {
        output_json(v);
        return 0;
    }
    print(v);
    json_decref(v);
    return 0;
}
