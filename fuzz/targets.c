/* fuzz targets: the table of targets, by the name of their binary and corpus folder. */
#include "fuzz.h"

#include <string.h>

const fuzz_target fuzz_targets[] = {
    {"csv", fuzz_csv, 0}, {"epd", fuzz_epd, 1},       {"json", fuzz_json, 1},
    {"url", fuzz_url, 1}, {"import", fuzz_import, 1},
};
const int fuzz_target_count = (int)(sizeof fuzz_targets / sizeof fuzz_targets[0]);

const fuzz_target *fuzz_target_find(const char *name)
{
    for (int i = 0; i < fuzz_target_count; i++)
        if (strcmp(fuzz_targets[i].name, name) == 0)
            return &fuzz_targets[i];
    return NULL;
}
