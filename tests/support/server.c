#define _XOPEN_SOURCE 700
#include "support/server.h"

#include "support/support.h"
#include "support/test_pg.h"

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_TIMEOUT_MS 60000

static const char *bin(void)
{
    const char *b = getenv("UNLOCK_BIN");
    return b ? b : "build/asan/unlock";
}

static char *log_tail(const char *path)
{
    char *text = file_read(path, NULL);
    return text ? text : strdup("(no log)");
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *data = file_read(from, &len);
    cr_assert(data, "cannot read %s", from);
    FILE *f = fopen(to, "wb");
    cr_assert(f, "cannot write %s", to);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    free(data);
}

/* Copies cached for binaries since rebuilt are of no more use. */
static void forget_old_demos(const char *tmp, const char *keep)
{
    char pattern[512];
    snprintf(pattern, sizeof pattern, "%s/unlock-test-demo-%lu-*.db", tmp, (unsigned long)getuid());
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0)
        return;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        if (strcmp(g.gl_pathv[i], keep) == 0)
            continue;
        char lock[560];
        snprintf(lock, sizeof lock, "%s.lock", g.gl_pathv[i]);
        unlink(g.gl_pathv[i]);
        unlink(lock);
    }
    globfree(&g);
}

/* The demo takes seconds under the sanitizers; it is the same every time, so
 * it is built once per binary (keyed by the binary's identity) and copied. Its
 * prescribing lives in files beside the database, so it is left out here and
 * added per server when asked for (.prescribing). */
void test_demo_database(const char *dest)
{
    char *pg = test_pg_for_file(NULL, dest);
    if (pg)
        test_pg_demo_into(bin(), pg);
    else
        test_demo_sqlite(dest);
    free(pg);
}

void test_demo_sqlite(const char *dest)
{
    struct stat st;
    cr_assert_eq(stat(bin(), &st), 0, "no unlock binary at %s", bin());
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char cache[512], lock[540];
    snprintf(cache, sizeof cache, "%s/unlock-test-demo-%lu-%lu-%lld-%lld.db", tmp,
             (unsigned long)getuid(), (unsigned long)st.st_ino, (long long)st.st_mtime,
             (long long)st.st_size);
    snprintf(lock, sizeof lock, "%s.lock", cache);
    int lfd = open(lock, O_RDWR | O_CREAT, 0600);
    cr_assert(lfd >= 0, "cannot open %s", lock);
    flock(lfd, LOCK_EX); /* parallel test jobs build it once */
    if (access(cache, F_OK) != 0) {
        char building[560], url[580];
        snprintf(building, sizeof building, "%s.building", cache);
        /* "sqlite:" so that unlock_run does not stand a PostgreSQL database in for the file. */
        snprintf(url, sizeof url, "sqlite:%s", building);
        unlink(building);
        run_result r = unlock_run(
            NULL, NULL, (const char *const[]){"demo", "--no-prescribing", "--db", url, NULL});
        cr_assert_eq(r.status, 0, "unlock demo failed: %s", r.err);
        run_result_free(&r);
        cr_assert_eq(rename(building, cache), 0);
        forget_old_demos(tmp, cache);
    }
    flock(lfd, LOCK_UN);
    close(lfd);
    copy_file(cache, dest);
}

json_t *run_result_json(run_result r)
{
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_error_t je;
    json_t *j = json_loads(r.out, 0, &je);
    cr_assert_not_null(j, "%s: %s", je.text, r.out);
    run_result_free(&r);
    return j;
}

char *test_demo_dir(void)
{
    char *dir = tmpdir_make();
    char *db = path_join(dir, "d.db");
    test_demo_database(db);
    free(db);
    return dir;
}

static void default_web(const char *dir)
{
    cr_assert_eq(mkdir(dir, 0755), 0);
    char *p = path_join(dir, "index.html");
    file_write(p, "<!doctype html><title>unlock</title><script type=module src=app.js></script>\n");
    free(p);
    p = path_join(dir, "app.js");
    file_write(p, "console.log('unlock');\n");
    free(p);
    p = path_join(dir, "style.css");
    file_write(p, "body { margin: 0 }\n");
    free(p);
}

int test_server_unlock(test_server *s, const char *const *args)
{
    const char *argv[32];
    int n = 0;
    for (; args[n] && n < 28; n++)
        argv[n] = args[n];
    argv[n++] = "--db";
    argv[n++] = s->db_path;
    argv[n] = NULL;
    run_result r = unlock_run(s->dir, NULL, argv);
    int status = r.status;
    if (status != 0)
        fprintf(stderr, "unlock %s: %s%s", args[0], r.out, r.err);
    run_result_free(&r);
    return status;
}

void test_server_add_user(test_server *s, const char *email, const char *role, const char *org)
{
    char *pw = path_join(s->dir, "password.txt");
    file_write(pw, TEST_PASSWORD "\n");
    const char *args[] = {
        "user", "add", email, "--role", role, "--db", s->db_path, org ? "--org" : NULL, org, NULL};
    run_result r = unlock_run(s->dir, pw, args);
    cr_assert_eq(r.status, 0, "user add %s: %s", email, r.err);
    run_result_free(&r);
    unlink(pw);
    free(pw);
}

/* Reads the one line the server prints when it is listening. */
static int read_port(test_server *s)
{
    char line[256];
    size_t n = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (n < sizeof line - 1) {
        struct pollfd p = {s->out_fd, POLLIN, 0};
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        long left =
            START_TIMEOUT_MS - ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000);
        if (left <= 0 || poll(&p, 1, (int)left) <= 0)
            return -1;
        ssize_t got = read(s->out_fd, line + n, 1);
        if (got <= 0)
            return -1;
        if (line[n] == '\n')
            break;
        n++;
    }
    line[n] = '\0';
    int port = 0;
    if (sscanf(line, "unlock: serving http://127.0.0.1:%d/", &port) != 1)
        return -1;
    return port;
}

/* Starts `unlock serve` on s's database and directory and waits for it to listen. */
static void launch(test_server *s, const test_server_opts *opts)
{
    const char *argv[48];
    int n = 0;
    argv[n++] = bin();
    argv[n++] = "serve";
    argv[n++] = "--bind";
    argv[n++] = "127.0.0.1";
    argv[n++] = "--port";
    argv[n++] = "0";
    argv[n++] = "--threads";
    argv[n++] = "4";
    argv[n++] = "--db";
    argv[n++] = s->db_path;
    argv[n++] = "--web";
    argv[n++] = s->web_dir;
    for (int i = 0; opts->args && opts->args[i] && n < 46; i++)
        argv[n++] = opts->args[i];
    argv[n] = NULL;

    int out[2];
    cr_assert_eq(pipe(out), 0);
    fflush(NULL);
    s->pid = fork();
    cr_assert(s->pid >= 0);
    if (s->pid == 0) {
        int err = open(s->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = open("/dev/null", O_RDONLY);
        if (err < 0 || in < 0 || chdir(s->dir) != 0)
            _exit(125);
        dup2(out[1], 1);
        dup2(err, 2);
        dup2(in, 0);
        close(out[0]);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(out[1]);
    s->out_fd = out[0];
    s->port = read_port(s);
    if (s->port <= 0) {
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        char *log = log_tail(s->log_path);
        cr_assert_fail("the server did not start:\n%s", log);
    }
    snprintf(s->base_url, sizeof s->base_url, "http://127.0.0.1:%d", s->port);
}

test_server *test_server_start(const test_server_opts *opts)
{
    test_server_opts none = {0};
    if (!opts)
        opts = &none;
    setenv("UNLOCK_PWHASH_FAST", "1", 1);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    test_server *s = calloc(1, sizeof *s);
    s->dir = tmpdir_make();
    if (test_pg_enabled()) {
        s->db_path = opts->demo ? test_pg_demo_new(bin()) : test_pg_database_new();
        /* A PostgreSQL database's prescribing month files: in the test's directory. */
        setenv("UNLOCK_RX_STORE", s->dir, 1);
    } else {
        s->db_path = path_join(s->dir, "unlock.db");
    }
    s->log_path = path_join(s->dir, "server.log");
    if (opts->web_dir) {
        s->web_dir = strdup(opts->web_dir);
    } else {
        s->web_dir = path_join(s->dir, "web");
        default_web(s->web_dir);
    }
    if (opts->demo) {
        if (!test_pg_enabled())
            test_demo_database(s->db_path);
        if (opts->prescribing)
            cr_assert_eq(
                test_server_unlock(s, (const char *const[]){"demo", "--prescribing", NULL}), 0);
    } else {
        cr_assert_eq(test_server_unlock(s, (const char *const[]){"init", NULL}), 0);
        if (opts->users) {
            char *csv = path_join(s->dir, "orgs.csv");
            file_write(csv, "code,name,kind\n" TEST_PROVIDER_ORG
                            ",Test Hospitals,acute_trust\n" TEST_OTHER_ORG
                            ",Test Minds,mental_health_trust\n");
            cr_assert_eq(
                test_server_unlock(s, (const char *const[]){"import", "organisations", csv, NULL}),
                0);
            free(csv);
        }
    }
    if (opts->users) {
        test_server_add_user(s, TEST_ADMIN_EMAIL, "admin", NULL);
        test_server_add_user(s, TEST_COMMISSIONER_EMAIL, "commissioner", NULL);
        test_server_add_user(s, TEST_PROVIDER_EMAIL, "provider", TEST_PROVIDER_ORG);
    }

    launch(s, opts);
    return s;
}

int test_server_kill(test_server *s)
{
    int status = 0;
    kill(s->pid, SIGKILL);
    waitpid(s->pid, &status, 0);
    s->pid = 0;
    close(s->out_fd);
    s->out_fd = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void test_server_restart(test_server *s, const test_server_opts *opts)
{
    test_server_opts none = {0};
    launch(s, opts ? opts : &none);
}

char *test_server_log(const test_server *s)
{
    return log_tail(s->log_path);
}

int test_server_stop(test_server *s)
{
    return test_server_stop_log(s, NULL);
}

int test_server_stop_log(test_server *s, char **log_out)
{
    int status = 0;
    /* A server test_server_kill ended has nothing left to stop (and no pid to signal). */
    if (s->pid > 0)
        kill(s->pid, SIGTERM);
    for (int i = 0; i < 3000 && s->pid > 0; i++) {
        pid_t got = waitpid(s->pid, &status, WNOHANG);
        if (got == s->pid)
            break;
        if (i == 2999) {
            kill(s->pid, SIGKILL);
            waitpid(s->pid, &status, 0);
        }
        usleep(10000);
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (code != 0) {
        char *log = log_tail(s->log_path);
        fprintf(stderr, "server exited with %d; its log:\n%s\n", code, log);
        free(log);
    }
    if (log_out)
        *log_out = log_tail(s->log_path);
    if (s->out_fd >= 0)
        close(s->out_fd);
    tmpdir_remove(s->dir);
    free(s->dir);
    if (test_pg_enabled())
        test_pg_database_drop(s->db_path);
    else
        free(s->db_path);
    free(s->log_path);
    free(s->web_dir);
    free(s);
    return code;
}

/* ---- the HTTP client ---- */

typedef struct buffer {
    char *data;
    size_t len;
} buffer;

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
    buffer *b = ctx;
    size_t add = size * n;
    b->data = realloc(b->data, b->len + add + 1);
    memcpy(b->data + b->len, p, add);
    b->len += add;
    b->data[b->len] = '\0';
    return add;
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
    api_response *r = ctx;
    size_t len = size * n;
    /* A new status line (after a 100 Continue) starts the headers over. */
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
        for (int i = 0; i < r->nheaders; i++) {
            free(r->header_names[i]);
            free(r->header_values[i]);
        }
        r->nheaders = 0;
        return len;
    }
    const char *colon = memchr(p, ':', len);
    if (!colon)
        return len;
    size_t vstart = (size_t)(colon - p) + 1;
    while (vstart < len && p[vstart] == ' ')
        vstart++;
    size_t vend = len;
    while (vend > vstart && (p[vend - 1] == '\r' || p[vend - 1] == '\n'))
        vend--;
    r->header_names = realloc(r->header_names, sizeof(char *) * (size_t)(r->nheaders + 1));
    r->header_values = realloc(r->header_values, sizeof(char *) * (size_t)(r->nheaders + 1));
    r->header_names[r->nheaders] = strndup(p, (size_t)(colon - p));
    r->header_values[r->nheaders] = strndup(p + vstart, vend - vstart);
    r->nheaders++;
    return len;
}

typedef struct chunk_source {
    const char *data;
    size_t len, pos;
} chunk_source;

static size_t on_read(char *out, size_t size, size_t n, void *ctx)
{
    chunk_source *c = ctx;
    size_t want = size * n, left = c->len - c->pos;
    if (want > left)
        want = left;
    memcpy(out, c->data + c->pos, want);
    c->pos += want;
    return want;
}

api_response api_send(test_server *s, const api_request *req)
{
    api_response r = {0};
    const char *method = req->method ? req->method : "GET";
    CURL *c = curl_easy_init();
    cr_assert(c);
    char url[2048];
    snprintf(url, sizeof url, "%s%s", s->base_url, req->path);
    buffer body = {0};
    struct curl_slist *headers = NULL;
    char line[256];
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
    if (req->path_as_is)
        curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    else
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    chunk_source src = {0};
    if (req->body) {
        size_t len = req->body_len ? req->body_len : strlen(req->body);
        if (req->chunked) {
            src.data = req->body;
            src.len = len;
            curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
            curl_easy_setopt(c, CURLOPT_READDATA, &src);
            headers = curl_slist_append(headers, "Transfer-Encoding: chunked");
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
        } else {
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body);
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
        }
        snprintf(line, sizeof line, "Content-Type: %s",
                 req->content_type ? req->content_type : "application/json");
        headers = curl_slist_append(headers, line);
    }
    if (req->session) {
        if (req->session->cookie[0]) {
            snprintf(line, sizeof line, "Cookie: %s", req->session->cookie);
            headers = curl_slist_append(headers, line);
        }
        int write = strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
        if (write && req->session->csrf[0]) {
            snprintf(line, sizeof line, "X-CSRF-Token: %s", req->session->csrf);
            headers = curl_slist_append(headers, line);
        }
    }
    for (int i = 0; req->headers && req->headers[i]; i++)
        headers = curl_slist_append(headers, req->headers[i]);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    else
        fprintf(stderr, "api_send %s %s: %s\n", method, req->path,
                error[0] ? error : curl_easy_strerror(rc));
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    r.body = body.data ? body.data : strdup("");
    r.len = body.len;
    const char *type = api_header(&r, "Content-Type");
    if (type && strncmp(type, "application/json", 16) == 0)
        r.json = json_loadb(r.body, r.len, 0, NULL);
    return r;
}

api_response api_call(test_server *s, const char *method, const char *path, const char *body,
                      const char *content_type, const api_session *session)
{
    api_request req = {.method = method,
                       .path = path,
                       .body = body,
                       .content_type = content_type,
                       .session = session};
    return api_send(s, &req);
}

const char *api_header(const api_response *r, const char *name)
{
    for (int i = 0; i < r->nheaders; i++)
        if (strcasecmp(r->header_names[i], name) == 0)
            return r->header_values[i];
    return NULL;
}

void api_response_free(api_response *r)
{
    free(r->body);
    json_decref(r->json);
    for (int i = 0; i < r->nheaders; i++) {
        free(r->header_names[i]);
        free(r->header_values[i]);
    }
    free(r->header_names);
    free(r->header_values);
    memset(r, 0, sizeof *r);
}

const char *api_error_message(const api_response *r)
{
    const char *m =
        json_string_value(json_object_get(json_object_get(r->json, "error"), "message"));
    return m ? m : "";
}

long api_sign_in(test_server *s, const char *email, const char *password, api_session *out)
{
    json_t *body = json_pack("{s:s, s:s}", "email", email, "password", password);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    api_response r = api_call(s, "POST", "/api/v1/session", text, NULL, NULL);
    free(text);
    long status = r.status;
    if (status == 200) {
        memset(out, 0, sizeof *out);
        const char *cookie = api_header(&r, "Set-Cookie");
        cr_assert(cookie, "sign-in set no cookie");
        const char *semi = strchr(cookie, ';');
        size_t n = semi ? (size_t)(semi - cookie) : strlen(cookie);
        cr_assert_lt(n, sizeof out->cookie);
        memcpy(out->cookie, cookie, n);
        const char *csrf = json_string_value(json_object_get(r.json, "csrf_token"));
        cr_assert(csrf, "sign-in answer has no csrf_token: %s", r.body);
        snprintf(out->csrf, sizeof out->csrf, "%s", csrf);
    }
    api_response_free(&r);
    return status;
}
