#include "util/file.h"

#include "util/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int file_write_atomic(const char *path, const char *data, size_t len, err *e)
{
    size_t n = strlen(path) + 8;
    char *tmp = xmalloc(n);
    snprintf(tmp, n, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int rc = 0;
    if (!f) {
        rc = err_user(e, "%s: cannot write: %s", tmp, strerror(errno));
    } else {
        if (fwrite(data, 1, len, f) != len)
            rc = err_user(e, "%s: cannot write: %s", tmp, strerror(errno));
        if (fclose(f) != 0 && !rc)
            rc = err_user(e, "%s: cannot write: %s", tmp, strerror(errno));
        if (!rc && rename(tmp, path) != 0)
            rc = err_user(e, "%s: cannot replace: %s", path, strerror(errno));
        if (rc)
            remove(tmp);
    }
    free(tmp);
    return rc;
}

int file_read_all(const char *path, char **out, size_t *len, err *e)
{
    *out = NULL;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return err_user(e, "%s: cannot open: %s", path, strerror(errno));
    strbuf b = STRBUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_add(&b, chunk, n);
    int bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (bad) {
        strbuf_free(&b);
        return err_user(e, "%s: cannot read", path);
    }
    *out = strbuf_detach(&b, len);
    return 0;
}
