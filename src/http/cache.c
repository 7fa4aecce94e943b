#include "http/cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    char *key;
    int64_t gen;
    const char *content_type; /* routes' content types are static strings */
    char *body;
    size_t len;
} entry;

static entry slots[HTTP_CACHE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static size_t slot_of(const char *key)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return (size_t)(h % HTTP_CACHE_SLOTS);
}

int http_cache_generation(db *d, int64_t *gen, err *e)
{
    return db_query_int64(d, "SELECT COALESCE(MAX(id), 0) FROM audit_log", gen, e);
}

int http_cache_get(const char *key, int64_t gen, http_response *resp)
{
    int hit = 0;
    pthread_mutex_lock(&lock);
    entry *s = &slots[slot_of(key)];
    if (s->key && s->gen == gen && strcmp(s->key, key) == 0) {
        resp->status = 200;
        resp->content_type = s->content_type;
        strbuf_reset(&resp->body);
        strbuf_add(&resp->body, s->body, s->len);
        hit = 1;
    }
    pthread_mutex_unlock(&lock);
    return hit;
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
