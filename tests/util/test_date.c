/* date: day counts checked against Python's datetime (date.fromisoformat(s) - date(1970, 1, 1)). */
#include "util/date.h"

#include <criterion/criterion.h>

Test(date, days_since_the_epoch_match_python)
{
    static const struct {
        const char *date;
        long days;
    } cases[] = {{"1970-01-01", 0},
                 {"1969-12-31", -1},
                 {"2000-02-29", 11016},
                 {"2024-03-01", 19783},
                 {"2026-12-02", 20789}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int ok;
        cr_assert_eq(date_to_days(cases[i].date, &ok), cases[i].days, "%s", cases[i].date);
        cr_assert(ok);
        char back[11];
        date_from_days(cases[i].days, back);
        cr_assert_str_eq(back, cases[i].date);
    }
}

Test(date, not_dates_are_refused)
{
    const char *bad[] = {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                         "26-01-01",   "2026/01/01", "",           NULL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int ok = 1;
        date_to_days(bad[i], &ok);
        cr_assert(!ok, "%s", bad[i] ? bad[i] : "NULL");
    }
}

Test(date, differences_and_windows)
{
    cr_assert_eq(date_diff("2026-06-18", "2026-12-02"), 167);
    cr_assert_eq(date_diff("2026-12-02", "2026-06-18"), -167);
    int ok;
    char since[11];
    date_from_days(date_to_days("2026-12-02", &ok) - 90, since);
    cr_assert_str_eq(since, "2026-09-03");
}
