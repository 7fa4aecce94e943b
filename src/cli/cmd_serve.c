#include "cli/commands.h"

#include "http/server.h"

#include <errno.h>
#include <stdlib.h>

/* Reads a whole number in [min, max] from an option value. */
static int number(const char *name, const char *v, long min, long max, long *out, err *e)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < min || n > max)
        return err_user(e, "%s '%s': expected a whole number from %ld to %ld", name, v, min, max);
    *out = n;
    return 0;
}

/* Reads a number of seconds, above 0 and at most max, fractions allowed. */
static int seconds(const char *name, const char *v, double max, double *out, err *e)
{
    char *end;
    errno = 0;
    double s = strtod(v, &end);
    if (!*v || *end || errno || !(s > 0) || s > max)
        return err_user(e, "%s '%s': expected a number of seconds above 0, at most %g", name, v,
                        max);
    *out = s;
    return 0;
}

int cmd_serve(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opt opts[] = {
        CLI_DB_OPT,
        {"--bind", "ADDRESS", "address to listen on (default 127.0.0.1)", NULL},
        {"--port", "N", "port (default 8080; 0 picks a free one)", NULL},
        {"--threads", "N", "worker threads (default: one per CPU, at least 2)", NULL},
        {"--web", "DIR", "the browser front end (default $UNLOCK_WEB or ./web)", NULL},
        {"--session-ttl", "SECONDS", "how long a sign-in lasts (default 43200, 12 hours)", NULL},
        {"--secure-cookies", NULL, "mark cookies Secure (when served through HTTPS)", NULL},
        {"--max-body", "BYTES", "largest request body (default 10485760, 10 MiB)", NULL},
        {"--request-timeout", "SECONDS",
         "time limit of a request: its body and its database work, then 503 (default 30; "
         "fractions allowed)",
         NULL},
    };
    enum { DB, BIND, PORT, THREADS, WEB, TTL, SECURE, MAX_BODY, TIMEOUT, NOPTS };
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, opts, NOPTS, pos, 0, 0, &npos, &status))
        return status;
    err e = {0};
    server_options o;
    server_options_init(&o);
    long n;
    if (opts[BIND].value)
        o.bind = opts[BIND].value;
    if (opts[PORT].value) {
        if (number("--port", opts[PORT].value, 0, 65535, &n, &e))
            return cli_fail(&e);
        o.port = (int)n;
    }
    if (opts[THREADS].value) {
        if (number("--threads", opts[THREADS].value, 1, 256, &n, &e))
            return cli_fail(&e);
        o.threads = (int)n;
    }
    if (opts[WEB].value)
        o.web_dir = opts[WEB].value;
    if (opts[TTL].value) {
        if (number("--session-ttl", opts[TTL].value, 1, 366L * 24 * 3600, &n, &e))
            return cli_fail(&e);
        o.session_ttl = n;
    }
    o.secure_cookies = opts[SECURE].value != NULL;
    if (opts[MAX_BODY].value) {
        if (number("--max-body", opts[MAX_BODY].value, 1, 1L << 30, &n, &e))
            return cli_fail(&e);
        o.max_body = (size_t)n;
    }
    if (opts[TIMEOUT].value &&
        seconds("--request-timeout", opts[TIMEOUT].value, 3600, &o.request_timeout, &e))
        return cli_fail(&e);
    /* Migrate once here, so the workers' connections find the schema ready. */
    db *d;
    if (cli_open_db(opts[DB].value, 0, &d, &e))
        return cli_fail(&e);
    db_close(d);
    o.db_url = db_url_choose(opts[DB].value);
    if (server_run(&o, &e))
        return cli_fail(&e);
    return 0;
}
