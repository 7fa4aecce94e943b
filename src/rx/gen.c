/* rx gen: see gen.h. The catalogue is built first (named chemicals the measures use, then filler
 * chemicals across chapters 1-15), then practices, then rows practice by practice, as the real
 * files are ordered. */
#include "rx/gen.h"

#include "util/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct chem {
    const char *code; /* 9 characters */
    const char *name;
    double weight; /* relative popularity */
    double price;  /* pounds per unit, generic */
} chem;

/* Real BNF chemical codes (first 9 characters) for the chemicals the shipped measures use. */
static const chem named[] = {
    {"0407010H0", "Paracetamol", 40, 0.02},
    {"0407010F0", "Co-codamol", 15, 0.04},
    {"0212000B0", "Atorvastatin", 45, 0.03},
    {"0212000Y0", "Simvastatin", 15, 0.03},
    {"0212000AA", "Rosuvastatin calcium", 6, 0.08},
    {"0103050P0", "Omeprazole", 35, 0.04},
    {"0103050L0", "Lansoprazole", 25, 0.04},
    {"0103050E0", "Esomeprazole", 5, 0.15},
    {"0501130R0", "Nitrofurantoin", 4, 0.30},
    {"0501080W0", "Trimethoprim", 4, 0.05},
    {"0501013B0", "Amoxicillin", 10, 0.05},
    {"0501013K0", "Co-amoxiclav", 4, 0.12},
    {"0501021L0", "Cefalexin", 3, 0.10},
    {"0501120L0", "Levofloxacin", 1, 0.60},
    {"0501120X0", "Ciprofloxacin", 2, 0.12},
    {"0501030T0", "Doxycycline hyclate", 4, 0.10},
    {"0501050B0", "Clarithromycin", 3, 0.12},
    {"0407020Q0", "Oxycodone hydrochloride", 3, 0.60},
    {"0407020A0", "Fentanyl", 2, 2.50},
    {"0407020C0", "Codeine phosphate", 6, 0.05},
    {"0407020M0", "Morphine sulfate", 4, 0.20},
    {"0407020T0", "Tramadol hydrochloride", 6, 0.06},
    {"0401010Z0", "Zopiclone", 6, 0.05},
    {"0401010T0", "Temazepam", 2, 0.30},
    {"0401020K0", "Diazepam", 5, 0.03},
    {"0408010AE", "Pregabalin", 8, 0.10},
    {"0408010G0", "Gabapentin", 9, 0.06},
    {"1001010C0", "Diclofenac sodium", 4, 0.05},
    {"1001010J0", "Ibuprofen", 8, 0.03},
    {"1001010P0", "Naproxen", 8, 0.05},
    {"0602010V0", "Levothyroxine sodium", 25, 0.04},
    {"0602010M0", "Liothyronine sodium", 1, 3.50},
    {"1001050C0", "Glucosamine sulfate", 1, 0.30},
    {"0208020V0", "Warfarin sodium", 6, 0.03},
    {"0208020Z0", "Apixaban", 12, 0.95},
    {"0208020X0", "Rivaroxaban", 6, 1.80},
    {"0206020A0", "Amlodipine", 40, 0.02},
    {"0205051R0", "Ramipril", 30, 0.03},
    {"0601022B0", "Metformin hydrochloride", 35, 0.03},
    {"0403030Q0", "Sertraline hydrochloride", 25, 0.04},
    {"0403030D0", "Citalopram hydrobromide", 15, 0.03},
    {"0301011R0", "Salbutamol", 20, 0.30},
};
#define N_NAMED (sizeof named / sizeof named[0])

static const char *const forms[] = {
    "tablets", "capsules", "oral solution", "gastro-resistant tablets", "modified-release tablets",
    "cream",   "inhaler"};
static const int packs[] = {28, 28, 28, 56, 56, 30, 84, 7, 14, 100, 1, 2, 60};
static const char *const brands[] = {"Zenvale", "Corthex", "Brindor",
                                     "Almetra", "Quorex",  "Velmid"};

typedef struct pres {
    char code[16];
    char desc[96];
    int chem;     /* index into the chemical list (named first, then filler) */
    int brand;    /* 0 generic */
    double price; /* per unit */
    int pack;
} pres;

typedef struct cat {
    pres *p;
    size_t n, cap;
    double *cum; /* cumulative popularity over p */
    int nchem;
} cat;

static void add_pres(cat *c, const pres *p)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 1024;
        c->p = xrealloc(c->p, c->cap * sizeof *c->p);
    }
    c->p[c->n++] = *p;
}

static const char letters[] = "ABCDEFGHIJKLMNPQRSTUVWXYZ";

/* Each chemical: 1-3 generic strengths (product AA, generic equivalent = strength), and for
 * some a brand or two of each strength (product BA, BB; generic equivalent = the generic's). */
static void build_catalogue(cat *c, rng *r, double **chem_weight)
{
    size_t nfill = 1500;
    c->nchem = (int)(N_NAMED + nfill);
    double *w = xcalloc((size_t)c->nchem, sizeof *w);
    double *pw = NULL;
    size_t pwcap = 0;
    for (int ci = 0; ci < c->nchem; ci++) {
        char code9[10], name[48];
        double price;
        if (ci < (int)N_NAMED) {
            memcpy(code9, named[ci].code, 10);
            snprintf(name, sizeof name, "%s", named[ci].name);
            w[ci] = named[ci].weight;
            price = named[ci].price;
        } else {
            int k = ci - (int)N_NAMED;
            snprintf(code9, sizeof code9, "%02d%02d%02d%d%c%c", 1 + k % 15, 1 + (k / 15) % 9,
                     1 + (k / 135) % 6, (k / 810) % 3, letters[(k * 7) % 25],
                     (k % 3) ? '0' : letters[(k * 11) % 25]);
            snprintf(name, sizeof name, "Substance %c%c-%d", letters[k % 25],
                     letters[(k / 25) % 25], k);
            /* Zipf-like popularity: a few filler chemicals are common, most are rare. */
            w[ci] = 12.0 / pow(1.0 + (double)k, 0.9);
            price = 0.02 * rng_exp(2.5 * rng_uniform(r));
        }
        int nstr = 1 + (int)rng_below(r, 3);
        int nbrand = ci < (int)N_NAMED ? 1 + (int)rng_below(r, 2) : (int)rng_below(r, 3) / 2;
        const char *form = forms[rng_below(r, sizeof forms / sizeof forms[0])];
        int pack = packs[rng_below(r, sizeof packs / sizeof packs[0])];
        for (int s = 0; s < nstr; s++) {
            int mg = (int)(5 << (s + (int)rng_below(r, 3)));
            for (int b = 0; b <= nbrand; b++) {
                pres p = {0};
                char str[3] = {'A', letters[s], 0};
                if (b == 0)
                    snprintf(p.code, sizeof p.code, "%sAA%s%s", code9, str, str);
                else
                    snprintf(p.code, sizeof p.code, "%sB%c%c%c%s", code9, letters[b - 1],
                             letters[s + 5], letters[b + 2], str);
                /* Some descriptions hold commas, as real ones do ("..., sugar free"). */
                if (b == 0)
                    snprintf(p.desc, sizeof p.desc, "%s %dmg %s%s", name, mg, form,
                             (ci + s) % 5 == 0 ? ", sugar free" : "");
                else
                    snprintf(p.desc, sizeof p.desc, "%s %dmg %s (%s, brand)", brands[(ci + b) % 6],
                             mg, form, name);
                p.chem = ci;
                p.brand = b;
                p.price = price * (1.0 + 0.5 * s) * (b ? 3.0 + 2.0 * b : 1.0);
                p.pack = pack;
                /* Brands are prescribed less than their generic. */
                double pwt = w[ci] / nstr * (b ? 0.12 : 1.0) * (s == 0 ? 1.5 : 1.0);
                if (c->n >= pwcap) {
                    pwcap = pwcap ? 2 * pwcap : 1024;
                    pw = xrealloc(pw, pwcap * sizeof *pw);
                }
                pw[c->n] = pwt;
                add_pres(c, &p);
            }
        }
    }
    c->cum = xmalloc(c->n * sizeof *c->cum);
    double t = 0;
    for (size_t i = 0; i < c->n; i++)
        c->cum[i] = t += pw[i];
    free(pw);
    *chem_weight = w;
}

static size_t pick(const cat *c, double u)
{
    double x = u * c->cum[c->n - 1];
    size_t lo = 0, hi = c->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->cum[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef struct practice {
    char code[16], name[96], sub[16], sub_name[96], icb[16], icb_name[96], region[16];
    const char *region_name;
    long list_size;
    double brand_p; /* how often a generic becomes a brand here */
    uint64_t seed;
} practice;

static const char *const region_names[] = {"London",
                                           "South East",
                                           "South West",
                                           "Midlands",
                                           "East of England",
                                           "North West",
                                           "North East and Yorkshire"};

static long n_practices(const rx_gen_opts *o)
{
    if (o->given)
        return (long)o->ngiven;
    if (o->practices > 0)
        return o->practices;
    long n = o->rows / 800;
    return n < 20 ? 20 : n > 6500 ? 6500 : n;
}

static practice *make_practices(const rx_gen_opts *o, long n, double *total_weight)
{
    rng r;
    rng_seed(&r, rng_hash("practices", o->seed));
    practice *p = xcalloc((size_t)n, sizeof *p);
    long per_sub = 40;
    *total_weight = 0;
    for (long i = 0; i < n; i++) {
        int sub = (int)(i / per_sub), icb = sub / 3, region = icb % 7;
        /* List sizes are log-normal (median about 7,500), as English practices are. */
        double ls = 7500.0 * rng_exp(0.55 * rng_normal(&r));
        if (o->given) {
            const rx_gen_practice *g = &o->given[i];
            snprintf(p[i].code, sizeof p[i].code, "%s", g->code);
            snprintf(p[i].name, sizeof p[i].name, "%s", g->name);
            snprintf(p[i].sub, sizeof p[i].sub, "%s", g->sub_icb);
            snprintf(p[i].sub_name, sizeof p[i].sub_name, "%s", g->sub_icb_name);
            snprintf(p[i].icb, sizeof p[i].icb, "%s", g->icb);
            snprintf(p[i].icb_name, sizeof p[i].icb_name, "%s", g->icb_name);
            snprintf(p[i].region, sizeof p[i].region, "%s", g->region);
            p[i].region_name = g->region_name;
            ls = (double)g->list_size;
        } else {
            snprintf(p[i].code, sizeof p[i].code, "%c%05ld", letters[(i / 99999) % 25] + 0,
                     81001 + i % 99999);
            snprintf(p[i].name, sizeof p[i].name, "THE %s SURGERY, %s",
                     i % 3 ? "HEALTH CENTRE" : "MEDICAL", i % 2 ? "HIGH STREET" : "STATION ROAD");
            snprintf(p[i].sub, sizeof p[i].sub, "%02d%c", 1 + sub % 99, letters[(sub / 99) % 25]);
            snprintf(p[i].sub_name, sizeof p[i].sub_name, "NHS AREA %s", p[i].sub);
            snprintf(p[i].icb, sizeof p[i].icb, "Q%c%c", letters[icb % 25],
                     letters[(icb / 25) % 25]);
            snprintf(p[i].icb_name, sizeof p[i].icb_name, "%s %d",
                     o->old_layout ? "AREA TEAM" : "NHS ICB", icb);
            snprintf(p[i].region, sizeof p[i].region, "Y%02d", 56 + region);
            p[i].region_name = region_names[region];
        }
        p[i].list_size = ls < 800 ? 800 : (long)ls;
        double u = rng_uniform(&r);
        p[i].brand_p = (0.02 + 0.5 * u * u * u) * (o->brand_scale > 0 ? o->brand_scale : 1.0);
        p[i].seed = rng_next(&r);
        *total_weight += (double)p[i].list_size;
    }
    return p;
}

/* Text fields as CSV wants them: quotes doubled (the caller adds the outer ones). */
static const char *quoted(const char *s, char *buf, size_t cap)
{
    size_t o = 0;
    for (; *s && o + 3 < cap; s++) {
        if (*s == '"')
            buf[o++] = '"';
        buf[o++] = *s;
    }
    buf[o] = 0;
    return buf;
}

int rx_gen_write(FILE *out, const rx_gen_opts *o, err *e)
{
    rng r;
    rng_seed(&r, o->seed);
    cat c = {0};
    double *chem_w;
    build_catalogue(&c, &r, &chem_w);
    long np = n_practices(o);
    double totw;
    practice *pr = make_practices(o, np, &totw);
    const char *mid = o->old_layout ? "AREA_TEAM_NAME,AREA_TEAM_CODE" : "ICB_NAME,ICB_CODE";
    fprintf(out,
            "YEAR_MONTH,REGIONAL_OFFICE_NAME,REGIONAL_OFFICE_CODE,%s,PCO_NAME,PCO_CODE,"
            "PRACTICE_NAME,PRACTICE_CODE,ADDRESS_1,ADDRESS_2,ADDRESS_3,ADDRESS_4,POSTCODE,"
            "BNF_CHEMICAL_SUBSTANCE,CHEMICAL_SUBSTANCE_BNF_DESCR,BNF_CODE,BNF_DESCRIPTION,"
            "BNF_CHAPTER_PLUS_CODE,QUANTITY,ITEMS,TOTAL_QUANTITY,ADQUSAGE,NIC,ACTUAL_COST,"
            "UNIDENTIFIED\n",
            mid);
    long written = 0;
    double acc = 0;
    for (long i = 0; i < np; i++) {
        const practice *p = &pr[i];
        acc += (double)p->list_size;
        long upto = i == np - 1 ? o->rows : (long)((double)o->rows * acc / totw);
        rng pr_r;
        rng_seed(&pr_r, p->seed);
        /* Each practice leans towards or away from each chemical: the variation measures see. */
        char pname[200], sname[200], iname[200];
        quoted(p->name, pname, sizeof pname);
        quoted(p->sub_name, sname, sizeof sname);
        quoted(p->icb_name, iname, sizeof iname);
        for (; written < upto; written++) {
            size_t k = pick(&c, rng_uniform(&pr_r));
            const pres *ps = &c.p[k];
            /* A generic becomes one of its brands at this practice's rate. */
            if (ps->brand == 0 && k + 1 < c.n && c.p[k + 1].chem == ps->chem && c.p[k + 1].brand &&
                rng_uniform(&pr_r) < p->brand_p)
                ps = &c.p[k + 1];
            uint64_t h = rng_hash(p->code, (uint64_t)ps->chem);
            double lean = 0.3 + 1.7 * (double)(h % 1000) / 1000.0;
            double mean_items = (1.0 + 9.0 * lean) * (double)p->list_size / 7500.0;
            long items = 1 + rng_poisson(&pr_r, mean_items * rng_exp(0.8 * rng_normal(&pr_r)));
            int qty = ps->pack;
            double tq = (double)items * qty;
            double nic = floor(tq * ps->price * 100.0 + 0.5) / 100.0;
            double cost = nic * 0.9263 + 0.04 * (double)items;
            fprintf(out,
                    "%d,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\","
                    "\"%ld %s\",\"TOWN %d\",\"\",\"\",\"AB%d %dCD\",\"%.9s\",\"%s\",\"%s\","
                    "\"%s\",\"%.2s: Chapter %.2s\",%d,%ld,%.0f,%.3f,%.2f,%.5f,false\n",
                    o->month, p->region_name, p->region, iname, p->icb, sname, p->sub, pname,
                    p->code, 1 + (long)(h % 200), i % 2 ? "HIGH STREET" : "STATION ROAD",
                    (int)(i % 50), (int)(i % 30) + 1, (int)(i % 9) + 1, ps->code,
                    ps->chem < (int)N_NAMED ? named[ps->chem].name : "Filler substance", ps->code,
                    ps->desc, ps->code, ps->code, qty, items, tq, tq / 28.0, nic, cost);
            if (ferror(out))
                break;
        }
    }
    free(pr);
    free(c.p);
    free(c.cum);
    free(chem_w);
    if (fflush(out) != 0 || ferror(out))
        return err_internal(e, "writing the generated file failed");
    return 0;
}

int rx_gen_list_sizes(FILE *out, const rx_gen_opts *o, err *e)
{
    long np = n_practices(o);
    double totw;
    practice *pr = make_practices(o, np, &totw);
    fprintf(out, "period,practice_code,list_size\n");
    for (long i = 0; i < np; i++)
        fprintf(out, "%d,%s,%ld\n", o->month, pr[i].code, pr[i].list_size);
    free(pr);
    if (fflush(out) != 0 || ferror(out))
        return err_internal(e, "writing the list sizes failed");
    return 0;
}
