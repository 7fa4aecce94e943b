/* demo: a realistic, deterministic synthetic local health system ("Northvale"),
 * produced as CSV text in exactly the formats of docs/data-formats.md, for
 * `unlock demo` to load through the normal importer. Everything is fictional.
 * docs/demo.md describes the system and what a user should see in it.
 *
 * Deterministic: the same bytes on every run and every machine (all randomness
 * comes from util/rng, seeded per series, with no libm transcendental calls).
 *
 * Memory: demo_build fills a demo_set the caller provides (on the stack is
 * fine); the set owns every csv buffer until demo_set_free, which frees them
 * and leaves the set empty. The `kind` strings are static. demo_signals is
 * static data: never free it. */
#ifndef UNLOCK_DOMAIN_DEMO_H
#define UNLOCK_DOMAIN_DEMO_H

#include <stddef.h>

typedef struct demo_file {
    const char *kind; /* "organisations", "people", "sites", "services", "contracts",
                         "indicators", "observations" (the `unlock import` KIND) */
    char *csv;        /* header row + data rows, '\n' line endings, NUL-terminated; owned by
                         the demo_set */
    size_t len;       /* bytes in csv, not counting the NUL */
} demo_file;

enum { DEMO_FILE_COUNT = 7 };

typedef struct demo_set {
    demo_file files[DEMO_FILE_COUNT]; /* in load order: each file refers only to earlier ones */
    int count;
} demo_set;

/* Builds all seven files. Cannot fail (out of memory aborts). */
void demo_build(demo_set *out);

/* Frees the csv buffers; safe on a zeroed or already-freed set. */
void demo_set_free(demo_set *set);

/* The observation periods: DEMO_PERIODS consecutive months from DEMO_FIRST_PERIOD
 * to DEMO_LAST_PERIOD, one row per month for every series. */
#define DEMO_PERIODS 36
#define DEMO_FIRST_PERIOD "2023-04"
#define DEMO_LAST_PERIOD "2026-03"

/* A series whose behaviour was planted, for statistics tests and the demo
 * walk-through: the tests can assert that SPC finds each shift or trend, and
 * finds nothing on the flat ("none") series.
 *
 * kind names the direction of the *value*, not whether it is good: the
 * indicator's polarity says that (OP-DNA going up is a concern, FFT going down
 * is a concern, EPACCS going up is an improvement).
 *   shift_up / shift_down: the true level steps from `before` to `after` at
 *       from_period (the first month at the new level) and stays there;
 *   trend_up / trend_down: the true level is `before` until from_period, then
 *       moves in a straight line to reach `after` in DEMO_LAST_PERIOD;
 *   none: the true level is `before` (== `after`) in every month, and the
 *       noise shows no special cause by the usual XmR rules (a point past a
 *       limit, 7 on one side of the mean, 6 rising or falling, 2 of 3 beyond
 *       two sigma), with every point within 0.9 of the limits.
 * Every shift and trend is at least three standard deviations of the series'
 * month-to-month noise, and an XmR chart of all 36 months flags it from
 * from_period on (tests/domain/test_demo.c checks all of this).
 *
 * before/after are in the indicator's value units (e.g. 46.0 for 46%, 6.8
 * falls per 1,000 bed days). For a place or the ICB, whose rows are summed
 * from their members, they are the planned level of the sum, which the data
 * meets only approximately. Series not listed here have a constant true level,
 * except those summed from or feeding a listed one (each practice's EPACCS
 * series shares the ICB's step); like real data, a few of them show a special
 * cause by chance. */
typedef struct demo_signal {
    const char *indicator;    /* indicator code */
    const char *subject;      /* organisation or service code */
    const char *subject_kind; /* "organisation" or "service": the observations column */
    const char *kind;         /* "shift_up", "shift_down", "trend_up", "trend_down", "none" */
    const char *from_period;  /* "YYYY-MM"; NULL for "none" */
    double before, after;     /* planned true level, in value units */
    const char *story;        /* what happened, in a sentence, for docs and demos */
} demo_signal;

extern const demo_signal demo_signals[];
extern const int demo_signal_count;

#endif
