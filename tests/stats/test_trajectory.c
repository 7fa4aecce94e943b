/* trajectory and FFT scoring, worked by hand. */
#include "stats/fft.h"
#include "stats/trajectory.h"

#include <criterion/criterion.h>
#include <math.h>

/* 64% in 2024-04 to 90% in 2027-03: 35 months, 26 points, 0.742857 a month. */
static const trajectory_goal rise = {64, 2024 * 12 + 3, 90, 2027 * 12 + 2};
/* 980 to 650, a goal that must fall, over the same months. */
static const trajectory_goal fall = {980, 2024 * 12 + 3, 650, 2027 * 12 + 2};

Test(trajectory, months_from_periods)
{
    cr_assert_eq(trajectory_month("2024-04"), 2024 * 12 + 3);
    cr_assert_eq(trajectory_month("2026-03-31"), 2026 * 12 + 2);
    cr_assert_eq(trajectory_month("2026-13"), -1);
    cr_assert_eq(trajectory_month("2026-1"), -1);
    cr_assert_eq(trajectory_month("2026-01x"), -1);
    cr_assert_eq(trajectory_month(NULL), -1);
}

Test(trajectory, the_straight_path)
{
    cr_assert_float_eq(trajectory_expected(&rise, rise.baseline_month), 64, 1e-12);
    cr_assert_float_eq(trajectory_expected(&rise, rise.baseline_month - 5), 64, 1e-12);
    /* 2026-03 is 23 months on: 64 + 26 x 23/35 = 81.085714... */
    cr_assert_float_eq(trajectory_expected(&rise, 2026 * 12 + 2), 81.08571428571429, 1e-9);
    cr_assert_float_eq(trajectory_expected(&rise, rise.target_month), 90, 1e-12);
    cr_assert_float_eq(trajectory_expected(&rise, rise.target_month + 7), 90, 1e-12);
    /* 980 - 330 x 23/35 = 763.142857... */
    cr_assert_float_eq(trajectory_expected(&fall, 2026 * 12 + 2), 763.1428571428571, 1e-9);
}

Test(trajectory, status_in_both_directions)
{
    int m = 2026 * 12 + 2;
    cr_assert_eq(trajectory_assess(&rise, m, 81.1), TRAJECTORY_ON_TRACK);
    cr_assert_eq(trajectory_assess(&rise, m, 81.08571428571429), TRAJECTORY_ON_TRACK);
    cr_assert_eq(trajectory_assess(&rise, m, 81.0), TRAJECTORY_OFF_TRACK);
    cr_assert_eq(trajectory_assess(&rise, m, 90), TRAJECTORY_ACHIEVED);
    cr_assert_eq(trajectory_assess(&rise, m, 95), TRAJECTORY_ACHIEVED);
    cr_assert_eq(trajectory_assess(&rise, rise.baseline_month, 99), TRAJECTORY_NO_DATA);
    cr_assert_eq(trajectory_assess(&fall, m, 763), TRAJECTORY_ON_TRACK);
    cr_assert_eq(trajectory_assess(&fall, m, 764), TRAJECTORY_OFF_TRACK);
    cr_assert_eq(trajectory_assess(&fall, m, 650), TRAJECTORY_ACHIEVED);
    cr_assert_str_eq(trajectory_status_name(TRAJECTORY_OFF_TRACK), "off_track");
}

Test(fft, percent_positive_counts_dont_know)
{
    /* NHS England's rule: 60 + 25 positive of 100 responses, 5 of them "don't know" = 85%. */
    fft_counts c = {
        .very_good = 60, .good = 25, .neither = 4, .poor = 3, .very_poor = 3, .dont_know = 5};
    cr_assert_float_eq(fft_percent_positive(&c), 85, 1e-12);
    cr_assert_float_eq(fft_percent_negative(&c), 6, 1e-12);
    cr_assert_float_eq(fft_total(&c), 100, 1e-12);
    fft_counts none = {0};
    cr_assert(isnan(fft_percent_positive(&none)));
}
