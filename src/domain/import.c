#include "domain/import.h"

#include "domain/alert.h"
#include "domain/store.h"
#include "util/csv.h"
#include "util/strbuf.h"
#include "util/strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A reference to a row of the same kind that may come later in the file
 * (an organisation's parent): checked once the whole file is in. */
typedef struct pending_ref {
    long line;
    int field;
    char *code;
} pending_ref;

typedef struct importer {
    db *d;
    const entity_def *def;
    const char *name;
    const char *actor;
    const import_options *opt;
    store *st;
    int have_header;
    int ncols;
    int col_field[CSV_MAX_FIELDS]; /* CSV column → field index */
    strmap seen;                   /* key → line, to catch a key given twice */
    pending_ref *pending;
    size_t npending, cap_pending;
    import_stats stats;
} importer;

static const char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static void known_columns(const entity_def *def, strbuf *out)
{
    for (int i = 0; i < def->nfields; i++)
        strbuf_addf(out, "%s%s%s", i ? ", " : "", def->fields[i].column,
                    def->fields[i].required ? " (required)" : "");
}

static int read_header(importer *im, const csv_record *rec, err *e)
{
    const entity_def *def = im->def;
    int present[ENTITY_MAX_FIELDS] = {0};
    for (size_t c = 0; c < rec->count; c++) {
        char *name = xstrdup(rec->fields[c]);
        const char *col = trim(name);
        int f = entity_field_index(def, col);
        if (f < 0) {
            strbuf known = STRBUF_INIT;
            known_columns(def, &known);
            err_user(e, "%ld: unknown column '%.100s' for %s; the known columns are: %s", rec->line,
                     col, def->kind, strbuf_str(&known));
            strbuf_free(&known);
            free(name);
            return -1;
        }
        free(name);
        if (present[f])
            return err_user(e, "%ld: column '%s' appears twice in the header", rec->line,
                            def->fields[f].column);
        present[f] = 1;
        im->col_field[c] = f;
    }
    for (int f = 0; f < def->nfields; f++)
        if (def->fields[f].required && !present[f])
            return err_user(e, "%ld: the header has no '%s' column, which %s need", rec->line,
                            def->fields[f].column, def->kind);
    im->ncols = (int)rec->count;
    im->have_header = 1;
    return 0;
}

static int check_refs(importer *im, entity_row *row, err *e)
{
    const entity_def *def = im->def;
    for (int f = 0; f < def->nfields; f++) {
        const char *code = row->text[f];
        if (!def->fields[f].ref || !code)
            continue;
        int found;
        if (store_ref_exists(im->st, f, code, &found, e))
            return -1;
        if (found)
            continue;
        if (strcmp(def->fields[f].ref, def->kind) == 0) {
            if (im->npending == im->cap_pending) {
                im->cap_pending = im->cap_pending ? im->cap_pending * 2 : 16;
                im->pending = xrealloc(im->pending, im->cap_pending * sizeof *im->pending);
            }
            im->pending[im->npending++] = (pending_ref){row->line, f, xstrdup(code)};
            continue;
        }
        const entity_def *target = entity_find(def->fields[f].ref);
        return entity_row_fail(row, f, e, "no %s with this code; import %s first", target->singular,
                               target->kind);
    }
    return 0;
}

static int check_unique(importer *im, entity_row *row, err *e)
{
    char key[256];
    entity_row_key(row, key, sizeof key);
    long first;
    if (strmap_get(&im->seen, key, &first))
        return err_user(e, "%ld: %s '%s' is already on line %ld of this file", row->line,
                        im->def->singular, key, first);
    strmap_put(&im->seen, key, row->line);
    return 0;
}

static int import_record(importer *im, const csv_record *rec, err *e)
{
    const entity_def *def = im->def;
    if ((int)rec->count != im->ncols)
        return err_user(e, "%ld: %zu fields, but the header has %d columns", rec->line, rec->count,
                        im->ncols);
    entity_row row = {.def = def, .line = rec->line};
    int rc = 0;
    char *values[CSV_MAX_FIELDS];
    for (size_t c = 0; c < rec->count; c++)
        values[c] = xstrdup(rec->fields[c]);
    for (size_t c = 0; c < rec->count && !rc; c++) {
        if (strlen(rec->fields[c]) != rec->lens[c])
            rc = err_user(e, "%ld: column '%s': contains a NUL byte", rec->line,
                          def->fields[im->col_field[c]].column);
        else
            rc = entity_parse_field(&row, im->col_field[c], trim(values[c]), e);
    }
    if (!rc && def->check)
        rc = def->check(&row, im->d, e);
    if (!rc)
        rc = check_refs(im, &row, e);
    if (!rc)
        rc = check_unique(im, &row, e);
    if (!rc && im->opt->row_allowed) {
        int ok = 1;
        rc = im->opt->row_allowed(im->opt->ctx, &row, &ok, e);
        if (!rc && !ok) {
            if (im->opt->problems)
                im->opt->problems->forbidden = 1;
            rc = -1;
        }
    }
    store_outcome outcome;
    if (!rc)
        rc = store_upsert(im->st, &row, im->actor, 0, &outcome, e);
    if (!rc) {
        im->stats.rows++;
        if (outcome == STORE_CREATED)
            im->stats.created++;
        else if (outcome == STORE_UPDATED)
            im->stats.updated++;
        else
            im->stats.unchanged++;
    } else if (e->kind == ERR_USER && (e->msg[0] < '0' || e->msg[0] > '9')) {
        /* A constraint the checks above missed: still say where. */
        err_prefix(e, "%ld", rec->line);
    }
    entity_row_clear(&row);
    for (size_t c = 0; c < rec->count; c++)
        free(values[c]);
    return rc;
}

/* "57: msg" as the CSV reader would give it at the end: "FILE:57: msg". */
void import_problems_add(import_problems *p, const char *name, long line, const err *e)
{
    if (p->count == IMPORT_MAX_PROBLEMS) {
        p->dropped++;
        return;
    }
    if (p->count == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->items = xrealloc(p->items, p->cap * sizeof *p->items);
    }
    err named = *e;
    int numbered = named.msg[0] >= '0' && named.msg[0] <= '9';
    if (strncmp(named.msg, name, strlen(name)) != 0)
        err_prefix(&named, numbered ? "%s:" : "%s: ", name);
    import_problem *it = &p->items[p->count++];
    it->line = e->line ? e->line : line;
    snprintf(it->field, sizeof it->field, "%s", e->field);
    it->message = xstrdup(named.msg);
}

/* A bad row is a problem to collect when the caller wants them all; anything
 * else (no list, or our own failure) stops the import. */
static int keep_going(importer *im, long line, err *e)
{
    import_problems *p = im->opt->problems;
    if (!p || e->kind != ERR_USER || e->timed_out)
        return -1;
    import_problems_add(p, im->name, line, e);
    err_clear(e);
    return 0;
}

static int on_record(void *ctx, const csv_record *rec, err *e)
{
    importer *im = ctx;
    if (!im->have_header)
        return read_header(im, rec, e);
    if (import_record(im, rec, e) == 0)
        return 0;
    return keep_going(im, rec->line, e);
}

static int check_pending(importer *im, const char *name, err *e)
{
    for (size_t i = 0; i < im->npending; i++) {
        pending_ref *p = &im->pending[i];
        int found;
        if (store_ref_exists(im->st, p->field, p->code, &found, e))
            return -1;
        if (!found) {
            err_user(e,
                     "%s:%ld: column '%s': value '%s': no %s with this code in the "
                     "database or this file",
                     name, p->line, im->def->fields[p->field].column, p->code, im->def->singular);
            err_at(e, p->line, im->def->fields[p->field].column);
            if (keep_going(im, p->line, e))
                return -1;
        }
    }
    return 0;
}

static int by_line(const void *a, const void *b)
{
    long x = ((const import_problem *)a)->line, y = ((const import_problem *)b)->line;
    return (x > y) - (x < y);
}

/* Every problem collected becomes the import's error: the first, and how many more. */
static int fail_with_problems(import_problems *p, const char *name, err *e)
{
    if (e->kind == ERR_USER && !e->timed_out)
        import_problems_add(p, name, 0, e); /* what stopped the reading (a header, a quote) */
    else if (e->kind)
        return -1;
    if (p->count == 0)
        return -1;
    /* References to later rows are checked at the end; the list reads in file order. */
    qsort(p->items, p->count, sizeof *p->items, by_line);
    const import_problem *first = &p->items[0];
    size_t more = p->count - 1 + p->dropped;
    if (more)
        err_user(e, "%s (and %zu more problem%s; nothing was imported)", first->message, more,
                 more == 1 ? "" : "s");
    else
        err_user(e, "%s", first->message);
    err_at(e, first->line, first->field[0] ? first->field : NULL);
    return -1;
}

static int run(db *d, const entity_def *def, const char *name, const import_options *opt,
               import_stats *stats, int (*read)(importer *, void *, err *), void *src, err *e)
{
    importer im = {.d = d, .def = def, .name = name, .actor = opt->actor, .opt = opt};
    if (opt->problems)
        opt->problems->file = name;
    if (db_begin(d, e))
        return -1;
    int rc = store_open(d, def, &im.st, e);
    if (!rc)
        rc = read(&im, src, e);
    if (!rc && !im.have_header)
        rc = err_user(e,
                      "%s: the file is empty; the first line must be a header naming the "
                      "columns",
                      name);
    if (!rc)
        rc = check_pending(&im, name, e);
    if (opt->problems && (rc || opt->problems->count || opt->problems->dropped))
        rc = fail_with_problems(opt->problems, name, e);
    store_close(im.st);
    for (size_t i = 0; i < im.npending; i++)
        free(im.pending[i].code);
    free(im.pending);
    strmap_free(&im.seen);
    if (rc) {
        db_rollback(d);
        return -1;
    }
    if (db_commit(d, e))
        return -1;
    alerts_after_import(d, name, 0);
    if (stats)
        *stats = im.stats;
    return 0;
}

typedef struct buffer_src {
    const char *name, *data;
    size_t len;
} buffer_src;

static int read_path(importer *im, void *src, err *e)
{
    return csv_read_file(src, on_record, im, e);
}

static int read_buffer(importer *im, void *src, err *e)
{
    buffer_src *b = src;
    return csv_read_buffer(b->name, b->data, b->len, on_record, im, e);
}

int import_file_with(db *d, const entity_def *def, const char *path, const import_options *opt,
                     import_stats *stats, err *e)
{
    return run(d, def, path, opt, stats, read_path, (void *)path, e);
}

int import_buffer_with(db *d, const entity_def *def, const char *name, const char *data, size_t len,
                       const import_options *opt, import_stats *stats, err *e)
{
    buffer_src b = {name, data, len};
    return run(d, def, name, opt, stats, read_buffer, &b, e);
}

int import_file(db *d, const entity_def *def, const char *path, const char *actor,
                import_stats *stats, err *e)
{
    return import_file_with(d, def, path, &(import_options){.actor = actor}, stats, e);
}

int import_buffer(db *d, const entity_def *def, const char *name, const char *data, size_t len,
                  const char *actor, import_stats *stats, err *e)
{
    return import_buffer_with(d, def, name, data, len, &(import_options){.actor = actor}, stats, e);
}

void import_problems_free(import_problems *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i].message);
    free(p->items);
    p->items = NULL;
    p->count = p->cap = p->dropped = 0;
}
