#include "stats/compare.h"

#include "stats/percentile.h"
#include "util/err.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* +1 when the whole interval is above the benchmark, -1 when below, 0 when it contains it;
 * -2 when something is missing. */
static int side(ci_interval ci, double benchmark)
{
    if (isnan(ci.lower) || isnan(ci.upper) || isnan(benchmark))
        return -2;
    if (benchmark < ci.lower)
        return 1;
    if (benchmark > ci.upper)
        return -1;
    return 0;
}

compare_outcome compare_three_tier(ci_interval ci95, double benchmark, compare_polarity polarity)
{
    if (polarity == COMPARE_NEUTRAL)
        return COMPARE_NOT_COMPARED;
    int s = side(ci95, benchmark);
    if (s == -2)
        return COMPARE_NOT_COMPARED;
    if (s == 0)
        return COMPARE_SIMILAR;
    switch (polarity) {
    case COMPARE_HIGH_IS_GOOD:
        return s > 0 ? COMPARE_BETTER : COMPARE_WORSE;
    case COMPARE_LOW_IS_GOOD:
        return s > 0 ? COMPARE_WORSE : COMPARE_BETTER;
    case COMPARE_NO_JUDGEMENT:
        return s > 0 ? COMPARE_HIGHER : COMPARE_LOWER;
    case COMPARE_NEUTRAL:
    default:
        return COMPARE_NOT_COMPARED;
    }
}

compare_outcome compare_five_tier(ci_interval ci95, ci_interval ci998, double benchmark,
                                  compare_polarity polarity)
{
    compare_outcome three = compare_three_tier(ci95, benchmark, polarity);
    if (three == COMPARE_NOT_COMPARED || three == COMPARE_SIMILAR)
        return three;
    int s998 = side(ci998, benchmark);
    if (s998 == -2)
        return COMPARE_NOT_COMPARED;
    int strong = s998 != 0;
    switch (three) {
    case COMPARE_BETTER:
        return strong ? COMPARE_BETTER_99_8 : COMPARE_BETTER_95;
    case COMPARE_WORSE:
        return strong ? COMPARE_WORSE_99_8 : COMPARE_WORSE_95;
    case COMPARE_HIGHER:
        return strong ? COMPARE_HIGHER_99_8 : COMPARE_HIGHER_95;
    case COMPARE_LOWER:
        return strong ? COMPARE_LOWER_99_8 : COMPARE_LOWER_95;
    default:
        return three;
    }
}

const char *compare_outcome_name(compare_outcome o)
{
    switch (o) {
    case COMPARE_SIMILAR:
        return "similar";
    case COMPARE_BETTER:
        return "better";
    case COMPARE_WORSE:
        return "worse";
    case COMPARE_HIGHER:
        return "higher";
    case COMPARE_LOWER:
        return "lower";
    case COMPARE_BETTER_95:
        return "better_95";
    case COMPARE_BETTER_99_8:
        return "better_99.8";
    case COMPARE_WORSE_95:
        return "worse_95";
    case COMPARE_WORSE_99_8:
        return "worse_99.8";
    case COMPARE_HIGHER_95:
        return "higher_95";
    case COMPARE_HIGHER_99_8:
        return "higher_99.8";
    case COMPARE_LOWER_95:
        return "lower_95";
    case COMPARE_LOWER_99_8:
        return "lower_99.8";
    case COMPARE_NOT_COMPARED:
    default:
        return "not_compared";
    }
}

static const char *const POLARITY_NAMES[] = {"high_is_good", "low_is_good", "no_judgement",
                                             "neutral"};

const char *compare_polarity_name(compare_polarity p)
{
    if ((int)p < 0 || (size_t)p >= sizeof POLARITY_NAMES / sizeof *POLARITY_NAMES)
        return "neutral";
    return POLARITY_NAMES[p];
}

int compare_polarity_parse(const char *s, compare_polarity *out, err *e)
{
    for (size_t i = 0; s && i < sizeof POLARITY_NAMES / sizeof *POLARITY_NAMES; i++)
        if (strcmp(s, POLARITY_NAMES[i]) == 0) {
            *out = (compare_polarity)i;
            return 0;
        }
    return err_user(e, "polarity \"%s\" must be high_is_good, low_is_good, no_judgement or neutral",
                    s ? s : "");
}

size_t compare_quantiles(const double *values, size_t n, int groups, int invert, int *out)
{
    double *keys = xmalloc((n ? n : 1) * sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        out[i] = 0;
        keys[i] = invert ? -values[i] : values[i];
    }
    size_t m;
    double *sorted = pctl_sorted(keys, n, &m);
    size_t assigned = 0;
    if (groups >= 1 && m >= (size_t)groups) {
        size_t q = (size_t)groups;
        for (size_t i = 0; i < n; i++) {
            if (!isfinite(keys[i]))
                continue;
            size_t rank = pctl_count_below(sorted, m, keys[i]) + 1;
            size_t up = ((m + 1 - rank) * q + m - 1) / m; /* ceil((m + 1 - rank) q / m) */
            out[i] = up > q ? 1 : (int)(q + 1 - up);
            assigned++;
        }
    }
    free(sorted);
    free(keys);
    return assigned;
}

int compare_quantile_invert(compare_polarity polarity)
{
    return polarity == COMPARE_LOW_IS_GOOD;
}

int compare_quantile_cuts(const double *values, size_t n, int groups, double *out)
{
    for (int k = 0; k <= groups; k++)
        out[k] = NAN;
    size_t m;
    double *s = pctl_sorted(values, n, &m);
    int rc = -1;
    if (groups >= 1 && m >= (size_t)groups) {
        out[0] = s[0];
        for (int k = 1; k < groups; k++)
            out[k] = pctl_cont_sorted(s, m, (double)k / groups);
        out[groups] = s[m - 1];
        rc = 0;
    }
    free(s);
    return rc;
}

int compare_spine_data(const double *values, size_t n, double value, double benchmark,
                       compare_polarity polarity, compare_spine *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (!isfinite(benchmark))
        return err_user(e, "the benchmark value is not a number");
    size_t m;
    double *s = pctl_sorted(values, n, &m);
    if (m == 0) {
        free(s);
        return err_user(e, "a spine chart needs at least one area with a value");
    }
    out->min = s[0];
    out->q25 = pctl_cont_sorted(s, m, 0.25);
    out->median = pctl_cont_sorted(s, m, 0.5);
    out->q75 = pctl_cont_sorted(s, m, 0.75);
    out->max = s[m - 1];
    free(s);
    out->benchmark = benchmark;
    out->value = value;

    int flip = polarity == COMPARE_LOW_IS_GOOD;
    out->worst = flip ? out->max : out->min;
    out->worst_quartile = flip ? out->q75 : out->q25;
    out->best_quartile = flip ? out->q25 : out->q75;
    out->best = flip ? out->min : out->max;

    out->pos_worst = compare_spine_position(out, out->worst, polarity);
    out->pos_worst_quartile = compare_spine_position(out, out->worst_quartile, polarity);
    out->pos_best_quartile = compare_spine_position(out, out->best_quartile, polarity);
    out->pos_best = compare_spine_position(out, out->best, polarity);
    out->pos_value = compare_spine_position(out, value, polarity);
    return 0;
}

double compare_spine_position(const compare_spine *s, double value, compare_polarity polarity)
{
    if (isnan(value))
        return NAN;
    /* Symmetric scale about the benchmark, wide enough for the further extreme. */
    double half = fmax(fabs(s->benchmark - s->min), fabs(s->max - s->benchmark));
    double p = half == 0.0 ? 0.5 : 0.5 + (value - s->benchmark) / (2.0 * half);
    return polarity == COMPARE_LOW_IS_GOOD ? 1.0 - p : p;
}
