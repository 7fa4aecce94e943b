/* fuzz import: every kind `unlock import` (and POST /api/v1/import/{kind}) accepts: the entity
 * kinds through the importer (domain/import.h) with every row's problem collected, the
 * Friends and Family Test answers (domain/fft_import.h), ERIC site data (domain/eric.h) and
 * practice list sizes (rx/import.h).
 *
 * Input: the kind on the first line, the CSV file after. Each import runs in a transaction
 * rolled back afterwards, against the demo's reference rows. */
#include "fuzz.h"

#include "domain/entity.h"
#include "domain/eric.h"
#include "domain/fft_import.h"
#include "domain/import.h"
#include "rx/import.h"

#include <string.h>

static int import_kind(db *d, const char *kind, const char *csv, size_t n, err *e)
{
    import_stats st;
    if (strcmp(kind, "fft") == 0)
        return fft_import_buffer(d, "fuzz.csv", csv, n, "fuzz", &st, e);
    if (strcmp(kind, "eric") == 0) {
        eric_stats es;
        return eric_import_buffer(d, "ERIC - 202324 - Site Data.csv", csv, n, NULL, "fuzz", &es, e);
    }
    if (strcmp(kind, "list-sizes") == 0) {
        long rows;
        return rx_import_list_sizes(d, fuzz_write_file("list-sizes.csv", (const uint8_t *)csv, n),
                                    &rows, e);
    }
    const entity_def *def = entity_find(kind);
    if (!def)
        return err_user(e, "fuzz import: unknown kind '%.40s'", kind);
    import_problems problems = {.file = "fuzz.csv"};
    import_options opt = {.actor = "fuzz", .problems = &problems};
    int rc = import_buffer_with(d, def, "fuzz.csv", csv, n, &opt, &st, e);
    import_problems_free(&problems);
    return rc;
}

int fuzz_import(const uint8_t *data, size_t size, err *e)
{
    char kind[64];
    const uint8_t *csv;
    size_t n;
    fuzz_first_line(data, size, kind, sizeof kind, &csv, &n);
    db *d = fuzz_db();
    if (db_begin(d, e))
        return -1;
    int rc = import_kind(d, kind, (const char *)csv, n, e);
    db_rollback(d);
    return rc;
}
