/* rx measure: prescribing measures (OpenPrescribing's method) from JSON definitions and stored
 * months.
 *
 * A definition (data/measures/ID.json): {"id","name","description","why_it_matters",
 * "numerator":{"field","bnf_codes":[...],"exclude":[...]}, "denominator":{"field","bnf_codes",
 * "exclude"} or {"list_size":true}, "is_percentage","low_is_good","is_cost_based"}. Fields are
 * items, quantity (TOTAL_QUANTITY: units), actual_cost or nic. A BNF filter matches every code that
 * starts with it; exclusions win.
 *
 * For a month and a level (practice, sub_icb, icb, region) each organisation gets numerator,
 * denominator, value (num/den; x100 when a percentage; x1000 per list size), percentile
 * (PERCENT_RANK x 100 among organisations with a value) and, for cost-based measures, the saving
 * at each decile as OpenPrescribing computes it: for list-size measures num - p_k x den; otherwise
 * the denominator's cost less what it would cost at the decile's proportion with each side priced
 * at its own cost per unit. Deciles are PERCENTILE_CONT over the organisations' values; totals add
 * positive savings only.
 *
 * Ownership: rx_measures_load gives an array that rx_measures_free frees; results from
 * rx_measures_compute are freed with rx_result_free; they point at the month's names, so the month
 * must outlive them. */
#ifndef UNLOCK_RX_MEASURE_H
#define UNLOCK_RX_MEASURE_H

#include "db/db.h"
#include "rx/store.h"
#include "util/err.h"
#include "util/strbuf.h"

#include <jansson.h>

#include <stddef.h>

enum { RX_PRACTICE, RX_SUB_ICB, RX_ICB, RX_REGION, RX_NLEVELS };

typedef struct rx_filter {
    int field; /* RX_ITEMS, RX_TOTAL_QUANTITY, RX_ACTUAL_COST or RX_NIC */
    char **codes, **exclude;
    size_t ncodes, nexclude;
    int list_size; /* denominator only: practice list sizes */
} rx_filter;

typedef struct rx_measure_def {
    char *id, *name, *description, *why;
    rx_filter num, den;
    int is_percentage, is_cost_based;
    int low_is_good; /* 1, 0, or -1 for null */
} rx_measure_def;

typedef struct rx_org_value {
    const char *code, *name;
    double num, den, value, percentile; /* NaN: none */
    double num_cost, den_cost;
    double savings[9]; /* at deciles 10..90; NaN when not cost-based or no value */
} rx_org_value;

typedef struct rx_result {
    const rx_measure_def *def;
    int month, level;
    size_t n;
    rx_org_value *orgs; /* sorted by code */
    double deciles[9];
    double total_savings[9];
} rx_result;

/* The measures directory: the flag, else $UNLOCK_MEASURES, else ./data/measures when it exists,
 * else the project's data/measures beside the binary, else /usr/share/unlock/measures. */
const char *rx_measures_dir(const char *flag);
/* Loads one definition file. */
int rx_measure_load(const char *path, rx_measure_def *out, err *e);
/* Loads every *.json in dir, sorted by id. */
int rx_measures_load(const char *dir, rx_measure_def **out, size_t *n, err *e);
void rx_measure_def_free(rx_measure_def *d);
void rx_measures_free(rx_measure_def *defs, size_t n);

const char *rx_level_name(int level);
/* RX_PRACTICE.. from "practice", "sub_icb", "icb", "region"; -1 when unknown. */
int rx_level_parse(const char *s);

/* Computes every definition at every level in one pass over the month. list_size[i] is practice
 * i's list size (NaN when unknown), NULL when there are none. out[d * RX_NLEVELS + level]. */
int rx_measures_compute(rx_month *m, const double *list_size, const rx_measure_def *defs,
                        size_t ndefs, rx_result *out, err *e);
void rx_result_free(rx_result *r);

/* {"id","name","description","why_it_matters","numerator","denominator","is_percentage",
 *  "is_cost_based","low_is_good"}; the caller owns it. */
json_t *rx_measure_def_json(const rx_measure_def *d);
/* Appends {"measure","month","level","deciles":{"10":..},["total_savings",] "orgs":[{"code",
 * "name","numerator","denominator","value","percentile"[,"savings"]}]} (only org's when org is
 * not NULL). Written directly, not through jansson: a practice-level month is tens of thousands
 * of numbers. */
void rx_result_json(strbuf *sb, const rx_result *r, const char *org);
/* JSON pieces: a number (null when not finite), a string, {"10":v[0],...,"90":v[8]}. */
void rx_json_num(strbuf *sb, double v);
void rx_json_str(strbuf *sb, const char *s);
void rx_json_deciles(strbuf *sb, const double v[9]);

/* The stored list sizes (rx_list_sizes) of the month's practices, in its practice order, NaN
 * where unknown; *out is the caller's to free. */
int rx_list_sizes_for(db *d, const rx_month *m, double **out, err *e);

#endif
