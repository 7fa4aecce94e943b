/* fft_import: Friends and Family Test answers, counted per subject and period, scored as
 * NHS England publishes them (stats/fft.h) and loaded as observations of a proportion
 * indicator: numerator very good + good, denominator every answer including "don't know".
 *
 * Columns (any order): indicator, organisation or service, period, very_good, good, neither,
 * poor, very_poor, dont_know. Counts are whole numbers, 0 or more, with at least one answer.
 * All or nothing, like every import; errors read "FILE:LINE: column 'C': value 'V': ...". */
#ifndef UNLOCK_DOMAIN_FFT_IMPORT_H
#define UNLOCK_DOMAIN_FFT_IMPORT_H

#include "domain/import.h"

int fft_import_buffer(db *d, const char *name, const char *data, size_t len, const char *actor,
                      import_stats *stats, err *e);
int fft_import_file(db *d, const char *path, const char *actor, import_stats *stats, err *e);

#endif
