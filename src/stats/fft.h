/* fft: scoring patient experience answers the NHS Friends and Family Test way. The
 * percentage positive counts "don't know" in the denominator, as NHS England publishes it,
 * so a service cannot look better by having more people unsure. */
#ifndef UNLOCK_STATS_FFT_H
#define UNLOCK_STATS_FFT_H

typedef struct fft_counts {
    double very_good, good, neither, poor, very_poor, dont_know;
} fft_counts;

/* (very good + good) / all responses x 100; NaN when there are no responses. */
double fft_percent_positive(const fft_counts *c);
/* (poor + very poor) / all responses x 100; NaN when there are no responses. */
double fft_percent_negative(const fft_counts *c);
double fft_total(const fft_counts *c);

#endif
