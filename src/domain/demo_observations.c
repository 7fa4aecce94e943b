/* The demo's observations: 36 months of every indicator for every organisation
 * or service it applies to, drawn around a true level so that funnel plots and
 * SPC charts look like real NHS data.
 *
 * The model, in one place:
 * - A numerator is a binomial draw (proportions) or a Poisson draw (rates,
 *   ratios, counts) around a true level; a mean is its level plus the sampling
 *   error of a mean of that many patients.
 * - Practices differ: each has a "need" score (deprivation, case mix) shared by
 *   its indicators, plus its own random effect per indicator, both on the logit
 *   (proportions) or log (rates) scale, so a few stand out in a funnel plot.
 * - Months differ a little more than sampling alone would make them ("od",
 *   over-dispersion), as real monthly data does.
 * - Denominators come from the practices' lists, which grow slowly; deaths are
 *   the practices' deaths, so practice, place and ICB end-of-life figures agree.
 *   Places and the ICB are sums of their members, never drawn on their own.
 * - A series listed in demo_signals follows that signal's planned level. A
 *   signal on the ICB for a practice indicator moves every practice by the same
 *   amount on the link scale, and for a place indicator every place.
 * - No seasonality: winter peaks are real but would put special causes in
 *   every series, drowning the planted ones.
 *
 * Every series has its own generator seeded from its indicator and subject
 * codes, so adding or changing one series never changes another's numbers. */
#include "domain/demo_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/rng.h"

#define T DEMO_PERIODS
#define NP DEMO_PRACTICE_COUNT

/* Fixes every draw; changing it reshuffles all the noise. */
#define DEMO_SEED UINT64_C(0x4e6f727468766c65)

/* A flat series in demo_signals whose noise happened to look like a special
 * cause (a run of seven, a point past a limit), or came within 0.9 of a limit,
 * gets another draw here, so that it is flat by any common XmR rule set. The
 * demo tests check this; a change to the model may need a salt changed. */
static const struct {
    const char *what, *subject;
    uint64_t salt;
} salts[] = {
    {"FFT-POS", "RNC", 1},         /* unsalted: a point past a limit */
    {"ABX", "X81005", 1},          /* unsalted: a run of seven */
    {"EMADM", "X81022", 1},        /* unsalted: a six-point trend */
    {"IPU-LOS", "SVC-EOL-IPU", 1}, /* unsalted: a six-point trend */
    {"MH-72H", "RNM", 3},          /* unsalted: past a limit; 2: at 0.97 of it */
};

static void series_rng(rng *r, const char *what, const char *subject)
{
    uint64_t salt = 0;
    for (size_t i = 0; i < sizeof salts / sizeof salts[0]; i++)
        if (strcmp(salts[i].what, what) == 0 && strcmp(salts[i].subject, subject) == 0)
            salt = salts[i].salt;
    rng_seed(r, rng_hash(subject, rng_hash(what, DEMO_SEED)) + salt);
}

enum measure { PROPORTION, RATE, RATIO, COUNT, MEAN };

/* Per-unit truth (a probability, events per denominator unit, a count or a
 * mean) to the scale random effects are added on, and back. */
static double to_link(enum measure m, double q)
{
    if (m == PROPORTION)
        return rng_log(q / (1.0 - q));
    return rng_log(q);
}

static double from_link(enum measure m, double x)
{
    if (m == PROPORTION)
        return 1.0 / (1.0 + rng_exp(-x));
    return rng_exp(x);
}

static long draw_numerator(rng *r, enum measure m, long den, double q)
{
    switch (m) {
    case PROPORTION:
        return rng_binomial(r, den, q);
    case RATE:
    case RATIO:
        return rng_poisson(r, (double)den * q);
    case COUNT:
        return rng_poisson(r, q);
    case MEAN:
        break;
    }
    return 0;
}

static long round_long(double x)
{
    return (long)floor(x + 0.5);
}

/* ---- writing rows ------------------------------------------------------- */

/* Annotations a service manager would have put on the chart at the time. */
static const struct {
    const char *indicator, *subject, *period, *note;
} notes[] = {
    {"DIUPR", "QNV", "2024-10",
     "End of life programme began: EPaCCS care plans, 24/7 hospice at home, care home training"},
    {"EPACCS", "QNV", "2024-10", "End of life programme began"},
    {"EOL-PPD", "SVC-EOL-EPACCS", "2024-10", "Coordination centre open 24/7, with EPaCCS access"},
    {"FALLS", "RNV", "2025-04", "Falls prevention bundle introduced on all wards"},
    {"FFT-POS", "RNM", "2024-07", "Two acute wards merged at The Beeches"},
};

static const char *note_for(const char *indicator, const char *subject, const char *period)
{
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
        if (strcmp(notes[i].indicator, indicator) == 0 && strcmp(notes[i].subject, subject) == 0 &&
            strcmp(notes[i].period, period) == 0)
            return notes[i].note;
    return NULL;
}

/* One series: numerator and denominator (either may be NULL) or a value. */
static void write_series(demo_csv *c, const char *indicator, const char *subject, int is_service,
                         const long *num, const long *den, const double *value)
{
    for (int t = 0; t < T; t++) {
        char period[8];
        demo_period_name(t, period);
        demo_csv_text(c, indicator);
        demo_csv_text(c, is_service ? NULL : subject);
        demo_csv_text(c, is_service ? subject : NULL);
        demo_csv_text(c, period);
        if (num)
            demo_csv_int(c, num[t]);
        else
            demo_csv_empty(c);
        if (den)
            demo_csv_int(c, den[t]);
        else
            demo_csv_empty(c);
        if (value)
            demo_csv_num(c, value[t]);
        else
            demo_csv_empty(c);
        demo_csv_text(c, note_for(indicator, subject, period));
        demo_csv_end_row(c);
    }
}

/* ---- practices, and the places and ICB summed from them ----------------- */

typedef struct practices {
    long list[NP][T], over65[NP][T], appts[NP][T], deaths[NP][T];
    double need[NP]; /* a z-score: deprivation and case mix, shared by a practice's indicators */
} practices;

static void practices_init(practices *ps)
{
    for (int p = 0; p < NP; p++) {
        const demo_practice *d = &demo_practices[p];
        rng r;
        series_rng(&r, "practice", d->code);
        ps->need[p] = rng_normal(&r);
        double growth = 0.008 + 0.006 * rng_normal(&r); /* a year */
        /* Crude death rate rises with the share over 65: about 0.76% of a young
         * list a year, 1.26% of an old one (England ~0.95%). */
        double mortality = (0.0042 + 0.028 * d->age65) * rng_exp(0.1 * rng_normal(&r));
        for (int t = 0; t < T; t++) {
            long list = round_long(d->list_size * (1.0 + growth * t / 12.0));
            ps->list[p][t] = list;
            ps->over65[p][t] = round_long(list * d->age65);
            /* About 0.44 appointments per patient a month, more in busy months. */
            ps->appts[p][t] = round_long(list * 0.44 * (1.0 + 0.05 * rng_normal(&r)));
            long deaths = rng_poisson(&r, list * mortality / 12.0);
            /* A denominator must be > 0; the smallest lists can have a month with
             * no deaths, which we record as one rather than leave a gap. */
            ps->deaths[p][t] = deaths > 0 ? deaths : 1;
        }
    }
}

enum denominator { DEN_LIST, DEN_OVER65, DEN_APPTS, DEN_DEATHS };

static const struct practice_model {
    const char *indicator;
    enum measure measure;
    double multiplier;
    double level;      /* value units: the typical practice */
    double between_sd; /* practice random effect, link scale */
    double need_coef;  /* link-scale change per unit of need */
    double od;         /* month-to-month over-dispersion, link scale */
    enum denominator den;
} practice_models[] = {
    /* ~0.5 antibiotic items per patient a year, as in England. */
    {"ABX", RATE, 1000, 45.0, 0.15, 0.06, 0.04, DEN_LIST},
    /* ~105 emergency admissions per 1,000 patients a year. */
    {"EMADM", RATE, 1000, 8.8, 0.12, 0.15, 0.05, DEN_LIST},
    {"GP-DNA", PROPORTION, 100, 4.6, 0.22, 0.20, 0.06, DEN_APPTS},
    {"FLU65", PROPORTION, 100, 78.0, 0.30, -0.20, 0.03, DEN_OVER65},
    {"EPACCS", PROPORTION, 100, 36.0, 0.45, -0.10, 0.10, DEN_DEATHS},
    /* ~4 Evidence-Based Interventions procedures per 1,000 patients a year, done outside
     * the criteria; practices' referral habits differ widely. */
    {"LVP", RATE, 1000, 0.33, 0.30, 0.05, 0.05, DEN_LIST},
};

static const long *practice_den(const practices *ps, enum denominator d, int p)
{
    switch (d) {
    case DEN_LIST:
        return ps->list[p];
    case DEN_OVER65:
        return ps->over65[p];
    case DEN_APPTS:
        return ps->appts[p];
    case DEN_DEATHS:
        break;
    }
    return ps->deaths[p];
}

static void write_practice_indicator(demo_csv *c, const practices *ps,
                                     const struct practice_model *m)
{
    long place_num[DEMO_PLACE_COUNT][T] = {{0}}, place_den[DEMO_PLACE_COUNT][T] = {{0}};
    long icb_num[T] = {0}, icb_den[T] = {0};
    const demo_signal *icb = demo_signal_find(m->indicator, DEMO_ICB);
    double base = to_link(m->measure, m->level / m->multiplier);

    for (int p = 0; p < NP; p++) {
        const char *code = demo_practices[p].code;
        const demo_signal *own = demo_signal_find(m->indicator, code);
        const long *den = practice_den(ps, m->den, p);
        long num[T];
        rng r;
        series_rng(&r, m->indicator, code);
        double effect = m->between_sd * rng_normal(&r) + m->need_coef * ps->need[p];
        for (int t = 0; t < T; t++) {
            double link;
            if (own) {
                link = to_link(m->measure, demo_signal_level(own, t) / m->multiplier);
            } else {
                link = base + effect;
                if (icb)
                    link += to_link(m->measure, demo_signal_level(icb, t) / m->multiplier) -
                            to_link(m->measure, icb->before / m->multiplier);
            }
            link += m->od * rng_normal(&r);
            num[t] = draw_numerator(&r, m->measure, den[t], from_link(m->measure, link));
        }
        write_series(c, m->indicator, code, 0, num, den, NULL);
        int pl = demo_practice_place(p);
        for (int t = 0; t < T; t++) {
            place_num[pl][t] += num[t];
            place_den[pl][t] += den[t];
            icb_num[t] += num[t];
            icb_den[t] += den[t];
        }
    }
    for (int pl = 0; pl < DEMO_PLACE_COUNT; pl++)
        write_series(c, m->indicator, demo_places[pl].code, 0, place_num[pl], place_den[pl], NULL);
    write_series(c, m->indicator, DEMO_ICB, 0, icb_num, icb_den, NULL);
}

/* The practices' deprivation (IMD 2019) scores: their need made into the
 * published scale (England's practices average about 22, spread about 11,
 * from about 3 to 70). The same in every month: it is a 2019 snapshot. */
static void write_practice_deprivation(demo_csv *c, const practices *ps)
{
    for (int p = 0; p < NP; p++) {
        double score = fmin(fmax(22.0 + 9.0 * ps->need[p], 3.0), 70.0);
        double value[T];
        for (int t = 0; t < T; t++)
            value[t] = floor(score * 10.0 + 0.5) / 10.0;
        write_series(c, "IMD19", demo_practices[p].code, 0, NULL, NULL, value);
    }
}

/* ---- end of life at place level: deaths of the places' practices -------- */

static void write_place_end_of_life(demo_csv *c, const practices *ps)
{
    long deaths[DEMO_PLACE_COUNT][T] = {{0}}, icb_deaths[T] = {0};
    for (int p = 0; p < NP; p++)
        for (int t = 0; t < T; t++) {
            deaths[demo_practice_place(p)][t] += ps->deaths[p][t];
            icb_deaths[t] += ps->deaths[p][t];
        }

    /* Deaths in usual place of residence: places differ by a few points
     * (Calderbridge, the town with the hospital, lower); the programme moves
     * every place by the same number of points. */
    static const double diupr_offset[DEMO_PLACE_COUNT] = {1.0, -4.0, 2.5};
    const demo_signal *s = demo_signal_find("DIUPR", DEMO_ICB);
    long icb_num[T] = {0};
    for (int pl = 0; pl < DEMO_PLACE_COUNT; pl++) {
        rng r;
        series_rng(&r, "DIUPR", demo_places[pl].code);
        long num[T];
        for (int t = 0; t < T; t++) {
            double pct = demo_signal_level(s, t) + diupr_offset[pl];
            num[t] = rng_binomial(&r, deaths[pl][t], pct / 100.0);
            icb_num[t] += num[t];
        }
        write_series(c, "DIUPR", demo_places[pl].code, 0, num, deaths[pl], NULL);
    }
    write_series(c, "DIUPR", DEMO_ICB, 0, icb_num, icb_deaths, NULL);

    /* Emergency admissions in the last 90 days of life, per 1,000 deaths. */
    static const double adm90_factor[DEMO_PLACE_COUNT] = {1.0, 1.08, 0.93};
    s = demo_signal_find("EOL-ADM90", DEMO_ICB);
    memset(icb_num, 0, sizeof icb_num);
    for (int pl = 0; pl < DEMO_PLACE_COUNT; pl++) {
        rng r;
        series_rng(&r, "EOL-ADM90", demo_places[pl].code);
        long num[T];
        for (int t = 0; t < T; t++) {
            double per_death = demo_signal_level(s, t) * adm90_factor[pl] / 1000.0;
            num[t] = rng_poisson(&r, (double)deaths[pl][t] * per_death);
            icb_num[t] += num[t];
        }
        write_series(c, "EOL-ADM90", demo_places[pl].code, 0, num, deaths[pl], NULL);
    }
    write_series(c, "EOL-ADM90", DEMO_ICB, 0, icb_num, icb_deaths, NULL);
}

/* ---- providers and services --------------------------------------------- */

static const struct flow_model {
    const char *indicator, *subject;
    int is_service;
    enum measure measure;
    double multiplier;
    double level;     /* value units, unless a signal sets it */
    double den_mean;  /* a month; for a MEAN, the patients it averages */
    double den_cv;    /* 0: Poisson (small flows); else normal with this CV */
    double den_after; /* > 0: the mean denominator from den_from on */
    const char *den_from;
    double od;      /* link scale (a MEAN: relative) */
    double unit_sd; /* a MEAN: the sd of one patient's value */
    int decimals;   /* a MEAN: as published */
} flows[] = {
    {"FFT-POS", "RNV", 0, PROPORTION, 100, 91.0, 3800, 0.04, 0, NULL, 0.05, 0, 0},
    {"FFT-POS", "RNC", 0, PROPORTION, 100, 94.0, 1400, 0.05, 0, NULL, 0.05, 0, 0},
    {"FFT-POS", "RNM", 0, PROPORTION, 100, 88.0, 350, 0, 0, NULL, 0.05, 0, 0},
    {"FFT-POS", "NNV01", 0, PROPORTION, 100, 97.0, 70, 0, 0, NULL, 0, 0, 0},
    {"STAFF-REC", "RNV", 0, PROPORTION, 100, 58.0, 620, 0.10, 0, NULL, 0.05, 0, 0},
    {"STAFF-REC", "RNC", 0, PROPORTION, 100, 64.0, 240, 0, 0, NULL, 0.05, 0, 0},
    {"STAFF-REC", "RNM", 0, PROPORTION, 100, 55.0, 210, 0, 0, NULL, 0.05, 0, 0},
    {"OP-DNA", "RNV", 0, PROPORTION, 100, 6.5, 42000, 0.04, 0, NULL, 0.03, 0, 0},
    {"OP-DNA", "RNC", 0, PROPORTION, 100, 5.2, 9000, 0.05, 0, NULL, 0.03, 0, 0},
    {"OP-DNA", "RNM", 0, PROPORTION, 100, 11.5, 3100, 0.05, 0, NULL, 0.04, 0, 0},
    /* Follow-ups per first attendance: the denominator is first attendances. */
    {"OP-FUR", "RNV", 0, RATIO, 1, 1.85, 14200, 0.04, 0, NULL, 0.025, 0, 0},
    {"OP-FUR", "RNC", 0, RATIO, 1, 1.6, 2900, 0.05, 0, NULL, 0.03, 0, 0},
    {"OP-FUR", "RNM", 0, RATIO, 1, 2.1, 1050, 0.05, 0, NULL, 0.04, 0, 0},
    {"ACU-LOS", "RNV", 0, MEAN, 1, 5.2, 3100, 0.04, 0, NULL, 0.025, 8.0, 2},
    {"DISCH-CTR", "RNV", 0, PROPORTION, 100, 57.0, 2650, 0.05, 0, NULL, 0.05, 0, 0},
    {"DISCH-CTR", "RNC", 0, PROPORTION, 100, 48.0, 310, 0, 0, NULL, 0.05, 0, 0},
    {"CDIFF", "RNV", 0, COUNT, 1, 4.5, 0, 0, 0, NULL, 0, 0, 0},
    {"CDIFF", "RNC", 0, COUNT, 1, 0.7, 0, 0, 0, NULL, 0, 0, 0},
    /* Falls per occupied bed day: ~700 acute beds, ~80 community, 20 hospice. */
    {"FALLS", "RNV", 0, RATE, 1000, 6.8, 19400, 0.02, 0, NULL, 0.04, 0, 0},
    {"FALLS", "RNC", 0, RATE, 1000, 8.1, 2350, 0.03, 0, NULL, 0.04, 0, 0},
    {"FALLS", "NNV01", 0, RATE, 1000, 11.5, 520, 0.05, 0, NULL, 0, 0, 0},
    {"MH-72H", "RNM", 0, PROPORTION, 100, 84.0, 62, 0, 0, NULL, 0, 0, 0},
    /* More deaths have a recorded preference once the programme starts. */
    {"EOL-PPD", "SVC-EOL-EPACCS", 1, PROPORTION, 100, 64.0, 85, 0, 140, "2024-10", 0, 0, 0},
    {"IPU-LOS", "SVC-EOL-IPU", 1, MEAN, 1, 12.5, 22, 0, 0, NULL, 0, 9.0, 1},
    {"HAH-24H", "SVC-EOL-HAH", 1, PROPORTION, 100, 86.0, 46, 0, 0, NULL, 0, 0, 0},
    {"PR-COMP", "SVC-RESP-PR", 1, PROPORTION, 100, 61.0, 38, 0, 0, NULL, 0, 0, 0},
};

static long draw_denominator(rng *r, const struct flow_model *f, int t)
{
    double mean = f->den_mean;
    int from = demo_period_index(f->den_from);
    if (f->den_after > 0 && from >= 0 && t >= from)
        mean = f->den_after;
    long n =
        f->den_cv > 0 ? round_long(mean * (1.0 + f->den_cv * rng_normal(r))) : rng_poisson(r, mean);
    return n > 0 ? n : 1;
}

static void write_flow(demo_csv *c, const struct flow_model *f)
{
    const demo_signal *s = demo_signal_find(f->indicator, f->subject);
    rng r;
    series_rng(&r, f->indicator, f->subject);
    long num[T], den[T];
    double value[T];
    for (int t = 0; t < T; t++) {
        double level = s ? demo_signal_level(s, t) : f->level;
        if (f->measure == COUNT) {
            num[t] = rng_poisson(&r, level * rng_exp(f->od * rng_normal(&r)));
            continue;
        }
        den[t] = draw_denominator(&r, f, t);
        if (f->measure == MEAN) {
            double v = level * rng_exp(f->od * rng_normal(&r)) +
                       f->unit_sd / sqrt((double)den[t]) * rng_normal(&r);
            double scale = 1.0;
            for (int d = 0; d < f->decimals; d++)
                scale *= 10.0;
            value[t] = floor(v * scale + 0.5) / scale;
            continue;
        }
        double link = to_link(f->measure, level / f->multiplier) + f->od * rng_normal(&r);
        num[t] = draw_numerator(&r, f->measure, den[t], from_link(f->measure, link));
    }
    if (f->measure == COUNT)
        write_series(c, f->indicator, f->subject, f->is_service, num, NULL, NULL);
    else if (f->measure == MEAN)
        write_series(c, f->indicator, f->subject, f->is_service, NULL, NULL, value);
    else
        write_series(c, f->indicator, f->subject, f->is_service, num, den, NULL);
}

void demo_write_observations(demo_csv *c)
{
    demo_csv_header(c, "indicator,organisation,service,period,numerator,denominator,value,note");
    practices *ps = xcalloc(1, sizeof *ps);
    practices_init(ps);
    for (size_t i = 0; i < sizeof practice_models / sizeof practice_models[0]; i++)
        write_practice_indicator(c, ps, &practice_models[i]);
    write_place_end_of_life(c, ps);
    write_practice_deprivation(c, ps);
    free(ps);
    for (size_t i = 0; i < sizeof flows / sizeof flows[0]; i++)
        write_flow(c, &flows[i]);
}
