/* demo_internal: what the src/domain/demo*.c files share with each other and
 * nothing else does. */
#ifndef UNLOCK_DOMAIN_DEMO_INTERNAL_H
#define UNLOCK_DOMAIN_DEMO_INTERNAL_H

#include "domain/demo.h"
#include "util/strbuf.h"

/* A growable CSV text buffer. Fields are appended left to right; the buffer
 * puts the commas in and quotes a field that needs it. */
typedef struct demo_csv {
    strbuf text;
    int at_row_start;
} demo_csv;

void demo_csv_init(demo_csv *c);
/* A text field: quoted when it holds a comma, quote, CR or LF (quotes doubled);
 * NULL or "" gives an empty field. */
void demo_csv_text(demo_csv *c, const char *s);
/* A number: integers as integers, anything else with at most 6 decimals (fixed
 * "%.6f", trailing zeros dropped), so the text is the same everywhere. */
void demo_csv_num(demo_csv *c, double v);
void demo_csv_int(demo_csv *c, long v);
void demo_csv_empty(demo_csv *c);
/* A whole header or row from a comma-separated list of plain words. */
void demo_csv_header(demo_csv *c, const char *names);
void demo_csv_end_row(demo_csv *c);
/* Hands the text to *f (kind as given) and leaves c empty. */
void demo_csv_finish(demo_csv *c, demo_file *f, const char *kind);

/* The period name "YYYY-MM" for month t (0 = DEMO_FIRST_PERIOD) into out[8]. */
void demo_period_name(int t, char out[8]);
/* Month index of "YYYY-MM", or -1 when outside the demo's periods. */
int demo_period_index(const char *period);

/* The organisations the observations are generated for. */
typedef struct demo_place {
    const char *code, *name;
} demo_place;
typedef struct demo_pcn {
    const char *code, *name, *place;
} demo_pcn;
typedef struct demo_practice {
    const char *code, *name, *pcn;
    int list_size; /* registered patients in April 2023 */
    double age65;  /* share of the list aged 65 and over */
} demo_practice;

#define DEMO_ICB "QNV"
#define DEMO_PLACE_COUNT 3
#define DEMO_PCN_COUNT 6
#define DEMO_PRACTICE_COUNT 30
extern const demo_place demo_places[DEMO_PLACE_COUNT];
extern const demo_pcn demo_pcns[DEMO_PCN_COUNT];
extern const demo_practice demo_practices[DEMO_PRACTICE_COUNT];
/* Index into demo_places of the place a practice belongs to (through its PCN). */
int demo_practice_place(int practice);

/* The signal planted on (indicator, subject), or NULL. */
const demo_signal *demo_signal_find(const char *indicator, const char *subject);
/* The signal's true level in month t. */
double demo_signal_level(const demo_signal *s, int t);

/* One writer per file, each appending header and rows to c. */
void demo_write_organisations(demo_csv *c);
void demo_write_people(demo_csv *c);
void demo_write_sites(demo_csv *c);
void demo_write_services(demo_csv *c);
void demo_write_contracts(demo_csv *c);
void demo_write_indicators(demo_csv *c);
void demo_write_observations(demo_csv *c);

#endif
