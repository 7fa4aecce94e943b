#include "domain/opportunity_memo.h"

#include "domain/data_generation.h"
#include "domain/opportunity_rx.h"
#include "rx/months.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_SLOTS 8

typedef struct memo {
    char *name, *database;
    int64_t gen;
    opportunity_list rows;
    pthread_mutex_t working; /* held while the part is worked out: the single flight */
} memo;

static memo slots[MEMO_SLOTS];
static int nslots;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static memo *slot_for(const char *name, const char *database)
{
    pthread_mutex_lock(&lock);
    memo *m = NULL;
    for (int i = 0; i < nslots && !m; i++)
        if (strcmp(slots[i].name, name) == 0 && strcmp(slots[i].database, database) == 0)
            m = &slots[i];
    if (!m && nslots < MEMO_SLOTS) {
        m = &slots[nslots++];
        m->name = xstrdup(name);
        m->database = xstrdup(database);
        m->gen = -1;
        pthread_mutex_init(&m->working, NULL);
    }
    pthread_mutex_unlock(&lock);
    return m;
}

static void copy_rows(const opportunity_list *from, int (*keep)(const void *ctx, const char *code),
                      const void *ctx, opportunity_list *l, size_t *cap)
{
    for (size_t i = 0; i < from->n; i++) {
        const opportunity *o = &from->items[i];
        if (!keep(ctx, o->org))
            continue;
        opportunity *c = opportunity_push(l, cap);
        *c = *o;
        c->what = o->what ? xstrdup(o->what) : NULL;
        c->method = o->method ? xstrdup(o->method) : NULL;
        c->note = NULL;
    }
}

static int keep_all(const void *ctx, const char *code)
{
    (void)ctx;
    (void)code;
    return 1;
}

static int work_out(db *d, const opportunity_part *p, opportunity_list *rows, err *e)
{
    memset(rows, 0, sizeof *rows);
    size_t cap = 0;
    if (p->fn(d, p->arg, rows, &cap, e)) {
        opportunity_list_free(rows);
        return -1;
    }
    return 0;
}

int opportunity_memo_rows(db *d, const opportunity_part *p,
                          int (*keep)(const void *ctx, const char *code), const void *ctx,
                          opportunity_list *l, size_t *cap, err *e)
{
    if (!keep)
        keep = keep_all;
    int64_t gen;
    if (data_generation(d, p->entities, &gen, e))
        return -1;
    char *database = rx_store_dir_of(d, e);
    memo *m = database ? slot_for(p->name, database) : NULL;
    free(database);
    if (e->kind)
        return -1;
    opportunity_list fresh;
    if (!m) { /* an in-memory database, or more parts than slots: work it out each time */
        if (work_out(d, p, &fresh, e))
            return -1;
        copy_rows(&fresh, keep, ctx, l, cap);
        opportunity_list_free(&fresh);
        return 0;
    }
    pthread_mutex_lock(&m->working);
    int rc = 0;
    /* A kept answer from a newer generation is as good: it was worked out after ours began. */
    if (m->gen < gen) {
        rc = work_out(d, p, &fresh, e);
        if (!rc) {
            opportunity_list_free(&m->rows);
            m->rows = fresh;
            m->gen = gen;
        }
    }
    if (!rc)
        copy_rows(&m->rows, keep, ctx, l, cap);
    pthread_mutex_unlock(&m->working);
    return rc;
}

void opportunity_memo_clear(void)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < nslots; i++) {
        opportunity_list_free(&slots[i].rows);
        free(slots[i].name);
        free(slots[i].database);
        pthread_mutex_destroy(&slots[i].working);
        memset(&slots[i], 0, sizeof slots[i]);
    }
    nslots = 0;
    pthread_mutex_unlock(&lock);
}
