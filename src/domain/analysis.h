/* analysis: the statistics applied to stored (or supplied) data, shared by the
 * command line and the HTTP API so both give the same numbers in the same JSON
 * shapes (the contract in docs/api.md and `unlock spc --json`).
 *
 * Requests carry options as the text a person typed (a CLI flag's value or a
 * query-string value; NULL when absent), and errors name the option. Each
 * analysis_* function fills a caller-provided result, which its _free
 * releases (safe on a zeroed struct, and after a failure). */
#ifndef UNLOCK_DOMAIN_ANALYSIS_H
#define UNLOCK_DOMAIN_ANALYSIS_H

#include "db/db.h"
#include "domain/series.h"
#include "domain/table_input.h"
#include "stats/compare.h"
#include "stats/funnel.h"
#include "stats/peer.h"
#include "stats/spc.h"

#include <jansson.h>

/* ---- SPC ---------------------------------------------------------------- */

typedef struct spc_request {
    const char *indicator, *subject; /* from the database ... */
    const char *csv;                 /* ... or a CSV file with columns period,value */
    const char *improvement;         /* increase, decrease, neutral; default by polarity */
    const char *target;
    const char *rebase;    /* comma-separated periods */
    const char *fix_after; /* a whole number >= 2 */
} spc_request;

typedef struct spc_analysis {
    series s; /* periods and values (from the database or the CSV) */
    table_input t;
    int from_csv;
    spc_options opt;
    size_t *rebase;
    spc_result r;
} spc_analysis;

int analysis_spc(db *d, const spc_request *req, spc_analysis *out, err *e);
json_t *analysis_spc_json(const spc_analysis *a);
void analysis_spc_free(spc_analysis *a);

/* ---- Funnel plots ----------------------------------------------------------- */

typedef struct funnel_request {
    const char *indicator, *period, *kind; /* from the database ... */
    const char *csv;  /* ... or a CSV file with columns org,numerator,denominator */
    const char *type; /* proportion, ratio, rate; default from the indicator (CSV: proportion) */
    const char *multiplier; /* default from the indicator, or 100 / 1 */
} funnel_request;

typedef struct funnel_analysis {
    indicator_info indicator; /* code "" for a CSV */
    char period[11];
    size_t n;
    char **orgs, **names;
    double *numerators, *denominators;
    funnel_result r;
} funnel_analysis;

int analysis_funnel(db *d, const funnel_request *req, funnel_analysis *out, err *e);
json_t *analysis_funnel_json(const funnel_analysis *a);
void analysis_funnel_free(funnel_analysis *a);

/* ---- Benchmark comparison (Fingertips) ---------------------------------------- */

typedef struct compare_request {
    const char *indicator, *period, *kind;
    const char *benchmark; /* an organisation code; default: the overall value of those compared */
} compare_request;

typedef struct compare_row {
    const char *org, *name; /* borrowed from the cross section */
    double value;
    ci_interval ci95, ci998; /* NaN when the indicator type has no interval (a mean) */
    compare_outcome three, five;
    int quartile, quintile; /* 1 = worst (or lowest) ... by PHE's method; 0 when not ranked */
    double spine_position;  /* on the spine's 0..1 axis, worse to the left */
} compare_row;

typedef struct compare_analysis {
    cross_section c;
    char benchmark_name[64];
    double benchmark;
    compare_polarity polarity;
    compare_row *rows;
    double quartile_cuts[5], quintile_cuts[6]; /* ascending; NaN when too few areas */
    compare_spine spine;                       /* of every area; its value is NaN */
} compare_analysis;

int analysis_compare(db *d, const compare_request *req, compare_analysis *out, err *e);
json_t *analysis_compare_json(const compare_analysis *a);
void analysis_compare_free(compare_analysis *a);

/* ---- Peer opportunity --------------------------------------------------------- */

typedef struct opportunity_request {
    const char *indicator, *period, *org;
    const char *peers;     /* comma-separated codes; default: every other organisation compared */
    const char *context;   /* or comma-separated contextual indicators: the nearest peers by them */
    const char *nearest;   /* N, with context: how many nearest peers (default 10) */
    const char *unit_cost; /* pounds per event */
    const char *best;      /* K, default 5 */
} opportunity_request;

typedef struct opportunity_analysis {
    cross_section c;
    size_t target;
    size_t *peers;
    size_t n_peers;
    int named_peers; /* the peers were listed by name */
    size_t n_context;
    indicator_info *context;  /* the contextual indicators, when the peers are the nearest */
    double *context_values;   /* c.n x n_context, row by row; NaN where an organisation has none */
    size_t n_nearest, n_best; /* N and K as used */
    peer_result r;
} opportunity_analysis;

int analysis_opportunity(db *d, const opportunity_request *req, opportunity_analysis *out, err *e);
json_t *analysis_opportunity_json(const opportunity_analysis *a);
void analysis_opportunity_free(opportunity_analysis *a);

/* ---- Shared ----------------------------------------------------------------- */

/* The SPC improvement direction an indicator's polarity implies. */
spc_direction analysis_direction(const char *polarity);
compare_polarity analysis_polarity(const char *polarity);
/* Parses an option's text as a finite number; errors name the option. */
int analysis_number(const char *option, const char *text, double *out, err *e);
/* A number as JSON, or null when it is not finite (JSON has no NaN). */
json_t *analysis_json_number(double v);

#endif
