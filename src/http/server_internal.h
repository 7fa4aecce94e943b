/* server_internal: what server.c (start, stop, database connections) and
 * server_request.c (libmicrohttpd's callbacks) share. Not for other modules. */
#ifndef UNLOCK_HTTP_SERVER_INTERNAL_H
#define UNLOCK_HTTP_SERVER_INTERNAL_H

#include "db/db.h"
#include "http/context.h"
#include "http/server.h"
#include "http/static_files.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>

typedef struct server {
    server_options opt;
    http_settings settings;
    http_static_roots roots;
    atomic_int in_flight; /* requests begun and not yet completed */
    atomic_int stopping;  /* set on SIGTERM: responses close their connections */
    pthread_mutex_t lock; /* guards dbs */
    db **dbs;
    int ndbs, capdbs;
} server;

/* This worker thread's database connection, opened on first use; NULL (logged)
 * when it cannot be opened. */
db *server_thread_db(server *srv);

enum MHD_Result server_on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls);
void server_on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe);

#endif
