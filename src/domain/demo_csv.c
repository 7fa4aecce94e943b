/* The CSV writer the demo files are built with. */
#include "domain/demo_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/err.h"

void demo_csv_init(demo_csv *c)
{
    c->text = (strbuf)STRBUF_INIT;
    c->at_row_start = 1;
}

static void put(demo_csv *c, const char *s, size_t n)
{
    strbuf_add(&c->text, s, n);
}

static void separate(demo_csv *c)
{
    if (!c->at_row_start)
        put(c, ",", 1);
    c->at_row_start = 0;
}

void demo_csv_text(demo_csv *c, const char *s)
{
    separate(c);
    strbuf_add_csv_field(&c->text, s);
}

void demo_csv_num(demo_csv *c, double v)
{
    char buf[64];
    /* Integers below 2^53 print exactly with %.0f; everything else gets a fixed
     * six decimals, correctly rounded by glibc and musl alike, then loses its
     * trailing zeros. */
    if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        snprintf(buf, sizeof buf, "%.0f", v == 0 ? 0.0 : v);
    } else {
        snprintf(buf, sizeof buf, "%.6f", v);
        char *end = buf + strlen(buf) - 1;
        while (*end == '0')
            *end-- = '\0';
        if (*end == '.')
            *end = '\0';
        if (strcmp(buf, "-0") == 0)
            strcpy(buf, "0");
    }
    separate(c);
    put(c, buf, strlen(buf));
}

void demo_csv_int(demo_csv *c, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    separate(c);
    put(c, buf, strlen(buf));
}

void demo_csv_empty(demo_csv *c)
{
    separate(c);
}

void demo_csv_header(demo_csv *c, const char *names)
{
    put(c, names, strlen(names));
    c->at_row_start = 0;
    demo_csv_end_row(c);
}

void demo_csv_end_row(demo_csv *c)
{
    put(c, "\n", 1);
    c->at_row_start = 1;
}

void demo_csv_finish(demo_csv *c, demo_file *f, const char *kind)
{
    f->kind = kind;
    f->csv = strbuf_detach(&c->text, &f->len);
    c->at_row_start = 1;
}
