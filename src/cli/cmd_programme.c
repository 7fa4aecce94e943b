/* unlock programme, goal, project, stories and emotional-map: experience-led commissioning
 * read back from the database (the rows are imported like any other kind). */
#include "cli/commands.h"

#include "cli/output.h"
#include "domain/experience.h"
#include "report/chart_experience.h"
#include "report/project_svg.h"
#include "util/file.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static double num(const json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

static void print_goal(const json_t *g)
{
    printf("%s: %s\n  %s on %s: %g in %s -> %g by %s\n", str(g, "goal"), str(g, "name"),
           str(g, "indicator"), str(g, "subject"), num(g, "baseline"), str(g, "baseline_period"),
           num(g, "target"), str(g, "target_period"));
    const json_t *latest = json_object_get(g, "latest");
    if (json_is_object(latest))
        printf("  latest %g in %s, the path expects %.1f: %s", num(latest, "value"),
               str(latest, "period"), num(g, "expected_now"), str(g, "status"));
    else
        printf("  no data since the baseline: %s", str(g, "status"));
    printf("%s%s\n", json_is_string(json_object_get(g, "assurance")) ? "; SPC assurance " : "",
           str(g, "assurance"));
}

static void print_project(const json_t *p)
{
    printf("%s: %s (progress %.1f of 5)\n  aim: %s\n", str(p, "project"), str(p, "name"),
           num(p, "progress_score"), str(p, "aim"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(json_object_get(p, "readiness"), "components"), i, v)
        printf("  %-24s %s\n", str(v, "component"),
               json_is_true(json_object_get(v, "present")) ? str(v, "name") : "MISSING");
    json_array_foreach(json_object_get(p, "warnings"), i, v)
        printf("  WARNING: %s\n", json_string_value(v));
    json_array_foreach(json_object_get(p, "pdsa_cycles"), i, v) printf(
        "  PDSA %lld %s: %s%s%s\n", (long long)json_integer_value(json_object_get(v, "cycle")),
        str(v, "start"), str(v, "title"), json_is_string(json_object_get(v, "act")) ? " -> " : "",
        str(v, "act"));
}

static void print_map(const json_t *m)
{
    printf("Emotional map of %s (%lld stories):\n", str(m, "pathway"),
           (long long)json_integer_value(json_object_get(m, "stories")));
    size_t i, k;
    json_t *s, *w;
    json_array_foreach(json_object_get(m, "stages"), i, s)
    {
        double v = num(s, "mean_valence");
        int bar = (int)lround(fabs(v) * 5);
        printf("  %-14s %+5.2f %5s%-10.*s  %lld touchpoints:", str(s, "stage"), v, "", bar,
               v < 0 ? "----------" : "++++++++++",
               (long long)json_integer_value(json_object_get(s, "touchpoints")));
        json_array_foreach(json_object_get(s, "emotions"), k, w) printf(" %s", str(w, "emotion"));
        printf("\n");
    }
}

static void print_programme(const json_t *p)
{
    printf("%s: %s [%s]\nVision: %s\nLead: %s\n\n", str(p, "programme"), str(p, "name"),
           str(p, "status"), str(p, "vision"), str(p, "lead_name"));
    size_t i;
    json_t *v;
    long people = 0;
    json_array_foreach(json_object_get(p, "events"), i, v) people +=
        (long)(num(v, "patients") + num(v, "carers") + num(v, "staff"));
    printf("Co-design: %zu events, %ld places taken by patients, carers and staff\n",
           json_array_size(json_object_get(p, "events")), people);
    json_array_foreach(json_object_get(p, "events"), i, v)
        printf("  %s %-16s %s\n", str(v, "date"), str(v, "kind"), str(v, "place"));
    printf("\n");
    if (json_is_object(json_object_get(p, "emotional_map")))
        print_map(json_object_get(p, "emotional_map"));
    printf("\nPriorities:\n");
    json_array_foreach(json_object_get(p, "priorities"), i, v)
        printf("  %-5s %-10s %s\n", str(v, "code"), str(v, "horizon"), str(v, "title"));
    const json_t *prog = json_object_get(p, "progress");
    printf("\nPledges: %lld (", (long long)json_integer_value(json_object_get(prog, "pledges")));
    const char *k;
    int first = 1;
    json_object_foreach(json_object_get(prog, "pledge_statuses"), k, v)
    {
        printf("%s%lld %s", first ? "" : ", ", (long long)json_integer_value(v), k);
        first = 0;
    }
    printf(")\n\nWork streams:\n");
    json_array_foreach(json_object_get(p, "workstreams"), i, v)
        printf("  %-5s %-50s led by %s (%s), %lld champions\n", str(v, "code"), str(v, "name"),
               str(v, "lead_name"), str(v, "lead_role"),
               (long long)json_integer_value(json_object_get(v, "champions")));
    printf("\nGoals:\n");
    json_array_foreach(json_object_get(p, "goals"), i, v)
        print_goal(json_object_get(v, "progress"));
    printf("\nProjects:\n");
    json_array_foreach(json_object_get(p, "projects"), i, v)
        print_project(json_object_get(v, "detail"));
    json_t *score = json_object_get(prog, "score");
    printf("\nProgress: %s%.1f of 5 (projects at their scores, pledges a quarter each)\n",
           json_is_number(score) ? "" : "none yet ",
           json_is_number(score) ? num(prog, "score") : 0);
}

/* Options every one of these commands takes after its own. */
enum { O_JSON, O_SVG, O_AUDIENCE, O_PROVIDER, O_PATHWAY, O_PROGRAMME, O_DB, O_COUNT };

/* What a command asked for: the code it names, or the pathway and programme to filter by. */
typedef struct report_args {
    const char *code, *pathway, *programme;
    story_reader reader;
} report_args;

typedef int (*report_fn)(db *d, const report_args *a, json_t **out, err *e);

static int reader_from(const cli_opt *o, story_reader *r, err *e)
{
    r->audience = STORY_COMMISSIONERS;
    r->org = NULL;
    const char *a = o[O_AUDIENCE].value;
    if (o[O_PROVIDER].value) {
        r->audience = STORY_PROVIDER;
        r->org = o[O_PROVIDER].value;
    } else if (a && strcmp(a, "public") == 0) {
        r->audience = STORY_PUBLIC;
    } else if (a && strcmp(a, "commissioners") != 0) {
        return err_user(e, "--audience: '%.20s' is not commissioners or public", a);
    }
    return 0;
}

typedef int (*chart_fn)(const json_t *, strbuf *, err *);
/* A chart drawn from the database rather than from the report (the project's SPC chart). */
typedef int (*db_chart_fn)(db *, const char *, strbuf *, err *);

static int write_chart(chart_fn chart, const json_t *out, const char *path, err *e)
{
    strbuf svg = STRBUF_INIT;
    int rc = chart(out, &svg, e);
    if (!rc)
        rc = file_write_atomic(path, svg.buf, svg.len, e);
    strbuf_free(&svg);
    return rc;
}

static int write_db_chart(db_chart_fn chart, db *d, const char *code, const char *path, err *e)
{
    strbuf svg = STRBUF_INIT;
    int rc = chart(d, code, &svg, e);
    if (!rc)
        rc = file_write_atomic(path, svg.buf, svg.len, e);
    strbuf_free(&svg);
    return rc;
}

static int run(const cli_cmd *cmd, int argc, char **argv, int with_code, int audience,
               report_fn report, void (*print)(const json_t *), chart_fn chart,
               db_chart_fn db_chart)
{
    cli_opt o[O_COUNT] = {
        [O_JSON] = {"--json", NULL, "print JSON", 0},
        [O_SVG] = {"--svg", "FILE", "also draw the chart as SVG", 0},
        [O_AUDIENCE] = {"--audience", "WHO", "commissioners (default) or public", 0},
        [O_PROVIDER] = {"--provider", "ORG", "as a provider of this organisation sees it", 0},
        [O_PATHWAY] = {"--pathway", "P", "the pathway, e.g. end_of_life", 0},
        [O_PROGRAMME] = {"--programme", "CODE", "only this programme's stories", 0},
        [O_DB] = CLI_DB_OPT,
    };
    /* Only the options a command uses are offered: JSON, then its own, then --db. */
    cli_opt mine[O_COUNT];
    int n = 0;
    mine[n++] = o[O_JSON];
    if (chart || db_chart)
        mine[n++] = o[O_SVG];
    if (audience) {
        mine[n++] = o[O_AUDIENCE];
        mine[n++] = o[O_PROVIDER];
    }
    if (!with_code) {
        mine[n++] = o[O_PATHWAY];
        mine[n++] = o[O_PROGRAMME];
    }
    mine[n++] = o[O_DB];
    char *pos[1];
    int npos, status;
    if (cli_parse(cmd, argc, argv, mine, n, pos, with_code, with_code, &npos, &status))
        return status;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < O_COUNT; k++)
            if (strcmp(mine[i].name, o[k].name) == 0)
                o[k].value = mine[i].value;
    err e = {0};
    report_args args = {.code = with_code ? pos[0] : NULL,
                        .pathway = o[O_PATHWAY].value,
                        .programme = o[O_PROGRAMME].value};
    if (reader_from(o, &args.reader, &e))
        return cli_fail(&e);
    db *d;
    if (cli_open_db(o[O_DB].value, 0, &d, &e))
        return cli_fail(&e);
    json_t *out = NULL;
    int rc = report(d, &args, &out, &e);
    if (!rc && db_chart && o[O_SVG].value)
        rc = write_db_chart(db_chart, d, args.code, o[O_SVG].value, &e);
    db_close(d);
    if (!rc && chart && o[O_SVG].value)
        rc = write_chart(chart, out, o[O_SVG].value, &e);
    if (rc) {
        json_decref(out);
        return cli_fail(&e);
    }
    if (o[O_JSON].value || !print) {
        output_json(out); /* takes the reference */
        return 0;
    }
    print(out);
    json_decref(out);
    return 0;
}

static int programme_run(db *d, const report_args *a, json_t **out, err *e)
{
    return programme_report(d, a->code, &a->reader, out, e);
}

static int goal_run(db *d, const report_args *a, json_t **out, err *e)
{
    return goal_progress(d, a->code, out, e);
}

static int project_run(db *d, const report_args *a, json_t **out, err *e)
{
    return project_readiness(d, a->code, out, e);
}

static int map_run(db *d, const report_args *a, json_t **out, err *e)
{
    if (!a->pathway)
        return err_user(e, "--pathway: say which pathway, e.g. end_of_life");
    return emotion_map(d, a->pathway, &a->reader, out, e);
}

static int stories_run(db *d, const report_args *a, json_t **out, err *e)
{
    return stories_list(d, a->pathway, a->programme, &a->reader, out, e);
}

static void print_stories(const json_t *s)
{
    size_t i;
    json_t *v;
    printf("Stories as %s see them:\n", str(s, "audience"));
    json_array_foreach(json_object_get(s, "stories"), i, v)
        printf("  %s %-5s %-8s %-9s %s\n     %s\n", str(v, "told_on"), str(v, "code"),
               str(v, "teller"), str(v, "consent"), str(v, "title"), str(v, "text"));
}

int cmd_programme(const cli_cmd *cmd, int argc, char **argv)
{
    return run(cmd, argc, argv, 1, 1, programme_run, print_programme, NULL, NULL);
}

int cmd_goal(const cli_cmd *cmd, int argc, char **argv)
{
    return run(cmd, argc, argv, 1, 0, goal_run, print_goal, chart_trajectory_svg, NULL);
}

int cmd_project(const cli_cmd *cmd, int argc, char **argv)
{
    return run(cmd, argc, argv, 1, 0, project_run, print_project, NULL, report_project_svg);
}

int cmd_emotional_map(const cli_cmd *cmd, int argc, char **argv)
{
    return run(cmd, argc, argv, 0, 1, map_run, print_map, chart_emotion_svg, NULL);
}

int cmd_stories(const cli_cmd *cmd, int argc, char **argv)
{
    return run(cmd, argc, argv, 0, 1, stories_run, print_stories, NULL, NULL);
}
