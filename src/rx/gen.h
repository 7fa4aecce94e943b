/* rx gen: a synthetic English Prescribing Dataset month, for tests and benchmarks.
 *
 * Deterministic for a given seed (util/rng.h): thousands of practices in sub-ICBs (PCO_CODE),
 * ICBs and regions; BNF codes with the real 15-character structure (chapter, section,
 * paragraph, sub-paragraph, chemical, product, strength, generic equivalent) including the
 * chemicals the shipped measures look for; skewed sizes and prescribing; quoted text fields that
 * contain commas; the newer column layout (ICB_CODE) or the older one (AREA_TEAM_CODE).
 * Nothing is returned to own: rows are written to the stream as they are made. */
#ifndef UNLOCK_RX_GEN_H
#define UNLOCK_RX_GEN_H

#include "util/err.h"

#include <stdint.h>
#include <stdio.h>

/* A practice to generate rows for, in place of made-up ones (the demo's own practices). */
typedef struct rx_gen_practice {
    const char *code, *name, *sub_icb, *sub_icb_name, *icb, *icb_name, *region, *region_name;
    long list_size;
} rx_gen_practice;

typedef struct rx_gen_opts {
    long rows;      /* data rows to write (about 280 bytes each) */
    uint64_t seed;  /* the same seed gives the same bytes */
    int month;      /* YYYYMM */
    int old_layout; /* 1: AREA_TEAM_NAME/CODE in place of ICB_NAME/CODE */
    long practices; /* 0: chosen from rows (about one per 800 rows, 20 to 6,500) */
    /* When given, rows are for these practices (practices is then ignored). */
    const rx_gen_practice *given;
    size_t ngiven;
    double brand_scale; /* scales how often brands replace generics (0: 1, as benchmarks use) */
} rx_gen_opts;

/* Writes the header and opts->rows rows to out. Returns -1 (internal error) on a write failure. */
int rx_gen_write(FILE *out, const rx_gen_opts *opts, err *e);

/* Writes period,practice_code,list_size for the practices rx_gen_write makes with the same
 * opts (their list sizes are what drove their prescribing volume). */
int rx_gen_list_sizes(FILE *out, const rx_gen_opts *opts, err *e);

#endif
