#include "domain/alert_digest.h"

#include "domain/alert.h"
#include "util/clock.h"
#include "util/file.h"
#include "util/smtp.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void alert_digest_message(const digest_options *o, const char *to, const char *date,
                          const json_t *items, strbuf *out)
{
    size_t n = json_array_size(items);
    strbuf_addf(out, "From: unlock <%s>\r\n", o->from);
    strbuf_addf(out, "To: <%s>\r\n", to);
    strbuf_addf(out, "Subject: unlock: %zu alert%s on %s\r\n", n, n == 1 ? "" : "s", o->day);
    strbuf_addf(out, "Date: %s\r\n", date);
    strbuf_addf(out, "Message-ID: <digest-%s-%s>\r\n", o->day, to);
    strbuf_adds(out, "MIME-Version: 1.0\r\n");
    strbuf_adds(out, "Content-Type: text/plain; charset=utf-8\r\n");
    strbuf_adds(out, "Content-Transfer-Encoding: 8bit\r\n\r\n");
    strbuf_addf(out, "What changed in what you follow on %s:\r\n\r\n", o->day);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        /* A reason quotes a pledge or an action as written: its line breaks would break the
         * message's lines, so they become spaces. */
        strbuf_addf(out, "%zu. ", i + 1);
        for (const char *c = json_string_value(json_object_get(it, "reason")); *c; c++)
            strbuf_addc(out, *c == '\r' || *c == '\n' ? ' ' : *c);
        strbuf_adds(out, "\r\n");
        strbuf_addf(out, "   %s%s\r\n\r\n", o->base_url ? o->base_url : "",
                    json_string_value(json_object_get(it, "link")));
    }
    strbuf_addf(out, "-- \r\nunlock alerts: what you follow is at %s/alerts.html\r\n",
                o->base_url ? o->base_url : "");
}

/* "Thu, 03 Dec 2026 14:00:00 +0000" from the clock (which UNLOCK_NOW can fix). */
static void date_header(char *out, size_t size)
{
    char iso[CLOCK_ISO_LEN];
    clock_now_iso(iso);
    struct tm tm = {0};
    sscanf(iso, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
           &tm.tm_sec);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(out, size, "%a, %d %b %Y %H:%M:%S +0000", &tm);
}

static int deliver(const digest_options *o, int64_t user_id, const char *to, const strbuf *msg,
                   err *e)
{
    if (o->smtp)
        return smtp_send(o->smtp, o->from, to, msg->buf, msg->len, e);
    if (mkdir(o->spool, 0777) != 0 && errno != EEXIST)
        return err_user(e, "%s: cannot create the mail spool directory: %s", o->spool,
                        strerror(errno));
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%lld.eml", o->spool, o->day, (long long)user_id);
    return file_write_atomic(path, msg->buf, msg->len, e);
}

int alert_digest_run(db *d, const digest_options *o, digest_stats *st, err *e)
{
    *st = (digest_stats){0};
    char prefix[16];
    snprintf(prefix, sizeof prefix, "%.10s%%", o->day);
    db_stmt *s;
    if (db_prepare(d,
                   "SELECT DISTINCT u.id, u.email FROM alerts a JOIN users u ON u.id = a.user_id"
                   " WHERE a.created_at LIKE ? AND u.disabled = 0 ORDER BY u.id",
                   &s, e))
        return -1;
    char date[64];
    date_header(date, sizeof date);
    int rc = db_bind_text(s, 1, prefix, e);
    while (!rc && (rc = db_step(s, e)) == DB_ROW) {
        int64_t id = db_col_int64(s, 0);
        char to[300];
        snprintf(to, sizeof to, "%s", db_col_text(s, 1));
        json_t *list;
        if ((rc = alert_list_json(d, id, o->day, &list, e)) != 0)
            break;
        json_t *items = json_object_get(list, "items");
        strbuf msg = STRBUF_INIT;
        alert_digest_message(o, to, date, items, &msg);
        rc = deliver(o, id, to, &msg, e);
        st->alerts += (long)json_array_size(items);
        st->messages += !rc;
        strbuf_free(&msg);
        json_decref(list);
    }
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}
