#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The internal section too, to test the CSV writer and period helpers directly. */
#include "domain/demo_internal.h"

/* ---- a tiny RFC 4180 reader, independent of the project's importer ------- */

typedef struct table {
    int ncols, nrows;
    char **header;
    char ***rows;
    int *nfields;
} table;

/* Reads one record at *p; returns its fields (count in *nf) and moves *p past
 * the record's line end. */
static char **read_record(const char **p, int *nf)
{
    char **fields = NULL;
    int n = 0;
    const char *s = *p;
    for (;;) {
        size_t cap = 64, len = 0;
        char *f = malloc(cap);
        if (*s == '"') {
            s++;
            for (;;) {
                cr_assert(*s, "unterminated quoted field");
                if (*s == '"' && s[1] == '"') {
                    s += 2;
                    f[len++] = '"';
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    f[len++] = *s++;
                }
                if (len + 1 >= cap)
                    f = realloc(f, cap *= 2);
            }
            cr_assert(*s == ',' || *s == '\n' || *s == '\0', "text after a closing quote");
        } else {
            while (*s && *s != ',' && *s != '\n') {
                cr_assert(*s != '"', "a quote inside an unquoted field");
                f[len++] = *s++;
                if (len + 1 >= cap)
                    f = realloc(f, cap *= 2);
            }
        }
        f[len] = '\0';
        fields = realloc(fields, sizeof *fields * (size_t)(n + 1));
        fields[n++] = f;
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == '\n')
            s++;
        break;
    }
    *p = s;
    *nf = n;
    return fields;
}

static table parse(const char *csv)
{
    table t = {0};
    const char *p = csv;
    t.header = read_record(&p, &t.ncols);
    while (*p) {
        t.rows = realloc(t.rows, sizeof *t.rows * (size_t)(t.nrows + 1));
        t.nfields = realloc(t.nfields, sizeof *t.nfields * (size_t)(t.nrows + 1));
        t.rows[t.nrows] = read_record(&p, &t.nfields[t.nrows]);
        t.nrows++;
    }
    return t;
}

static void free_fields(char **f, int n)
{
    for (int i = 0; i < n; i++)
        free(f[i]);
    free(f);
}

static void table_free(table *t)
{
    free_fields(t->header, t->ncols);
    for (int r = 0; r < t->nrows; r++)
        free_fields(t->rows[r], t->nfields[r]);
    free(t->rows);
    free(t->nfields);
}

static int col(const table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->header[i], name) == 0)
            return i;
    cr_assert_fail("no column %s", name);
    return -1;
}

static const char *get(const table *t, int r, const char *name)
{
    return t->rows[r][col(t, name)];
}

static double num(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    cr_assert(*s && *end == '\0', "not a number: '%s'", s);
    return v;
}

static int find_row(const table *t, const char *column, const char *value)
{
    int c = col(t, column);
    for (int r = 0; r < t->nrows; r++)
        if (strcmp(t->rows[r][c], value) == 0)
            return r;
    return -1;
}

static int count_where(const table *t, const char *column, const char *value)
{
    int c = col(t, column), n = 0;
    for (int r = 0; r < t->nrows; r++)
        n += strcmp(t->rows[r][c], value) == 0;
    return n;
}

static int is_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 32)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

static int one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

/* The demo set is built once per test process (Criterion forks per test). */
static demo_set set;

static void setup(void)
{
    demo_build(&set);
}

static void teardown(void)
{
    demo_set_free(&set);
}

static table load(const char *kind)
{
    for (int i = 0; i < set.count; i++)
        if (strcmp(set.files[i].kind, kind) == 0)
            return parse(set.files[i].csv);
    cr_assert_fail("no %s file", kind);
    return (table){0};
}

/* ---- files as a whole --------------------------------------------------- */

Test(demo, build_is_byte_identical_every_time)
{
    demo_set a, b;
    demo_build(&a);
    demo_build(&b);
    cr_assert_eq(a.count, b.count);
    for (int i = 0; i < a.count; i++) {
        cr_assert_str_eq(a.files[i].kind, b.files[i].kind);
        cr_assert_eq(a.files[i].len, b.files[i].len);
        cr_assert(memcmp(a.files[i].csv, b.files[i].csv, a.files[i].len) == 0, "%s differs",
                  a.files[i].kind);
    }
    demo_set_free(&a);
    demo_set_free(&b);
    cr_expect_eq(a.count, 0);
    cr_expect_null(a.files[0].csv);
    demo_set_free(&a); /* twice is harmless */
}

Test(demo, files_come_in_load_order, .init = setup, .fini = teardown)
{
    static const char *const kinds[] = {"organisations", "people",     "sites",       "services",
                                        "contracts",     "indicators", "observations"};
    cr_assert_eq(set.count, 7);
    for (int i = 0; i < 7; i++) {
        const demo_file *f = &set.files[i];
        cr_expect_str_eq(f->kind, kinds[i]);
        cr_assert_gt(f->len, 0);
        cr_expect_eq(strlen(f->csv), f->len, "%s: NUL inside or len wrong", f->kind);
        cr_expect_eq(f->csv[f->len - 1], '\n', "%s: no final newline", f->kind);
        cr_expect_null(strchr(f->csv, '\r'), "%s: CR in text", f->kind);
    }
}

/* Counts fields on one physical line, commas inside quotes not counting. */
static int count_fields(const char *line, size_t len)
{
    int n = 1, quoted = 0;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '"')
            quoted = !quoted;
        else if (line[i] == ',' && !quoted)
            n++;
    }
    return n;
}

Test(demo, every_line_has_as_many_fields_as_its_header, .init = setup, .fini = teardown)
{
    for (int i = 0; i < set.count; i++) {
        const char *s = set.files[i].csv;
        int header = -1, line = 1;
        while (*s) {
            const char *nl = strchr(s, '\n');
            int n = count_fields(s, (size_t)(nl - s));
            if (header < 0)
                header = n;
            else
                cr_assert_eq(n, header, "%s line %d: %d fields, header has %d", set.files[i].kind,
                             line, n, header);
            s = nl + 1;
            line++;
        }
        /* The full reader agrees, so no field spans lines. */
        table t = parse(set.files[i].csv);
        cr_expect_eq(t.nrows, line - 2, "%s: records and lines differ", set.files[i].kind);
        for (int r = 0; r < t.nrows; r++)
            cr_assert_eq(t.nfields[r], t.ncols, "%s record %d", set.files[i].kind, r + 1);
        table_free(&t);
    }
}

/* ---- one test per file -------------------------------------------------- */

Test(demo, organisations, .init = setup, .fini = teardown)
{
    table t = load("organisations");
    cr_expect_eq(t.nrows, 47);
    cr_expect_eq(count_where(&t, "kind", "icb"), 1);
    cr_expect_eq(count_where(&t, "kind", "place"), 3);
    cr_expect_eq(count_where(&t, "kind", "pcn"), 6);
    cr_expect_eq(count_where(&t, "kind", "practice"), 30);
    static const char *const providers[] = {"acute_trust", "community_trust", "mental_health_trust",
                                            "hospice",     "gp_federation",   "voluntary"};
    for (int i = 0; i < 6; i++)
        cr_expect_eq(count_where(&t, "kind", providers[i]), 1, "%s", providers[i]);
    cr_expect_eq(count_where(&t, "kind", "local_authority"), 1);
    for (int r = 0; r < t.nrows; r++) {
        const char *code = get(&t, r, "code"), *parent = get(&t, r, "parent");
        cr_expect(is_code(code), "bad code %s", code);
        cr_expect_eq(find_row(&t, "code", code), r, "duplicate %s", code);
        cr_expect_gt(strlen(get(&t, r, "name")), 0);
        if (strcmp(get(&t, r, "kind"), "icb") == 0) {
            cr_expect_str_empty(parent);
            continue;
        }
        /* Parents come earlier in the file, so a one-pass importer also works. */
        int p = find_row(&t, "code", parent);
        cr_expect(p >= 0 && p < r, "%s: parent %s not earlier", code, parent);
        if (strcmp(get(&t, r, "kind"), "practice") == 0)
            cr_expect(p >= 0 && (strcmp(get(&t, p, "kind"), "pcn") == 0 ||
                                 strcmp(get(&t, p, "kind"), "place") == 0));
    }
    /* A name with a comma survives quoting. */
    int r = find_row(&t, "code", "X81003");
    cr_assert_geq(r, 0);
    cr_expect_str_eq(get(&t, r, "name"), "Dr Patel, Okafor and Partners");
    cr_expect_neq(strstr(set.files[0].csv, "\"St Aidan's Hospice, Calderbridge\""), NULL);
    table_free(&t);
}

Test(demo, people, .init = setup, .fini = teardown)
{
    static const char *const roles[] = {
        "gp_commissioner", "manager", "lay_member", "clinician", "improvement_lead",
        "executive",       "patient", "carer",      "other",     NULL};
    table orgs = load("organisations"), t = load("people");
    cr_expect_eq(t.nrows, 40);
    for (int i = 0; roles[i]; i++)
        cr_expect_gt(count_where(&t, "role", roles[i]), 0, "no %s", roles[i]);
    cr_expect_eq(count_where(&t, "role", "gp_commissioner"), 6);
    cr_expect_eq(count_where(&t, "role", "clinician"), 10);
    for (int r = 0; r < t.nrows; r++) {
        const char *key = get(&t, r, "key"), *org = get(&t, r, "organisation");
        const char *email = get(&t, r, "email");
        cr_expect(is_code(key));
        cr_expect_eq(find_row(&t, "key", key), r);
        cr_expect(one_of(get(&t, r, "role"), roles));
        if (*org)
            cr_expect_geq(find_row(&orgs, "code", org), 0, "%s: no organisation %s", key, org);
        if (*email) {
            const char *at = strchr(email, '@');
            cr_expect(at && at > email && at[1] && !strchr(at + 1, '@'), "bad email %s", email);
            cr_expect(strstr(email, "@example.nhs.uk") || strstr(email, "@example.org"),
                      "not an example domain: %s", email);
        }
    }
    table_free(&orgs);
    table_free(&t);
}

Test(demo, sites_have_consistent_estates_figures, .init = setup, .fini = teardown)
{
    table orgs = load("organisations"), t = load("sites");
    cr_expect_eq(t.nrows, 15);
    for (int r = 0; r < t.nrows; r++) {
        const char *code = get(&t, r, "code");
        cr_expect_geq(find_row(&orgs, "code", get(&t, r, "organisation")), 0);
        double gia = num(get(&t, r, "gross_internal_m2"));
        double clin = num(get(&t, r, "clinical_m2")), nonclin = num(get(&t, r, "non_clinical_m2"));
        cr_expect_gt(gia, 0);
        cr_expect(clin >= 0 && nonclin >= 0 && clin + nonclin <= gia, "%s: areas", code);
        double empty = num(get(&t, r, "empty_pct")), under = num(get(&t, r, "under_used_pct"));
        cr_expect(empty >= 0 && under >= 0 && empty + under <= 100, "%s: percentages", code);
        double fm = num(get(&t, r, "hard_fm_gbp")) + num(get(&t, r, "soft_fm_gbp"));
        cr_expect(fm / gia >= 100 && fm / gia <= 400, "%s: FM £%.0f per m2", code, fm / gia);
        static const char *const backlog[] = {"backlog_high_gbp", "backlog_significant_gbp",
                                              "backlog_moderate_gbp", "backlog_low_gbp"};
        for (int i = 0; i < 4; i++)
            cr_expect_geq(num(get(&t, r, backlog[i])), 0);
        double rooms = num(get(&t, r, "clinical_rooms"));
        double avail = num(get(&t, r, "room_sessions_available"));
        double booked = num(get(&t, r, "room_sessions_booked"));
        cr_expect(rooms >= 0 && booked >= 0 && booked <= avail, "%s: sessions", code);
        cr_expect_eq(rooms, floor(rooms));
    }
    int mill = find_row(&t, "code", "S-MIL");
    cr_assert_geq(mill, 0);
    cr_expect_str_eq(get(&t, mill, "name"), "The \"Old Mill\" Health Centre");
    table_free(&orgs);
    table_free(&t);
}

Test(demo, services_and_the_end_of_life_pathway, .init = setup, .fini = teardown)
{
    table orgs = load("organisations"), sites = load("sites"), t = load("services");
    cr_expect_eq(t.nrows, 25);
    for (int r = 0; r < t.nrows; r++) {
        cr_expect(is_code(get(&t, r, "code")));
        cr_expect_geq(find_row(&orgs, "code", get(&t, r, "provider")), 0);
        const char *site = get(&t, r, "site");
        if (*site)
            cr_expect_geq(find_row(&sites, "code", site), 0, "no site %s", site);
        cr_expect_gt(num(get(&t, r, "annual_gbp")), 0);
    }
    cr_expect_geq(count_where(&t, "pathway", "end_of_life"), 5);
    int bereavement = find_row(&t, "code", "SVC-EOL-BER");
    cr_assert_geq(bereavement, 0);
    cr_expect_str_eq(get(&t, bereavement, "name"),
                     "Bereavement, carers and compassionate communities");
    int cafe = find_row(&t, "code", "SVC-MH-SAFE");
    cr_assert_geq(cafe, 0);
    cr_expect_str_eq(get(&t, cafe, "name"), "The \"Safe Haven\" crisis caf\xc3\xa9");
    table_free(&orgs);
    table_free(&sites);
    table_free(&t);
}

static int is_date(const char *s)
{
    int y, m, d;
    char extra;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && m >= 1 &&
           m <= 12 && d >= 1 && d <= 31;
}

Test(demo, contracts, .init = setup, .fini = teardown)
{
    table orgs = load("organisations"), t = load("contracts");
    cr_expect(t.nrows >= 3 && t.nrows <= 6);
    for (int r = 0; r < t.nrows; r++) {
        const char *comm = get(&t, r, "commissioner"), *prov = get(&t, r, "provider");
        int c = find_row(&orgs, "code", comm);
        cr_assert_geq(c, 0);
        cr_expect_str_eq(get(&orgs, c, "kind"), "icb");
        cr_expect_geq(find_row(&orgs, "code", prov), 0);
        cr_expect_str_neq(comm, prov);
        cr_expect_gt(num(get(&t, r, "annual_value_gbp")), 0);
        const char *start = get(&t, r, "start"), *end = get(&t, r, "end");
        cr_expect(is_date(start) && is_date(end));
        cr_expect_leq(strcmp(start, end), 0);
    }
    table_free(&orgs);
    table_free(&t);
}

Test(demo, indicators, .init = setup, .fini = teardown)
{
    static const char *const domains[] = {
        "safety",      "effectiveness",     "experience", "productivity",
        "integration", "population_health", NULL};
    static const char *const all_domains[] = {
        "safety",      "effectiveness", "experience",        "productivity",
        "integration", "innovation",    "population_health", "finance",
        NULL};
    static const char *const types[] = {"proportion", "rate", "mean", "count", "ratio", NULL};
    static const char *const polarities[] = {"high_is_good", "low_is_good", "neutral", NULL};
    table t = load("indicators");
    cr_expect_geq(t.nrows, 12);
    for (int i = 0; domains[i]; i++)
        cr_expect_geq(count_where(&t, "domain", domains[i]), 2, "domain %s", domains[i]);
    for (int i = 0; types[i]; i++)
        cr_expect_gt(count_where(&t, "type", types[i]), 0, "type %s", types[i]);
    cr_expect_gt(count_where(&t, "patient_reported", "true"), 0);
    for (int r = 0; r < t.nrows; r++) {
        const char *code = get(&t, r, "code"), *type = get(&t, r, "type");
        cr_expect(is_code(code));
        cr_expect_eq(find_row(&t, "code", code), r);
        cr_expect(one_of(get(&t, r, "domain"), all_domains));
        cr_expect(one_of(type, types));
        cr_expect(one_of(get(&t, r, "polarity"), polarities));
        double mult = num(get(&t, r, "multiplier"));
        if (strcmp(type, "proportion") == 0)
            cr_expect_eq(mult, 100, "%s", code);
        else if (strcmp(type, "rate") == 0)
            cr_expect_eq(mult, 1000, "%s", code);
        else
            cr_expect_eq(mult, 1, "%s", code);
        cr_expect_gt(strlen(get(&t, r, "source")), 0);
        cr_expect_gt(strlen(get(&t, r, "definition")), 0);
    }
    table_free(&t);
}

/* ---- observations ------------------------------------------------------- */

#define MAX_SERIES 320

typedef struct series {
    char indicator[40], subject[40];
    int is_service;
    int seen[DEMO_PERIODS];
    double value[DEMO_PERIODS];
} series;

typedef struct observations {
    int n;
    series s[MAX_SERIES];
} observations;

static series *series_get(observations *o, const char *indicator, const char *subject)
{
    for (int i = 0; i < o->n; i++)
        if (strcmp(o->s[i].indicator, indicator) == 0 && strcmp(o->s[i].subject, subject) == 0)
            return &o->s[i];
    return NULL;
}

static int period_index(const char *p)
{
    int y, m;
    char extra;
    if (strlen(p) != 7 || sscanf(p, "%4d-%2d%c", &y, &m, &extra) != 2 || m < 1 || m > 12)
        return -1;
    int t = (y * 12 + m - 1) - (2023 * 12 + 3);
    return t >= 0 && t < DEMO_PERIODS ? t : -1;
}

/* Reads and checks every row, and collects each series' values the way the
 * importer derives them. */
static observations *read_observations(void)
{
    table orgs = load("organisations"), svcs = load("services"), inds = load("indicators");
    table t = load("observations");
    observations *o = calloc(1, sizeof *o);
    for (int r = 0; r < t.nrows; r++) {
        int line = r + 2;
        const char *ind = get(&t, r, "indicator"), *org = get(&t, r, "organisation");
        const char *svc = get(&t, r, "service"), *period = get(&t, r, "period");
        const char *n = get(&t, r, "numerator"), *d = get(&t, r, "denominator");
        const char *v = get(&t, r, "value");
        int i = find_row(&inds, "code", ind);
        cr_assert_geq(i, 0, "line %d: no indicator %s", line, ind);
        const char *type = get(&inds, i, "type");
        double mult = num(get(&inds, i, "multiplier"));
        cr_assert(!*org != !*svc, "line %d: exactly one of organisation and service", line);
        if (*org)
            cr_assert_geq(find_row(&orgs, "code", org), 0, "line %d: no org %s", line, org);
        else
            cr_assert_geq(find_row(&svcs, "code", svc), 0, "line %d: no service %s", line, svc);
        int p = period_index(period);
        cr_assert_geq(p, 0, "line %d: period %s", line, period);

        double value;
        if (strcmp(type, "mean") == 0) {
            cr_assert(!*n && !*d && *v, "line %d: a mean gives only a value", line);
            value = num(v);
        } else if (strcmp(type, "count") == 0) {
            cr_assert(*n && !*d && !*v, "line %d: a count gives only a numerator", line);
            value = num(n);
            cr_assert(value >= 0 && value == floor(value), "line %d: count %s", line, n);
        } else {
            cr_assert(*n && *d && !*v, "line %d: numerator and denominator, no value", line);
            double x = num(n), y = num(d);
            cr_assert(x >= 0 && x == floor(x) && y == floor(y), "line %d: integers", line);
            cr_assert_gt(y, 0, "line %d: denominator %s", line, d);
            if (strcmp(type, "proportion") == 0)
                cr_assert_leq(x, y, "line %d: %s > %s", line, n, d);
            value = x / y * mult;
        }

        const char *subject = *org ? org : svc;
        series *s = series_get(o, ind, subject);
        if (!s) {
            cr_assert_lt(o->n, MAX_SERIES);
            s = &o->s[o->n++];
            snprintf(s->indicator, sizeof s->indicator, "%s", ind);
            snprintf(s->subject, sizeof s->subject, "%s", subject);
            s->is_service = !*org;
        }
        cr_assert(!s->seen[p], "line %d: %s %s %s twice", line, ind, subject, period);
        s->seen[p] = 1;
        s->value[p] = value;
    }
    cr_expect_eq(t.nrows, o->n * DEMO_PERIODS);
    table_free(&orgs);
    table_free(&svcs);
    table_free(&inds);
    table_free(&t);
    return o;
}

Test(demo, observations_are_complete_monthly_series, .init = setup, .fini = teardown)
{
    observations *o = read_observations();
    for (int i = 0; i < o->n; i++)
        for (int t = 0; t < DEMO_PERIODS; t++)
            cr_expect(o->s[i].seen[t], "%s %s: month %d missing", o->s[i].indicator,
                      o->s[i].subject, t);
    /* Practice indicators cover every practice, every place and the ICB. */
    table orgs = load("organisations");
    static const char *const practice_indicators[] = {"ABX",   "EMADM",  "GP-DNA",
                                                      "FLU65", "EPACCS", "LVP"};
    for (int k = 0; k < 6; k++) {
        int n = 0;
        for (int r = 0; r < orgs.nrows; r++) {
            const char *kind = get(&orgs, r, "kind");
            if (strcmp(kind, "practice") && strcmp(kind, "place") && strcmp(kind, "icb"))
                continue;
            cr_expect_not_null(series_get(o, practice_indicators[k], get(&orgs, r, "code")),
                               "%s for %s", practice_indicators[k], get(&orgs, r, "code"));
            n++;
        }
        cr_expect_eq(n, 34);
    }
    /* 6 practice indicators x 34 + 2 place x 4 + 22 provider + 4 service series, and the
     * practices' deprivation scores (context for nearest peers: practices only). */
    cr_expect_eq(o->n, 6 * 34 + 8 + 22 + 4 + 30);
    table inds = load("indicators");
    for (int r = 0; r < inds.nrows; r++) {
        int any = 0;
        for (int i = 0; i < o->n; i++)
            any |= strcmp(o->s[i].indicator, get(&inds, r, "code")) == 0;
        cr_expect(any, "indicator %s has no observations", get(&inds, r, "code"));
    }
    table_free(&inds);
    table_free(&orgs);
    free(o);
}

Test(demo, practice_lists_and_funnel_spread_are_realistic, .init = setup, .fini = teardown)
{
    table t = load("observations");
    int lo = 1 << 30, hi = 0;
    for (int r = 0; r < t.nrows; r++) {
        if (strcmp(get(&t, r, "indicator"), "ABX") || get(&t, r, "organisation")[0] != 'X')
            continue;
        int list = (int)num(get(&t, r, "denominator"));
        lo = list < lo ? list : lo;
        hi = list > hi ? list : hi;
    }
    cr_expect(lo >= 3000 && lo < 3500, "smallest list %d", lo);
    cr_expect(hi > 19000 && hi <= 20500, "largest list %d", hi);
    table_free(&t);

    /* Practices differ by more than chance: the spread of their 36-month mean
     * antibiotic rates is several times the sampling error of one mean. */
    observations *o = read_observations();
    double m[40], sum = 0;
    int n = 0;
    for (int i = 0; i < o->n; i++) {
        if (strcmp(o->s[i].indicator, "ABX") || o->s[i].subject[0] != 'X')
            continue;
        double s = 0;
        for (int p = 0; p < DEMO_PERIODS; p++)
            s += o->s[i].value[p];
        m[n] = s / DEMO_PERIODS;
        sum += m[n++];
    }
    cr_assert_eq(n, 30);
    double mean = sum / n, ss = 0;
    for (int i = 0; i < n; i++)
        ss += (m[i] - mean) * (m[i] - mean);
    double sd = sqrt(ss / (n - 1));
    cr_expect(sd > 3.0 && sd < 12.0, "between-practice sd %g per 1,000", sd);
    free(o);
}

/* ---- the planted signals ------------------------------------------------ */

/* An XmR chart as Making Data Count draws it: centre = mean, limits = mean ±
 * 2.66 × mean moving range (moving ranges ≥ 3.267 × their mean screened out
 * first). Rules: a point outside the limits; 7 in a row on one side of the
 * mean; 6 in a row rising or falling (stricter than MDC's 7, so flat series
 * are flat by either count); 2 of 3 beyond two sigma on one side. Returns the
 * first flagged index at or after `from`, or -1. *margin gets the largest
 * |x − mean| as a fraction of the limit distance. */
static int xmr_first_flag(const double *v, int n, int from, double *margin)
{
    double mean = 0, mr = 0;
    for (int i = 0; i < n; i++)
        mean += v[i];
    mean /= n;
    for (int i = 1; i < n; i++)
        mr += fabs(v[i] - v[i - 1]);
    mr /= n - 1;
    double screened = 0;
    int kept = 0;
    for (int i = 1; i < n; i++)
        if (fabs(v[i] - v[i - 1]) < 3.267 * mr) {
            screened += fabs(v[i] - v[i - 1]);
            kept++;
        }
    mr = screened / kept;
    double limit = 2.66 * mr, sigma = mr / 1.128;
    int first = -1, side_run = 1, up = 1, down = 1;
    if (margin)
        *margin = 0;
    for (int i = 0; i < n; i++) {
        double d = v[i] - mean;
        if (margin && fabs(d) / limit > *margin)
            *margin = fabs(d) / limit;
        int flag = fabs(d) > limit;
        if (i > 0) {
            double prev = v[i - 1] - mean;
            side_run = (d > 0 && prev > 0) || (d < 0 && prev < 0) ? side_run + 1 : 1;
            up = v[i] > v[i - 1] ? up + 1 : 1;
            down = v[i] < v[i - 1] ? down + 1 : 1;
            flag |= side_run >= 7 || up >= 6 || down >= 6;
        }
        if (i >= 2) {
            int hi = 0, lo = 0;
            for (int j = i - 2; j <= i; j++) {
                hi += v[j] - mean > 2 * sigma;
                lo += v[j] - mean < -2 * sigma;
            }
            flag |= hi >= 2 || lo >= 2;
        }
        if (flag && i >= from && first < 0)
            first = i;
    }
    return first;
}

static double mean_of(const double *v, int from, int to)
{
    double s = 0;
    for (int i = from; i < to; i++)
        s += v[i];
    return s / (to - from);
}

/* Sigma of the noise from moving ranges within [from, to), after removing a
 * straight-line trend fitted there (zero slope for a flat segment). */
static double noise_sigma(const double *v, int from, int to, double slope)
{
    double mr = 0;
    for (int i = from + 1; i < to; i++)
        mr += fabs((v[i] - slope * i) - (v[i - 1] - slope * (i - 1)));
    return mr / (to - from - 1) / 1.128;
}

static double fitted_slope(const double *v, int from, int to)
{
    double n = to - from, mx = 0, my = 0, sxy = 0, sxx = 0;
    for (int i = from; i < to; i++) {
        mx += i / n;
        my += v[i] / n;
    }
    for (int i = from; i < to; i++) {
        sxy += (i - mx) * (v[i] - my);
        sxx += (i - mx) * (i - mx);
    }
    return sxy / sxx;
}

Test(demo, signal_table_is_well_formed, .init = setup, .fini = teardown)
{
    static const char *const kinds[] = {"shift_up",   "shift_down", "trend_up",
                                        "trend_down", "none",       NULL};
    observations *o = read_observations();
    int none = 0, planted = 0;
    cr_expect_geq(demo_signal_count, 10);
    for (int i = 0; i < demo_signal_count; i++) {
        const demo_signal *s = &demo_signals[i];
        cr_assert(one_of(s->kind, kinds), "%s", s->kind);
        series *se = series_get(o, s->indicator, s->subject);
        cr_assert_not_null(se, "no series %s %s", s->indicator, s->subject);
        cr_expect_eq(se->is_service, strcmp(s->subject_kind, "service") == 0);
        cr_expect(strcmp(s->subject_kind, "service") == 0 ||
                  strcmp(s->subject_kind, "organisation") == 0);
        cr_expect_not_null(s->story);
        if (strcmp(s->kind, "none") == 0) {
            none++;
            cr_expect_null(s->from_period);
            cr_expect_eq(s->before, s->after);
        } else {
            planted++;
            cr_assert_geq(period_index(s->from_period), 0, "%s", s->from_period);
            int up = strstr(s->kind, "_up") != NULL;
            cr_expect(up ? s->after > s->before : s->after < s->before);
        }
        for (int j = 0; j < i; j++)
            cr_expect(strcmp(demo_signals[j].indicator, s->indicator) ||
                          strcmp(demo_signals[j].subject, s->subject),
                      "%s %s listed twice", s->indicator, s->subject);
    }
    cr_expect_geq(none, 5);
    cr_expect_geq(planted, 6);
    free(o);
}

Test(demo, planted_shifts_and_trends_are_large_and_found, .init = setup, .fini = teardown)
{
    observations *o = read_observations();
    for (int i = 0; i < demo_signal_count; i++) {
        const demo_signal *s = &demo_signals[i];
        if (strcmp(s->kind, "none") == 0)
            continue;
        const double *v = series_get(o, s->indicator, s->subject)->value;
        int from = period_index(s->from_period);
        double planned = s->after - s->before, change, sigma;
        if (strncmp(s->kind, "shift", 5) == 0) {
            double before = mean_of(v, 0, from), after = mean_of(v, from, DEMO_PERIODS);
            change = after - before;
            /* Noise from moving ranges inside each segment, never across the step. */
            sigma = (noise_sigma(v, 0, from, 0) * (from - 1) +
                     noise_sigma(v, from, DEMO_PERIODS, 0) * (DEMO_PERIODS - from - 1)) /
                    (DEMO_PERIODS - 2);
            cr_expect(fabs(before - s->before) < 0.2 * fabs(planned),
                      "%s %s: before %g, planned %g", s->indicator, s->subject, before, s->before);
        } else {
            double slope = fitted_slope(v, from, DEMO_PERIODS);
            change = slope * (DEMO_PERIODS - 1 - from);
            sigma = noise_sigma(v, from, DEMO_PERIODS, slope);
            if (from > 0)
                cr_expect(fabs(mean_of(v, 0, from) - s->before) < 0.2 * fabs(planned));
        }
        cr_expect(change * planned > 0 && fabs(change - planned) < 0.3 * fabs(planned),
                  "%s %s: changed by %g, planned %g", s->indicator, s->subject, change, planned);
        cr_expect_geq(fabs(change), 3 * sigma, "%s %s: change %g is under 3 sigma (%g)",
                      s->indicator, s->subject, change, sigma);
        cr_expect_geq(xmr_first_flag(v, DEMO_PERIODS, from, NULL), from,
                      "%s %s: XmR finds nothing from %s", s->indicator, s->subject, s->from_period);
    }
    free(o);
}

Test(demo, flat_series_show_no_special_cause, .init = setup, .fini = teardown)
{
    observations *o = read_observations();
    for (int i = 0; i < demo_signal_count; i++) {
        const demo_signal *s = &demo_signals[i];
        if (strcmp(s->kind, "none") != 0)
            continue;
        const double *v = series_get(o, s->indicator, s->subject)->value;
        double margin;
        int flag = xmr_first_flag(v, DEMO_PERIODS, 0, &margin);
        cr_expect_eq(flag, -1, "%s %s: special cause at month %d", s->indicator, s->subject, flag);
        /* Room to spare, so a slightly different limit rule cannot flag it. */
        cr_expect_leq(margin, 0.9, "%s %s: a point at %.2f of the limit", s->indicator, s->subject,
                      margin);
        double level = mean_of(v, 0, DEMO_PERIODS);
        cr_expect(fabs(level - s->before) < 0.1 * s->before, "%s %s: level %g, planned %g",
                  s->indicator, s->subject, level, s->before);
        /* And no drift between the halves beyond noise. */
        double sigma = noise_sigma(v, 0, DEMO_PERIODS, 0);
        double half = mean_of(v, 18, 36) - mean_of(v, 0, 18);
        cr_expect_lt(fabs(half), 1.5 * sigma, "%s %s: halves differ by %g (sigma %g)", s->indicator,
                     s->subject, half, sigma);
    }
    free(o);
}

/* The series the planted signals are summed from share the change. */
Test(demo, end_of_life_programme_shows_in_every_place, .init = setup, .fini = teardown)
{
    observations *o = read_observations();
    static const char *const places[] = {"QNV-RAV", "QNV-CAL", "QNV-FEL"};
    int from = period_index("2024-10");
    for (int i = 0; i < 3; i++) {
        const double *v = series_get(o, "DIUPR", places[i])->value;
        double change = mean_of(v, from, DEMO_PERIODS) - mean_of(v, 0, from);
        cr_expect(change > 8 && change < 18, "%s DIUPR changed by %g", places[i], change);
        v = series_get(o, "EPACCS", places[i])->value;
        change = mean_of(v, from, DEMO_PERIODS) - mean_of(v, 0, from);
        cr_expect(change > 15, "%s EPACCS changed by %g", places[i], change);
    }
    free(o);
}

Test(demo, period_helpers_round_trip)
{
    char name[8];
    demo_period_name(0, name);
    cr_expect_str_eq(name, DEMO_FIRST_PERIOD);
    demo_period_name(9, name);
    cr_expect_str_eq(name, "2024-01");
    demo_period_name(DEMO_PERIODS - 1, name);
    cr_expect_str_eq(name, DEMO_LAST_PERIOD);
    for (int t = 0; t < DEMO_PERIODS; t++) {
        demo_period_name(t, name);
        cr_expect_eq(demo_period_index(name), t, "%s", name);
        cr_expect_eq(period_index(name), t);
    }
    cr_expect_eq(demo_period_index("2023-03"), -1);
    cr_expect_eq(demo_period_index("2026-04"), -1);
    cr_expect_eq(demo_period_index("2024-13"), -1);
    cr_expect_eq(demo_period_index(NULL), -1);
}

Test(demo, signal_levels_follow_their_kind)
{
    const demo_signal shift = {"X", "Y", "organisation", "shift_up", "2024-10", 10, 20, ""};
    const demo_signal trend = {"X", "Y", "organisation", "trend_down", "2025-03", 30, 10, ""};
    const demo_signal none = {"X", "Y", "organisation", "none", NULL, 5, 5, ""};
    int from = demo_period_index("2024-10");
    cr_expect_eq(demo_signal_level(&shift, from - 1), 10);
    cr_expect_eq(demo_signal_level(&shift, from), 20);
    cr_expect_eq(demo_signal_level(&shift, DEMO_PERIODS - 1), 20);
    /* 2025-03 is month 23; 12 steps to month 35. */
    cr_expect_eq(demo_signal_level(&trend, 22), 30);
    cr_expect_eq(demo_signal_level(&trend, 23), 30);
    cr_expect(fabs(demo_signal_level(&trend, 29) - 20) < 1e-12);
    cr_expect_eq(demo_signal_level(&trend, 35), 10);
    cr_expect_eq(demo_signal_level(&none, 17), 5);
    cr_expect_eq(demo_signal_find("ABX", "X81017")->from_period, demo_signals[6].from_period);
    cr_expect_null(demo_signal_find("ABX", "X81001"));
}

Test(demo, csv_writer_quotes_and_formats)
{
    demo_csv c;
    demo_csv_init(&c);
    demo_csv_header(&c, "a,b,c,d,e,f");
    demo_csv_text(&c, "plain");
    demo_csv_text(&c, "with, comma");
    demo_csv_text(&c, "say \"hi\"");
    demo_csv_text(&c, NULL);
    demo_csv_text(&c, "two\nlines");
    demo_csv_empty(&c);
    demo_csv_end_row(&c);
    demo_csv_num(&c, 12);
    demo_csv_num(&c, 0.1);
    demo_csv_num(&c, 1.0 / 3.0);
    demo_csv_num(&c, -0.0);
    demo_csv_num(&c, 1e-9);
    demo_csv_num(&c, 318000000);
    demo_csv_end_row(&c);
    demo_csv_int(&c, -7);
    demo_csv_num(&c, 2.5);
    demo_csv_num(&c, -1.25);
    demo_csv_num(&c, 5.23);
    demo_csv_num(&c, 1e20);
    demo_csv_num(&c, 0.0000016);
    demo_csv_end_row(&c);
    demo_file f;
    demo_csv_finish(&c, &f, "test");
    cr_expect_str_eq(f.kind, "test");
    cr_expect_str_eq(f.csv, "a,b,c,d,e,f\n"
                            "plain,\"with, comma\",\"say \"\"hi\"\"\",,\"two\nlines\",\n"
                            "12,0.1,0.333333,0,0,318000000\n"
                            "-7,2.5,-1.25,5.23,100000000000000000000,0.000002\n");
    cr_expect_eq(f.len, strlen(f.csv));
    cr_expect_null(c.text.buf);
    free(f.csv);
}
