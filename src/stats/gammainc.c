#include "stats/gammainc.h"

#include "stats/normal.h"

#include <float.h>
#include <math.h>

#define EPS 1e-16
#define MAX_ITER 100000

static double log_gamma(double a)
{
    int sign;
    return lgamma_r(a, &sign);
}

/* log of x^a e^-x / Gamma(a), the prefactor both expansions share. */
static double log_prefactor(double a, double x)
{
    return a * log(x) - x - log_gamma(a);
}

/* P(a, x) by its power series; converges quickly for x < a + 1. */
static double p_series(double a, double x)
{
    double ap = a, term = 1.0 / a, sum = term;
    for (int i = 0; i < MAX_ITER; i++) {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if (fabs(term) < fabs(sum) * EPS)
            break;
    }
    return sum * exp(log_prefactor(a, x));
}

/* Q(a, x) by its continued fraction (modified Lentz); converges quickly for x >= a + 1. */
static double q_fraction(double a, double x)
{
    const double tiny = DBL_MIN / EPS;
    double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
    for (int i = 1; i < MAX_ITER; i++) {
        double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (fabs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < EPS)
            break;
    }
    return exp(log_prefactor(a, x)) * h;
}

static int valid(double a, double x)
{
    return !isnan(a) && !isnan(x) && a > 0.0 && x >= 0.0 && isfinite(a);
}

double gammainc_p(double a, double x)
{
    if (!valid(a, x))
        return NAN;
    if (x == 0.0)
        return 0.0;
    if (isinf(x))
        return 1.0;
    if (x < a + 1.0)
        return p_series(a, x);
    return 1.0 - q_fraction(a, x);
}

double gammainc_q(double a, double x)
{
    if (!valid(a, x))
        return NAN;
    if (x == 0.0)
        return 1.0;
    if (isinf(x))
        return 0.0;
    if (x < a + 1.0)
        return 1.0 - p_series(a, x);
    return q_fraction(a, x);
}

/* P(a, x) - p, computed from whichever tail is smaller so that both small p and p near 1 keep
 * their precision. */
static double p_minus(double a, double x, double p)
{
    if (p > 0.5)
        return (1.0 - p) - gammainc_q(a, x);
    return gammainc_p(a, x) - p;
}

double gammainc_p_inv(double a, double p)
{
    if (isnan(a) || isnan(p) || !(a > 0.0) || !isfinite(a) || p < 0.0 || p > 1.0)
        return NAN;
    if (p == 0.0)
        return 0.0;
    if (p == 1.0)
        return INFINITY;

    /* First guess: Wilson-Hilferty, or the small-x behaviour P ~ x^a / Gamma(a + 1). */
    double z = normal_quantile(p);
    double t = 1.0 - 1.0 / (9.0 * a) + z / (3.0 * sqrt(a));
    double x = a * t * t * t;
    if (!(x > 0.0) || p < 1e-3)
        x = exp((log(p) + log_gamma(a + 1.0)) / a);
    if (!(x > 0.0) || !isfinite(x))
        x = a;

    /* Bracket the root, then Newton steps that fall back to bisection when they leave it. */
    double lo = 0.0, hi = x;
    while (p_minus(a, hi, p) < 0.0) {
        lo = hi;
        hi = hi * 2.0 + 1.0;
        if (isinf(hi))
            return INFINITY;
    }
    if (lo == 0.0) {
        double l = x;
        while (l > DBL_MIN && p_minus(a, l, p) >= 0.0) {
            hi = l;
            l /= 2.0;
        }
        lo = l > DBL_MIN ? l : 0.0;
    }
    x = 0.5 * (lo + hi);
    for (int i = 0; i < 400; i++) {
        double f = p_minus(a, x, p);
        if (f == 0.0)
            return x;
        if (f < 0.0)
            lo = x;
        else
            hi = x;
        double density = exp((a - 1.0) * log(x) - x - log_gamma(a));
        double next = x - f / density;
        if (!(next > lo && next < hi) || !isfinite(next))
            next = 0.5 * (lo + hi);
        if (fabs(next - x) <= 1e-15 * fabs(x) || hi - lo <= 1e-15 * hi) {
            x = next;
            break;
        }
        x = next;
    }
    return x;
}

double gammainc_shape_inv(double x, double p, double a_min)
{
    if (isnan(x) || isnan(p) || isnan(a_min) || !(x > 0.0) || !isfinite(x) || !(p > 0.0) ||
        !(p < 1.0) || !(a_min > 0.0))
        return NAN;
    /* g(a) = P(a, x) - p falls as a grows. */
    if (p_minus(a_min, x, p) <= 0.0)
        return a_min;
    double lo = a_min, hi = a_min + x + 10.0 * sqrt(x) + 10.0;
    while (p_minus(hi, x, p) > 0.0) {
        lo = hi;
        hi *= 2.0;
    }
    for (int i = 0; i < 300 && hi - lo > 1e-14 * hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (p_minus(mid, x, p) > 0.0)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}
