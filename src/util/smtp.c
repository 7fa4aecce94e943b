#include "util/smtp.h"

#include <curl/curl.h>
#include <string.h>

typedef struct reader {
    const char *data;
    size_t len, pos;
} reader;

static size_t read_part(char *buf, size_t size, size_t count, void *ctx)
{
    reader *r = ctx;
    size_t n = size * count;
    if (n > r->len - r->pos)
        n = r->len - r->pos;
    memcpy(buf, r->data + r->pos, n);
    r->pos += n;
    return n;
}

int smtp_send(const char *url, const char *from, const char *to, const char *msg, size_t len,
              err *e)
{
    if (strncmp(url, "smtp://", 7) != 0 && strncmp(url, "smtps://", 8) != 0)
        return err_user(e, "--smtp: '%.200s' is not an SMTP URL (smtp://HOST:PORT)", url);
    CURL *c = curl_easy_init();
    if (!c)
        return err_internal(e, "cannot start the SMTP client (curl_easy_init)");
    char from_addr[300], why[CURL_ERROR_SIZE] = "";
    snprintf(from_addr, sizeof from_addr, "<%s>", from);
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    reader r = {msg, len, 0};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_addr);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_part);
    curl_easy_setopt(c, CURLOPT_READDATA, &r);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, why);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK)
        return err_user(e, "%.200s: sending the message to %.200s failed: %s", url, to,
                        why[0] ? why : curl_easy_strerror(rc));
    return 0;
}
