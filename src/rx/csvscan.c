/* rx csvscan: see csvscan.h. The fast path walks unquoted fields with memchr-free byte loops;
 * a record cut by the end of the buffer is moved to the front and rescanned after a refill. */
#include "rx/csvscan.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

enum { CHUNK = 4 << 20, MAX_RECORD = 1 << 20 };

int rx_scan_open(rx_scan *s, const char *path, err *e)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->size = -1;
    if (strcmp(path, "-") == 0)
        s->fp = stdin;
    else if (!(s->fp = fopen(path, "rb")))
        return err_user(e, "%s: cannot open: %s", path, strerror(errno));
    size_t n = strlen(path);
    if (n > 3 && strcmp(path + n - 3, ".gz") == 0) {
        /* zlib reads from its own descriptor; the FILE is kept only to be closed. */
        int fd = dup(fileno(s->fp));
        if (fd < 0 || !(s->gz = gzdopen(fd, "rb"))) {
            if (fd >= 0)
                close(fd);
            rx_scan_close(s);
            return err_internal(e, "%s: cannot open for decompression", path);
        }
        gzbuffer(s->gz, 1 << 18);
    } else {
        struct stat st;
        if (fstat(fileno(s->fp), &st) == 0 && S_ISREG(st.st_mode))
            s->size = (long long)st.st_size;
    }
    s->cap = CHUNK + MAX_RECORD;
    s->buf = xmalloc(s->cap + 1);
    s->next_line = 1;
    return 0;
}

void rx_scan_close(rx_scan *s)
{
    if (s->gz)
        gzclose(s->gz);
    s->gz = NULL;
    if (s->fp && s->fp != stdin)
        fclose(s->fp);
    free(s->buf);
    s->fp = NULL;
    s->buf = NULL;
}

static int refill(rx_scan *s, err *e)
{
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->end - s->pos);
        s->end -= s->pos;
        s->consumed += (long long)s->pos;
        s->pos = 0;
    }
    if (s->end >= s->cap)
        return err_user(e, "%s:%ld: a record longer than %d bytes (an unclosed quote?)", s->path,
                        s->next_line, MAX_RECORD);
    size_t n;
    if (s->gz) {
        int got = gzread(s->gz, s->buf + s->end, (unsigned)(s->cap - s->end));
        if (got < 0) {
            int zerr;
            const char *m = gzerror(s->gz, &zerr);
            return err_user(e, "%s: not a readable gzip file: %s", s->path, m);
        }
        n = (size_t)got;
    } else {
        n = fread(s->buf + s->end, 1, s->cap - s->end, s->fp);
        if (n == 0 && ferror(s->fp))
            return err_internal(e, "%s: read error: %s", s->path, strerror(errno));
    }
    if (n == 0)
        s->eof = 1;
    s->end += n;
    return 0;
}

/* The bytes that end an unquoted field. */
static const unsigned char stop[256] = {[','] = 1, ['\n'] = 1, ['\r'] = 1};

/* Splits one record starting at buf[pos]. Returns 1 done, 0 when the buffer ended first. */
static int split(rx_scan *s, err *e, int *bad)
{
    char *p = s->buf + s->pos, *end = s->buf + s->end;
    long lines = 0;
    int nf = 0;
    *bad = 0;
    for (;;) {
        if (nf == RX_SCAN_MAX_FIELDS) {
            *bad = 1;
            return err_user(e, "%s:%ld: more than %d fields", s->path, s->next_line,
                            RX_SCAN_MAX_FIELDS);
        }
        rx_field *f = &s->f[nf++];
        f->escaped = 0;
        if (p < end && *p == '"') {
            /* memchr finds the closing quote many bytes at a time. */
            char *q = ++p;
            for (;;) {
                q = q < end ? memchr(q, '"', (size_t)(end - q)) : NULL;
                if (!q) {
                    if (s->eof) {
                        *bad = 1;
                        return err_user(e, "%s:%ld: a quoted field is not closed", s->path,
                                        s->next_line);
                    }
                    return 0;
                }
                if (q + 1 >= end) {
                    if (s->eof)
                        break; /* a closing quote at the very end of the file */
                    return 0;
                }
                if (q[1] == '"') {
                    f->escaped = 1;
                    q += 2;
                    continue;
                }
                break;
            }
            for (char *nl = p; (nl = memchr(nl, '\n', (size_t)(q - nl))) != NULL; nl++)
                lines++;
            f->p = p;
            f->len = (size_t)(q - p);
            p = q + 1;
        } else {
            char *q = p;
            while (q < end && !stop[(unsigned char)*q])
                q++;
            f->p = p;
            f->len = (size_t)(q - p);
            p = q;
        }
        if (p >= end) {
            if (!s->eof)
                return 0;
            break; /* the last record has no line end */
        }
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '\r') {
            if (p + 1 >= end && !s->eof)
                return 0;
            p++; /* CRLF, or a lone CR as the line end */
            if (p < end && *p == '\n')
                p++;
            lines++;
            break;
        }
        if (*p == '\n') {
            p++;
            lines++;
            break;
        }
        *bad = 1;
        return err_user(e, "%s:%ld: unexpected character after a quoted field", s->path,
                        s->next_line);
    }
    s->nf = nf;
    s->line = s->next_line;
    s->next_line += lines ? lines : 1;
    s->pos = (size_t)(p - s->buf);
    return 1;
}

int rx_scan_next(rx_scan *s, err *e)
{
    for (;;) {
        if (s->pos >= s->end) {
            if (s->eof)
                return 0;
            if (refill(s, e))
                return -1;
            if (s->pos >= s->end)
                return 0;
            continue;
        }
        int bad;
        int r = split(s, e, &bad);
        if (bad)
            return -1;
        if (r)
            return 1;
        if (refill(s, e))
            return -1;
    }
}

size_t rx_field_copy(const rx_field *f, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < f->len && n + 1 < cap; i++) {
        out[n++] = f->p[i];
        if (f->escaped && f->p[i] == '"' && i + 1 < f->len && f->p[i + 1] == '"')
            i++;
    }
    out[n] = 0;
    return n;
}

static const double pow10tab[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

int rx_parse_number(const char *p, size_t len, double *out)
{
    const char *s = p, *end = p + len;
    while (s < end && *s == ' ')
        s++;
    while (end > s && end[-1] == ' ')
        end--;
    if (s == end)
        return -1;
    int neg = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    uint64_t m = 0;
    int digits = 0, frac = 0, any = 0;
    while (s < end && *s >= '0' && *s <= '9') {
        if (m || *s != '0')
            digits++;
        m = m * 10 + (uint64_t)(*s++ - '0');
        any = 1;
        if (digits > 19)
            goto slow;
    }
    if (s < end && *s == '.') {
        s++;
        while (s < end && *s >= '0' && *s <= '9') {
            if (m || *s != '0')
                digits++;
            m = m * 10 + (uint64_t)(*s++ - '0');
            frac++;
            any = 1;
            if (digits > 19)
                goto slow;
        }
    }
    if (!any)
        return -1;
    if (s < end)
        goto slow; /* an exponent or junk: let strtod decide */
    /* m and 10^frac are exact doubles when m < 2^53 and frac <= 22, so one division rounds
     * correctly, as strtod would. */
    if (m < (1ULL << 53) && frac <= 22) {
        double v = (double)m / pow10tab[frac];
        *out = neg ? -v : v;
        return 0;
    }
slow:;
    char tmp[64];
    size_t n = (size_t)(end - p);
    if (n >= sizeof tmp)
        return -1;
    memcpy(tmp, p, n);
    tmp[n] = 0;
    char *e2;
    errno = 0;
    double v = strtod(tmp, &e2);
    while (*e2 == ' ')
        e2++;
    if (e2 == tmp || *e2 || errno == ERANGE || v != v)
        return -1;
    *out = v;
    return 0;
}
