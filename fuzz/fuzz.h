/* fuzz: the bodies of the libFuzzer targets, one function per parser.
 *
 * The same code runs in two places: fuzz/driver.c wraps one body as LLVMFuzzerTestOneInput for
 * a clang -fsanitize=fuzzer binary (build/fuzz/fuzz-NAME), and tests/fuzz/test_fuzz_replay.c
 * runs every committed corpus and regression input through it in the normal sanitized test
 * binary. A body takes one input and returns 0 when it was accepted, or -1 with e filled when
 * it was refused, as a caller would see it. Bad input must be a user error: an internal error,
 * a broken invariant (the body aborts) or a sanitizer report is a bug.
 *
 * Targets that need a database share one, opened by fuzz_setup (SQLite in memory unless told
 * otherwise) with the demo's reference data and two signed-in sessions; each input runs in a
 * transaction rolled back afterwards, so inputs do not see each other's rows and runs stay
 * fast. */
#ifndef UNLOCK_FUZZ_FUZZ_H
#define UNLOCK_FUZZ_FUZZ_H

#include "db/db.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

typedef int (*fuzz_one_fn)(const uint8_t *data, size_t size, err *e);

typedef struct fuzz_target {
    const char *name; /* the binary's suffix and the folder under fuzz/corpus/ */
    fuzz_one_fn one;
    int needs_db; /* 1: call fuzz_setup first */
} fuzz_target;

/* The CSV reader (util/csv.h): the records must not depend on how the bytes are chunked. */
int fuzz_csv(const uint8_t *data, size_t size, err *e);
/* The EPD prescribing ingest (rx/import.h, through rx/csvscan.h), as a file. */
int fuzz_epd(const uint8_t *data, size_t size, err *e);
/* A JSON request body (http_json_body), then as a row of every kind and as a told story. */
int fuzz_json(const uint8_t *data, size_t size, err *e);
/* A request: "METHOD /path?query" on the first line, the session ("admin", "provider" or
 * anything else for none) on the second, the body after; routed, query-checked and
 * dispatched. */
int fuzz_url(const uint8_t *data, size_t size, err *e);
/* An import: the kind on the first line (an entity kind, "fft", "eric" or "list-sizes"), the
 * CSV file after. */
int fuzz_import(const uint8_t *data, size_t size, err *e);

extern const fuzz_target fuzz_targets[];
extern const int fuzz_target_count;
const fuzz_target *fuzz_target_find(const char *name);

/* Opens the shared database at db_url (NULL: SQLite in memory), migrates it and loads the
 * reference data; makes a scratch directory. Once per process; later calls do nothing. */
int fuzz_setup(const char *db_url, err *e);
void fuzz_teardown(void);
db *fuzz_db(void);
/* The scratch directory (files the file-reading importers need; the prescribing store). */
const char *fuzz_dir(void);
/* The cookie header of a signed-in session ("admin" or "provider"), and its CSRF token. */
const char *fuzz_cookie(const char *role);
const char *fuzz_csrf(const char *role);

/* Splits off the input's first line (without its CR or LF) into line (cut to cap - 1 bytes);
 * *rest and *rest_size get what follows it. */
void fuzz_first_line(const uint8_t *data, size_t size, char *line, size_t cap, const uint8_t **rest,
                     size_t *rest_size);
/* An HTTP answer as an err: 0 for a success, a user error for 4xx and an internal one for 5xx,
 * each with the status and the answer's message ("422: ..."). Frees the response. */
struct http_response;
int fuzz_answer(struct http_response *resp, err *e);

/* Writes the input to a file in the scratch directory; returns its path (static storage). */
const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size);

#endif
