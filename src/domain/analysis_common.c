#include "domain/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

spc_direction analysis_direction(const char *polarity)
{
    if (strcmp(polarity, "high_is_good") == 0)
        return SPC_INCREASE;
    if (strcmp(polarity, "low_is_good") == 0)
        return SPC_DECREASE;
    return SPC_NEUTRAL;
}

compare_polarity analysis_polarity(const char *polarity)
{
    if (strcmp(polarity, "high_is_good") == 0)
        return COMPARE_HIGH_IS_GOOD;
    if (strcmp(polarity, "low_is_good") == 0)
        return COMPARE_LOW_IS_GOOD;
    return COMPARE_NEUTRAL;
}

int analysis_number(const char *option, const char *text, double *out, err *e)
{
    char *end;
    double v = strtod(text, &end);
    if (!*text || *end || !isfinite(v))
        return err_user(e, "%s: expected a number, not '%.100s'", option, text);
    *out = v;
    return 0;
}

json_t *analysis_json_number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}
