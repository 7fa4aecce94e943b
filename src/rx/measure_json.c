/* rx measure JSON: definitions and results as `unlock measure --json` and the API give them. */
#include "rx/measure.h"

#include <math.h>
#include <string.h>

static const char *field_name(int f)
{
    return f == RX_ITEMS            ? "items"
           : f == RX_TOTAL_QUANTITY ? "quantity"
           : f == RX_ACTUAL_COST    ? "actual_cost"
           : f == RX_NIC            ? "nic"
                                    : "list_size";
}

json_t *rx_measure_def_json(const rx_measure_def *d)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:o}", "id", d->id, "name", d->name,
                     "description", d->description, "why_it_matters", d->why, "numerator",
                     field_name(d->num.field), "denominator",
                     d->den.list_size ? "list_size" : field_name(d->den.field), "is_percentage",
                     d->is_percentage, "is_cost_based", d->is_cost_based, "low_is_good",
                     d->low_is_good < 0 ? json_null() : json_boolean(d->low_is_good));
}

/* The JSON is written directly rather than through jansson: a month at practice level is tens
 * of thousands of numbers, and building the tree cost more than computing the measures. */
void rx_json_num(strbuf *sb, double v)
{
    if (!isfinite(v)) {
        strbuf_adds(sb, "null");
        return;
    }
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%.17g", v);
    strbuf_add(sb, tmp, (size_t)n);
}

void rx_json_str(strbuf *sb, const char *s)
{
    strbuf_addc(sb, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            strbuf_addc(sb, '\\');
            strbuf_addc(sb, (char)c);
        } else if (c < 0x20) {
            strbuf_addf(sb, "\\u%04x", c);
        } else {
            strbuf_addc(sb, (char)c);
        }
    }
    strbuf_addc(sb, '"');
}

void rx_json_deciles(strbuf *sb, const double v[9])
{
    strbuf_addc(sb, '{');
    for (int k = 0; k < 9; k++) {
        strbuf_addf(sb, "%s\"%d\": ", k ? ", " : "", 10 * (k + 1));
        rx_json_num(sb, v[k]);
    }
    strbuf_addc(sb, '}');
}

void rx_result_json(strbuf *sb, const rx_result *r, const char *org)
{
    const rx_measure_def *d = r->def;
    strbuf_adds(sb, "{\"measure\": ");
    rx_json_str(sb, d->id);
    strbuf_addf(sb, ", \"month\": %d, \"level\": \"%s\",\n \"deciles\": ", r->month,
                rx_level_name(r->level));
    rx_json_deciles(sb, r->deciles);
    if (d->is_cost_based) {
        strbuf_adds(sb, ",\n \"total_savings\": ");
        rx_json_deciles(sb, r->total_savings);
    }
    strbuf_adds(sb, ",\n \"orgs\": [");
    int first = 1;
    for (size_t i = 0; i < r->n; i++) {
        const rx_org_value *o = &r->orgs[i];
        if (org && strcmp(org, o->code) != 0)
            continue;
        strbuf_adds(sb, first ? "\n  {\"code\": " : ",\n  {\"code\": ");
        first = 0;
        rx_json_str(sb, o->code);
        strbuf_adds(sb, ", \"name\": ");
        rx_json_str(sb, o->name);
        strbuf_adds(sb, ", \"numerator\": ");
        rx_json_num(sb, o->num);
        strbuf_adds(sb, ", \"denominator\": ");
        rx_json_num(sb, o->den);
        strbuf_adds(sb, ", \"value\": ");
        rx_json_num(sb, o->value);
        strbuf_adds(sb, ", \"percentile\": ");
        rx_json_num(sb, o->percentile);
        if (d->is_cost_based) {
            strbuf_adds(sb, ", \"savings\": ");
            rx_json_deciles(sb, o->savings);
        }
        strbuf_addc(sb, '}');
    }
    strbuf_adds(sb, "]}");
}
