/* clock: the current time as ISO 8601 UTC text, for audit entries and records.
 * Setting UNLOCK_NOW (e.g. "2026-01-01T00:00:00Z") fixes it, so tests and
 * reproducible builds can get identical output. */
#ifndef UNLOCK_UTIL_CLOCK_H
#define UNLOCK_UTIL_CLOCK_H

#define CLOCK_ISO_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" plus NUL */

void clock_now_iso(char out[CLOCK_ISO_LEN]);

#endif
