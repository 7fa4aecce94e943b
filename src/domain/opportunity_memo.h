/* opportunity_memo: the register's costly parts (the indicator rows; the prescribing rows at a
 * level), kept in memory while the data they rest on are unchanged. Working them out takes tens
 * of milliseconds; a busy server is asked for the register far more often than its data change,
 * and writes that do not touch a part (a new site, a conversation) leave it as it was.
 *
 * A part is kept per database (the database's rx store directory names it) and per generation
 * of the entities it reads (domain/data_generation.h). While one thread works a part out, others
 * asking for it wait for that answer instead of working it out again. Thread-safe. */
#ifndef UNLOCK_DOMAIN_OPPORTUNITY_MEMO_H
#define UNLOCK_DOMAIN_OPPORTUNITY_MEMO_H

#include "domain/opportunity.h"

/* Works out a part's rows for every organisation, appending them to l. */
typedef int (*opportunity_part_fn)(db *d, const void *arg, opportunity_list *l, size_t *cap,
                                   err *e);

typedef struct opportunity_part {
    const char *name;            /* unique per part and argument, e.g. "prescribing:practice" */
    const char *const *entities; /* the audit entities it reads, NULL-terminated */
    opportunity_part_fn fn;
    const void *arg;
} opportunity_part;

/* Appends to l (grown with opportunity_push) the part's rows whose organisation keep accepts
 * (keep NULL: all). */
int opportunity_memo_rows(db *d, const opportunity_part *p,
                          int (*keep)(const void *ctx, const char *code), const void *ctx,
                          opportunity_list *l, size_t *cap, err *e);

/* Forgets every kept part (at shutdown, so that leak checkers see nothing). */
void opportunity_memo_clear(void);

#endif
