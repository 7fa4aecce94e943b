/* cache: after a write every worker misses at once; only one works the answer out, and the
 * others are given that answer. */
#include "http/cache.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#define ASKERS 8

static atomic_int worked_out;

static void *ask(void *arg)
{
    int64_t gen = *(const int64_t *)arg;
    http_response r = {0};
    int claimed;
    if (!http_cache_get_or_claim("/api/v1/slow", gen, &r, &claimed)) {
        atomic_fetch_add(&worked_out, 1);
        usleep(200 * 1000); /* long enough for every other asker to arrive and wait */
        http_body(&r, 200, "application/json", "{\"answer\":42}", 13);
        http_cache_put("/api/v1/slow", gen, &r);
        if (claimed)
            http_cache_release("/api/v1/slow");
    }
    int same =
        r.status == 200 && r.body.len == 13 && memcmp(r.body.buf, "{\"answer\":42}", 13) == 0;
    strbuf_free(&r.body);
    strbuf_free(&r.headers);
    return (void *)(intptr_t)same;
}

static void ask_together(int64_t gen)
{
    pthread_t t[ASKERS];
    for (int i = 0; i < ASKERS; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, ask, &gen), 0);
    for (int i = 0; i < ASKERS; i++) {
        void *same;
        pthread_join(t[i], &same);
        cr_expect(same, "asker %d got the answer", i);
    }
}

Test(cache, concurrent_misses_work_the_answer_out_once)
{
    ask_together(7);
    cr_assert_eq(atomic_load(&worked_out), 1, "worked out %d times", atomic_load(&worked_out));
    /* A newer generation is worked out again, once. */
    ask_together(8);
    cr_assert_eq(atomic_load(&worked_out), 2);
    http_cache_clear();
}

Test(cache, an_answer_not_kept_lets_the_next_asker_work_it_out)
{
    http_response r = {0};
    int claimed;
    cr_assert_eq(http_cache_get_or_claim("/x", 1, &r, &claimed), 0);
    cr_assert(claimed);
    http_error(&r, 500, NULL, "failed"); /* not kept */
    http_cache_put("/x", 1, &r);
    http_cache_release("/x");
    int again;
    cr_assert_eq(http_cache_get_or_claim("/x", 1, &r, &again), 0, "no answer was kept");
    cr_assert(again, "the claim was released, so this asker holds it now");
    http_cache_release("/x");
    strbuf_free(&r.body);
    strbuf_free(&r.headers);
    http_cache_clear();
}
