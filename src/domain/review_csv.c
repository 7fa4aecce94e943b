/* A contract review read from CSV rows into the API's JSON shape (src/domain/review_csv.h). */
#include "domain/review_csv.h"

#include "util/csv.h"

#include <stdio.h>
#include <string.h>

static const char *const COLUMNS[] = {"part", "key", "text", "assurance", "owner", "due", "status"};
enum { PART, KEY, TEXT, ASSURANCE, OWNER, DUE, STATUS, NCOLUMNS };

typedef struct reader {
    json_t *obj, *lines;
    int seen_header;
} reader;

static const char *field(const csv_record *rec, int col)
{
    return (size_t)col < rec->count && rec->fields[col][0] ? rec->fields[col] : NULL;
}

static int column_error(const csv_record *rec, int col, err *e, const char *what)
{
    err_user(e, "%ld: column '%s': %s", rec->line, COLUMNS[col], what);
    err_at(e, rec->line, COLUMNS[col]);
    return -1;
}

/* Appends {members...} to the array member `name`, remembering the line it came from. */
static void append(reader *r, const char *name, json_t *item, long line)
{
    json_t *arr = json_object_get(r->obj, name);
    if (!arr) {
        arr = json_array();
        json_object_set_new(r->obj, name, arr);
    }
    char path[64];
    snprintf(path, sizeof path, "%s[%zu]", name, json_array_size(arr));
    json_array_append_new(arr, item);
    json_object_set_new(r->lines, path, json_integer(line));
}

static void set_if(json_t *obj, const char *member, const char *value)
{
    if (value)
        json_object_set_new(obj, member, json_string(value));
}

static int on_record(void *ctx, const csv_record *rec, err *e)
{
    reader *r = ctx;
    if (!r->seen_header) {
        r->seen_header = 1;
        for (int c = 0; c < NCOLUMNS; c++)
            if ((size_t)c >= rec->count || strcmp(rec->fields[c], COLUMNS[c]) != 0) {
                err_user(e, "%ld: expected the header part,key,text,assurance,owner,due,status",
                         rec->line);
                err_at(e, rec->line, COLUMNS[c]);
                return -1;
            }
        return 0;
    }
    if (rec->count > NCOLUMNS)
        return column_error(rec, STATUS, e, "too many fields (7 at most)");
    const char *part = field(rec, PART);
    if (!part)
        return column_error(rec, PART, e, "required");
    static const char *const single[][2] = {
        {"contract", "key"}, {"held_on", "key"}, {"next_review", "key"}, {"summary", "text"}};
    for (size_t i = 0; i < sizeof single / sizeof single[0]; i++) {
        if (strcmp(part, single[i][0]) != 0)
            continue;
        int col = strcmp(single[i][1], "key") == 0 ? KEY : TEXT;
        if (!field(rec, col))
            return column_error(rec, col, e, "required");
        if (json_object_get(r->obj, part))
            return column_error(rec, PART, e, "given twice");
        json_object_set_new(r->obj, part, json_string(field(rec, col)));
        json_object_set_new(r->lines, part, json_integer(rec->line));
        return 0;
    }
    json_t *item = json_object();
    if (strcmp(part, "attendee") == 0) {
        set_if(item, "person", field(rec, KEY));
        append(r, "attendees", item, rec->line);
    } else if (strcmp(part, "finding") == 0) {
        set_if(item, "domain", field(rec, KEY));
        set_if(item, "finding", field(rec, TEXT));
        set_if(item, "assurance", field(rec, ASSURANCE));
        append(r, "findings", item, rec->line);
    } else if (strcmp(part, "action") == 0) {
        set_if(item, "description", field(rec, TEXT));
        set_if(item, "owner", field(rec, OWNER));
        set_if(item, "due", field(rec, DUE));
        set_if(item, "status", field(rec, STATUS));
        append(r, "actions", item, rec->line);
    } else {
        json_decref(item);
        return column_error(rec, PART, e,
                            "expected contract, held_on, next_review, summary, attendee, "
                            "finding or action");
    }
    return 0;
}

int review_from_csv(const char *name, const char *data, size_t n, json_t **out, json_t **lines,
                    err *e)
{
    reader r = {.obj = json_object(), .lines = json_object()};
    if (csv_read_buffer(name, data, n, on_record, &r, e)) {
        json_decref(r.obj);
        json_decref(r.lines);
        return -1;
    }
    *out = r.obj;
    *lines = r.lines;
    return 0;
}

long review_csv_line(json_t *lines, const char *field)
{
    if (!lines || !field)
        return 0;
    char path[64];
    size_t n = strcspn(field, ".");
    snprintf(path, sizeof path, "%.*s", (int)(n < sizeof path ? n : sizeof path - 1), field);
    return (long)json_integer_value(json_object_get(lines, path));
}
