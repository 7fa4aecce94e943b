#include "stats/intervals.h"

#include "stats/gammainc.h"
#include "stats/normal.h"

#include <math.h>

static int check_confidence(double confidence, err *e)
{
    if (!(confidence > 0.0 && confidence < 1.0))
        return err_user(e, "confidence level %g must be a fraction between 0 and 1 (e.g. 0.95)",
                        confidence);
    return 0;
}

static double clamp01(double v)
{
    return v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
}

int ci_wilson(double x, double n, double confidence, ci_interval *out, err *e)
{
    if (check_confidence(confidence, e))
        return -1;
    if (!isfinite(x) || !isfinite(n))
        return err_user(e, "numerator %g and denominator %g must be numbers", x, n);
    if (!(n > 0.0))
        return err_user(e, "denominator %g must be greater than 0", n);
    if (x < 0.0)
        return err_user(e, "numerator %g must not be negative", x);
    if (x > n)
        return err_user(e, "numerator %g is larger than its denominator %g", x, n);

    double z = normal_z(confidence), z2 = z * z;
    double centre = 2.0 * x + z2;
    double spread = z * sqrt(z2 + 4.0 * x * (1.0 - x / n));
    double scale = 2.0 * (n + z2);
    /* Rounding can put the ends a hair outside [0, 1] at x = 0 and x = n. */
    out->lower = clamp01((centre - spread) / scale);
    out->upper = clamp01((centre + spread) / scale);
    if (x == 0.0)
        out->lower = 0.0;
    if (x == n)
        out->upper = 1.0;
    return 0;
}

static int check_count(double x, err *e)
{
    if (!isfinite(x))
        return err_user(e, "count %g must be a number", x);
    if (x < 0.0)
        return err_user(e, "count %g must not be negative", x);
    return 0;
}

int ci_byar(double x, double confidence, ci_interval *out, err *e)
{
    if (check_confidence(confidence, e) || check_count(x, e))
        return -1;
    double z = normal_z(confidence);
    double lower = 0.0;
    if (x > 0.0) {
        double t = 1.0 - 1.0 / (9.0 * x) - z / (3.0 * sqrt(x));
        lower = t > 0.0 ? x * t * t * t : 0.0;
    }
    double x1 = x + 1.0;
    double u = 1.0 - 1.0 / (9.0 * x1) + z / (3.0 * sqrt(x1));
    out->lower = lower;
    out->upper = x1 * u * u * u;
    return 0;
}

int ci_poisson_exact(double x, double confidence, ci_interval *out, err *e)
{
    if (check_confidence(confidence, e) || check_count(x, e))
        return -1;
    double alpha = 1.0 - confidence;
    /* chi2(q, 2k) / 2 is the q quantile of Gamma(k, 1). */
    out->lower = x > 0.0 ? gammainc_p_inv(x, alpha / 2.0) : 0.0;
    out->upper = gammainc_p_inv(x + 1.0, 1.0 - alpha / 2.0);
    return 0;
}

int ci_dsr(const double *events, const double *population, const double *std_population, size_t n,
           double confidence, double multiplier, ci_dsr_result *out, err *e)
{
    if (check_confidence(confidence, e))
        return -1;
    if (n == 0)
        return err_user(e, "a standardised rate needs at least one stratum");
    if (!isfinite(multiplier) || !(multiplier > 0.0))
        return err_user(e, "multiplier %g must be greater than 0", multiplier);

    double total = 0.0, pop = 0.0, std_total = 0.0, weighted = 0.0, var_sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double o = events[i], p = population[i], s = std_population[i];
        if (!isfinite(o) || o < 0.0)
            return err_user(e, "stratum %zu: events %g must be a number of at least 0", i + 1, o);
        if (!isfinite(p) || !(p > 0.0))
            return err_user(e, "stratum %zu: population %g must be greater than 0", i + 1, p);
        if (!isfinite(s) || s < 0.0)
            return err_user(e, "stratum %zu: standard population %g must be at least 0", i + 1, s);
        double w = s / p;
        total += o;
        pop += p;
        std_total += s;
        weighted += o * w;
        var_sum += o * w * w;
    }
    if (!(std_total > 0.0))
        return err_user(e, "the standard population sums to 0");

    out->total_events = total;
    out->total_population = pop;
    if (total < CI_DSR_MIN_EVENTS) {
        out->suppressed = 1;
        out->value = out->ci.lower = out->ci.upper = NAN;
        return 0;
    }
    out->suppressed = 0;
    double value = weighted / std_total;
    double var = var_sum / (std_total * std_total);
    ci_interval count;
    if (ci_byar(total, confidence, &count, e))
        return -1;
    double se_per_event = sqrt(var / total);
    out->value = value * multiplier;
    out->ci.lower = (value + se_per_event * (count.lower - total)) * multiplier;
    out->ci.upper = (value + se_per_event * (count.upper - total)) * multiplier;
    return 0;
}
