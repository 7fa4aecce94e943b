/* Parsing and checking of single values, by field type. The messages say what
 * was expected, because they are what a person fixing a CSV file reads. */
#include "domain/entity.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CODE_MAX 32
#define NAME_MAX_BYTES 200
#define TEXT_MAX_BYTES 4000

static int check_code(entity_row *row, int f, const char *s, err *e)
{
    size_t n = strlen(s);
    if (n > CODE_MAX)
        return entity_row_fail(row, f, e, "a code is at most %d characters", CODE_MAX);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && c != '-' && c != '_' && c != '.')
            return entity_row_fail(row, f, e,
                                   "a code may hold only letters, digits, '-', '_' and '.'");
    }
    return 0;
}

static int check_text(entity_row *row, int f, const char *s, size_t max, err *e)
{
    if (strlen(s) > max)
        return entity_row_fail(row, f, e, "at most %zu bytes", max);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 && *p != '\t' && *p != '\n')
            return entity_row_fail(row, f, e, "control character 0x%02x is not allowed", *p);
    return 0;
}

static int in_bounds(const field_def *fd, double v)
{
    if (fd->min_bound == BOUND_INCLUSIVE && v < fd->min)
        return 0;
    if (fd->min_bound == BOUND_EXCLUSIVE && v <= fd->min)
        return 0;
    if (fd->max_bound == BOUND_INCLUSIVE && v > fd->max)
        return 0;
    if (fd->max_bound == BOUND_EXCLUSIVE && v >= fd->max)
        return 0;
    return 1;
}

static int parse_number(entity_row *row, int f, const char *s, err *e)
{
    const field_def *fd = &row->def->fields[f];
    const char *expected = fd->help ? fd->help : "a number";
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    /* strtod also takes hex, "inf" and "nan"; none belong in a data file. */
    int plain = strspn(s, "+-0123456789.eE") == strlen(s);
    if (end == s || *end || errno == ERANGE || !isfinite(v) || !plain)
        return entity_row_fail(
            row, f, e, "expected %s (digits, like 12 or 3.5; no commas, %% or £)", expected);
    if (fd->type == FT_INTEGER && v != floor(v))
        return entity_row_fail(row, f, e, "expected %s (a whole number)", expected);
    /* Whole numbers are stored and sent as 64-bit integers: keep them well inside that range
     * (and exact as doubles), or the conversion is undefined. */
    if (fd->type == FT_INTEGER && fabs(v) >= 1e15)
        return entity_row_fail(row, f, e, "expected %s (a whole number of at most 15 digits)",
                               expected);
    if (!in_bounds(fd, v))
        return entity_row_fail(row, f, e, "expected %s", expected);
    row->num[f] = v == 0 ? 0 : v; /* no negative zero */
    return 0;
}

static int valid_date(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* YYYY-MM-DD, or with allow_month also YYYY-MM. */
static int parse_date(const char *s, int allow_month)
{
    size_t n = strlen(s);
    if (n == 7 && allow_month && digits(s, 4) && s[4] == '-' && digits(s + 5, 2))
        return valid_date(atoi(s), atoi(s + 5), 1);
    if (n == 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
        digits(s + 8, 2))
        return valid_date(atoi(s), atoi(s + 5), atoi(s + 8));
    return 0;
}

int entity_valid_date(const char *s)
{
    return parse_date(s, 0);
}

static int parse_bool(entity_row *row, int f, const char *s, err *e)
{
    static const char *const yes[] = {"true", "yes", "1", "y", "t"};
    static const char *const no[] = {"false", "no", "0", "n", "f"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            entity_row_set(row, f, "true", 1);
            return 0;
        }
        if (strcasecmp(s, no[i]) == 0) {
            entity_row_set(row, f, "false", 0);
            return 0;
        }
    }
    return entity_row_fail(row, f, e, "expected true or false");
}

static int parse_enum(entity_row *row, int f, const char *s, err *e)
{
    const field_def *fd = &row->def->fields[f];
    char list[512];
    size_t n = 0;
    for (const char *const *c = fd->choices; *c; c++) {
        if (strcmp(*c, s) == 0)
            return 0;
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", *c);
        if (n >= sizeof list)
            n = sizeof list - 1;
    }
    return entity_row_fail(row, f, e, "expected one of: %s", list);
}

static int check_email(entity_row *row, int f, const char *s, err *e)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || !at[1] || strchr(at + 1, '@') || strpbrk(s, " \t\n,;<>"))
        return entity_row_fail(row, f, e, "expected an email address like name@example.nhs.uk");
    return check_text(row, f, s, NAME_MAX_BYTES, e);
}

int entity_parse_field(entity_row *row, int f, const char *s, err *e)
{
    const field_def *fd = &row->def->fields[f];
    row->text[f] = *s ? s : NULL;
    if (!*s) {
        if (fd->required)
            return entity_row_fail(row, f, e, "a value is required%s%s", fd->help ? ": " : "",
                                   fd->help ? fd->help : "");
        return 0;
    }
    switch (fd->type) {
    case FT_CODE:
        return check_code(row, f, s, e);
    case FT_NAME:
        return check_text(row, f, s, NAME_MAX_BYTES, e);
    case FT_TEXT:
        return check_text(row, f, s, TEXT_MAX_BYTES, e);
    case FT_ENUM:
        return parse_enum(row, f, s, e);
    case FT_NUMBER:
    case FT_INTEGER:
        return parse_number(row, f, s, e);
    case FT_BOOL:
        return parse_bool(row, f, s, e);
    case FT_DATE:
        if (!parse_date(s, 0))
            return entity_row_fail(row, f, e, "expected a date YYYY-MM-DD, like 2025-04-01");
        return 0;
    case FT_PERIOD:
        if (!parse_date(s, 1))
            return entity_row_fail(row, f, e,
                                   "expected a period YYYY-MM (a month) or YYYY-MM-DD (a day)");
        return 0;
    case FT_EMAIL:
        return check_email(row, f, s, e);
    }
    return err_internal(e, "unknown field type %d", (int)fd->type);
}
