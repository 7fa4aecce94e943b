/* rx measure: values, percent ranks, deciles and savings on a tiny month worked by hand.
 *
 * Practices (sub-ICB, ICB): P1 (S1, I1), P2 (S1, I1), P3 (S2, I1), P4 (S2, I1), P5 (S2, I1).
 * Atorvastatin rows: generic 0212000B0AAABAB, brand 0212000B0BBAAAB (units = TOTAL_QUANTITY):
 *   P1 generic 900 units £90 (30 items), brand 100 units £50 (5 items)   -> 10%
 *   P2 generic 800 units £80 (40 items), brand 200 units £100 (10 items) -> 20%
 *   P3 generic 1000 units £100 (50 items)                                -> 0%
 *   P4 generic 500 units £50 (25 items), brand 500 units £250 (25 items) -> 50%
 *   P5 only paracetamol                                                  -> no value
 * Branded share, practices: sorted 0, 10, 20, 50 (m = 4). PERCENT_RANK x 100: 0, 33.33, 66.67,
 * 100. PERCENTILE_CONT, h = 3f: 10th 3, 20th 6, 30th 9, 40th 12, 50th 15, 60th 18, 70th 23,
 * 80th 32, 90th 41.
 * Savings (OpenPrescribing's cost-based percentage method) at the 10th, p = 0.03: every practice
 * pays 0.5 a brand unit and 0.1 a generic unit (P3 has no brand: the level's 400/800 = 0.5), so
 * the cost at 3% of 1,000 units is 30 x 0.5 + 970 x 0.1 = 112: P1 140 - 112 = 28, P2 180 - 112
 * = 68, P3 100 - 112 = -12, P4 300 - 112 = 188; total of positives 284. At the 50th, p = 0.15:
 * 150 x 0.5 + 850 x 0.1 = 160: P1 -20, P2 20, P3 -60, P4 140; total 160.
 * Sub-ICBs: S1 300 / 2000 = 15%, S2 500 / 2000 = 25%; the ICB 800 / 4000 = 20%.
 * Per 1,000 patients (atorvastatin items; list sizes P1 7000, P2 10000, P3 5000, P4 unknown,
 * P5 1000): P1 5, P2 5, P3 10, P4 none, P5 0 -> ranks 33.33, 33.33, 100, -, 0 (ties share the
 * lower rank); median 5. S2 = (50 + 50 + 0) / (5000 + 1000) x 1000 = 16.667. */
#include "rx/measure.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *dir;
static rx_month *month;

static void add(rx_writer *w, const char *pr, const char *sub, const char *bnf, double items,
                double units, double cost)
{
    rx_dict *pd = rx_writer_practices(w), *bd = rx_writer_bnf(w);
    long p = rx_dict_find(pd, pr, strlen(pr));
    if (p < 0)
        p = rx_dict_add(
            pd, (const char *const[]){pr, "Practice", sub, "Sub", "I1", "ICB", "Y56", "Region"});
    long b = rx_dict_find(bd, bnf, strlen(bnf));
    if (b < 0)
        b = rx_dict_add(bd, (const char *const[]){bnf, "desc"});
    double num[RX_NNUM] = {items, units / items, units, cost, cost};
    err e = {0};
    cr_assert_eq(rx_writer_add(w, (uint32_t)p, (uint32_t)b, num, &e), 0);
}

static void setup(void)
{
    dir = tmpdir_make();
    rx_writer *w;
    err e = {0};
    cr_assert_eq(rx_writer_open(dir, 202401, &w, &e), 0, "%s", e.msg);
    const char *gen = "0212000B0AAABAB", *brand = "0212000B0BBAAAB";
    add(w, "P1", "S1", gen, 30, 900, 90);
    add(w, "P1", "S1", brand, 5, 100, 50);
    add(w, "P2", "S1", gen, 40, 800, 80);
    add(w, "P2", "S1", brand, 10, 200, 100);
    add(w, "P3", "S2", gen, 50, 1000, 100);
    add(w, "P4", "S2", brand, 25, 500, 250);
    add(w, "P4", "S2", gen, 25, 500, 50);
    add(w, "P5", "S2", "0407010H0AAAAAA", 3, 300, 6);
    cr_assert_eq(rx_writer_commit(w, &e), 0, "%s", e.msg);
    cr_assert_eq(rx_month_open(dir, 202401, &month, &e), 0, "%s", e.msg);
}

static void teardown(void)
{
    rx_month_close(month);
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(rx_measure, .init = setup, .fini = teardown);

static char *branded[] = {"0212000B0"}, *generic[] = {"0212000B0AA"};

static rx_measure_def branded_def(void)
{
    rx_measure_def d = {.id = "b", .is_percentage = 1, .is_cost_based = 1, .low_is_good = 1};
    d.num = (rx_filter){.field = RX_TOTAL_QUANTITY,
                        .codes = branded,
                        .ncodes = 1,
                        .exclude = generic,
                        .nexclude = 1};
    d.den = (rx_filter){.field = RX_TOTAL_QUANTITY, .codes = branded, .ncodes = 1};
    return d;
}

static const rx_org_value *org(const rx_result *r, const char *code)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->orgs[i].code, code) == 0)
            return &r->orgs[i];
    cr_assert_fail("no %s", code);
    return NULL;
}

#define NEAR(a, b) cr_assert(fabs((a) - (b)) < 1e-9, "%s = %.17g, expected %.17g", #a, (a), (b))

Test(rx_measure, branded_share_values_ranks_deciles_and_savings)
{
    rx_measure_def d = branded_def();
    rx_result res[RX_NLEVELS];
    err e = {0};
    cr_assert_eq(rx_measures_compute(month, NULL, &d, 1, res, &e), 0, "%s", e.msg);
    const rx_result *p = &res[RX_PRACTICE];
    cr_assert_eq(p->n, 5);
    NEAR(org(p, "P1")->value, 10.0);
    NEAR(org(p, "P2")->value, 20.0);
    NEAR(org(p, "P3")->value, 0.0);
    NEAR(org(p, "P4")->value, 50.0);
    cr_assert(isnan(org(p, "P5")->value));
    cr_assert(isnan(org(p, "P5")->percentile));
    NEAR(org(p, "P3")->percentile, 0.0);
    NEAR(org(p, "P1")->percentile, 100.0 / 3);
    NEAR(org(p, "P2")->percentile, 200.0 / 3);
    NEAR(org(p, "P4")->percentile, 100.0);
    const double dec[9] = {3, 6, 9, 12, 15, 18, 23, 32, 41};
    for (int k = 0; k < 9; k++)
        NEAR(p->deciles[k], dec[k]);
    NEAR(org(p, "P1")->savings[0], 28.0);
    NEAR(org(p, "P2")->savings[0], 68.0);
    NEAR(org(p, "P3")->savings[0], -12.0);
    NEAR(org(p, "P4")->savings[0], 188.0);
    NEAR(p->total_savings[0], 284.0);
    NEAR(org(p, "P1")->savings[4], -20.0);
    NEAR(org(p, "P4")->savings[4], 140.0);
    NEAR(p->total_savings[4], 160.0);
    const rx_result *s = &res[RX_SUB_ICB];
    cr_assert_eq(s->n, 2);
    NEAR(org(s, "S1")->value, 15.0);
    NEAR(org(s, "S2")->value, 25.0);
    NEAR(org(s, "S1")->percentile, 0.0);
    NEAR(org(s, "S2")->percentile, 100.0);
    cr_assert_eq(res[RX_ICB].n, 1);
    NEAR(res[RX_ICB].orgs[0].value, 20.0);
    for (int l = 0; l < RX_NLEVELS; l++)
        rx_result_free(&res[l]);
}

Test(rx_measure, per_thousand_patients_with_ties_and_an_unknown_list_size)
{
    rx_measure_def d = {.id = "k", .low_is_good = 1};
    d.num = (rx_filter){.field = RX_ITEMS, .codes = branded, .ncodes = 1};
    d.den = (rx_filter){.list_size = 1, .field = -1};
    double ls[5];
    const char *codes[5] = {"P1", "P2", "P3", "P4", "P5"};
    const double sizes[5] = {7000, 10000, 5000, NAN, 1000};
    for (int i = 0; i < 5; i++)
        ls[rx_dict_find(&month->practices, codes[i], 2)] = sizes[i];
    rx_result res[RX_NLEVELS];
    err e = {0};
    cr_assert_eq(rx_measures_compute(month, ls, &d, 1, res, &e), 0, "%s", e.msg);
    const rx_result *p = &res[RX_PRACTICE];
    NEAR(org(p, "P1")->value, 5.0);
    NEAR(org(p, "P2")->value, 5.0);
    NEAR(org(p, "P3")->value, 10.0);
    cr_assert(isnan(org(p, "P4")->value));
    NEAR(org(p, "P5")->value, 0.0);
    NEAR(org(p, "P1")->percentile, 100.0 / 3);
    NEAR(org(p, "P2")->percentile, 100.0 / 3);
    NEAR(org(p, "P3")->percentile, 100.0);
    NEAR(org(p, "P5")->percentile, 0.0);
    NEAR(p->deciles[4], 5.0);
    cr_assert(isnan(org(p, "P1")->savings[0]), "not cost-based: no savings");
    NEAR(org(&res[RX_SUB_ICB], "S2")->value, 100.0 / 6000 * 1000);
    for (int l = 0; l < RX_NLEVELS; l++)
        rx_result_free(&res[l]);
}

Test(rx_measure, shipped_definitions_load)
{
    rx_measure_def *defs;
    size_t n;
    err e = {0};
    cr_assert_eq(rx_measures_load("data/measures", &defs, &n, &e), 0, "%s", e.msg);
    cr_assert_geq(n, 12);
    for (size_t i = 0; i < n; i++)
        cr_assert(strlen(defs[i].why) > 40, "%s needs a why_it_matters", defs[i].id);
    rx_measures_free(defs, n);
}
