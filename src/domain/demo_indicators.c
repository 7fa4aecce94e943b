/* The demo's indicators (at least two in each quality domain the demo uses) and
 * the list of signals planted in their observations. */
#include "domain/demo_internal.h"

#include <string.h>

static const struct {
    const char *code, *name, *domain, *type;
    double multiplier;
    const char *polarity, *patient_reported, *source, *definition;
} indicators[] = {
    {"FFT-POS", "Friends and Family Test: % positive", "experience", "proportion", 100,
     "high_is_good", "true",
     "Synthetic demo data, modelled on the NHS England Friends and Family Test",
     "Responses of 'very good' or 'good' / all responses, 'don't know' included"},
    {"STAFF-REC", "Staff who would recommend their organisation as a place to work", "experience",
     "proportion", 100, "high_is_good", "false",
     "Synthetic demo data, modelled on the NHS Staff Survey quarterly pulse",
     "Staff answering 'likely' or 'extremely likely' / all staff responses"},
    {"EOL-PPD", "People dying in their preferred place", "experience", "proportion", 100,
     "high_is_good", "false", "Synthetic demo data, modelled on EPaCCS (SCCI1580) records",
     "Deaths in the preferred place of death recorded in EPaCCS / deaths of people with a "
     "preferred place recorded"},
    {"OP-DNA", "Outpatient appointments not attended", "productivity", "proportion", 100,
     "low_is_good", "false", "Synthetic demo data, modelled on SUS outpatient activity",
     "Appointments the patient did not attend without notice / all booked appointments"},
    {"OP-FUR", "Outpatient follow-up ratio", "productivity", "ratio", 1, "low_is_good", "false",
     "Synthetic demo data, modelled on SUS outpatient activity",
     "Follow-up outpatient attendances / first outpatient attendances"},
    {"ACU-LOS", "Average length of stay after an emergency admission (days)", "productivity",
     "mean", 1, "low_is_good", "false",
     "Synthetic demo data, modelled on SUS admitted patient care",
     "Mean length of stay, in days, of patients discharged in the month after an emergency "
     "admission"},
    {"GP-DNA", "GP appointments not attended", "productivity", "proportion", 100, "low_is_good",
     "false", "Synthetic demo data, modelled on Appointments in General Practice",
     "Appointments recorded as did not attend / all booked appointments"},
    {"IPU-LOS", "Average length of stay, hospice inpatient unit (days)", "productivity", "mean", 1,
     "neutral", "false", "Synthetic demo data, modelled on the hospice minimum data set",
     "Mean length of stay, in days, of patients discharged or who died in the month; neither "
     "shorter nor longer is better in itself"},
    {"CDIFF", "C. difficile infections, hospital-onset", "safety", "count", 1, "low_is_good",
     "false", "Synthetic demo data, modelled on UKHSA healthcare-associated infection surveillance",
     "Hospital-onset healthcare-associated C. difficile cases reported in the month"},
    {"FALLS", "Inpatient falls per 1,000 occupied bed days", "safety", "rate", 1000, "low_is_good",
     "false", "Synthetic demo data, modelled on local incident reporting",
     "Inpatient falls reported / occupied bed days x 1,000"},
    {"MH-72H", "Follow-up within 72 hours of discharge from mental health inpatient care", "safety",
     "proportion", 100, "high_is_good", "false",
     "Synthetic demo data, modelled on the Mental Health Services Data Set",
     "Adults discharged from inpatient care and followed up within 72 hours / adults discharged"},
    {"ABX", "Antibiotic items per 1,000 patients", "safety", "rate", 1000, "low_is_good", "false",
     "Synthetic demo data, modelled on the NHSBSA English Prescribing Dataset",
     "Antibacterial items (BNF 5.1) prescribed in the month / registered patients x 1,000"},
    {"DIUPR", "Deaths in usual place of residence", "effectiveness", "proportion", 100,
     "high_is_good", "false", "Synthetic demo data, modelled on ONS death registrations",
     "Deaths at home, in a care home or in a religious establishment / all deaths"},
    {"HAH-24H", "Hospice at home: urgent referrals seen within 24 hours", "effectiveness",
     "proportion", 100, "high_is_good", "false", "Synthetic demo data, modelled on hospice returns",
     "Urgent referrals seen at home within 24 hours / urgent referrals"},
    {"PR-COMP", "Pulmonary rehabilitation completion", "effectiveness", "proportion", 100,
     "high_is_good", "false",
     "Synthetic demo data, modelled on the National Respiratory Audit Programme",
     "Patients who completed the programme / patients who started it"},
    {"EOL-ADM90", "Emergency admissions in the last 90 days of life per 1,000 deaths",
     "integration", "rate", 1000, "low_is_good", "false",
     "Synthetic demo data, modelled on SUS linked to death registrations",
     "Emergency admissions in the 90 days before death of people who died in the month / deaths "
     "in the month x 1,000"},
    {"EPACCS", "Deaths with an end of life care plan in EPaCCS", "integration", "proportion", 100,
     "high_is_good", "false", "Synthetic demo data, modelled on EPaCCS and practice death records",
     "Registered patients who died with an end of life care plan in EPaCCS / deaths of registered "
     "patients"},
    {"DISCH-CTR", "Patients discharged on the day they no longer meet the criteria to reside",
     "integration", "proportion", 100, "high_is_good", "false",
     "Synthetic demo data, modelled on the acute and community discharge situation reports",
     "Patients discharged on the day they stopped meeting the criteria to reside / all patients "
     "who stopped meeting them"},
    {"EMADM", "Emergency admissions per 1,000 patients", "population_health", "rate", 1000,
     "low_is_good", "false", "Synthetic demo data, modelled on SUS admitted patient care",
     "Emergency admissions of registered patients in the month / registered patients x 1,000"},
    {"FLU65", "Flu vaccination uptake, aged 65 and over", "population_health", "proportion", 100,
     "high_is_good", "false", "Synthetic demo data, modelled on UKHSA ImmForm returns",
     "Registered patients aged 65 and over vaccinated against flu in the previous 12 months / "
     "registered patients aged 65 and over"},
    /* Context, not performance: what nearest-peer comparison matches practices on. */
    {"IMD19", "Deprivation score (IMD 2019)", "population_health", "mean", 1, "neutral", "false",
     "Synthetic demo data, modelled on the practice deprivation scores OHID publishes in "
     "Fingertips",
     "Index of Multiple Deprivation 2019 score of the practice's registered population: the "
     "average of its patients' neighbourhood (LSOA) scores; higher is more deprived"},
    {"LVP", "Procedures of low clinical value per 1,000 patients", "productivity", "rate", 1000,
     "low_is_good", "false",
     "Synthetic demo data, modelled on the Evidence-Based Interventions programme's lists",
     "Elective procedures on the Evidence-Based Interventions lists (e.g. knee arthroscopy for "
     "osteoarthritis, grommets, varicose vein surgery) done for registered patients in the month, "
     "outside the criteria / registered patients x 1,000"},
};

void demo_write_indicators(demo_csv *c)
{
    demo_csv_header(c,
                    "code,name,domain,type,multiplier,polarity,patient_reported,source,definition");
    for (size_t i = 0; i < sizeof indicators / sizeof indicators[0]; i++) {
        demo_csv_text(c, indicators[i].code);
        demo_csv_text(c, indicators[i].name);
        demo_csv_text(c, indicators[i].domain);
        demo_csv_text(c, indicators[i].type);
        demo_csv_num(c, indicators[i].multiplier);
        demo_csv_text(c, indicators[i].polarity);
        demo_csv_text(c, indicators[i].patient_reported);
        demo_csv_text(c, indicators[i].source);
        demo_csv_text(c, indicators[i].definition);
        demo_csv_end_row(c);
    }
}

/* The observations are generated from this table (demo_observations.c looks each
 * series up here), so what it says is what the data does. */
const demo_signal demo_signals[] = {
    {"DIUPR", "QNV", "organisation", "shift_up", "2024-10", 46.0, 59.0,
     "The end of life programme began in October 2024 (EPaCCS care plans, 24/7 hospice at home, "
     "care home training): more people die at home or in their care home."},
    {"EPACCS", "QNV", "organisation", "shift_up", "2024-10", 36.0, 63.0,
     "Practices across the ICB record end of life care plans in EPaCCS as part of the programme."},
    {"EOL-PPD", "SVC-EOL-EPACCS", "service", "shift_up", "2024-10", 64.0, 83.0,
     "With plans shared 24/7, far more people die where they said they wanted to."},
    {"EOL-ADM90", "QNV", "organisation", "shift_down", "2025-01", 980.0, 720.0,
     "Once plans and 24/7 advice were in place, crisis admissions in the last months of life fell "
     "from January 2025."},
    {"OP-DNA", "RNV", "organisation", "trend_up", "2023-04", 6.5, 9.5,
     "The acute trust's outpatient did-not-attend rate has crept up month after month since "
     "reminders were cut; nobody has said so yet."},
    {"FFT-POS", "RNM", "organisation", "trend_down", "2024-07", 88.0, 76.0,
     "Patient experience at the mental health trust has declined steadily since two wards "
     "merged in July 2024."},
    {"ABX", "X81017", "organisation", "shift_up", "2025-01", 42.0, 56.0,
     "Valley Road Practice's antibiotic prescribing jumped in January 2025 and stayed high: a "
     "question for a conversation, not yet an answer."},
    {"FALLS", "RNV", "organisation", "shift_down", "2025-04", 6.8, 4.2,
     "A falls prevention bundle on every acute ward from April 2025."},
    {"FFT-POS", "RNC", "organisation", "none", NULL, 94.0, 94.0,
     "Community services' patient experience: high and stable."},
    {"OP-DNA", "RNC", "organisation", "none", NULL, 5.2, 5.2,
     "Community outpatient did-not-attend rate: stable."},
    {"OP-FUR", "RNV", "organisation", "none", NULL, 1.85, 1.85,
     "Acute outpatient follow-up ratio: stable."},
    {"CDIFF", "RNV", "organisation", "none", NULL, 4.5, 4.5,
     "C. difficile cases at the acute trust: a stable Poisson count."},
    {"ABX", "X81005", "organisation", "none", NULL, 47.0, 47.0,
     "A practice whose antibiotic prescribing is stable (slightly above average)."},
    {"EMADM", "X81022", "organisation", "none", NULL, 9.4, 9.4,
     "A practice whose emergency admission rate is stable."},
    {"IPU-LOS", "SVC-EOL-IPU", "service", "none", NULL, 12.5, 12.5,
     "Hospice inpatient length of stay: noisy (about 22 discharges a month) but stable."},
    {"MH-72H", "RNM", "organisation", "none", NULL, 84.0, 84.0,
     "72-hour follow-up after mental health discharge: stable."},
    {"FLU65", "QNV", "organisation", "none", NULL, 76.5, 76.5,
     "Flu vaccination uptake over 65, summed over all practices: large numbers, stable."},
};

const int demo_signal_count = (int)(sizeof demo_signals / sizeof demo_signals[0]);

const demo_signal *demo_signal_find(const char *indicator, const char *subject)
{
    for (int i = 0; i < demo_signal_count; i++)
        if (strcmp(demo_signals[i].indicator, indicator) == 0 &&
            strcmp(demo_signals[i].subject, subject) == 0)
            return &demo_signals[i];
    return NULL;
}

double demo_signal_level(const demo_signal *s, int t)
{
    int from = demo_period_index(s->from_period);
    if (from < 0 || t < from)
        return s->before;
    if (strncmp(s->kind, "shift", 5) == 0)
        return s->after;
    if (strncmp(s->kind, "trend", 5) == 0) {
        int steps = DEMO_PERIODS - 1 - from;
        if (steps <= 0)
            return s->after;
        return s->before + (s->after - s->before) * (double)(t - from) / (double)steps;
    }
    return s->before;
}
