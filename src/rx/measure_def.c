/* rx measure definitions: loading and checking the JSON files (see measure.h). */
#include "rx/measure.h"

#include <dirent.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char found_dir[4096 + 32];

/* The shipped definitions: ./data/measures when run from the project folder, else beside the
 * binary (build/unlock and build/asan/unlock both sit under the project folder), else the
 * installed copy. A server started from anywhere must find the same measures. */
static void find_shipped(void)
{
    snprintf(found_dir, sizeof found_dir, "data/measures");
    struct stat st;
    if (stat(found_dir, &st) == 0 && S_ISDIR(st.st_mode))
        return;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        static const char *const up[] = {"/../data/measures", "/../../data/measures"};
        for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
            char candidate[4096 + 32];
            snprintf(candidate, sizeof candidate, "%s%s", exe, up[i]);
            if (stat(candidate, &st) == 0 && S_ISDIR(st.st_mode) &&
                strlen(candidate) < sizeof found_dir) {
                snprintf(found_dir, sizeof found_dir, "%s", candidate);
                return;
            }
        }
    }
    if (stat("/usr/share/unlock/measures", &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(found_dir, sizeof found_dir, "/usr/share/unlock/measures");
}

const char *rx_measures_dir(const char *flag)
{
    if (flag && *flag)
        return flag;
    const char *env = getenv("UNLOCK_MEASURES");
    if (env && *env)
        return env;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, find_shipped);
    return found_dir;
}

static int field_of(const char *s)
{
    if (!s)
        return -1;
    if (strcmp(s, "items") == 0)
        return RX_ITEMS;
    if (strcmp(s, "quantity") == 0)
        return RX_TOTAL_QUANTITY;
    if (strcmp(s, "actual_cost") == 0)
        return RX_ACTUAL_COST;
    if (strcmp(s, "nic") == 0)
        return RX_NIC;
    return -1;
}

static int str_list(json_t *a, char ***out, size_t *n, const char *path, const char *what, err *e)
{
    *out = NULL;
    *n = 0;
    if (!a)
        return 0;
    if (!json_is_array(a))
        return err_user(e, "%s: %s: expected an array of BNF codes", path, what);
    *out = xcalloc(json_array_size(a) + 1, sizeof **out);
    for (size_t i = 0; i < json_array_size(a); i++) {
        const char *s = json_string_value(json_array_get(a, i));
        if (!s || !*s || strlen(s) > 15)
            return err_user(e, "%s: %s[%zu]: expected a BNF code (1 to 15 characters)", path, what,
                            i);
        (*out)[(*n)++] = xstrdup(s);
    }
    return 0;
}

static int filter_of(json_t *o, rx_filter *f, int is_den, const char *path, err *e)
{
    const char *side = is_den ? "denominator" : "numerator";
    if (!json_is_object(o))
        return err_user(e, "%s: %s: expected an object", path, side);
    if (is_den && json_is_true(json_object_get(o, "list_size"))) {
        f->list_size = 1;
        f->field = -1;
        return 0;
    }
    f->field = field_of(json_string_value(json_object_get(o, "field")));
    if (f->field < 0)
        return err_user(e, "%s: %s.field: expected items, quantity, actual_cost or nic", path,
                        side);
    char what[64];
    snprintf(what, sizeof what, "%s.bnf_codes", side);
    if (str_list(json_object_get(o, "bnf_codes"), &f->codes, &f->ncodes, path, what, e))
        return -1;
    if (!f->ncodes)
        return err_user(e, "%s: %s.bnf_codes: expected at least one BNF code", path, side);
    snprintf(what, sizeof what, "%s.exclude", side);
    return str_list(json_object_get(o, "exclude"), &f->exclude, &f->nexclude, path, what, e);
}

static char *req_str(json_t *j, const char *key, const char *path, err *e)
{
    const char *s = json_string_value(json_object_get(j, key));
    if (!s || !*s) {
        err_user(e, "%s: \"%s\": expected a non-empty string", path, key);
        return NULL;
    }
    return xstrdup(s);
}

int rx_measure_load(const char *path, rx_measure_def *d, err *e)
{
    memset(d, 0, sizeof *d);
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j)
        return err_user(e, "%s:%d: not valid JSON: %s", path, je.line, je.text);
    int rc = -1;
    if (!json_is_object(j)) {
        err_user(e, "%s: expected a JSON object", path);
        goto out;
    }
    if (!(d->id = req_str(j, "id", path, e)) || !(d->name = req_str(j, "name", path, e)) ||
        !(d->description = req_str(j, "description", path, e)) ||
        !(d->why = req_str(j, "why_it_matters", path, e)))
        goto out;
    for (const char *c = d->id; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) {
            err_user(e, "%s: \"id\": use lower-case letters, digits and _ only", path);
            goto out;
        }
    if (filter_of(json_object_get(j, "numerator"), &d->num, 0, path, e) ||
        filter_of(json_object_get(j, "denominator"), &d->den, 1, path, e))
        goto out;
    d->is_percentage = json_is_true(json_object_get(j, "is_percentage"));
    d->is_cost_based = json_is_true(json_object_get(j, "is_cost_based"));
    json_t *l = json_object_get(j, "low_is_good");
    d->low_is_good = json_is_true(l) ? 1 : json_is_false(l) ? 0 : -1;
    if (d->is_percentage && d->den.list_size) {
        err_user(e, "%s: a per-list-size measure cannot be a percentage", path);
        goto out;
    }
    rc = 0;
out:
    json_decref(j);
    if (rc)
        rx_measure_def_free(d);
    return rc;
}

static void free_list(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

void rx_measure_def_free(rx_measure_def *d)
{
    free(d->id);
    free(d->name);
    free(d->description);
    free(d->why);
    free_list(d->num.codes, d->num.ncodes);
    free_list(d->num.exclude, d->num.nexclude);
    free_list(d->den.codes, d->den.ncodes);
    free_list(d->den.exclude, d->den.nexclude);
    memset(d, 0, sizeof *d);
}

void rx_measures_free(rx_measure_def *defs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rx_measure_def_free(&defs[i]);
    free(defs);
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const rx_measure_def *)a)->id, ((const rx_measure_def *)b)->id);
}

int rx_measures_load(const char *dir, rx_measure_def **out, size_t *n, err *e)
{
    DIR *dd = opendir(dir);
    if (!dd)
        return err_user(e,
                        "%s: no measures directory (give --measures DIR or set "
                        "UNLOCK_MEASURES)",
                        dir);
    rx_measure_def *defs = NULL;
    size_t cnt = 0, cap = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(dd))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0 || de->d_name[0] == '.')
            continue;
        if (cnt == cap) {
            cap = cap ? 2 * cap : 16;
            defs = xrealloc(defs, cap * sizeof *defs);
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (rx_measure_load(path, &defs[cnt], e)) {
            rc = -1;
            break;
        }
        cnt++;
    }
    closedir(dd);
    if (rc) {
        rx_measures_free(defs, cnt);
        return -1;
    }
    if (cnt > 1)
        qsort(defs, cnt, sizeof *defs, by_id);
    for (size_t i = 1; i < cnt; i++)
        if (strcmp(defs[i].id, defs[i - 1].id) == 0) {
            err_user(e, "%s: two measures have the id '%s'", dir, defs[i].id);
            rx_measures_free(defs, cnt);
            return -1;
        }
    *out = defs;
    *n = cnt;
    return 0;
}

const char *rx_level_name(int level)
{
    static const char *const names[RX_NLEVELS] = {"practice", "sub_icb", "icb", "region"};
    return level >= 0 && level < RX_NLEVELS ? names[level] : "?";
}

int rx_level_parse(const char *s)
{
    for (int l = 0; l < RX_NLEVELS; l++)
        if (strcmp(s, rx_level_name(l)) == 0)
            return l;
    return -1;
}
