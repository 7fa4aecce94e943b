/* rng: a small seeded pseudo-random number generator whose output is the same
 * on every machine, for synthetic data and tests (never for secrets: use
 * libsodium's randombytes_buf for tokens and salts).
 *
 * The generator is xoshiro256** (Blackman and Vigna, 2018), seeded through
 * splitmix64. Every draw below is built from 64-bit integer arithmetic, IEEE
 * addition, multiplication, division and sqrt (all exactly rounded), exact
 * operations (floor, ceil, frexp, ldexp) and the rng_log/rng_exp defined here,
 * so a given seed gives bit-identical doubles on any IEEE-754 machine whatever
 * its libm (x86-64 and arm64; not x87 with its excess precision). (libm's log and exp are allowed
 * to differ in the last bit between versions and between FMA and non-FMA code paths, which could
 * flip a rounded count.)
 *
 * An rng is a plain value: no allocation, nothing to free; copy it to fork a
 * stream. Not thread-safe; give each thread its own. */
#ifndef UNLOCK_UTIL_RNG_H
#define UNLOCK_UTIL_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct rng {
    uint64_t s[4];
} rng;

/* Seeds from one 64-bit number (any value, 0 included). */
void rng_seed(rng *r, uint64_t seed);

/* The next raw 64-bit output of xoshiro256**. */
uint64_t rng_next(rng *r);

/* One step of splitmix64 on *state: advances it and returns the mixed value.
 * Exposed for seeding derived streams and for the tests' reference vectors. */
uint64_t rng_splitmix64(uint64_t *state);

/* FNV-1a over the bytes of s, continuing from h (start with any constant), then
 * mixed so that similar strings give unrelated seeds. For seeding one stream
 * per named thing, e.g. rng_seed(&r, rng_hash("B82001", rng_hash("ABX", 42))). */
uint64_t rng_hash(const char *s, uint64_t h);

/* Uniform double in [0, 1) with 53 random bits. */
double rng_uniform(rng *r);

/* Uniform integer in [0, n); n > 0. Unbiased (rejection). */
uint64_t rng_below(rng *r, uint64_t n);

/* Standard normal (mean 0, variance 1), Marsaglia's polar method; the second
 * variate of each pair is discarded so that the stream has no hidden state. */
double rng_normal(rng *r);

/* Poisson with mean lambda (lambda <= 0 gives 0). Exact up to lambda 1000
 * (sum of Poisson(1) draws, then binomial thinning of the fractional part, so no
 * exp of a variable argument); above that, a normal approximation rounded to the
 * nearest integer and clamped at 0. */
long rng_poisson(rng *r, double lambda);

/* Binomial: successes in n trials of probability p (p clamped to [0, 1];
 * n <= 0 gives 0). Exact (one uniform per trial) up to n = 1000; above that a
 * normal approximation when n·p·(1−p) >= 25, else a Poisson approximation;
 * always clamped to [0, n]. */
long rng_binomial(rng *r, long n, double p);

/* Natural logarithm and exponential computed with basic arithmetic only, so
 * they are bit-identical everywhere (relative error a few units in the last
 * place). rng_log(x) for x <= 0 returns -HUGE_VAL; rng_exp overflows to
 * HUGE_VAL above about 709.78 and underflows to 0 below about -745. */
double rng_log(double x);
double rng_exp(double x);

#endif
