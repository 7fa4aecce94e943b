/* rx import: see import.h. The row loop is the hot path: fields are slices into the scanner's
 * buffer, the practice is found by comparing with the previous row's (files are grouped by
 * practice), the BNF code through a hash table, and numbers are parsed by hand. */
#include "rx/import.h"

#include "db/bulk.h"
#include "domain/alert.h"
#include "domain/audit.h"
#include "rx/csvscan.h"
#include "rx/store.h"
#include "util/clock.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

enum {
    C_MONTH,
    C_PRACTICE,
    C_PRACTICE_NAME,
    C_PCO,
    C_BNF,
    C_BNF_DESC,
    C_ITEMS,
    C_QUANTITY,
    C_TOTAL_QUANTITY,
    C_NIC,
    C_ACTUAL_COST,
    C_REQUIRED, /* optional from here */
    C_PCO_NAME = C_REQUIRED,
    C_ICB,
    C_ICB_NAME,
    C_REGION,
    C_REGION_NAME,
    C_NCOLS
};

static const char *const col_names[C_NCOLS] = {"YEAR_MONTH",
                                               "PRACTICE_CODE",
                                               "PRACTICE_NAME",
                                               "PCO_CODE",
                                               "BNF_CODE",
                                               "BNF_DESCRIPTION",
                                               "ITEMS",
                                               "QUANTITY",
                                               "TOTAL_QUANTITY",
                                               "NIC",
                                               "ACTUAL_COST",
                                               "PCO_NAME",
                                               "ICB_CODE",
                                               "ICB_NAME",
                                               "REGIONAL_OFFICE_CODE",
                                               "REGIONAL_OFFICE_NAME"};

/* The numeric columns, in the order of store.h's RX_ITEMS... */
static const int num_cols[RX_NNUM] = {C_ITEMS, C_QUANTITY, C_TOTAL_QUANTITY, C_NIC, C_ACTUAL_COST};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int map_header(rx_scan *s, int col[C_NCOLS], err *e)
{
    for (int c = 0; c < C_NCOLS; c++)
        col[c] = -1;
    for (int i = 0; i < s->nf; i++) {
        char name[64];
        rx_field_copy(&s->f[i], name, sizeof name);
        char *n = name;
        if ((unsigned char)n[0] == 0xEF && (unsigned char)n[1] == 0xBB &&
            (unsigned char)n[2] == 0xBF)
            n += 3; /* a UTF-8 byte order mark */
        while (*n == ' ')
            n++;
        size_t len = strlen(n);
        while (len && n[len - 1] == ' ')
            n[--len] = 0;
        for (int c = 0; c < C_NCOLS; c++)
            if (col[c] < 0 && strcasecmp(n, col_names[c]) == 0)
                col[c] = i;
    }
    char missing[512] = "";
    for (int c = 0; c < C_REQUIRED; c++)
        if (col[c] < 0) {
            size_t l = strlen(missing);
            snprintf(missing + l, sizeof missing - l, "%s%s", l ? ", " : "", col_names[c]);
        }
    if (missing[0])
        return err_user(e,
                        "%s:1: missing column(s) %s (an English Prescribing Dataset file "
                        "needs YEAR_MONTH, PRACTICE_CODE, PRACTICE_NAME, PCO_CODE, BNF_CODE, "
                        "BNF_DESCRIPTION, ITEMS, QUANTITY, TOTAL_QUANTITY, NIC, ACTUAL_COST)",
                        s->path, missing);
    return 0;
}

typedef struct month_slot {
    int month;
    rx_writer *w;
    /* the previous row's practice, to skip the hash lookup on runs of one practice */
    char last_practice[32];
    size_t last_len;
    uint32_t last_idx;
} month_slot;

static void show(char *out, size_t cap, const rx_field *f)
{
    rx_field_copy(f, out, cap);
}

/* One row into its month; returns 0, or -1 with e describing a bad value (kind ERR_USER). */
static int add_row(const rx_scan *s, const int col[C_NCOLS], const rx_import_opts *o,
                   month_slot *slots, int *nslots, err *e)
{
    int need = 0;
    for (int c = 0; c < C_NCOLS; c++)
        if (col[c] >= need)
            need = col[c] + 1;
    if (s->nf < need) {
        err_user(e, "%s:%ld: expected %d fields, found %d", s->path, s->line, need, s->nf);
        err_at(e, s->line, NULL);
        return -1;
    }
    char v[80];
    const rx_field *fm = &s->f[col[C_MONTH]];
    int month = 0, ok = fm->len == 6;
    for (size_t i = 0; ok && i < 6; i++) {
        ok = fm->p[i] >= '0' && fm->p[i] <= '9';
        month = month * 10 + (fm->p[i] - '0');
    }
    if (!ok || month % 100 < 1 || month % 100 > 12) {
        show(v, sizeof v, fm);
        err_user(e, "%s:%ld: column YEAR_MONTH: expected YYYYMM, got '%s'", s->path, s->line, v);
        err_at(e, s->line, "YEAR_MONTH");
        return -1;
    }
    const rx_field *fp = &s->f[col[C_PRACTICE]], *fb = &s->f[col[C_BNF]];
    if (fp->len == 0 || fp->len >= 32 || fp->escaped) {
        show(v, sizeof v, fp);
        err_user(e, "%s:%ld: column PRACTICE_CODE: expected a practice code, got '%s'", s->path,
                 s->line, v);
        err_at(e, s->line, "PRACTICE_CODE");
        return -1;
    }
    if (fb->len == 0 || fb->len > 20 || fb->escaped) {
        show(v, sizeof v, fb);
        err_user(e, "%s:%ld: column BNF_CODE: expected a BNF code, got '%s'", s->path, s->line, v);
        err_at(e, s->line, "BNF_CODE");
        return -1;
    }
    double num[RX_NNUM];
    for (int k = 0; k < RX_NNUM; k++) {
        const rx_field *f = &s->f[col[num_cols[k]]];
        if (rx_parse_number(f->p, f->len, &num[k])) {
            show(v, sizeof v, f);
            err_user(e, "%s:%ld: column %s: expected a number, got '%s'", s->path, s->line,
                     col_names[num_cols[k]], v);
            err_at(e, s->line, col_names[num_cols[k]]);
            return -1;
        }
    }
    month_slot *m = NULL;
    for (int i = 0; i < *nslots; i++)
        if (slots[i].month == month)
            m = &slots[i];
    if (!m) {
        if (*nslots == 32) {
            err_user(e, "%s:%ld: more than 32 months in one file: split it", s->path, s->line);
            return -1;
        }
        m = &slots[*nslots];
        memset(m, 0, sizeof *m);
        m->month = month;
        if (rx_writer_open(o->store_dir, month, &m->w, e))
            return -1;
        (*nslots)++;
    }
    uint32_t pi;
    if (m->last_len == fp->len && memcmp(m->last_practice, fp->p, fp->len) == 0) {
        pi = m->last_idx;
    } else {
        rx_dict *pd = rx_writer_practices(m->w);
        long f = rx_dict_find(pd, fp->p, fp->len);
        if (f < 0) {
            char vals[RX_P_NCOLS][128];
            const char *pv[RX_P_NCOLS];
            static const int src[RX_P_NCOLS] = {C_PRACTICE, C_PRACTICE_NAME, C_PCO,
                                                C_PCO_NAME, C_ICB,           C_ICB_NAME,
                                                C_REGION,   C_REGION_NAME};
            for (int c = 0; c < RX_P_NCOLS; c++) {
                vals[c][0] = 0;
                if (col[src[c]] >= 0)
                    rx_field_copy(&s->f[col[src[c]]], vals[c], sizeof vals[c]);
                pv[c] = vals[c];
            }
            f = rx_dict_add(pd, pv);
        }
        pi = (uint32_t)f;
        memcpy(m->last_practice, fp->p, fp->len);
        m->last_len = fp->len;
        m->last_idx = pi;
    }
    rx_dict *bd = rx_writer_bnf(m->w);
    long bi = rx_dict_find(bd, fb->p, fb->len);
    if (bi < 0) {
        char code[24], desc[256];
        rx_field_copy(fb, code, sizeof code);
        rx_field_copy(&s->f[col[C_BNF_DESC]], desc, sizeof desc);
        bi = rx_dict_add(bd, (const char *const[]){code, desc});
    }
    return rx_writer_add(m->w, pi, (uint32_t)bi, num, e);
}

static void progress(const rx_scan *s, long long rows, double t0, int final)
{
    double t = now_s() - t0;
    double done = (double)(s->consumed + (long long)s->pos);
    double mbs = t > 0 ? done / 1e6 / t : 0;
    fprintf(stderr, "\r  %s: %lld rows, %.0f MB/s", s->path, rows, mbs);
    if (s->size > 0 && !final && done > 0)
        fprintf(stderr, ", %.0f%%, ETA %.0fs   ", 100.0 * done / (double)s->size,
                t * ((double)s->size - done) / done);
    else
        fprintf(stderr, "%-20s", "");
    if (final)
        fputc('\n', stderr);
}

/* Spend per sub-ICB / ICB / region and chemical, from the month file just written. */
static int store_totals(db *d, const char *file, int month, err *e)
{
    rx_month *m;
    if (rx_month_open_file(file, &m, e))
        return -1;
    static const char *const level[3] = {"sub_icb", "icb", "region"};
    static const int code_col[3] = {RX_P_SUB_ICB, RX_P_ICB, RX_P_REGION};
    static const int name_col[3] = {RX_P_SUB_ICB_NAME, RX_P_ICB_NAME, RX_P_REGION_NAME};
    rx_dict orgs[3], chems;
    for (int l = 0; l < 3; l++)
        rx_dict_init(&orgs[l], 1);
    rx_dict_init(&chems, 1);
    size_t np = m->practices.count, nb = m->bnf.count;
    uint32_t *porg = xmalloc(np * 3 * sizeof *porg);
    uint32_t *bchem = xmalloc(nb * sizeof *bchem);
    int rc = -1;
    db_bulk *bulk = NULL;
    for (size_t i = 0; i < np; i++)
        for (int l = 0; l < 3; l++) {
            const char *c = rx_dict_col(&m->practices, i, code_col[l]);
            long k = rx_dict_find(&orgs[l], c, strlen(c));
            porg[i * 3 + (size_t)l] = k >= 0 ? (uint32_t)k : rx_dict_add(&orgs[l], &c);
        }
    for (size_t i = 0; i < nb; i++) {
        char chem[10];
        snprintf(chem, sizeof chem, "%.9s", rx_dict_col(&m->bnf, i, 0));
        long k = rx_dict_find(&chems, chem, strlen(chem));
        const char *cp = chem;
        bchem[i] = k >= 0 ? (uint32_t)k : rx_dict_add(&chems, &cp);
    }
    size_t nc = chems.count;
    double *acc[3];
    for (int l = 0; l < 3; l++)
        acc[l] = xcalloc(orgs[l].count * nc * 4, sizeof(double));
    int r;
    while ((r = rx_month_next_block(m, e)) == 1)
        for (uint32_t i = 0; i < m->n; i++) {
            size_t c = bchem[m->bnf_idx[i]];
            for (int l = 0; l < 3; l++) {
                double *a = acc[l] + (porg[m->practice[i] * 3 + (size_t)l] * nc + c) * 4;
                a[0] += m->num[RX_ITEMS][i];
                a[1] += m->num[RX_TOTAL_QUANTITY][i];
                a[2] += m->num[RX_NIC][i];
                a[3] += m->num[RX_ACTUAL_COST][i];
            }
        }
    if (r < 0)
        goto done;
    db_stmt *del;
    if (db_prepare(d, "DELETE FROM rx_chemical_totals WHERE month = ?", &del, e))
        goto done;
    int dr = db_bind_int64(del, 1, month, e) || db_step(del, e) < 0;
    db_finalize(del);
    if (dr)
        goto done;
    static const char *const total_cols[] = {"month", "level",    "org_code", "chemical",
                                             "items", "quantity", "nic",      "actual_cost"};
    if (db_bulk_begin(d, "rx_chemical_totals", total_cols, 8, &bulk, e))
        goto done;
    for (int l = 0; l < 3; l++)
        for (size_t oi = 0; oi < orgs[l].count; oi++) {
            const char *code = rx_dict_col(&orgs[l], oi, 0);
            if (!code[0])
                continue; /* the older layout has no ICB */
            for (size_t c = 0; c < nc; c++) {
                const double *a = acc[l] + (oi * nc + c) * 4;
                if (a[0] == 0 && a[3] == 0)
                    continue;
                if (db_bulk_row_typed(
                        bulk,
                        (const db_value[]){DB_V_INT(month), DB_V_TEXT(level[l]), DB_V_TEXT(code),
                                           DB_V_TEXT(rx_dict_col(&chems, c, 0)), DB_V_DOUBLE(a[0]),
                                           DB_V_DOUBLE(a[1]), DB_V_DOUBLE(a[2]), DB_V_DOUBLE(a[3])},
                        e))
                    goto done;
            }
        }
    int br = db_bulk_end(bulk, e);
    bulk = NULL;
    if (br)
        goto done;
    /* Organisations with names and parents, for the API and the measures' output. */
    static const char *const org_cols[] = {"level", "code", "name", "parent"};
    if (db_bulk_begin_upsert(d, "rx_orgs", org_cols, 4, 2, &bulk, e))
        goto done;
    for (size_t i = 0; i < np; i++)
        for (int l = -1; l < 3; l++) {
            const char *code = rx_dict_col(&m->practices, i, l < 0 ? RX_P_CODE : code_col[l]);
            const char *name = rx_dict_col(&m->practices, i, l < 0 ? RX_P_NAME : name_col[l]);
            const char *parent = l < 2 ? rx_dict_col(&m->practices, i, code_col[l + 1]) : "";
            if (!code[0])
                continue;
            if (db_bulk_row(
                    bulk, (const char *const[]){l < 0 ? "practice" : level[l], code, name, parent},
                    e))
                goto done;
        }
    br = db_bulk_end(bulk, e);
    bulk = NULL;
    if (br)
        goto done;
    rc = 0;
done:
    db_bulk_abort(bulk);
    for (int l = 0; l < 3; l++) {
        free(acc[l]);
        rx_dict_free(&orgs[l]);
    }
    rx_dict_free(&chems);
    free(porg);
    free(bchem);
    rx_month_close(m);
    return rc;
}

static int record_month(db *d, const char *path, int month, long long rows, size_t np, size_t nb,
                        err *e)
{
    db_stmt *s;
    char now[CLOCK_ISO_LEN];
    clock_now_iso(now);
    if (db_prepare(d,
                   "INSERT INTO rx_months (month, rows, practices, presentations, source, "
                   "imported_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (month) DO UPDATE SET "
                   "rows = excluded.rows, practices = excluded.practices, presentations = "
                   "excluded.presentations, source = excluded.source, imported_at = "
                   "excluded.imported_at",
                   &s, e))
        return -1;
    int rc = db_bind_int64(s, 1, month, e) || db_bind_int64(s, 2, rows, e) ||
             db_bind_int64(s, 3, (int64_t)np, e) || db_bind_int64(s, 4, (int64_t)nb, e) ||
             db_bind_text(s, 5, path, e) || db_bind_text(s, 6, now, e) || db_step(s, e) < 0;
    db_finalize(s);
    return rc ? -1 : 0;
}

/* The audit log records each load (and so tells the server's cache, and the register's kept
 * parts, that the data changed). */
static int audit_load(db *d, const char *entity, const char *key, const char *path,
                      long long rows, err *e)
{
    json_t *change = json_pack("{s:s, s:I}", "source", path, "rows", (json_int_t)rows);
    int rc = audit_record(d, "import", "update", entity, key, change, e);
    json_decref(change);
    return rc;
}

static int audit_month(db *d, const char *path, int month, long long rows, err *e)
{
    char key[16];
    snprintf(key, sizeof key, "%06d", month);
    return audit_load(d, "prescribing", key, path, rows, e);
}

int rx_import_file(db *d, const rx_import_opts *o, const char *path, rx_import_stats *st, err *e)
{
    rx_scan s;
    if (rx_scan_open(&s, path, e))
        return -1;
    month_slot slots[32];
    int nslots = 0, rc = -1, r;
    int col[C_NCOLS];
    long long rows = 0, skipped = 0;
    double t0 = now_s(), last = t0;
    if ((r = rx_scan_next(&s, e)) <= 0) {
        if (r == 0)
            err_user(e, "%s: empty file (expected a header row)", path);
        goto out;
    }
    if (map_header(&s, col, e))
        goto out;
    while ((r = rx_scan_next(&s, e)) == 1) {
        if (s.nf == 1 && s.f[0].len == 0)
            continue; /* a blank line */
        err re = {0};
        if (add_row(&s, col, o, slots, &nslots, &re)) {
            if (re.kind != ERR_USER || skipped >= o->max_errors) {
                *e = re;
                if (re.kind == ERR_USER && o->max_errors > 0)
                    err_prefix(e, "more than %ld bad rows; the last", o->max_errors);
                goto out;
            }
            skipped++;
            if (o->report)
                fprintf(o->report, "unlock: %s (skipped)\n", re.msg);
            continue;
        }
        rows++;
        if (o->progress && (rows & 0xFFFF) == 0 && now_s() - last > 0.25) {
            last = now_s();
            progress(&s, rows, t0, 0);
        }
    }
    if (r < 0)
        goto out;
    if (o->progress)
        progress(&s, rows, t0, 1);
    if (nslots == 0) {
        err_user(e, "%s: no rows after the header", path);
        goto out;
    }
    /* Everything read: each month's new file is complete and synced under its temporary name,
     * and its database rows written in one transaction; only then are the files renamed into
     * place and the transaction committed. Until then the previous months stand. */
    if (db_begin(d, e))
        goto out;
    for (int i = 0; i < nslots; i++) {
        rx_writer *w = slots[i].w;
        long long n = rx_writer_rows(w);
        size_t np = rx_writer_practices(w)->count, nb = rx_writer_bnf(w)->count;
        if (rx_writer_finish(w, e) || record_month(d, path, slots[i].month, n, np, nb, e) ||
            store_totals(d, rx_writer_tmp_path(w), slots[i].month, e) ||
            audit_month(d, path, slots[i].month, n, e)) {
            db_rollback(d);
            goto out;
        }
    }
    for (int i = 0; i < nslots; i++) {
        rx_writer *w = slots[i].w;
        slots[i].w = NULL;
        if (rx_writer_publish(w, e)) {
            db_rollback(d);
            goto out;
        }
        if (st->nmonths < 32)
            st->months[st->nmonths++] = slots[i].month;
    }
    if (db_commit(d, e))
        goto out;
    alerts_after_import(d, path, 1);
    st->rows += rows;
    st->skipped += skipped;
    st->bytes += s.consumed + (long long)s.pos;
    rc = 0;
out:
    for (int i = 0; i < nslots; i++)
        rx_writer_abort(slots[i].w);
    st->seconds += now_s() - t0;
    rx_scan_close(&s);
    return rc;
}

int rx_import_list_sizes(db *d, const char *path, long *nrows, err *e)
{
    rx_scan s;
    if (rx_scan_open(&s, path, e))
        return -1;
    int rc = -1, r, cp = -1, cc = -1, cl = -1;
    db_bulk *bulk = NULL;
    long rows = 0;
    if ((r = rx_scan_next(&s, e)) <= 0) {
        if (r == 0)
            err_user(e, "%s: empty file (expected period,practice_code,list_size)", path);
        goto out;
    }
    for (int i = 0; i < s.nf; i++) {
        char n[64];
        rx_field_copy(&s.f[i], n, sizeof n);
        if (strcasecmp(n, "period") == 0)
            cp = i;
        else if (strcasecmp(n, "practice_code") == 0)
            cc = i;
        else if (strcasecmp(n, "list_size") == 0)
            cl = i;
    }
    if (cp < 0 || cc < 0 || cl < 0) {
        err_user(e, "%s:1: expected the columns period,practice_code,list_size", path);
        goto out;
    }
    if (db_begin(d, e))
        goto out;
    /* A practice named twice for a period keeps its last list size. */
    static const char *const cols[] = {"period", "practice_code", "list_size"};
    if (db_bulk_begin_upsert(d, "rx_list_sizes", cols, 3, 2, &bulk, e))
        goto fail;
    while ((r = rx_scan_next(&s, e)) == 1) {
        if (s.nf == 1 && s.f[0].len == 0)
            continue;
        int need = (cp > cc ? cp : cc) > cl ? (cp > cc ? cp : cc) : cl;
        char pv[16], code[32], lv[32];
        if (s.nf <= need) {
            err_user(e, "%s:%ld: expected %d fields, found %d", path, s.line, need + 1, s.nf);
            goto fail;
        }
        rx_field_copy(&s.f[cp], pv, sizeof pv);
        rx_field_copy(&s.f[cc], code, sizeof code);
        rx_field_copy(&s.f[cl], lv, sizeof lv);
        char *end;
        long period = strtol(pv, &end, 10);
        if (strlen(pv) != 6 || *end || period % 100 < 1 || period % 100 > 12) {
            err_user(e, "%s:%ld: column period: expected YYYYMM, got '%s'", path, s.line, pv);
            goto fail;
        }
        long ls = strtol(lv, &end, 10);
        if (!lv[0] || *end || ls < 0) {
            err_user(e, "%s:%ld: column list_size: expected a whole number, got '%s'", path, s.line,
                     lv);
            goto fail;
        }
        if (!code[0]) {
            err_user(e, "%s:%ld: column practice_code: empty", path, s.line);
            goto fail;
        }
        if (db_bulk_row_typed(
                bulk, (const db_value[]){DB_V_INT(period), DB_V_TEXT(code), DB_V_INT(ls)}, e)) {
            err_prefix(e, "%s", path);
            goto fail;
        }
        rows++;
    }
    if (r < 0)
        goto fail;
    r = db_bulk_end(bulk, e);
    bulk = NULL;
    if (r) {
        err_prefix(e, "%s", path);
        goto fail;
    }
    if (audit_load(d, "list-sizes", path, path, rows, e))
        goto fail;
    if (db_commit(d, e))
        goto out;
    alerts_after_import(d, path, 1); /* per-1000-patients measures move with list sizes */
    *nrows = rows;
    rc = 0;
    goto out;
fail:
    db_bulk_abort(bulk);
    db_rollback(d);
out:
    rx_scan_close(&s);
    return rc;
}
