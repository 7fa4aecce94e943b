#include "util/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void clock_now_iso(char out[CLOCK_ISO_LEN])
{
    const char *fixed = getenv("UNLOCK_NOW");
    if (fixed && strlen(fixed) == CLOCK_ISO_LEN - 1) {
        memcpy(out, fixed, CLOCK_ISO_LEN);
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, CLOCK_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
