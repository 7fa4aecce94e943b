/* date: calendar arithmetic on ISO dates (YYYY-MM-DD), proleptic Gregorian, no time zones:
 * "90 days before today" for the relationship views without mktime's local-time surprises. */
#ifndef UNLOCK_UTIL_DATE_H
#define UNLOCK_UTIL_DATE_H

/* Days since 1970-01-01 of a YYYY-MM-DD date (its first ten characters); 0 and *ok = 0 when
 * it is not one. */
long date_to_days(const char *ymd, int *ok);
/* The YYYY-MM-DD date `days` days since 1970-01-01. */
void date_from_days(long days, char out[11]);
/* Whole days from a to b (b - a); both must be dates (else 0). */
long date_diff(const char *a, const char *b);

#endif
