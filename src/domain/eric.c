#include "domain/eric.h"

#include "domain/estates_history.h"
#include "util/csv.h"
#include "util/file.h"
#include "util/strbuf.h"
#include "util/strmap.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Years ----------------------------------------------------------------------------- */

/* Reads "2023/24"-like text at s of exactly `len` bytes. */
static int year_at(const char *s, size_t len, char out[ERIC_YEAR_LEN])
{
    char digits[7];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (isdigit((unsigned char)s[i])) {
            if (n == 6)
                return -1;
            digits[n++] = s[i];
        } else if (!(i == 4 && n == 4 && strchr("/-_", s[i]))) {
            return -1;
        }
    }
    if (n != 6 || digits[0] != '2' || digits[1] != '0')
        return -1;
    int first = (digits[2] - '0') * 10 + (digits[3] - '0');
    int second = (digits[4] - '0') * 10 + (digits[5] - '0');
    if (second != (first + 1) % 100)
        return -1;
    snprintf(out, ERIC_YEAR_LEN, "20%c%c/%c%c", digits[2], digits[3], digits[4], digits[5]);
    return 0;
}

int eric_year_parse(const char *s, char out[ERIC_YEAR_LEN])
{
    return s ? year_at(s, strlen(s), out) : -1;
}

int eric_year_from_name(const char *name, char out[ERIC_YEAR_LEN])
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    for (const char *p = base; *p; p++) {
        if (p > base && isdigit((unsigned char)p[-1]))
            continue;
        for (size_t len = 6; len <= 7; len++)
            if (strlen(p) >= len && !isdigit((unsigned char)p[len]) && !year_at(p, len, out))
                return 0;
    }
    return -1;
}

/* ---- Headings -------------------------------------------------------------------------- */

enum {
    F_ORG,
    F_SITE,
    F_NAME,
    F_GIA,
    F_OCCUPIED,
    F_CLINICAL,
    F_NON_CLINICAL,
    F_EMPTY,
    F_UNDER_USED,
    F_UNSUITABLE,
    F_HARD_FM,
    F_SOFT_FM,
    F_BACKLOG_HIGH,
    F_BACKLOG_SIGNIFICANT,
    F_BACKLOG_MODERATE,
    F_BACKLOG_LOW,
    F_COUNT
};

/* The ERIC site data headings, current first, then names earlier years used. */
static const struct {
    int field;
    const char *heading;
} headings[] = {
    {F_ORG, "Trust Code"},
    {F_ORG, "Organisation Code"},
    {F_SITE, "Site Code"},
    {F_NAME, "Site Name"},
    {F_GIA, "Gross internal floor area (m²)"},
    {F_GIA, "Gross internal site floor area (m²)"},
    {F_OCCUPIED, "Occupied floor area (m²)"},
    {F_CLINICAL, "Clinical space (m²)"},
    {F_NON_CLINICAL, "Non-clinical space (m²)"},
    {F_EMPTY, "Floor area - empty (%)"},
    {F_EMPTY, "Un-utilised space (%)"},
    {F_UNDER_USED, "Floor area - under used (%)"},
    {F_UNSUITABLE, "Not functionally suitable - occupied floor area (%)"},
    {F_UNSUITABLE, "Not functionally suitable floor area (%)"},
    {F_HARD_FM, "Hard FM (Estates) costs (£)"},
    {F_HARD_FM, "Total hard FM (estates) costs (£)"},
    {F_SOFT_FM, "Soft FM (Hotel Services) costs (£)"},
    {F_SOFT_FM, "Total soft FM (Hotel Services) costs (£)"},
    {F_BACKLOG_HIGH, "Cost to eradicate high risk backlog (£)"},
    {F_BACKLOG_SIGNIFICANT, "Cost to eradicate significant risk backlog (£)"},
    {F_BACKLOG_MODERATE, "Cost to eradicate moderate risk backlog (£)"},
    {F_BACKLOG_LOW, "Cost to eradicate low risk backlog (£)"},
};

/* A heading's letters and digits, lower case, without a final bracketed unit: "Floor area -
 * empty (%)" and "floor area-empty" both give "floorareaempty". Bytes outside ASCII (the ²
 * and £ of the units, in whichever encoding) are dropped. */
static void heading_key(const char *h, char *out, size_t size)
{
    size_t n = strlen(h);
    while (n && isspace((unsigned char)h[n - 1]))
        n--;
    if (n && h[n - 1] == ')') {
        size_t open = n;
        while (open && h[open - 1] != '(')
            open--;
        if (open)
            n = open - 1;
    }
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < size; i++)
        if (isalnum((unsigned char)h[i]))
            out[o++] = (char)tolower((unsigned char)h[i]);
    out[o] = '\0';
}

static int heading_field(const char *h)
{
    char key[256], want[256];
    heading_key(h, key, sizeof key);
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++) {
        heading_key(headings[i].heading, want, sizeof want);
        if (strcmp(key, want) == 0)
            return headings[i].field;
    }
    return -1;
}

static const char *field_heading(int field)
{
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)
        if (headings[i].field == field)
            return headings[i].heading;
    return "?";
}

/* ---- Reading --------------------------------------------------------------------------- */

typedef struct reader {
    db *d;
    const char *name, *year, *actor;
    int have_header;
    long header_line;
    int col[F_COUNT];       /* field → CSV column, -1 when absent */
    char *heading[F_COUNT]; /* as the file spells it, for messages */
    strmap seen;            /* site code → line, so a site is given once a year */
    eric_stats *st;
} reader;

static int fail(const reader *r, long line, int field, const char *value, err *e, const char *what)
{
    err_user(e, "%s:%ld: column '%.120s': value '%.60s': %s", r->name, line, r->heading[field],
             value, what);
    err_at(e, line, r->heading[field]);
    return -1;
}

static int read_header(reader *r, const csv_record *rec, err *e)
{
    for (int f = 0; f < F_COUNT; f++)
        r->col[f] = -1;
    for (size_t c = 0; c < rec->count; c++) {
        int f = heading_field(rec->fields[c]);
        if (f < 0)
            continue; /* ERIC has a hundred columns; we read the ones we need */
        if (r->col[f] >= 0) {
            err_user(e, "%s:%ld: columns '%.100s' and '%.100s' both give %s", r->name, rec->line,
                     r->heading[f], rec->fields[c], field_heading(f));
            return -1;
        }
        r->col[f] = (int)c;
        r->heading[f] = xstrdup(rec->fields[c]);
    }
    static const int required[] = {F_SITE, F_NAME, F_ORG, F_GIA};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (r->col[required[i]] < 0)
            return err_user(e,
                            "%s:%ld: no '%s' column; an ERIC site data file needs Site Code, "
                            "Site Name, Trust Code and Gross internal floor area (m²)",
                            r->name, rec->line, field_heading(required[i]));
    r->have_header = 1;
    r->header_line = rec->line;
    return 0;
}

static const char *cell(const reader *r, const csv_record *rec, int field)
{
    int c = r->col[field];
    return c >= 0 && (size_t)c < rec->count ? rec->fields[c] : "";
}

/* A number as ERIC writes it: "1,234", "£5,000", "12.5%"; blank, "-", "N/A" and "Not
 * applicable" are not known (NaN). 0 on success. */
static int eric_number(const char *text, double *out)
{
    char clean[64];
    size_t o = 0;
    for (const char *p = text; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == ',' || ch == '%' || isspace(ch) || ch >= 0x80) /* ch >= 0x80: the £ sign */
            continue;
        if (o + 1 >= sizeof clean)
            return -1;
        clean[o++] = (char)ch;
    }
    clean[o] = '\0';
    if (!o || strcmp(clean, "-") == 0 || strcasecmp(clean, "N/A") == 0 ||
        strcasecmp(clean, "NotApplicable") == 0) {
        *out = NAN;
        return 0;
    }
    char *end;
    errno = 0;
    double v = strtod(clean, &end);
    if (*end || errno || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

typedef struct number_rule {
    int field;
    double *dest;
    double max; /* 100 for a percentage, else HUGE_VAL */
} number_rule;

static int valid_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("-_.", s[i]))
            return 0;
    return 1;
}

static int organisation_exists(db *d, const char *code, int *found, err *e)
{
    db_stmt *s;
    *found = 0;
    if (db_prepare(d, "SELECT code FROM organisations WHERE code = ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, code, e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW)
        *found = 1;
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

static int all_blank(const csv_record *rec)
{
    for (size_t c = 0; c < rec->count; c++)
        for (const char *p = rec->fields[c]; *p; p++)
            if (!isspace((unsigned char)*p))
                return 0;
    return 1;
}

static int read_row(reader *r, const csv_record *rec, err *e)
{
    if (all_blank(rec))
        return 0;
    site_return sr;
    memset(&sr, 0, sizeof sr);
    estates_site *x = &sr.site;
    estates_site_init(x);
    sr.line = rec->line;
    const char *site = cell(r, rec, F_SITE), *org = cell(r, rec, F_ORG),
               *name = cell(r, rec, F_NAME);
    if (!valid_code(site))
        return fail(r, rec->line, F_SITE, site, e,
                    "expected a site code (1 to 32 letters, digits, '-', '_' or '.')");
    if (!valid_code(org))
        return fail(r, rec->line, F_ORG, org, e, "expected an organisation code");
    if (!name[0] || strlen(name) > 200)
        return fail(r, rec->line, F_NAME, name, e, "expected a name of 1 to 200 characters");
    int found;
    if (organisation_exists(r->d, org, &found, e))
        return -1;
    if (!found)
        return fail(r, rec->line, F_ORG, org, e,
                    "no organisation with this code; import organisations first");
    long first;
    if (strmap_get(&r->seen, site, &first)) {
        char what[80];
        snprintf(what, sizeof what, "the site is already on line %ld: one return a site a year",
                 first);
        return fail(r, rec->line, F_SITE, site, e, what);
    }
    strmap_put(&r->seen, site, rec->line);
    snprintf(x->code, sizeof x->code, "%s", site);
    snprintf(x->org, sizeof x->org, "%s", org);
    snprintf(x->name, sizeof x->name, "%s", name);

    const number_rule rules[] = {
        {F_GIA, &x->gross_m2, HUGE_VAL},
        {F_OCCUPIED, &sr.occupied_m2, HUGE_VAL},
        {F_CLINICAL, &x->clinical_m2, HUGE_VAL},
        {F_NON_CLINICAL, &x->non_clinical_m2, HUGE_VAL},
        {F_EMPTY, &x->empty_pct, 100},
        {F_UNDER_USED, &x->under_used_pct, 100},
        {F_UNSUITABLE, &sr.not_functionally_suitable_pct, 100},
        {F_HARD_FM, &x->hard_fm_gbp, HUGE_VAL},
        {F_SOFT_FM, &x->soft_fm_gbp, HUGE_VAL},
        {F_BACKLOG_HIGH, &x->backlog_high_gbp, HUGE_VAL},
        {F_BACKLOG_SIGNIFICANT, &x->backlog_significant_gbp, HUGE_VAL},
        {F_BACKLOG_MODERATE, &x->backlog_moderate_gbp, HUGE_VAL},
        {F_BACKLOG_LOW, &x->backlog_low_gbp, HUGE_VAL},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        const number_rule *u = &rules[i];
        *u->dest = NAN;
        if (r->col[u->field] < 0)
            continue;
        const char *text = cell(r, rec, u->field);
        if (eric_number(text, u->dest))
            return fail(r, rec->line, u->field, text, e, "expected a number");
        if (*u->dest < 0 || *u->dest > u->max)
            return fail(r, rec->line, u->field, text, e,
                        u->max == 100 ? "expected a percentage from 0 to 100"
                                      : "expected a number, 0 or more");
    }
    /* A site with no floor area (land, a car park) has no estates measures. */
    if (isnan(x->gross_m2) || x->gross_m2 == 0) {
        r->st->skipped++;
        return 0;
    }
    if (!isnan(x->clinical_m2) && !isnan(x->non_clinical_m2) &&
        x->clinical_m2 + x->non_clinical_m2 > x->gross_m2 * 1.0001)
        return fail(r, rec->line, F_NON_CLINICAL, cell(r, rec, F_NON_CLINICAL), e,
                    "clinical + non-clinical space is more than the gross internal floor area");
    if (!isnan(x->empty_pct) && !isnan(x->under_used_pct) && x->empty_pct + x->under_used_pct > 100)
        return fail(r, rec->line, F_UNDER_USED, cell(r, rec, F_UNDER_USED), e,
                    "empty + under-used floor area is more than 100%");
    site_return_outcome out;
    if (site_return_store(r->d, &sr, r->year, r->actor, &out, e)) {
        if (e->kind == ERR_USER)
            err_prefix(e, "%s:%ld", r->name, rec->line);
        return -1;
    }
    r->st->rows++;
    if (out.return_created)
        r->st->created++;
    else
        r->st->updated++;
    r->st->sites_created += out.site_created;
    return 0;
}

static int on_record(void *ctx, const csv_record *rec, err *e)
{
    reader *r = ctx;
    if (csv_record_no_nul(rec, e))
        return -1;
    if (r->have_header)
        return read_row(r, rec, e);
    /* Some releases put a title line or two above the headings. */
    int named_site = 0;
    for (size_t c = 0; c < rec->count; c++)
        named_site |= heading_field(rec->fields[c]) == F_SITE;
    if (named_site || rec->line >= 5)
        return read_header(r, rec, e);
    return 0;
}

/* ---- Encoding -------------------------------------------------------------------------- */

static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!len || i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

/* Windows-1252's characters at 0x80-0x9F (where Latin-1 has control codes), as Unicode; 0 for
 * the five it leaves undefined. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* ERIC files are often Windows-1252 (£, ², and the curly apostrophes of names), so a file that
 * is not UTF-8 is read as that and names are stored as UTF-8. */
static char *cp1252_to_utf8(const char *data, size_t n, size_t *out_len)
{
    strbuf b = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        unsigned u = c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : c;
        if (u < 0x80) {
            strbuf_addc(&b, u ? (char)u : '?');
        } else if (u >= 0x800) {
            strbuf_addc(&b, (char)(0xE0 | (u >> 12)));
            strbuf_addc(&b, (char)(0x80 | ((u >> 6) & 0x3F)));
            strbuf_addc(&b, (char)(0x80 | (u & 0x3F)));
        } else {
            strbuf_addc(&b, (char)(0xC0 | (u >> 6)));
            strbuf_addc(&b, (char)(0x80 | (u & 0x3F)));
        }
    }
    return strbuf_detach(&b, out_len);
}

/* ---- The import ------------------------------------------------------------------------ */

int eric_import_buffer(db *d, const char *name, const char *data, size_t len, const char *year,
                       const char *actor, eric_stats *st, err *e)
{
    eric_stats local;
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    if (year && year[0]) {
        if (eric_year_parse(year, st->year))
            return err_user(e, "year: '%.20s' is not a financial year; write it like 2023/24",
                            year);
    } else if (eric_year_from_name(name, st->year)) {
        return err_user(e,
                        "%s: the file name does not say which financial year it is; give it "
                        "(--year, or ?year= in the API, like 2023/24)",
                        name);
    }
    char *converted = NULL;
    if (!valid_utf8((const unsigned char *)data, len)) {
        converted = cp1252_to_utf8(data, len, &len);
        data = converted;
    }
    reader r = {.d = d, .name = name, .year = st->year, .actor = actor, .st = st};
    int rc = db_begin(d, e);
    if (!rc)
        rc = csv_read_buffer(name, data, len, on_record, &r, e);
    if (!rc && !r.have_header)
        rc = err_user(e, "%s: no header row with a 'Site Code' column", name);
    if (!rc && st->rows == 0)
        rc = err_user(e, "%s: no sites with a floor area in the file", name);
    if (!rc)
        rc = estates_observe(d, st->year, &st->observations, e);
    if (rc)
        db_rollback(d);
    else
        rc = db_commit(d, e);
    for (int f = 0; f < F_COUNT; f++)
        free(r.heading[f]);
    strmap_free(&r.seen);
    free(converted);
    return rc;
}

int eric_import_file(db *d, const char *path, const char *year, const char *actor, eric_stats *st,
                     err *e)
{
    char *data;
    size_t len;
    if (file_read_all(path, &data, &len, e))
        return -1;
    int rc = eric_import_buffer(d, path, data, len, year, actor, st, e);
    free(data);
    return rc;
}
