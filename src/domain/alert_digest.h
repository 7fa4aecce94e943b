/* alert_digest: each user's alerts of one day as one e-mail (RFC 5322), written to a mail
 * spool directory or handed to an SMTP server (docs/alerts.md#the-daily-digest). */
#ifndef UNLOCK_DOMAIN_ALERT_DIGEST_H
#define UNLOCK_DOMAIN_ALERT_DIGEST_H

#include "db/db.h"
#include "util/strbuf.h"

#include <jansson.h>

typedef struct digest_options {
    const char *day;      /* YYYY-MM-DD: the alerts raised that day (UTC) */
    const char *spool;    /* the directory messages are written to, one file each ... */
    const char *smtp;     /* ... or, when set, the smtp:// server they are sent through */
    const char *from;     /* the sender's address */
    const char *base_url; /* put in front of each alert's link: "http://unlock.example:8080" */
} digest_options;

typedef struct digest_stats {
    long messages, alerts;
} digest_stats;

/* The message for one user (`to`) from their alerts (alert_list_json's items), CRLF line ends.
 * date is the Date: header's value. */
void alert_digest_message(const digest_options *o, const char *to, const char *date,
                          const json_t *items, strbuf *out);

/* Writes (or sends) one message for every user with alerts on o->day; users without any get
 * none. Spool files are DAY-USERID.eml, so writing a day's digest again replaces them. */
int alert_digest_run(db *d, const digest_options *o, digest_stats *st, err *e);

#endif
