/* peer: peer-group opportunity, the NHS RightCare / Commissioning for Value idea with its known
 * flaw fixed.
 *
 * An organisation is compared with its peers: an explicit peer group, or the N (default 10) most
 * similar organisations by Euclidean distance over contextual variables (e.g. deprivation, age),
 * each standardised to mean 0 and standard deviation 1 across organisations and equally weighted.
 * The benchmark is the plain mean of the rates of the best K (default 5) peers. The opportunity
 * is (own rate - benchmark) x own denominator (x a unit cost when one is given), and it is counted
 * only when the organisation is worse than the benchmark AND the difference is significant at
 * 95% allowing for the uncertainty in both its own rate and the peers' rates (Dropkin, J Public
 * Health 2018, showed that ignoring the peers' uncertainty overstates opportunities).
 *
 * The uncertainty of each rate comes from its own 95% interval (Wilson for proportions, exact
 * Poisson for rates), which stays honest at 0 events and small denominators: the standard error is
 * the distance from the rate to the interval end facing the comparison, divided by z. The
 * benchmark's standard error is sqrt(sum se_i^2) / K; the difference is significant when
 * |own - benchmark| > z sqrt(se_own^2 + se_benchmark^2).
 *
 * peer_opportunity() fills a caller-provided peer_result and allocates its arrays and description;
 * release them with peer_result_free(). */
#ifndef UNLOCK_STATS_PEER_H
#define UNLOCK_STATS_PEER_H

#include "stats/compare.h"
#include "util/err.h"

#include <stddef.h>

typedef enum peer_measure {
    PEER_PROPORTION = 0, /* numerator of denominator people, 0 <= x <= n */
    PEER_RATE,           /* events per denominator (population, exposure) */
} peer_measure;

typedef struct peer_org {
    const char *name;      /* used in the description; "organisation N" when NULL */
    double numerator;      /* events */
    double denominator;    /* people or population */
    const double *context; /* n_context contextual values (NaN: unknown); NULL allowed with
                              explicit peers */
} peer_org;

typedef struct peer_options {
    size_t target;       /* index of the organisation being assessed */
    const size_t *peers; /* an explicit peer group (indexes), or NULL for the nearest */
    size_t n_peers;
    size_t n_nearest; /* N, default 10 (0: every organisation with the context) */
    size_t n_best;    /* K, default 5 */
    peer_measure measure;
    compare_polarity polarity; /* COMPARE_HIGH_IS_GOOD or COMPARE_LOW_IS_GOOD */
    double multiplier; /* indicator units: 100 for percentages, 100000 per 100,000 (default 1) */
    double unit_cost;  /* cost of one event; NaN (the default) for none */
    const char *unit;  /* what one event is called in the description (default "events") */
    size_t n_context;
    const char *const *context_names; /* n_context names for the description, or NULL */
} peer_options;

typedef struct peer_result {
    int nearest; /* 1 when the peers were chosen by similarity */
    size_t n_peers;
    size_t *peers;    /* indexes into orgs, most similar first (or as given) */
    double *distance; /* standardised distance of each peer (NaN for explicit peers) */
    size_t n_best;
    size_t *best;            /* the best K peers, best first */
    double own_rate;         /* in indicator units */
    double benchmark;        /* mean of the best K peers' rates, indicator units */
    double difference;       /* own_rate - benchmark */
    double se_difference;    /* standard error of the difference, indicator units */
    int worse;               /* worse than the benchmark by polarity */
    int significant;         /* |difference| > 1.96 se_difference */
    double opportunity;      /* events: |difference| x own denominator when worse and significant,
                                else 0 */
    double opportunity_cost; /* opportunity x unit cost, or NaN without a unit cost */
    char *description;       /* one sentence naming the peers and the method */
} peer_result;

/* Defaults: N = 10, K = 5, proportion, low is good, multiplier 1, no unit cost. */
void peer_options_init(peer_options *opt);

/* User errors: target out of range; no peers (explicit list empty or out of range, or no other
 * organisation with every contextual value); the target missing a contextual value; a polarity
 * other than high or low is good; numerators/denominators that are not numbers, denominators
 * <= 0, negative numerators or (proportions) numerators above denominators, naming the
 * organisation. */
int peer_opportunity(const peer_org *orgs, size_t n, const peer_options *opt, peer_result *out,
                     err *e);

void peer_result_free(peer_result *r);

#endif
