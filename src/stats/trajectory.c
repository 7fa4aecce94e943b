#include "stats/trajectory.h"

#include <stdio.h>

double trajectory_expected(const trajectory_goal *g, int month)
{
    if (month <= g->baseline_month)
        return g->baseline;
    if (month >= g->target_month)
        return g->target;
    double share = (double)(month - g->baseline_month) / (g->target_month - g->baseline_month);
    return g->baseline + (g->target - g->baseline) * share;
}

trajectory_status trajectory_assess(const trajectory_goal *g, int month, double actual)
{
    if (month <= g->baseline_month)
        return TRAJECTORY_NO_DATA;
    double sign = g->target > g->baseline ? 1 : -1;
    if (sign * (actual - g->target) >= 0)
        return TRAJECTORY_ACHIEVED;
    return sign * (actual - trajectory_expected(g, month)) >= 0 ? TRAJECTORY_ON_TRACK
                                                                : TRAJECTORY_OFF_TRACK;
}

const char *trajectory_status_name(trajectory_status s)
{
    static const char *const names[] = {"no_data", "on_track", "off_track", "achieved"};
    return names[s];
}

int trajectory_month(const char *period)
{
    int y, m, n = 0;
    if (!period || sscanf(period, "%4d-%2d%n", &y, &m, &n) != 2 || n != 7 || m < 1 || m > 12)
        return -1;
    if (period[7] != '\0' && period[7] != '-')
        return -1;
    return y * 12 + m - 1;
}
