/* The demo's fifteen sites, with ERIC-style estates figures. Hand-set rather
 * than drawn, because each one is there to show something: a busy general
 * hospital, a community hospital with a fifth of its floor empty and rooms used
 * 38% of the time (the NHS Property Services finding), an ICB office left
 * half-used by hybrid working, a converted house with high-risk backlog.
 * Facilities management costs run from about £130 to £320 per m² a year. */
#include "domain/demo_internal.h"

static const struct {
    const char *code, *name, *organisation;
    double gross, clinical, non_clinical, empty_pct, under_used_pct;
    double hard_fm, soft_fm, backlog_high, backlog_significant, backlog_moderate, backlog_low;
    int rooms, sessions_available, sessions_booked;
} sites[] = {
    {"S-NGH", "Northvale General Hospital", "RNV", 96500, 52000, 38500, 2, 6, 17400000, 12900000,
     4200000, 9800000, 14500000, 6100000, 410, 3690, 2980},
    {"S-CCH", "Calderbridge Community Hospital", "RNC", 9800, 5600, 3400, 5, 12, 1350000, 1010000,
     350000, 920000, 1100000, 400000, 38, 380, 251},
    {"S-FMH", "Fellside Memorial Hospital", "RNC", 6200, 2900, 2600, 18, 22, 980000, 560000,
     1450000, 1900000, 800000, 210000, 24, 240, 91},
    {"S-BEE", "The Beeches Mental Health Unit", "RNM", 11400, 6800, 3900, 3, 8, 1620000, 1280000,
     120000, 640000, 1300000, 350000, 60, 540, 402},
    {"S-HOS", "St Aidan's Hospice", "NNV01", 3400, 2100, 1150, 0, 4, 420000, 510000, 0, 85000,
     190000, 60000, 12, 120, 96},
    {"S-RHC", "Ravensholme Health Centre", "X81001", 1850, 1100, 650, 4, 11, 210000, 145000, 0,
     35000, 120000, 40000, 14, 140, 88},
    {"S-MIL", "The \"Old Mill\" Health Centre", "X81012", 1320, 760, 480, 0, 9, 152000, 98000, 0, 0,
     45000, 22000, 11, 110, 97},
    {"S-CHC", "Calderbridge Health Centre", "RNC", 4200, 2500, 1500, 12, 25, 610000, 420000, 95000,
     280000, 520000, 130000, 30, 300, 138},
    {"S-FPC", "Fellside Primary Care Centre", "X81021", 2300, 1400, 800, 2, 7, 290000, 190000, 0,
     20000, 60000, 35000, 18, 180, 151},
    {"S-HMC", "Harbourside Medical Centre", "X81025", 980, 560, 380, 0, 14, 98000, 64000, 0, 48000,
     85000, 30000, 8, 80, 62},
    {"S-ASH", "Ashgrove Surgery, Church Road", "X81007", 640, 360, 250, 0, 5, 61000, 38000, 25000,
     60000, 35000, 10000, 6, 60, 57},
    {"S-NVH", "Northvale House", "QNV", 2900, 0, 2750, 31, 24, 310000, 270000, 0, 40000, 150000,
     60000, 0, 0, 0},
    {"S-HUB", "Calderbridge Wellbeing Hub", "NNV03", 720, 380, 300, 0, 18, 52000, 41000, 0, 15000,
     30000, 12000, 8, 64, 41},
    {"S-EAH", "Ravensholme Extended Access Hub", "NNV02", 850, 560, 250, 0, 10, 96000, 71000, 0, 0,
     18000, 9000, 9, 126, 104},
    {"S-FCM", "Fellside Community Mental Health Centre", "RNM", 1600, 820, 690, 6, 19, 170000,
     120000, 0, 55000, 140000, 40000, 14, 140, 77},
};

void demo_write_sites(demo_csv *c)
{
    demo_csv_header(c, "code,name,organisation,gross_internal_m2,clinical_m2,non_clinical_m2,"
                       "empty_pct,under_used_pct,hard_fm_gbp,soft_fm_gbp,backlog_high_gbp,"
                       "backlog_significant_gbp,backlog_moderate_gbp,backlog_low_gbp,"
                       "clinical_rooms,room_sessions_available,room_sessions_booked");
    for (size_t i = 0; i < sizeof sites / sizeof sites[0]; i++) {
        demo_csv_text(c, sites[i].code);
        demo_csv_text(c, sites[i].name);
        demo_csv_text(c, sites[i].organisation);
        demo_csv_num(c, sites[i].gross);
        demo_csv_num(c, sites[i].clinical);
        demo_csv_num(c, sites[i].non_clinical);
        demo_csv_num(c, sites[i].empty_pct);
        demo_csv_num(c, sites[i].under_used_pct);
        demo_csv_num(c, sites[i].hard_fm);
        demo_csv_num(c, sites[i].soft_fm);
        demo_csv_num(c, sites[i].backlog_high);
        demo_csv_num(c, sites[i].backlog_significant);
        demo_csv_num(c, sites[i].backlog_moderate);
        demo_csv_num(c, sites[i].backlog_low);
        demo_csv_int(c, sites[i].rooms);
        demo_csv_int(c, sites[i].sessions_available);
        demo_csv_int(c, sites[i].sessions_booked);
        demo_csv_end_row(c);
    }
}
