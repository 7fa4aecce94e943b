#include "cli/json_args.h"

#include <string.h>

json_t *cli_json_list(const char *s)
{
    json_t *arr = json_array();
    while (s && *s) {
        size_t n = strcspn(s, ",");
        size_t a = 0, b = n;
        while (a < b && s[a] == ' ')
            a++;
        while (b > a && s[b - 1] == ' ')
            b--;
        if (b > a)
            json_array_append_new(arr, json_stringn(s + a, b - a));
        s += n + (s[n] == ',');
    }
    return arr;
}

json_t *cli_json_action(const char *spec)
{
    static const char *const names[] = {"description", "owner", "due"};
    json_t *a = json_object();
    for (int k = 0; k < 3 && *spec; k++) {
        size_t n = strcspn(spec, ";");
        if (n)
            json_object_set_new(a, names[k], json_stringn(spec, n));
        spec += n + (spec[n] == ';');
    }
    return a;
}

void cli_json_append(json_t *obj, const char *name, json_t *item)
{
    json_t *arr = json_object_get(obj, name);
    if (!json_is_array(arr)) {
        arr = json_array();
        json_object_set_new(obj, name, arr);
    }
    json_array_append_new(arr, item);
}
