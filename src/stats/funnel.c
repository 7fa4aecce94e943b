#include "stats/funnel.h"

#include "stats/gammainc.h"
#include "stats/intervals.h"
#include "stats/normal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void funnel_result_free(funnel_result *r)
{
    if (!r)
        return;
    free(r->orgs);
    memset(r, 0, sizeof *r);
}

double funnel_default_multiplier(funnel_type type)
{
    return type == FUNNEL_PROPORTION ? 100.0 : 1.0;
}

static const char *org_label(const char *const *names, size_t i, char *buf, size_t size)
{
    if (names && names[i] && names[i][0])
        return names[i];
    snprintf(buf, size, "row %zu", i + 1);
    return buf;
}

/* Limits as fractions for a proportion funnel centred on p at denominator n. */
static void proportion_limits(double p, double n, double confidence, double *low, double *high)
{
    double half = normal_z(confidence) * sqrt(p * (1.0 - p) / n);
    *low = fmax(0.0, p - half);
    *high = fmin(1.0, p + half);
}

/* Limits as fractions (of the denominator) for a Poisson funnel whose expected count is
 * centre x denominator. The upper limit is the count O with exact lower limit equal to the
 * expected count, P(O, E) = alpha/2; the lower one the count with exact upper limit equal to it,
 * P(O + 1, E) = 1 - alpha/2, or 0 when even 0 events would not be significantly low. */
static void poisson_limits(double centre, double denominator, double confidence, double *low,
                           double *high)
{
    double expected = centre * denominator;
    if (!(expected > 0.0)) {
        *low = *high = 0.0;
        return;
    }
    double alpha = 1.0 - confidence;
    double upper_count = gammainc_shape_inv(expected, alpha / 2.0, 1e-12);
    double lower_count = gammainc_shape_inv(expected, 1.0 - alpha / 2.0, 1.0) - 1.0;
    *high = upper_count / denominator;
    *low = fmax(0.0, lower_count) / denominator;
}

static void limits_fraction(funnel_type type, double centre, double denominator, double confidence,
                            double *low, double *high)
{
    if (type == FUNNEL_PROPORTION)
        proportion_limits(centre, denominator, confidence, low, high);
    else
        poisson_limits(centre, denominator, confidence, low, high);
}

void funnel_limits_at(const funnel_result *r, double denominator, double confidence, double *low,
                      double *high)
{
    if (!(denominator > 0.0) || !(confidence > 0.0 && confidence < 1.0)) {
        *low = *high = NAN;
        return;
    }
    limits_fraction(r->type, r->centre, denominator, confidence, low, high);
    *low *= r->multiplier;
    *high *= r->multiplier;
}

static int check_row(funnel_type type, double x, double n, const char *who, err *e)
{
    if (!isfinite(x))
        return err_user(e, "%s: numerator is not a number", who);
    if (!isfinite(n))
        return err_user(e, "%s: denominator is not a number", who);
    if (!(n > 0.0))
        return err_user(e, "%s: denominator %g must be greater than 0", who, n);
    if (x < 0.0)
        return err_user(e, "%s: numerator %g must not be negative", who, x);
    if (type == FUNNEL_PROPORTION && x > n)
        return err_user(e,
                        "%s: numerator %g is larger than its denominator %g, which a "
                        "proportion cannot be",
                        who, x, n);
    return 0;
}

int funnel_compute(funnel_type type, const double *numerators, const double *denominators,
                   const char *const *names, size_t n, double multiplier, funnel_result *out,
                   err *e)
{
    memset(out, 0, sizeof *out);
    if (type != FUNNEL_PROPORTION && type != FUNNEL_RATIO && type != FUNNEL_RATE)
        return err_internal(e, "unknown funnel type %d", (int)type);
    if (n == 0)
        return err_user(e, "a funnel plot needs at least one organisation");
    if (!isfinite(multiplier) || !(multiplier > 0.0))
        return err_user(e, "multiplier %g must be greater than 0", multiplier);

    char buf[32];
    double sum_x = 0.0, sum_n = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (check_row(type, numerators[i], denominators[i], org_label(names, i, buf, sizeof buf),
                      e))
            return -1;
        sum_x += numerators[i];
        sum_n += denominators[i];
    }

    out->type = type;
    out->multiplier = multiplier;
    out->centre = type == FUNNEL_RATIO ? 1.0 : sum_x / sum_n;
    out->average = out->centre * multiplier;
    out->n = n;
    out->orgs = xcalloc(n, sizeof *out->orgs);

    for (size_t i = 0; i < n; i++) {
        funnel_org *o = &out->orgs[i];
        double x = numerators[i], d = denominators[i];
        o->numerator = x;
        o->denominator = d;
        o->value = x / d * multiplier;

        ci_interval ci;
        int rc = type == FUNNEL_PROPORTION ? ci_wilson(x, d, 0.95, &ci, e)
                                           : ci_poisson_exact(x, 0.95, &ci, e);
        if (rc) {
            err_prefix(e, "%s", org_label(names, i, buf, sizeof buf));
            funnel_result_free(out);
            return -1;
        }
        if (type == FUNNEL_PROPORTION) {
            o->ci95_low = ci.lower * multiplier;
            o->ci95_high = ci.upper * multiplier;
        } else {
            o->ci95_low = ci.lower / d * multiplier;
            o->ci95_high = ci.upper / d * multiplier;
        }

        funnel_limits_at(out, d, 0.95, &o->limit95_low, &o->limit95_high);
        funnel_limits_at(out, d, 0.998, &o->limit998_low, &o->limit998_high);

        if (o->value > o->limit998_high)
            o->significance = FUNNEL_HIGH_0_001;
        else if (o->value > o->limit95_high)
            o->significance = FUNNEL_HIGH_0_025;
        else if (o->value < o->limit998_low)
            o->significance = FUNNEL_LOW_0_001;
        else if (o->value < o->limit95_low)
            o->significance = FUNNEL_LOW_0_025;
        else
            o->significance = FUNNEL_NOT_SIGNIFICANT;
    }
    return 0;
}

const char *funnel_significance_name(funnel_significance s)
{
    switch (s) {
    case FUNNEL_HIGH_0_001:
        return "high_0.001";
    case FUNNEL_HIGH_0_025:
        return "high_0.025";
    case FUNNEL_LOW_0_025:
        return "low_0.025";
    case FUNNEL_LOW_0_001:
        return "low_0.001";
    case FUNNEL_NOT_SIGNIFICANT:
    default:
        return "not_significant";
    }
}

const char *funnel_type_name(funnel_type t)
{
    switch (t) {
    case FUNNEL_RATIO:
        return "ratio";
    case FUNNEL_RATE:
        return "rate";
    case FUNNEL_PROPORTION:
    default:
        return "proportion";
    }
}

int funnel_type_parse(const char *s, funnel_type *out, err *e)
{
    if (s && strcmp(s, "proportion") == 0)
        *out = FUNNEL_PROPORTION;
    else if (s && strcmp(s, "ratio") == 0)
        *out = FUNNEL_RATIO;
    else if (s && strcmp(s, "rate") == 0)
        *out = FUNNEL_RATE;
    else
        return err_user(e, "funnel type \"%s\" must be proportion, ratio or rate", s ? s : "");
    return 0;
}
