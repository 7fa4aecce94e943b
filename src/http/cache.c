#include "http/cache.h"

#include "domain/data_generation.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct entry {
    char *key;
    int64_t gen;
    const char *content_type; /* routes' content types are static strings */
    char *body;
    size_t len;
} entry;

/* A key being worked out, by one thread, for a generation. */
typedef struct claim {
    char *key;
    int64_t gen;
} claim;

#define CLAIMS 64
/* How long a request waits for another's answer before working it out itself. */
#define CLAIM_WAIT_SECONDS 10

static entry slots[HTTP_CACHE_SLOTS];
static claim claims[CLAIMS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t released = PTHREAD_COND_INITIALIZER;

static size_t slot_of(const char *key)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return (size_t)(h % HTTP_CACHE_SLOTS);
}

int http_cache_generation(db *d, int64_t *gen, err *e)
{
    return data_generation(d, NULL, gen, e);
}

/* With the lock held. */
static int lookup(const char *key, int64_t gen, http_response *resp)
{
    entry *s = &slots[slot_of(key)];
    if (!s->key || s->gen != gen || strcmp(s->key, key) != 0)
        return 0;
    resp->status = 200;
    resp->content_type = s->content_type;
    strbuf_reset(&resp->body);
    strbuf_add(&resp->body, s->body, s->len);
    return 1;
}

/* With the lock held: the claim on key, or NULL. */
static claim *claim_of(const char *key)
{
    for (int i = 0; i < CLAIMS; i++)
        if (claims[i].key && strcmp(claims[i].key, key) == 0)
            return &claims[i];
    return NULL;
}

int http_cache_get_or_claim(const char *key, int64_t gen, http_response *resp, int *claimed)
{
    *claimed = 0;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += CLAIM_WAIT_SECONDS;
    pthread_mutex_lock(&lock);
    int hit;
    claim *c;
    /* Waits only for an answer at least as new as the caller needs. */
    while (!(hit = lookup(key, gen, resp)) && (c = claim_of(key)) && c->gen >= gen)
        if (pthread_cond_timedwait(&released, &lock, &until) != 0)
            break;
    if (!hit && !claim_of(key))
        for (int i = 0; i < CLAIMS; i++)
            if (!claims[i].key) {
                claims[i] = (claim){xstrdup(key), gen};
                *claimed = 1;
                break;
            }
    /* With no free claim (or a stale one held), the caller works it out unclaimed. */
    pthread_mutex_unlock(&lock);
    return hit;
}

void http_cache_release(const char *key)
{
    pthread_mutex_lock(&lock);
    claim *c = claim_of(key);
    if (c) {
        free(c->key);
        *c = (claim){0};
    }
    pthread_cond_broadcast(&released);
    pthread_mutex_unlock(&lock);
}

void http_cache_put(const char *key, int64_t gen, const http_response *resp)
{
    if (resp->status != 200 || resp->body.len > HTTP_CACHE_MAX_BODY)
        return;
    char *k = xstrdup(key);
    char *body = xmalloc(resp->body.len + 1);
    memcpy(body, resp->body.buf ? resp->body.buf : "", resp->body.len);
    body[resp->body.len] = '\0';
    pthread_mutex_lock(&lock);
    entry *s = &slots[slot_of(key)];
    char *old_key = s->key, *old_body = s->body;
    *s = (entry){k, gen, resp->content_type, body, resp->body.len};
    pthread_mutex_unlock(&lock);
    free(old_key);
    free(old_body);
}

void http_cache_clear(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < HTTP_CACHE_SLOTS; i++) {
        free(slots[i].key);
        free(slots[i].body);
        slots[i] = (entry){0};
    }
    pthread_mutex_unlock(&lock);
}
