/* backup_months: the prescribing month files that go with a backup, copied as a set. */
#include "db/backup.h"

#include "rx/months.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* More months than anyone will hold: a hundred years of them. */
#define MAX_MONTHS 1200

/* Removes a directory of plain files (a month store has nothing else). */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    while (d && (ent = readdir(d))) {
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
            continue;
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static char *month_file(const char *dir, int month)
{
    size_t n = strlen(dir) + 32;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%06d.rxm", dir, month);
    return p;
}

int backup_months_stage(db *listed, const char *from_dir, const char *to_dir, backup_months *out,
                        err *e)
{
    memset(out, 0, sizeof *out);
    int months[MAX_MONTHS], n = 0;
    if (rx_latest_months(listed, MAX_MONTHS, months, &n, e))
        return -1;
    out->to_dir = xstrdup(to_dir);
    if (!n && access(to_dir, F_OK) != 0)
        return 0; /* no prescribing, and none to replace: nothing to do */
    out->staged = backup_temp_beside(to_dir);
    remove_dir(out->staged);
    if (mkdir(out->staged, 0777) != 0) {
        err_user(e, "%s: cannot create: %s", out->staged, strerror(errno));
        backup_months_abort(out);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        char *from = month_file(from_dir, months[i]), *to = month_file(out->staged, months[i]);
        int rc = access(from, R_OK) == 0
                     ? backup_copy_file(from, to, e)
                     : err_user(e,
                                "%s is missing: the database lists prescribing for %06d, but its "
                                "month file is not there",
                                from, months[i]);
        free(from);
        free(to);
        if (rc) {
            backup_months_abort(out);
            return -1;
        }
        out->copied++;
    }
    return 0;
}

int backup_months_commit(backup_months *m, err *e)
{
    char *old = NULL;
    int rc = 0;
    if (!m->staged) {
        backup_months_abort(m);
        return 0;
    }
    if (access(m->to_dir, F_OK) == 0) {
        size_t n = strlen(m->to_dir) + 32;
        old = xmalloc(n);
        snprintf(old, n, "%s.old-%ld", m->to_dir, (long)getpid());
        remove_dir(old);
        if (rename(m->to_dir, old) != 0)
            rc = err_user(e, "%s: cannot move aside: %s", m->to_dir, strerror(errno));
    }
    if (!rc && rename(m->staged, m->to_dir) != 0) {
        rc = err_user(e, "%s: cannot put in place: %s", m->to_dir, strerror(errno));
        if (old)
            rename(old, m->to_dir);
    }
    if (!rc && old)
        remove_dir(old);
    free(old);
    if (!rc) {
        free(m->staged);
        m->staged = NULL;
    }
    backup_months_abort(m);
    return rc;
}

void backup_months_abort(backup_months *m)
{
    if (m->staged)
        remove_dir(m->staged);
    free(m->staged);
    free(m->to_dir);
    m->staged = m->to_dir = NULL;
}
