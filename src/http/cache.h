/* cache: answers to GET requests for cacheable routes (statistics, summaries),
 * kept in memory and served again until the data change.
 *
 * The data's generation is the newest audit-log entry: every write to the
 * health system's data goes through the domain layer, which audits it, from
 * this server or any other process (an `unlock import`). Entries from an older
 * generation are never served. Bounded: a fixed number of slots, and answers
 * over a size limit are not kept. Thread-safe. */
#ifndef UNLOCK_HTTP_CACHE_H
#define UNLOCK_HTTP_CACHE_H

#include "http/http.h"

#include <stdint.h>

#define HTTP_CACHE_SLOTS 512
#define HTTP_CACHE_MAX_BODY (256 * 1024)

/* The current generation of the stored data. */
int http_cache_generation(db *d, int64_t *gen, err *e);
/* Fills resp's status, content type and body from a fresh entry for key; 1 on a hit. A miss
 * claims the key when no one else has: 0 says the caller is to work the answer out,
 * http_cache_put it, and, when *claimed, http_cache_release the key. Others asking for the key
 * at that generation meanwhile wait for that answer instead of all working it out at once
 * (after a write, every worker would otherwise miss together). */
int http_cache_get_or_claim(const char *key, int64_t gen, http_response *resp, int *claimed);
void http_cache_release(const char *key);
/* Keeps a 200 answer for key at this generation. */
void http_cache_put(const char *key, int64_t gen, const http_response *resp);
/* Drops everything (at shutdown, so leak checkers see nothing). */
void http_cache_clear(void);

#endif
