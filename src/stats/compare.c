#include "stats/compare.h"

#include "stats/percentile.h"

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

int compare_quantile_group(const double *values, size_t n, double value, int groups)
{
    if (groups < 2 || !isfinite(value))
        return 0;
    size_t m;
    double *s = pctl_sorted(values, n, &m);
    int group = 0;
    if (m > 0) {
        group = 1;
        for (int k = 1; k < groups; k++)
            if (value > pctl_cont_sorted(s, m, (double)k / groups))
                group++;
    }
    free(s);
    return group;
}

int compare_quantile_rank_by_polarity(int group, int groups, compare_polarity polarity)
{
    if (group < 1 || group > groups)
        return 0;
    return polarity == COMPARE_LOW_IS_GOOD ? groups + 1 - group : group;
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

    /* Symmetric scale about the benchmark, wide enough for the further extreme. */
    double half = fmax(fabs(benchmark - out->min), fabs(out->max - benchmark));
    double *pos[] = {&out->pos_worst, &out->pos_worst_quartile, &out->pos_best_quartile,
                     &out->pos_best, &out->pos_value};
    const double raw[] = {out->worst, out->worst_quartile, out->best_quartile, out->best, value};
    for (size_t i = 0; i < 5; i++) {
        double p;
        if (isnan(raw[i]))
            p = NAN;
        else if (half == 0.0)
            p = 0.5;
        else
            p = 0.5 + (raw[i] - benchmark) / (2.0 * half);
        *pos[i] = flip && !isnan(p) ? 1.0 - p : p;
    }
    return 0;
}
