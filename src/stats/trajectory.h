/* trajectory: a goal's straight path from its baseline to its target, and whether an actual
 * value is on it. Periods are month numbers (year * 12 + month - 1), so a path from
 * 2024-03 to 2027-03 is 36 steps long. */
#ifndef UNLOCK_STATS_TRAJECTORY_H
#define UNLOCK_STATS_TRAJECTORY_H

typedef struct trajectory_goal {
    double baseline;
    int baseline_month;
    double target;
    int target_month; /* after baseline_month */
} trajectory_goal;

typedef enum trajectory_status {
    TRAJECTORY_NO_DATA,   /* no actual value after the baseline */
    TRAJECTORY_ON_TRACK,  /* at or beyond the path, not yet at the target */
    TRAJECTORY_OFF_TRACK, /* behind the path */
    TRAJECTORY_ACHIEVED,  /* at or beyond the target */
} trajectory_status;

/* The value the straight path expects in month m: the baseline before the baseline month,
 * the target from the target month on. */
double trajectory_expected(const trajectory_goal *g, int month);

/* Where an actual value in month m stands. "Beyond" is in the direction from baseline to
 * target, so the same rule serves goals that must rise and goals that must fall. */
trajectory_status trajectory_assess(const trajectory_goal *g, int month, double actual);

const char *trajectory_status_name(trajectory_status s);

/* "2025-10" or "2025-10-31" as a month number; -1 when it is not a period. */
int trajectory_month(const char *period);

#endif
