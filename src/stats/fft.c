#include "stats/fft.h"

#include <math.h>

double fft_total(const fft_counts *c)
{
    return c->very_good + c->good + c->neither + c->poor + c->very_poor + c->dont_know;
}

double fft_percent_positive(const fft_counts *c)
{
    double total = fft_total(c);
    return total > 0 ? (c->very_good + c->good) / total * 100 : NAN;
}

double fft_percent_negative(const fft_counts *c)
{
    double total = fft_total(c);
    return total > 0 ? (c->poor + c->very_poor) / total * 100 : NAN;
}
