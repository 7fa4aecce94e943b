/* demo_prescribing: see demo_prescribing.h. Each month is generated into a temporary file in
 * the store directory and imported from there, so the demo exercises the real importer. */
#include "domain/demo_prescribing.h"

#include "domain/demo_internal.h"
#include "rx/gen.h"
#include "rx/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int next_month(int m)
{
    return m % 100 == 12 ? (m / 100 + 1) * 100 + 1 : m + 1;
}

static void demo_gen_practices(rx_gen_practice out[DEMO_PRACTICE_COUNT])
{
    for (int i = 0; i < DEMO_PRACTICE_COUNT; i++) {
        const demo_place *place = &demo_places[demo_practice_place(i)];
        out[i] = (rx_gen_practice){demo_practices[i].code,
                                   demo_practices[i].name,
                                   place->code,
                                   place->name,
                                   DEMO_ICB,
                                   "NHS Northvale Integrated Care Board",
                                   "Y99",
                                   "Northvale Region (demo)",
                                   demo_practices[i].list_size};
    }
}

static int store_list_sizes(db *d, int month, err *e)
{
    db_stmt *s;
    if (db_prepare(d,
                   "INSERT INTO rx_list_sizes (period, practice_code, list_size) VALUES (?, ?, ?)"
                   " ON CONFLICT (period, practice_code) DO UPDATE SET list_size ="
                   " excluded.list_size",
                   &s, e))
        return -1;
    int rc = 0;
    for (int i = 0; i < DEMO_PRACTICE_COUNT && !rc; i++) {
        db_reset(s);
        rc = db_bind_int64(s, 1, month, e) || db_bind_text(s, 2, demo_practices[i].code, e) ||
             db_bind_int64(s, 3, demo_practices[i].list_size, e) || db_step(s, e) < 0;
    }
    db_finalize(s);
    return rc ? -1 : 0;
}

int demo_load_prescribing(db *d, const char *store_dir, long long *rows, err *e)
{
    if (mkdir(store_dir, 0777) != 0 && errno != EEXIST)
        return err_internal(e, "%s: cannot create the prescribing store: %s", store_dir,
                            strerror(errno));
    rx_gen_practice given[DEMO_PRACTICE_COUNT];
    demo_gen_practices(given);
    size_t n = strlen(store_dir) + 40;
    char *path = xmalloc(n);
    rx_import_opts io = {.store_dir = store_dir};
    rx_import_stats st = {0};
    int rc = 0, month = DEMO_RX_FIRST;
    for (int k = 0; k < DEMO_RX_MONTHS && !rc; k++, month = next_month(month)) {
        rx_gen_opts g = {.rows = (long)DEMO_RX_ROWS_PER_PRACTICE * DEMO_PRACTICE_COUNT,
                         .seed = 2026 + (uint64_t)k,
                         .month = month,
                         .given = given,
                         .ngiven = DEMO_PRACTICE_COUNT,
                         /* brands as rarely as English practices choose them */
                         .brand_scale = 0.1};
        /* The name is what rx_months records as the month's source. */
        snprintf(path, n, "%s/demo-epd-%06d.csv", store_dir, month);
        FILE *f = fopen(path, "w");
        if (!f) {
            rc = err_internal(e, "%s: cannot write: %s", path, strerror(errno));
            break;
        }
        rc = rx_gen_write(f, &g, e);
        if (fclose(f) != 0 && !rc)
            rc = err_internal(e, "%s: write failed", path);
        if (!rc)
            rc = rx_import_file(d, &io, path, &st, e);
        unlink(path);
        if (!rc)
            rc = store_list_sizes(d, month, e);
    }
    free(path);
    if (!rc && rows)
        *rows = st.rows;
    return rc;
}
