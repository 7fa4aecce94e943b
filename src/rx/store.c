/* rx store: see store.h. File layout (little-endian, native doubles):
 *   header (64 bytes): "UNLRXM01", u32 month, u32 nblocks, u64 rows, u64 dict offset,
 *                      u32 npractices, u32 nbnf, padding
 *   blocks: u32 n, u32 0, u32 practice[n], u32 bnf[n], double num[RX_NNUM][n]
 *   dictionaries: per entry, per column, u16 length + bytes. */
#include "rx/store.h"

#include "util/strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char MAGIC[8] = {'U', 'N', 'L', 'R', 'X', 'M', '0', '1'};
enum { HEADER = 64 };

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h ^ (h >> 29);
}

void rx_dict_init(rx_dict *d, int ncols)
{
    memset(d, 0, sizeof *d);
    d->ncols = ncols;
}

long rx_dict_find(const rx_dict *d, const char *key, size_t len)
{
    if (!d->nslots)
        return -1;
    size_t mask = d->nslots - 1;
    for (size_t i = hash_bytes(key, len) & mask;; i = (i + 1) & mask) {
        uint32_t v = d->slots[i];
        if (!v)
            return -1;
        const char *k = d->cols[(size_t)(v - 1) * (size_t)d->ncols];
        if (strncmp(k, key, len) == 0 && k[len] == 0)
            return (long)(v - 1);
    }
}

static void rehash(rx_dict *d, size_t nslots)
{
    free(d->slots);
    d->slots = xcalloc(nslots, sizeof *d->slots);
    d->nslots = nslots;
    for (size_t j = 0; j < d->count; j++) {
        const char *k = d->cols[j * (size_t)d->ncols];
        for (size_t i = hash_bytes(k, strlen(k)) & (nslots - 1);; i = (i + 1) & (nslots - 1))
            if (!d->slots[i]) {
                d->slots[i] = (uint32_t)(j + 1);
                break;
            }
    }
}

uint32_t rx_dict_add(rx_dict *d, const char *const *vals)
{
    if (d->count == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 256;
        d->cols = xrealloc(d->cols, d->cap * (size_t)d->ncols * sizeof *d->cols);
    }
    for (int c = 0; c < d->ncols; c++)
        d->cols[d->count * (size_t)d->ncols + (size_t)c] = xstrdup(vals[c] ? vals[c] : "");
    d->count++;
    if (d->count * 2 > d->nslots)
        rehash(d, d->nslots ? 2 * d->nslots : 512);
    else {
        const char *k = d->cols[(d->count - 1) * (size_t)d->ncols];
        for (size_t i = hash_bytes(k, strlen(k)) & (d->nslots - 1);; i = (i + 1) & (d->nslots - 1))
            if (!d->slots[i]) {
                d->slots[i] = (uint32_t)d->count;
                break;
            }
    }
    return (uint32_t)(d->count - 1);
}

const char *rx_dict_col(const rx_dict *d, size_t i, int col)
{
    return d->cols[i * (size_t)d->ncols + (size_t)col];
}

void rx_dict_free(rx_dict *d)
{
    for (size_t i = 0; i < d->count * (size_t)d->ncols; i++)
        free(d->cols[i]);
    free(d->cols);
    free(d->slots);
    memset(d, 0, sizeof *d);
}

struct rx_writer {
    char *path, *tmp;
    FILE *f;
    int month;
    uint32_t nblocks;
    long long rows;
    rx_dict practices, bnf;
    uint32_t n;
    uint32_t *practice, *bnf_idx;
    double *num[RX_NNUM];
};

/* mkdir -p, quietly: a failure shows when the store is opened, with its path. */
static void make_parents(const char *dir)
{
    char *path = xstrdup(dir);
    for (char *p = path + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(path, 0777);
            *p = '/';
        }
    free(path);
}

char *rx_store_dir_postgres(const char *dbname)
{
    const char *root = getenv("UNLOCK_RX_STORE");
    const char *home = getenv("HOME");
    strbuf sb = STRBUF_INIT;
    if (root && *root)
        strbuf_addf(&sb, "%s/%s.rx", root, dbname);
    else
        strbuf_addf(&sb, "%s/.local/share/unlock/%s.rx", home && *home ? home : "/var/lib", dbname);
    char *dir = strbuf_detach(&sb, NULL);
    make_parents(dir);
    return dir;
}

char *rx_store_dir(const char *db_url)
{
    if (strncmp(db_url, "postgres://", 11) == 0 || strncmp(db_url, "postgresql://", 13) == 0) {
        /* postgres://user@host:port/NAME?options */
        const char *path = strchr(strstr(db_url, "://") + 3, '/');
        char name[128] = "unlock";
        if (path && path[1] && path[1] != '?')
            snprintf(name, sizeof name, "%.*s", (int)strcspn(path + 1, "?"), path + 1);
        return rx_store_dir_postgres(name);
    }
    const char *p = strncmp(db_url, "sqlite:", 7) == 0 ? db_url + 7 : db_url;
    size_t n = strlen(p);
    char *d = xmalloc(n + 4);
    memcpy(d, p, n);
    memcpy(d + n, ".rx", 4);
    return d;
}

static char *month_path(const char *dir, int month, const char *suffix)
{
    size_t n = strlen(dir) + 32;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%06d.rxm%s", dir, month, suffix);
    return p;
}

/* Removes the month's temporary files left by imports that were killed (their process is
 * gone), which would otherwise stay for ever: a real month's is hundreds of megabytes. A live
 * import's file is left alone. */
static void remove_orphans(const char *dir, int month)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return;
    char prefix[32];
    int plen = snprintf(prefix, sizeof prefix, "%06d.rxm.tmp", month);
    struct dirent *de;
    while ((de = readdir(dh))) {
        if (strncmp(de->d_name, prefix, (size_t)plen) != 0)
            continue;
        char *end;
        long pid = strtol(de->d_name + plen, &end, 10);
        if (*end || pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        size_t n = strlen(dir) + strlen(de->d_name) + 2;
        char *path = xmalloc(n);
        snprintf(path, n, "%s/%s", dir, de->d_name);
        unlink(path);
        free(path);
    }
    closedir(dh);
}

int rx_writer_open(const char *dir, int month, rx_writer **out, err *e)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return err_internal(e, "%s: cannot create the prescribing store: %s", dir, strerror(errno));
    remove_orphans(dir, month);
    rx_writer *w = xcalloc(1, sizeof *w);
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".tmp%ld", (long)getpid());
    w->path = month_path(dir, month, "");
    w->tmp = month_path(dir, month, suffix);
    if (!(w->f = fopen(w->tmp, "wb"))) {
        err_internal(e, "%s: cannot write: %s", w->tmp, strerror(errno));
        free(w->path);
        free(w->tmp);
        free(w);
        return -1;
    }
    char zero[HEADER] = {0};
    fwrite(zero, 1, HEADER, w->f);
    w->month = month;
    rx_dict_init(&w->practices, RX_P_NCOLS);
    rx_dict_init(&w->bnf, 2);
    w->practice = xmalloc(RX_BLOCK * sizeof *w->practice);
    w->bnf_idx = xmalloc(RX_BLOCK * sizeof *w->bnf_idx);
    for (int c = 0; c < RX_NNUM; c++)
        w->num[c] = xmalloc(RX_BLOCK * sizeof(double));
    *out = w;
    return 0;
}

rx_dict *rx_writer_practices(rx_writer *w)
{
    return &w->practices;
}
rx_dict *rx_writer_bnf(rx_writer *w)
{
    return &w->bnf;
}
int rx_writer_month(const rx_writer *w)
{
    return w->month;
}
long long rx_writer_rows(const rx_writer *w)
{
    return w->rows;
}

static int flush_block(rx_writer *w, err *e)
{
    if (!w->n)
        return 0;
    uint32_t h[2] = {w->n, 0};
    fwrite(h, sizeof h, 1, w->f);
    fwrite(w->practice, sizeof *w->practice, w->n, w->f);
    fwrite(w->bnf_idx, sizeof *w->bnf_idx, w->n, w->f);
    for (int c = 0; c < RX_NNUM; c++)
        fwrite(w->num[c], sizeof(double), w->n, w->f);
    if (ferror(w->f))
        return err_internal(e, "%s: write failed: %s", w->tmp, strerror(errno));
    w->nblocks++;
    w->n = 0;
    return 0;
}

int rx_writer_add(rx_writer *w, uint32_t practice, uint32_t bnf, const double num[RX_NNUM], err *e)
{
    uint32_t i = w->n++;
    w->practice[i] = practice;
    w->bnf_idx[i] = bnf;
    for (int c = 0; c < RX_NNUM; c++)
        w->num[c][i] = num[c];
    w->rows++;
    return w->n == RX_BLOCK ? flush_block(w, e) : 0;
}

static void write_dict(FILE *f, const rx_dict *d)
{
    for (size_t i = 0; i < d->count * (size_t)d->ncols; i++) {
        size_t n = strlen(d->cols[i]);
        uint16_t len = (uint16_t)(n > 65535 ? 65535 : n);
        fwrite(&len, sizeof len, 1, f);
        fwrite(d->cols[i], 1, len, f);
    }
}

static void writer_free(rx_writer *w)
{
    if (w->f)
        fclose(w->f);
    rx_dict_free(&w->practices);
    rx_dict_free(&w->bnf);
    free(w->practice);
    free(w->bnf_idx);
    for (int c = 0; c < RX_NNUM; c++)
        free(w->num[c]);
    free(w->path);
    free(w->tmp);
    free(w);
}

void rx_writer_abort(rx_writer *w)
{
    if (!w)
        return;
    if (w->f)
        fclose(w->f);
    w->f = NULL;
    unlink(w->tmp);
    writer_free(w);
}

int rx_writer_finish(rx_writer *w, err *e)
{
    if (flush_block(w, e))
        return -1;
    long off = ftell(w->f);
    write_dict(w->f, &w->practices);
    write_dict(w->f, &w->bnf);
    unsigned char h[HEADER] = {0};
    memcpy(h, MAGIC, 8);
    uint32_t u32;
    uint64_t u64;
    u32 = (uint32_t)w->month, memcpy(h + 8, &u32, 4);
    memcpy(h + 12, &w->nblocks, 4);
    u64 = (uint64_t)w->rows, memcpy(h + 16, &u64, 8);
    u64 = (uint64_t)off, memcpy(h + 24, &u64, 8);
    u32 = (uint32_t)w->practices.count, memcpy(h + 32, &u32, 4);
    u32 = (uint32_t)w->bnf.count, memcpy(h + 36, &u32, 4);
    int bad = fseek(w->f, 0, SEEK_SET) != 0 || fwrite(h, 1, HEADER, w->f) != HEADER ||
              fflush(w->f) != 0 || fsync(fileno(w->f)) != 0;
    bad |= fclose(w->f) != 0;
    w->f = NULL;
    if (bad)
        return err_internal(e, "%s: write failed: %s", w->tmp, strerror(errno));
    return 0;
}

const char *rx_writer_tmp_path(const rx_writer *w)
{
    return w->tmp;
}

int rx_writer_publish(rx_writer *w, err *e)
{
    int rc = 0;
    if (rename(w->tmp, w->path) != 0) {
        rc = err_internal(e, "%s: cannot rename into place: %s", w->path, strerror(errno));
        unlink(w->tmp);
    } else {
        /* The rename itself is durable once the directory is synced. */
        char *slash = strrchr(w->path, '/');
        if (slash) {
            *slash = 0;
            FILE *dir = fopen(w->path, "r");
            if (dir) {
                fsync(fileno(dir));
                fclose(dir);
            }
        }
    }
    writer_free(w);
    return rc;
}

int rx_writer_commit(rx_writer *w, err *e)
{
    if (rx_writer_finish(w, e)) {
        rx_writer_abort(w);
        return -1;
    }
    return rx_writer_publish(w, e);
}

static int read_dict(FILE *f, rx_dict *d, uint32_t count, const char *path, err *e)
{
    char *vals[RX_P_NCOLS];
    for (uint32_t i = 0; i < count; i++) {
        for (int c = 0; c < d->ncols; c++) {
            uint16_t len;
            if (fread(&len, sizeof len, 1, f) != 1)
                goto bad;
            vals[c] = xmalloc((size_t)len + 1);
            if (fread(vals[c], 1, len, f) != len) {
                for (int k = 0; k <= c; k++)
                    free(vals[k]);
                goto bad;
            }
            vals[c][len] = 0;
        }
        rx_dict_add(d, (const char *const *)vals);
        for (int c = 0; c < d->ncols; c++)
            free(vals[c]);
    }
    return 0;
bad:
    return err_internal(e, "%s: the dictionary is cut short (re-import the month)", path);
}

int rx_month_open(const char *dir, int month, rx_month **out, err *e)
{
    char *path = month_path(dir, month, "");
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_not_found(e,
                      "no prescribing stored for %06d (looked for %s): import it with "
                      "`unlock import prescribing FILE`",
                      month, path);
        free(path);
        return -1;
    }
    fclose(f);
    int rc = rx_month_open_file(path, out, e);
    free(path);
    return rc;
}

int rx_month_open_file(const char *file, rx_month **out, err *e)
{
    char *path = xstrdup(file);
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_internal(e, "%s: cannot read: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    unsigned char h[HEADER];
    if (fread(h, 1, HEADER, f) != HEADER || memcmp(h, MAGIC, 8) != 0) {
        err_internal(e, "%s: not a month file of this version (re-import the month)", path);
        fclose(f);
        free(path);
        return -1;
    }
    rx_month *m = xcalloc(1, sizeof *m);
    uint32_t u32, np, nb;
    uint64_t u64, off;
    memcpy(&u32, h + 8, 4), m->month = (int)u32;
    memcpy(&u64, h + 16, 8), m->rows = (long long)u64;
    memcpy(&off, h + 24, 8);
    memcpy(&np, h + 32, 4);
    memcpy(&nb, h + 36, 4);
    rx_dict_init(&m->practices, RX_P_NCOLS);
    rx_dict_init(&m->bnf, 2);
    m->f = f;
    m->data_start = HEADER;
    if (fseek(f, (long)off, SEEK_SET) != 0 || read_dict(f, &m->practices, np, path, e) ||
        read_dict(f, &m->bnf, nb, path, e) || fseek(f, HEADER, SEEK_SET) != 0) {
        if (!e->kind)
            err_internal(e, "%s: cannot read", path);
        rx_month_close(m);
        free(path);
        return -1;
    }
    m->blockbuf = xmalloc((size_t)RX_BLOCK * (8 + 8 * RX_NNUM));
    m->practice = m->blockbuf;
    m->bnf_idx = m->practice + RX_BLOCK;
    for (int c = 0; c < RX_NNUM; c++)
        m->num[c] = (double *)(m->bnf_idx + RX_BLOCK) + (size_t)c * RX_BLOCK;
    m->data_start = (long)off; /* reused below as the end of the blocks */
    free(path);
    *out = m;
    return 0;
}

int rx_month_next_block(rx_month *m, err *e)
{
    if (ftell(m->f) >= m->data_start)
        return 0;
    uint32_t h[2];
    if (fread(h, sizeof h, 1, m->f) != 1 || h[0] > RX_BLOCK)
        return err_internal(e, "month %06d: a block is damaged (re-import the month)", m->month);
    uint32_t n = h[0];
    int ok = fread(m->practice, 4, n, m->f) == n && fread(m->bnf_idx, 4, n, m->f) == n;
    for (int c = 0; ok && c < RX_NNUM; c++)
        ok = fread(m->num[c], 8, n, m->f) == n;
    if (!ok)
        return err_internal(e, "month %06d: a block is cut short (re-import the month)", m->month);
    for (uint32_t i = 0; i < n; i++)
        if (m->practice[i] >= m->practices.count || m->bnf_idx[i] >= m->bnf.count)
            return err_internal(e, "month %06d: a block is damaged (re-import the month)",
                                m->month);
    m->n = n;
    return 1;
}

int rx_month_rewind(rx_month *m, err *e)
{
    if (fseek(m->f, HEADER, SEEK_SET) != 0)
        return err_internal(e, "month %06d: cannot seek", m->month);
    return 0;
}

void rx_month_close(rx_month *m)
{
    if (!m)
        return;
    if (m->f)
        fclose(m->f);
    rx_dict_free(&m->practices);
    rx_dict_free(&m->bnf);
    free(m->blockbuf);
    free(m);
}
