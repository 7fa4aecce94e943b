/* demo_build: assembles the seven demo files in load order. */
#include "domain/demo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* April 2023, as a count of months since year 0, so that periods are plain
 * arithmetic. */
#define FIRST_MONTH (2023 * 12 + 3)

void demo_period_name(int t, char out[8])
{
    unsigned m = (unsigned)(FIRST_MONTH + (t > 0 ? t : 0));
    snprintf(out, 8, "%04u-%02u", (m / 12) % 10000, m % 12 + 1);
}

int demo_period_index(const char *period)
{
    int y, mo;
    char rest;
    if (!period || sscanf(period, "%4d-%2d%c", &y, &mo, &rest) != 2 || mo < 1 || mo > 12)
        return -1;
    int t = y * 12 + (mo - 1) - FIRST_MONTH;
    return t >= 0 && t < DEMO_PERIODS ? t : -1;
}

void demo_build(demo_set *out)
{
    static const struct {
        const char *kind;
        void (*write)(demo_csv *);
    } files[DEMO_FILE_COUNT] = {
        {"organisations", demo_write_organisations},
        {"people", demo_write_people},
        {"sites", demo_write_sites},
        {"services", demo_write_services},
        {"contracts", demo_write_contracts},
        {"indicators", demo_write_indicators},
        {"observations", demo_write_observations},
    };
    memset(out, 0, sizeof *out);
    for (int i = 0; i < DEMO_FILE_COUNT; i++) {
        demo_csv c;
        demo_csv_init(&c);
        files[i].write(&c);
        demo_csv_finish(&c, &out->files[i], files[i].kind);
    }
    out->count = DEMO_FILE_COUNT;
}

void demo_set_free(demo_set *set)
{
    if (!set)
        return;
    for (int i = 0; i < DEMO_FILE_COUNT; i++) {
        free(set->files[i].csv);
        set->files[i].csv = NULL;
        set->files[i].len = 0;
    }
    set->count = 0;
}
