#include "stats/percentile.h"

#include "util/err.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double *pctl_sorted(const double *values, size_t n, size_t *m)
{
    double *s = xmalloc((n ? n : 1) * sizeof *s);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(values[i]))
            s[k++] = values[i];
    qsort(s, k, sizeof *s, cmp_double);
    *m = k;
    return s;
}

double pctl_cont_sorted(const double *sorted, size_t m, double f)
{
    if (m == 0 || !(f >= 0.0 && f <= 1.0))
        return NAN;
    double h = (double)(m - 1) * f;
    size_t lo = (size_t)floor(h);
    if (lo >= m - 1)
        return sorted[m - 1];
    double frac = h - (double)lo;
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

double pctl_cont(const double *values, size_t n, double f)
{
    size_t m;
    double *s = pctl_sorted(values, n, &m);
    double v = pctl_cont_sorted(s, m, f);
    free(s);
    return v;
}

void pctl_deciles(const double *values, size_t n, double out[9])
{
    size_t m;
    double *s = pctl_sorted(values, n, &m);
    for (int k = 1; k <= 9; k++)
        out[k - 1] = pctl_cont_sorted(s, m, k / 10.0);
    free(s);
}

/* Binary search. */
size_t pctl_count_below(const double *sorted, size_t m, double v)
{
    size_t lo = 0, hi = m;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static double rank_of(const double *sorted, size_t m, double v)
{
    if (!isfinite(v) || m == 0)
        return NAN;
    if (m == 1)
        return 0.0;
    double r = (double)pctl_count_below(sorted, m, v) / (double)(m - 1) * 100.0;
    return r > 100.0 ? 100.0 : r;
}

double pctl_percent_rank(const double *values, size_t n, double value)
{
    size_t m;
    double *s = pctl_sorted(values, n, &m);
    double r = rank_of(s, m, value);
    free(s);
    return r;
}

void pctl_percent_ranks(const double *values, size_t n, double *out)
{
    size_t m;
    double *s = pctl_sorted(values, n, &m);
    for (size_t i = 0; i < n; i++)
        out[i] = rank_of(s, m, values[i]);
    free(s);
}
