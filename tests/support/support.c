#define _XOPEN_SOURCE 700 /* nftw */
#include "support/support.h"

#include "support/test_pg.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char *tmpdir_make(void)
{
    const char *base = getenv("TMPDIR");
    char *tmpl = NULL;
    size_t n = strlen(base ? base : "/tmp") + 32;
    tmpl = malloc(n);
    snprintf(tmpl, n, "%s/unlock-test-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(tmpl)) {
        perror("mkdtemp");
        abort();
    }
    return tmpl;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void tmpdir_remove(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

void file_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        abort();
    }
    fputs(text, f);
    fclose(f);
}

char *file_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *test_file_dir(const char *cwd, const char *file)
{
    const char *slash = strrchr(file, '/');
    if (slash)
        return strndup(file, slash == file ? 1 : (size_t)(slash - file));
    char here[1024];
    return strdup(cwd ? cwd : getcwd(here, sizeof here));
}

struct unlock_proc {
    pid_t pid;
    char *dir, *out_path, *err_path;
};

unlock_proc *unlock_start(const char *cwd, const char *stdin_path, const char *const *args)
{
    const char *bin = getenv("UNLOCK_BIN");
    if (!bin)
        bin = "build/asan/unlock";
    unlock_proc *p = calloc(1, sizeof *p);
    p->dir = tmpdir_make();
    p->out_path = path_join(p->dir, "out");
    p->err_path = path_join(p->dir, "err");
    int argc = 0;
    while (args[argc])
        argc++;
    char **argv = calloc((size_t)argc + 2, sizeof *argv);
    argv[0] = (char *)bin;
    for (int i = 0; i < argc; i++)
        argv[i + 1] = (char *)args[i];
    /* On PostgreSQL the database standing in for `--db FILE`, with its month files (the
     * prescribing store) kept beside where FILE would be, in the test's directory. */
    char *pg_url = NULL, *env_url = NULL, *rx_dir = NULL;
    for (int i = 0; i + 1 < argc && !pg_url; i++)
        if (strcmp(args[i], "--db") == 0 && (pg_url = test_pg_for_file(cwd, args[i + 1])))
            argv[i + 2] = pg_url, rx_dir = test_file_dir(cwd, args[i + 1]);
    const char *env_db = getenv("UNLOCK_DB");
    if (!pg_url && env_db && (env_url = test_pg_for_file(cwd, env_db)))
        rx_dir = test_file_dir(cwd, env_db);

    fflush(NULL);
    p->pid = fork();
    if (p->pid == 0) {
        int o = open(p->out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(p->err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY);
        if (o < 0 || e < 0 || in < 0)
            _exit(125);
        dup2(o, 1);
        dup2(e, 2);
        dup2(in, 0);
        if (cwd && chdir(cwd) != 0)
            _exit(126);
        if (env_url)
            setenv("UNLOCK_DB", env_url, 1);
        if (rx_dir)
            setenv("UNLOCK_RX_STORE", rx_dir, 1);
        execv(bin, argv);
        _exit(127);
    }
    free(argv);
    free(pg_url);
    free(env_url);
    free(rx_dir);
    return p;
}

pid_t unlock_pid(const unlock_proc *p)
{
    return p->pid;
}

run_result unlock_finish(unlock_proc *p)
{
    int status = 0;
    waitpid(p->pid, &status, 0);
    run_result r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = file_read(p->out_path, NULL);
    r.err = file_read(p->err_path, NULL);
    tmpdir_remove(p->dir);
    free(p->out_path);
    free(p->err_path);
    free(p->dir);
    free(p);
    return r;
}

run_result unlock_run(const char *cwd, const char *stdin_path, const char *const *args)
{
    return unlock_finish(unlock_start(cwd, stdin_path, args));
}

void run_result_free(run_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

int count_of(const char *haystack, const char *needle)
{
    int n = 0;
    size_t len = strlen(needle);
    for (const char *p = haystack; (p = strstr(p, needle)); p += len)
        n++;
    return n;
}
