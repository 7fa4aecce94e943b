#include "util/rng.h"

#include <math.h>

/* Bit-identical results need every a*b+c rounded twice, as written. GCC in ISO C
 * mode (-std=c11) already does that (-ffp-contract=off); clang fuses by default
 * on targets with FMA (e.g. arm64) unless told not to. GCC rejects the pragma
 * under -Werror, hence the guard. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* Above these sizes the exact methods cost too many uniforms per draw; the
 * normal approximations are then off by well under one count in the middle of
 * the distribution, which is all synthetic data needs. */
#define POISSON_EXACT_MAX 1000.0
#define BINOMIAL_EXACT_MAX 1000
#define BINOMIAL_NORMAL_MIN_VAR 25.0

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void rng_seed(rng *r, uint64_t seed)
{
    /* splitmix64 is a bijection of its state, so four successive outputs are
     * never all zero: the forbidden all-zero xoshiro state cannot occur. */
    uint64_t state = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = rng_splitmix64(&state);
}

uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t rng_hash(const char *s, uint64_t h)
{
    h ^= 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u;
    }
    /* FNV alone leaves strings that differ in their last byte close together. */
    return rng_splitmix64(&h);
}

double rng_uniform(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t rng_below(rng *r, uint64_t n)
{
    /* Values below 2^64 mod n would make the low residues more likely. */
    uint64_t threshold = (0 - n) % n;
    for (;;) {
        uint64_t x = rng_next(r);
        if (x >= threshold)
            return x % n;
    }
}

double rng_normal(rng *r)
{
    for (;;) {
        double u = 2.0 * rng_uniform(r) - 1.0;
        double v = 2.0 * rng_uniform(r) - 1.0;
        double s = u * u + v * v;
        if (s > 0.0 && s < 1.0)
            return u * sqrt(-2.0 * rng_log(s) / s);
    }
}

/* Knuth's multiplication method at mean 1, where e^-1 is a constant and so
 * needs no exp at run time. */
static long poisson1(rng *r)
{
    const double e_minus_1 = 0x1.78b56362cef38p-2;
    long k = 0;
    double p = rng_uniform(r);
    while (p > e_minus_1) {
        k++;
        p *= rng_uniform(r);
    }
    return k;
}

static long round_clamp(double x, long lo, long hi)
{
    double y = floor(x + 0.5);
    if (y < (double)lo)
        return lo;
    if (y > (double)hi)
        return hi;
    return (long)y;
}

long rng_poisson(rng *r, double lambda)
{
    if (!(lambda > 0.0))
        return 0;
    if (lambda > POISSON_EXACT_MAX)
        return round_clamp(lambda + sqrt(lambda) * rng_normal(r), 0, (long)(4.0 * lambda));
    /* Poisson(ceil λ) as a sum of Poisson(1), then keep each event with
     * probability λ / ceil λ: thinning a Poisson gives a Poisson. */
    long n = (long)ceil(lambda);
    long count = 0;
    for (long i = 0; i < n; i++)
        count += poisson1(r);
    if ((double)n != lambda) {
        double keep = lambda / (double)n;
        long kept = 0;
        for (long i = 0; i < count; i++)
            kept += rng_uniform(r) < keep;
        count = kept;
    }
    return count;
}

long rng_binomial(rng *r, long n, double p)
{
    if (n <= 0 || !(p > 0.0))
        return 0;
    if (p >= 1.0)
        return n;
    if (n <= BINOMIAL_EXACT_MAX) {
        long k = 0;
        for (long i = 0; i < n; i++)
            k += rng_uniform(r) < p;
        return k;
    }
    double mean = (double)n * p;
    double var = mean * (1.0 - p);
    if (var >= BINOMIAL_NORMAL_MIN_VAR)
        return round_clamp(mean + sqrt(var) * rng_normal(r), 0, n);
    /* Rare events in many trials: Poisson, counted from whichever tail is rare. */
    if (p <= 0.5) {
        long k = rng_poisson(r, mean);
        return k < n ? k : n;
    }
    long k = rng_poisson(r, (double)n * (1.0 - p));
    return n - (k < n ? k : n);
}

/* ln 2 split so that k * LN2_HI is exact for |k| < 2^20 (fdlibm's constants). */
static const double LN2_HI = 6.93147180369123816490e-01;
static const double LN2_LO = 1.90821492927058770002e-10;

double rng_log(double x)
{
    if (isnan(x))
        return x;
    if (x <= 0.0)
        return -HUGE_VAL;
    if (isinf(x))
        return x;
    int e;
    double m = frexp(x, &e); /* exact: x = m * 2^e, m in [0.5, 1) */
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        e -= 1;
    }
    /* log m = 2 atanh s with s = (m-1)/(m+1), |s| <= 0.1716, so s^2 <= 0.0295
     * and twelve odd terms take the series below half an ulp. */
    double s = (m - 1.0) / (m + 1.0);
    double s2 = s * s;
    double sum = 1.0 / 25.0;
    for (int k = 11; k >= 0; k--)
        sum = 1.0 / (double)(2 * k + 1) + s2 * sum;
    double log_m = 2.0 * s * sum;
    return (double)e * LN2_HI + (log_m + (double)e * LN2_LO);
}

double rng_exp(double x)
{
    if (isnan(x))
        return x;
    if (x > 709.782712893384)
        return HUGE_VAL;
    if (x < -745.2)
        return 0.0;
    /* x = k ln2 + r with |r| <= ln2/2, so e^x = 2^k e^r and Taylor converges
     * fast: 0.347^16 / 16! is far below 2^-53. */
    double k = floor(x * 1.44269504088896340736 + 0.5);
    double r = (x - k * LN2_HI) - k * LN2_LO;
    double sum = 1.0;
    for (int i = 16; i >= 1; i--)
        sum = 1.0 + r * sum / (double)i;
    return ldexp(sum, (int)k);
}
