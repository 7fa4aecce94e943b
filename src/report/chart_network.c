#include "report/chart_network.h"

#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 960.0
#define H 760.0
#define CX (W / 2)
#define CY (H / 2)
#define ORG_RADIUS 220.0
#define PERSON_RADIUS 300.0
#define CENTRE_RADIUS 105.0
#define PI 3.14159265358979323846

typedef struct place {
    const char *id, *org;
    double x, y, angle;
} place;

/* The index of the organisation node a person belongs to (-1: none drawn). */
static int org_index(const place *orgs, size_t n, const char *org)
{
    for (size_t i = 0; org && i < n; i++)
        if (strcmp(orgs[i].org, org) == 0)
            return (int)i;
    return -1;
}

static const place *find(const place *p, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].id, id) == 0)
            return &p[i];
    return NULL;
}

int chart_network_svg(json_t *network, strbuf *out, err *e)
{
    json_t *nodes = json_object_get(network, "nodes"), *edges = json_object_get(network, "edges");
    size_t nn = json_array_size(nodes), no = 0, np = 0, i;
    json_t *node;
    place *orgs = xcalloc(nn + 1, sizeof *orgs), *people = xcalloc(nn + 1, sizeof *people);
    json_array_foreach(nodes, i, node)
    {
        const char *kind = json_string_value(json_object_get(node, "kind"));
        place p = {.id = json_string_value(json_object_get(node, "id")),
                   .org = json_string_value(json_object_get(node, "organisation"))};
        if (kind && strcmp(kind, "organisation") == 0)
            orgs[no++] = p;
        else
            people[np++] = p;
    }
    for (size_t k = 0; k < no; k++) {
        orgs[k].angle = -PI / 2 + 2 * PI * (double)k / (double)(no ? no : 1);
        orgs[k].x = CX + ORG_RADIUS * cos(orgs[k].angle);
        orgs[k].y = CY + ORG_RADIUS * sin(orgs[k].angle);
    }
    /* People fan out beside their organisation; those of none sit in the middle. */
    size_t *count = xcalloc(no + 1, sizeof *count), *seen = xcalloc(no + 1, sizeof *seen);
    for (size_t k = 0; k < np; k++) {
        int o = org_index(orgs, no, people[k].org);
        count[o < 0 ? no : (size_t)o]++;
    }
    for (size_t k = 0; k < np; k++) {
        int o = org_index(orgs, no, people[k].org);
        size_t g = o < 0 ? no : (size_t)o, m = count[g], j = seen[g]++;
        if (o < 0) {
            /* Commissioners (the ICB's staff, GP leads) and the public: a ring in the middle,
             * names pointing outwards so they do not overlap. */
            double a = -PI / 2 + 2 * PI * ((double)j + 0.5) / (double)m;
            people[k].x = CX + CENTRE_RADIUS * cos(a);
            people[k].y = CY + CENTRE_RADIUS * sin(a);
            people[k].angle = a;
            continue;
        }
        double spread = fmin(0.16, 2 * PI / (double)(no * m + 1));
        people[k].angle = orgs[o].angle + ((double)j - (double)(m - 1) / 2) * spread;
        double r = PERSON_RADIUS + 22 * (double)(j % 2);
        people[k].x = CX + r * cos(people[k].angle);
        people[k].y = CY + r * sin(people[k].angle);
    }
    char desc[256];
    snprintf(desc, sizeof desc,
             "%zu people from %zu organisations; %zu pairs from different organisations have "
             "been in a conversation together.",
             np, no, json_array_size(edges));
    svg_begin(out, W, H, "Who has talked with whom across organisations", desc);
    svg_group_begin(out, "edges");
    json_t *edge;
    json_array_foreach(edges, i, edge)
    {
        const place *a = find(people, np, json_string_value(json_object_get(edge, "from")));
        const place *b = find(people, np, json_string_value(json_object_get(edge, "to")));
        if (!a || !b)
            continue;
        double n = (double)json_integer_value(json_object_get(edge, "conversations"));
        svg_line(out, a->x, a->y, b->x, b->y, "#768692", fmin(1 + n, 6), NULL, "edge");
    }
    svg_group_end(out);
    svg_group_begin(out, "organisations");
    for (size_t k = 0; k < no; k++) {
        const char *label = NULL;
        json_array_foreach(
            nodes, i,
            node) if (strcmp(json_string_value(json_object_get(node, "id")), orgs[k].id) == 0)
            label = json_string_value(json_object_get(node, "organisation"));
        svg_line(out, CX, CY, orgs[k].x, orgs[k].y, "#e8edee", 1, NULL, "spoke");
        svg_circle(out, orgs[k].x, orgs[k].y, 22, "#005eb8", NULL, "organisation", orgs[k].id + 4);
        svg_text(out, orgs[k].x, orgs[k].y + 3, SVG_MIDDLE, 9, "#ffffff", 1, 0, "org-code",
                 label ? label : orgs[k].id + 4);
    }
    svg_group_end(out);
    svg_text(out, CX, CY + 4, SVG_MIDDLE, 11, "#425563", 1, 0, "centre-label", "Commissioners");
    svg_group_begin(out, "people");
    for (size_t k = 0; k < np; k++) {
        const char *name = NULL;
        json_array_foreach(
            nodes, i,
            node) if (strcmp(json_string_value(json_object_get(node, "id")), people[k].id) == 0)
            name = json_string_value(json_object_get(node, "label"));
        svg_circle(out, people[k].x, people[k].y, 5, "#41b6e6", "#005eb8", "person", name);
        int right = cos(people[k].angle) >= 0;
        svg_text(out, people[k].x + (right ? 8 : -8), people[k].y + 3, right ? SVG_START : SVG_END,
                 9, "#212b32", 0, 0, "person-name", name ? name : "");
    }
    svg_group_end(out);
    svg_end(out);
    free(orgs);
    free(people);
    free(count);
    free(seen);
    (void)e;
    return 0;
}
