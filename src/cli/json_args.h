/* json_args: command-line values turned into the members of a JSON record, the same way for
 * every command that builds one (`unlock conversation add`, `unlock review add`). */
#ifndef UNLOCK_CLI_JSON_ARGS_H
#define UNLOCK_CLI_JSON_ARGS_H

#include <jansson.h>

/* "a, b,c" as ["a","b","c"]: spaces around items trimmed, empty items skipped. */
json_t *cli_json_list(const char *s);

/* An agreed action written TEXT[;OWNER KEY[;DUE DATE]] as {"description","owner","due"}
 * (empty parts left out). */
json_t *cli_json_action(const char *spec);

/* Appends item to the array member `name` of obj, making the array when there is none. */
void cli_json_append(json_t *obj, const char *name, json_t *item);

#endif
