/* The demo's twenty-five services, grouped into pathways, and the ICB's six
 * contracts with its providers. The end-of-life pathway is the one the demo's
 * story follows: six services across five organisations, which is why it needs
 * an integrated view to improve. */
#include "domain/demo_internal.h"

static const struct {
    const char *code, *name, *provider, *pathway, *site;
    double annual_gbp;
} services[] = {
    {"SVC-EOL-IPU", "Hospice inpatient unit", "NNV01", "end_of_life", "S-HOS", 3200000},
    {"SVC-EOL-HAH", "Hospice at home", "NNV01", "end_of_life", "S-HOS", 1450000},
    {"SVC-EOL-SPCT", "Community specialist palliative care team", "RNC", "end_of_life", "S-CCH",
     1850000},
    {"SVC-EOL-HSPC", "Hospital specialist palliative care team", "RNV", "end_of_life", "S-NGH",
     720000},
    {"SVC-EOL-EPACCS", "EPaCCS and end of life care coordination centre", "RNC", "end_of_life",
     "S-CCH", 640000},
    {"SVC-EOL-BER", "Bereavement, carers and compassionate communities", "NNV03", "end_of_life",
     "S-HUB", 210000},
    {"SVC-FRA-SDEC", "Frailty same day emergency care", "RNV", "frailty", "S-NGH", 2100000},
    {"SVC-FRA-VW", "Frailty virtual ward", "RNC", "frailty", NULL, 2600000},
    {"SVC-FRA-FALLS", "Community falls prevention", "RNC", "frailty", "S-CHC", 540000},
    {"SVC-FRA-CHS", "Enhanced health in care homes team", "NNV02", "frailty", "S-EAH", 980000},
    {"SVC-MSK-PHYSIO", "MSK physiotherapy", "RNC", "msk", "S-CHC", 3100000},
    {"SVC-MSK-FCP", "First contact physiotherapists in general practice", "NNV02", "msk", "S-EAH",
     1250000},
    {"SVC-MSK-ORTHO", "Trauma and orthopaedic outpatients", "RNV", "msk", "S-NGH", 8400000},
    {"SVC-RESP-PR", "Pulmonary rehabilitation", "RNC", "respiratory", "S-FMH", 610000},
    {"SVC-RESP-VW", "Respiratory virtual ward", "RNV", "respiratory", NULL, 1300000},
    {"SVC-RESP-O2", "Home oxygen assessment and review", "RNC", "respiratory", "S-CCH", 380000},
    {"SVC-MH-CMHT", "Community mental health teams (adults)", "RNM", "mental_health", "S-FCM",
     6900000},
    {"SVC-MH-CRHT", "Crisis resolution and home treatment", "RNM", "mental_health", "S-BEE",
     4200000},
    {"SVC-MH-TT", "NHS Talking Therapies", "RNM", "mental_health", "S-FCM", 5300000},
    {"SVC-MH-SAFE", "The \"Safe Haven\" crisis caf\xc3\xa9", "NNV03", "mental_health", "S-HUB",
     260000},
    {"SVC-UEC-ED", "Emergency department", "RNV", "urgent_care", "S-NGH", 24500000},
    {"SVC-UEC-UTC", "Calderbridge urgent treatment centre", "RNV", "urgent_care", "S-CCH", 3400000},
    {"SVC-PC-EA", "Enhanced access (evenings and weekends)", "NNV02", "primary_care", "S-EAH",
     2900000},
    {"SVC-PC-SP", "Social prescribing link workers", "NNV03", "primary_care", "S-HUB", 720000},
    {"SVC-DIA-ED", "Type 2 diabetes structured education", "RNC", "diabetes", "S-CHC", 310000},
};

static const struct {
    const char *code, *provider;
    double annual_value_gbp;
    const char *start, *end;
} contracts[] = {
    {"C-2025-ACU", "RNV", 318000000, "2025-04-01", "2028-03-31"},
    {"C-2025-COM", "RNC", 71500000, "2025-04-01", "2028-03-31"},
    {"C-2024-MH", "RNM", 86200000, "2024-04-01", "2027-03-31"},
    {"C-2023-HOS", "NNV01", 4100000, "2023-04-01", "2026-03-31"},
    {"C-2024-FED", "NNV02", 6800000, "2024-10-01", "2026-09-30"},
    {"C-2025-VCS", "NNV03", 1150000, "2025-07-01", "2027-06-30"},
};

void demo_write_services(demo_csv *c)
{
    demo_csv_header(c, "code,name,provider,pathway,site,annual_gbp");
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++) {
        demo_csv_text(c, services[i].code);
        demo_csv_text(c, services[i].name);
        demo_csv_text(c, services[i].provider);
        demo_csv_text(c, services[i].pathway);
        demo_csv_text(c, services[i].site);
        demo_csv_num(c, services[i].annual_gbp);
        demo_csv_end_row(c);
    }
}

void demo_write_contracts(demo_csv *c)
{
    demo_csv_header(c, "code,commissioner,provider,annual_value_gbp,start,end");
    for (size_t i = 0; i < sizeof contracts / sizeof contracts[0]; i++) {
        demo_csv_text(c, contracts[i].code);
        demo_csv_text(c, DEMO_ICB);
        demo_csv_text(c, contracts[i].provider);
        demo_csv_num(c, contracts[i].annual_value_gbp);
        demo_csv_text(c, contracts[i].start);
        demo_csv_text(c, contracts[i].end);
        demo_csv_end_row(c);
    }
}
