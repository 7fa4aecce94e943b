/* rx ppu: price-per-unit savings on a tiny month worked by hand.
 *
 * One substitution set (atorvastatin, generic strength AB): generic 0212000B0AAABAB and brand
 * 0212000B0BBAAAB. Price per unit (NIC / units) of each practice's presentations:
 *   P1 generic 90/900 = 0.10, brand 50/100 = 0.50;  P2 generic 80/800 = 0.10, brand 100/200 = 0.50
 *   P3 generic 80/1000 = 0.08;                      P4 generic 50/500 = 0.10, brand 250/500 = 0.50
 * Sorted: 0.08 0.10 0.10 0.10 0.50 0.50 0.50; 10th percentile (PERCENTILE_CONT): h = 6 x 0.1 = 0.6,
 * 0.08 + 0.6 x 0.02 = 0.092.
 * Practice savings, cost - units x 0.092, kept from £10: P4 brand 250 - 46 = 204, P2 brand
 * 100 - 18.4 = 81.6, P1 brand 50 - 9.2 = 40.8 (total 326.4); the generics save 7.2, 6.4, below 0
 * and 4, all under £10.
 * Sub-ICB (from £200): S1 brand 150 - 300 x 0.092 = 122.4 (not shown), S2 brand 204 (P4; P3 and
 * P5 have none). P5's paracetamol is alone in its set, so its target is its own price: no saving.
 */
#include "rx/measure.h"
#include "rx/ppu.h"
#include "support/support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *dir;
static rx_month *month;

static void add(rx_writer *w, const char *pr, const char *sub, const char *bnf, double units,
                double nic)
{
    rx_dict *pd = rx_writer_practices(w), *bd = rx_writer_bnf(w);
    long p = rx_dict_find(pd, pr, strlen(pr));
    if (p < 0)
        p = rx_dict_add(
            pd, (const char *const[]){pr, "Practice", sub, "Sub", "I1", "ICB", "Y56", "Region"});
    long b = rx_dict_find(bd, bnf, strlen(bnf));
    if (b < 0)
        b = rx_dict_add(bd, (const char *const[]){bnf, "desc"});
    double num[RX_NNUM] = {1, units, units, nic, nic * 0.9};
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
    add(w, "P1", "S1", gen, 900, 90);
    add(w, "P1", "S1", brand, 60, 30); /* two rows of one presentation add up */
    add(w, "P1", "S1", brand, 40, 20);
    add(w, "P2", "S1", gen, 800, 80);
    add(w, "P2", "S1", brand, 200, 100);
    add(w, "P3", "S2", gen, 1000, 80);
    add(w, "P4", "S2", brand, 500, 250);
    add(w, "P4", "S2", gen, 500, 50);
    add(w, "P5", "S2", "0407010H0AAAAAA", 300, 600);
    cr_assert_eq(rx_writer_commit(w, &e), 0, "%s", e.msg);
    cr_assert_eq(rx_month_open(dir, 202401, &month, &e), 0, "%s", e.msg);
}

static void teardown(void)
{
    rx_month_close(month);
    tmpdir_remove(dir);
    free(dir);
}

TestSuite(rx_ppu, .init = setup, .fini = teardown);

#define NEAR(a, b) cr_assert(fabs((a) - (b)) < 1e-9, "%s = %.17g, expected %.17g", #a, (a), (b))

Test(rx_ppu, practice_savings_against_the_tenth_centile)
{
    rx_ppu_result r;
    err e = {0};
    cr_assert_eq(rx_ppu_compute(month, RX_PRACTICE, NULL, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.n, 3);
    cr_assert_str_eq(r.rows[0].org, "P4");
    cr_assert_str_eq(r.rows[0].bnf_code, "0212000B0BBAAAB");
    NEAR(r.rows[0].target, 0.092);
    NEAR(r.rows[0].price_per_unit, 0.5);
    NEAR(r.rows[0].saving, 204);
    cr_assert_str_eq(r.rows[1].org, "P2");
    NEAR(r.rows[1].saving, 81.6);
    cr_assert_str_eq(r.rows[2].org, "P1");
    NEAR(r.rows[2].units, 100);
    NEAR(r.rows[2].saving, 40.8);
    NEAR(r.total, 326.4);
    rx_ppu_free(&r);
    cr_assert_eq(rx_ppu_compute(month, RX_PRACTICE, "P1", &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.n, 1);
    rx_ppu_free(&r);
    cr_assert_eq(rx_ppu_compute(month, RX_PRACTICE, "P9", &r, &e), -1);
    cr_assert(strstr(e.msg, "no practice 'P9'"), "%s", e.msg);
}

Test(rx_ppu, sub_icb_savings_use_the_organisation_totals_and_a_200_pound_minimum)
{
    rx_ppu_result r;
    err e = {0};
    cr_assert_eq(rx_ppu_compute(month, RX_SUB_ICB, NULL, &r, &e), 0, "%s", e.msg);
    cr_assert_eq(r.n, 1);
    cr_assert_str_eq(r.rows[0].org, "S2");
    NEAR(r.rows[0].saving, 204);
    NEAR(r.total, 204);
    rx_ppu_free(&r);
}
