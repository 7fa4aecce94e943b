/* smtp: handing one finished message to an SMTP server, through libcurl's SMTP client. */
#ifndef UNLOCK_UTIL_SMTP_H
#define UNLOCK_UTIL_SMTP_H

#include "util/err.h"

#include <stddef.h>

/* Sends msg (an RFC 5322 message with CRLF line ends) from `from` to `to` through the server
 * at url ("smtp://HOST:PORT", or smtps://). A refused or unreachable server is a user error
 * naming the URL and what the server or the connection said. */
int smtp_send(const char *url, const char *from, const char *to, const char *msg, size_t len,
              err *e);

#endif
