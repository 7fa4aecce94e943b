/* nftw() */
#define _XOPEN_SOURCE 700
#include "report/pack_pdf.h"

#include "util/file.h"
#include "util/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static int read_all(const char *path, strbuf *out, err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_internal(e, "Chromium wrote no PDF (%s)", strerror(errno));
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_add(out, buf, n);
    int bad = ferror(f);
    fclose(f);
    if (bad || out->len < 5 || memcmp(out->buf, "%PDF-", 5) != 0)
        return err_internal(e, "Chromium's output is not a PDF");
    return 0;
}

/* Runs chromium on the file, quietly; its exit status, or -1 when it could not be started. */
static int run_chromium(const char *chromium, const char *dir, const char *html, const char *pdf)
{
    char profile[4400], print[4400], url[4400];
    snprintf(profile, sizeof profile, "--user-data-dir=%s/profile", dir);
    snprintf(print, sizeof print, "--print-to-pdf=%s", pdf);
    snprintf(url, sizeof url, "file://%s", html);
    char *const argv[] = {(char *)chromium,
                          "--headless",
                          "--no-sandbox",
                          "--disable-gpu",
                          "--disable-background-networking",
                          "--disable-component-update",
                          "--disable-sync",
                          "--no-first-run",
                          "--no-pdf-header-footer",
                          "--print-to-pdf-no-header",
                          profile,
                          print,
                          url,
                          NULL};
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, STDIN_FILENO);
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        execv(chromium, argv);
        _exit(127);
    }
    /* A Chromium that hangs (a broken profile, a display it waits for) must not hang us. */
    int status;
    for (int waited_ms = 0;; waited_ms += 100) {
        pid_t got = waitpid(pid, &status, WNOHANG);
        if (got == pid)
            break;
        if (got < 0 && errno != EINTR)
            return -1;
        if (waited_ms >= PACK_CHROMIUM_TIMEOUT_S * 1000) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return 124;
        }
        usleep(100 * 1000);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int pack_print_pdf(const char *html, size_t len, const char *pdf_path, err *e)
{
    const char *chromium = getenv("UNLOCK_CHROMIUM");
    if (!chromium || !chromium[0])
        chromium = PACK_CHROMIUM_DEFAULT;
    if (access(chromium, X_OK) != 0)
        return err_user(e,
                        "--pdf: no Chromium at %s to print with (install it with `apt-get install "
                        "chromium`, or set UNLOCK_CHROMIUM); --out FILE.html writes the pack "
                        "without it",
                        chromium);
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/unlock-pack-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return err_internal(e, "--pdf: cannot make a temporary directory: %s", strerror(errno));
    char in[4200], out[4200];
    snprintf(in, sizeof in, "%s/pack.html", dir);
    snprintf(out, sizeof out, "%s/pack.pdf", dir);
    strbuf pdf = STRBUF_INIT;
    int rc = file_write_atomic(in, html, len, e);
    if (!rc) {
        int status = run_chromium(chromium, dir, in, out);
        if (status != 0)
            rc = err_internal(e, "--pdf: %s %s (exit status %d)", chromium,
                              status == 124 ? "took too long and was stopped" : "failed", status);
    }
    if (!rc)
        rc = read_all(out, &pdf, e);
    if (!rc)
        rc = file_write_atomic(pdf_path, pdf.buf, pdf.len, e);
    strbuf_free(&pdf);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return rc;
}
