/* docs/data-formats.md names every column of every kind the importer accepts, under the
 * kind's own heading, so the documentation cannot fall behind the code. Run from the project
 * root (as `make test` does). */
#include "domain/entity.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_doc(void)
{
    FILE *f = fopen("docs/data-formats.md", "rb");
    cr_assert_not_null(f, "run the tests from the project root: docs/data-formats.md not found");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = 0;
    fclose(f);
    return s;
}

/* The text of the section headed "## kind" or "### kind", up to the next heading. */
static const char *section(const char *doc, const char *kind, size_t *len)
{
    char heading[96];
    for (int level = 2; level <= 3; level++) {
        snprintf(heading, sizeof heading, "\n%.*s %s\n", level, "###", kind);
        const char *at = strstr(doc, heading);
        if (!at)
            continue;
        const char *body = at + strlen(heading);
        const char *next = strstr(body, "\n#");
        *len = next ? (size_t)(next - body) : strlen(body);
        return body;
    }
    return NULL;
}

Test(data_formats_doc, every_column_of_every_kind_is_documented)
{
    char *doc = read_doc();
    for (int k = 0; k < entity_def_count; k++) {
        const entity_def *def = entity_defs[k];
        size_t len;
        const char *body = section(doc, def->kind, &len);
        cr_assert_not_null(body, "docs/data-formats.md has no section for %s", def->kind);
        char *text = strndup(body, len);
        for (int i = 0; i < def->nfields; i++) {
            char row[96];
            snprintf(row, sizeof row, "\n| %s |", def->fields[i].column);
            cr_expect_not_null(strstr(text, row), "docs/data-formats.md, %s: no row for column %s",
                               def->kind, def->fields[i].column);
        }
        free(text);
    }
    free(doc);
}
