/* experience: a small programme worked by hand: the emotional map's means, who may see which
 * story, a goal's status, readiness warnings and the progress roll-up. */
#include "domain/experience.h"
#include "support/test_pg.h"

#include "domain/fft_import.h"
#include "domain/reflection.h"

#include "domain/entity.h"
#include "domain/import.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static db *d;

static void load(const char *kind, const char *csv)
{
    err e = {0};
    cr_assert_eq(import_buffer(d, entity_find(kind), "t.csv", csv, strlen(csv), "test", NULL, &e),
                 0, "%s: %s", kind, e.msg);
}

static void open_db(void)
{
    err e = {0};
    char *url = test_db_scratch_url();
    cr_assert_eq(db_open(url, &d, &e), 0, "%s", e.msg);
    free(url);
    cr_assert_eq(db_migrate(d, NULL, &e), 0, "%s", e.msg);
    load("organisations", "code,name,kind,parent\nQ1,ICB,icb,\nH1,Hospice,hospice,\n"
                          "T1,Trust,acute_trust,\n");
    load("people",
         "key,name,role,specialty,organisation\n"
         "lead,Dr Lead,gp_commissioner,,Q1\nexec,Exec,executive,,T1\n"
         "doc,Dr Doc,clinician,Palliative medicine,H1\nqi,QI Lead,improvement_lead,,Q1\n");
    load("indicators", "code,name,domain,type,polarity\n"
                       "PPD,Died in preferred place,experience,proportion,high_is_good\n");
    /* 50% in 2025-01, rising 2 points a month to 60% in 2025-06. */
    load("observations", "indicator,organisation,period,numerator,denominator\n"
                         "PPD,Q1,2025-01,50,100\nPPD,Q1,2025-02,52,100\nPPD,Q1,2025-03,54,100\n"
                         "PPD,Q1,2025-04,56,100\nPPD,Q1,2025-05,58,100\nPPD,Q1,2025-06,60,100\n");
    load("programmes", "code,name,pathway,lead,status\nPG,Dying well,eol,lead,active\n");
    load("stories",
         "code,programme,pathway,teller,consent,organisation,told_on,title,text,moderated_text,"
         "moderation,moderated_by,change\n"
         "S1,PG,eol,carer,public,T1,2025-01-01,One,Nurse Ann was kind,A nurse was kind,approved,"
         "Mod,none\n"
         "S2,PG,eol,patient,internal,T1,2025-01-02,Two,Ward 9 lost my plan,A ward lost my plan,"
         "approved,Mod,none\n"
         "S3,PG,eol,carer,none,T1,2025-01-03,Three,Secret SECRETWORD,,pending,,none\n"
         "S4,PG,eol,patient,public,H1,2025-01-04,Four,Dr X said PENDINGWORD,,pending,,none\n"
         "S5,PG,other,patient,public,H1,2025-01-05,Five,Elsewhere,Elsewhere told,approved,Mod,"
         "none\n");
    /* Valences: diagnosis -2 (S1), -1 (S3); care +1 (S1), +2 (S2), -2 (S3), +1 (S4); death +2 (S1).
     */
    load("touchpoints", "story,n,stage,emotion,valence\n"
                        "S1,1,diagnosis,shocked,-2\nS1,2,care,held,1\nS1,3,death,peace,2\n"
                        "S2,1,care,heard,2\nS3,1,diagnosis,scared,-1\nS3,2,care,lost,-2\n"
                        "S4,1,care,held,1\nS5,1,care,fine,1\n");
    load("goals", "code,programme,name,indicator,organisation,baseline,baseline_period,target,"
                  "target_period\n"
                  "G1,PG,Most die where they choose,PPD,Q1,50,2025-01,70,2025-11\n"
                  "G2,PG,Faster,PPD,Q1,50,2025-01,55,2025-03\n"
                  "G3,PG,Steeper,PPD,Q1,50,2025-01,62,2025-04\n");
    load("projects", "code,programme,name,aim,indicator,organisation,pathway,senior_sponsor,"
                     "clinical_lead,improvement_lead,start,progress_score\n"
                     "P1,PG,All three,Aim one,PPD,Q1,eol,exec,doc,qi,2025-01-01,4\n"
                     "P2,PG,No sponsor,Aim two,,,eol,,doc,qi,2025-01-01,2\n"
                     "P3,PG,Nobody,Aim three,,,,,,,2025-02-01,0.5\n");
    load("pdsa-cycles", "project,cycle,title,start,change_period,rebase\n"
                        "P1,1,Test,2025-01-06,,0\nP1,2,Change,2025-02-01,2025-04,1\n");
    load("pledges", "code,programme,organisation,pledge,made_on,status,evidence\n"
                    "L1,PG,T1,One,2025-01-01,delivered,Seen\nL2,PG,T1,Two,2025-01-01,made,\n"
                    "L3,PG,H1,Three,2025-01-01,made,\nL4,PG,H1,Four,2025-01-01,lapsed,\n");
}

static void close_db(void)
{
    db_close(d);
}

TestSuite(experience, .init = open_db, .fini = close_db);

static const json_t *stage(const json_t *map, const char *name)
{
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(map, "stages"), i,
                       s) if (strcmp(json_string_value(json_object_get(s, "stage")), name) ==
                              0) return s;
    return NULL;
}

static double num(const json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

Test(experience, emotional_map_means_for_commissioners)
{
    story_reader all = {STORY_COMMISSIONERS, NULL};
    json_t *m;
    err e = {0};
    cr_assert_eq(emotion_map(d, "eol", &all, &m, &e), 0, "%s", e.msg);
    cr_assert_eq(num(m, "stories"), 4);
    const json_t *dx = stage(m, "diagnosis"), *care = stage(m, "care"), *death = stage(m, "death");
    /* diagnosis (-2 - 1) / 2 = -1.5; care (1 + 2 - 2 + 1) / 4 = 0.5; death 2. */
    cr_assert_float_eq(num(dx, "mean_valence"), -1.5, 1e-12);
    cr_assert_eq(num(dx, "touchpoints"), 2);
    cr_assert_float_eq(num(care, "mean_valence"), 0.5, 1e-12);
    cr_assert_eq(num(care, "touchpoints"), 4);
    cr_assert_eq(num(care, "stories"), 4);
    cr_assert_float_eq(num(death, "mean_valence"), 2, 1e-12);
    /* The journey's order: diagnosis first (place 0), death last (place 1), care between. */
    json_t *stages = json_object_get(m, "stages");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(stages, 0), "stage")),
                     "diagnosis");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(stages, 2), "stage")),
                     "death");
    /* "held" is used twice at the care stage: the most used word comes first. */
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(care, "emotions"), 0), "emotion")),
                     "held");
    json_decref(m);
}

Test(experience, the_public_map_uses_only_consented_approved_stories)
{
    story_reader pub = {STORY_PUBLIC, NULL};
    json_t *m;
    err e = {0};
    cr_assert_eq(emotion_map(d, "eol", &pub, &m, &e), 0, "%s", e.msg);
    /* Only S1 (public, approved): S2 is internal only, S3 unconsented, S4 not moderated. */
    cr_assert_eq(num(m, "stories"), 1);
    cr_assert_float_eq(num(stage(m, "care"), "mean_valence"), 1, 1e-12);
    cr_assert_float_eq(num(stage(m, "diagnosis"), "mean_valence"), -2, 1e-12);
    json_decref(m);
}

static char *listing(story_audience a, const char *org)
{
    story_reader r = {a, org};
    json_t *s;
    err e = {0};
    cr_assert_eq(stories_list(d, "eol", NULL, &r, &s, &e), 0, "%s", e.msg);
    char *text = json_dumps(s, JSON_SORT_KEYS);
    json_decref(s);
    return text;
}

Test(experience, unconsented_stories_never_leave_the_commissioners_view)
{
    char *c = listing(STORY_COMMISSIONERS, NULL);
    cr_assert(strstr(c, "SECRETWORD") && strstr(c, "Nurse Ann") && strstr(c, "PENDINGWORD"));
    free(c);
    /* The trust sees its two approved, consented stories, moderated: no names. */
    char *t1 = listing(STORY_PROVIDER, "T1");
    cr_assert(strstr(t1, "A nurse was kind") && strstr(t1, "A ward lost my plan"), "%s", t1);
    cr_assert_null(strstr(t1, "SECRETWORD"));
    cr_assert_null(strstr(t1, "Nurse Ann"));
    cr_assert_null(strstr(t1, "Ward 9"));
    cr_assert_null(strstr(t1, "moderation"));
    free(t1);
    /* The hospice's only eol story is not yet moderated. */
    char *h1 = listing(STORY_PROVIDER, "H1");
    cr_assert_null(strstr(h1, "PENDINGWORD"));
    cr_assert_null(strstr(h1, "\"code\""), "%s", h1);
    free(h1);
    char *pub = listing(STORY_PUBLIC, NULL);
    cr_assert(strstr(pub, "A nurse was kind"));
    cr_assert_null(strstr(pub, "lost my plan"));
    cr_assert_null(strstr(pub, "SECRETWORD"));
    cr_assert_null(strstr(pub, "PENDINGWORD"));
    free(pub);
}

Test(experience, an_approved_story_must_have_been_moderated)
{
    err e = {0};
    const char *csv = "code,pathway,teller,consent,told_on,title,text,moderated_text,moderation,"
                      "moderated_by,change\n"
                      "S9,eol,carer,public,2025-01-01,Nine,Same words,Same words,approved,M,none\n";
    cr_assert_eq(import_buffer(d, entity_find("stories"), "s.csv", csv, strlen(csv), "t", NULL, &e),
                 -1);
    cr_assert(strstr(e.msg, "s.csv:2") && strstr(e.msg, "moderated_text"), "%s", e.msg);
}

static json_t *goal(const char *code)
{
    json_t *g;
    err e = {0};
    cr_assert_eq(goal_progress(d, code, &g, &e), 0, "%s", e.msg);
    return g;
}

Test(experience, goal_status_against_the_path)
{
    /* G1: 50 -> 70 over 10 months, 2 a month; 2025-06 expects 60 and has 60: on track. */
    json_t *g = goal("G1");
    cr_assert_str_eq(json_string_value(json_object_get(g, "status")), "on_track");
    cr_assert_float_eq(num(g, "expected_now"), 60, 1e-9);
    cr_assert_eq(json_array_size(json_object_get(g, "points")), 6);
    cr_assert_float_eq(num(json_array_get(json_object_get(g, "points"), 2), "expected"), 54, 1e-9);
    json_decref(g);
    /* G2: 55 by 2025-03; 60 reached: achieved. */
    g = goal("G2");
    cr_assert_str_eq(json_string_value(json_object_get(g, "status")), "achieved");
    json_decref(g);
    /* G3: 62 by 2025-04, then 62 on; 2025-06 has 60 < 62: off track. */
    g = goal("G3");
    cr_assert_str_eq(json_string_value(json_object_get(g, "status")), "off_track");
    cr_assert_float_eq(num(g, "expected_now"), 62, 1e-9);
    json_decref(g);
    err e = {0};
    json_t *none;
    cr_assert_eq(goal_progress(d, "NOPE", &none, &e), -1);
    cr_assert(e.not_found);
}

static json_t *project(const char *code)
{
    json_t *p;
    err e = {0};
    cr_assert_eq(project_readiness(d, code, &p, &e), 0, "%s", e.msg);
    return p;
}

Test(experience, readiness_warns_for_each_missing_component)
{
    json_t *p = project("P1");
    cr_assert(json_is_true(json_object_get(json_object_get(p, "readiness"), "ready")));
    cr_assert_eq(json_array_size(json_object_get(p, "warnings")), 0);
    /* The chart starts a new segment at the rebased cycle's change (2025-04). */
    json_t *chart = json_object_get(p, "chart");
    json_t *pts = json_object_get(chart, "points");
    cr_assert_float_eq(num(json_array_get(pts, 0), "mean"), 52, 1e-9);
    cr_assert_float_eq(num(json_array_get(pts, 5), "mean"), 58, 1e-9);
    cr_assert_eq(json_array_size(json_object_get(chart, "annotations")), 1);
    json_decref(p);

    p = project("P2");
    json_t *w = json_object_get(p, "warnings");
    cr_assert_eq(json_array_size(w), 1);
    cr_assert(strstr(json_string_value(json_array_get(w, 0)), "senior sponsor"));
    cr_assert_eq(num(json_object_get(p, "readiness"), "present"), 2);
    json_decref(p);

    p = project("P3");
    cr_assert_eq(json_array_size(json_object_get(p, "warnings")), 3);
    cr_assert(json_is_null(json_object_get(p, "chart")));
    json_decref(p);
}

Test(experience, progress_rolls_up_projects_and_pledges)
{
    json_t *p;
    err e = {0};
    cr_assert_eq(programme_progress(d, "PG", &p, &e), 0, "%s", e.msg);
    /* Projects 4 + 2 + 0.5 = 6.5 at weight 3; pledges delivered 4, made 1, made 1, lapsed 0.5 =
     * 6.5 x 0.25 = 1.625 at weight 1; (6.5 + 1.625) / 4 = 2.03125, shown as 2.0. */
    cr_assert_float_eq(num(p, "score"), 2.0, 1e-12);
    cr_assert_eq(num(p, "pledges"), 4);
    cr_assert_eq(num(json_object_get(p, "pledge_statuses"), "made"), 2);
    json_decref(p);
}

Test(experience, the_programme_report_holds_the_story)
{
    story_reader all = {STORY_COMMISSIONERS, NULL};
    json_t *r;
    err e = {0};
    cr_assert_eq(programme_report(d, "PG", &all, &r, &e), 0, "%s", e.msg);
    cr_assert_str_eq(json_string_value(json_object_get(r, "lead_name")), "Dr Lead");
    cr_assert_eq(json_array_size(json_object_get(r, "goals")), 3);
    cr_assert_eq(json_array_size(json_object_get(r, "projects")), 3);
    cr_assert_eq(json_array_size(json_object_get(r, "pledges")), 4);
    cr_assert_eq(num(json_object_get(r, "emotional_map"), "stories"), 4);
    json_decref(r);
}

static int64_t count(const char *sql)
{
    int64_t n = -1;
    err e = {0};
    cr_assert_eq(db_query_int64(d, sql, &n, &e), 0, "%s", e.msg);
    return n;
}

Test(experience, fft_answers_load_as_observations_scored_the_nhs_way)
{
    load("indicators", "code,name,domain,type,polarity\n"
                       "FFT,Would recommend,experience,proportion,high_is_good\n"
                       "RATE,A rate,safety,rate,low_is_good\n");
    err e = {0};
    import_stats st;
    /* 600 + 250 positive of 1,000 answers, 50 of them "don't know": 85%, not 850/950. */
    const char *csv = "period,indicator,organisation,very_good,good,neither,poor,very_poor,"
                      "dont_know\n2025-04,FFT,T1,600,250,40,30,30,50\n";
    cr_assert_eq(fft_import_buffer(d, "fft.csv", csv, strlen(csv), "t", &st, &e), 0, "%s", e.msg);
    cr_assert_eq(st.created, 1);
    cr_assert_eq(count("SELECT CAST(value * 1000 AS INTEGER) FROM observations WHERE "
                       "indicator_code = 'FFT'"),
                 85000);
    cr_assert_eq(count("SELECT CAST(denominator AS INTEGER) FROM observations WHERE "
                       "indicator_code = 'FFT'"),
                 1000);

    /* Errors name the line and column of the file the user wrote; nothing is stored. */
    const char *bad = "indicator,organisation,period,very_good,good,neither,poor,very_poor,"
                      "dont_know\nFFT,T1,2025-05,1,1,0,0,0,0\n\nFFT,T1,2025-06,1,-2,0,0,0,0\n";
    cr_assert_eq(fft_import_buffer(d, "fft.csv", bad, strlen(bad), "t", &st, &e), -1);
    cr_assert(strstr(e.msg, "fft.csv:4: column 'good': value '-2'"), "%s", e.msg);
    const char *unknown = "indicator,organisation,period,very_good,good,neither,poor,very_poor,"
                          "dont_know\nFFT,T1,2025-05,1,1,0,0,0,0\n\nFFT,NOPE,2025-06,1,2,0,0,0,0\n";
    cr_assert_eq(fft_import_buffer(d, "fft.csv", unknown, strlen(unknown), "t", &st, &e), -1);
    cr_assert(strstr(e.msg, "fft.csv:4: column 'organisation': value 'NOPE'"), "%s", e.msg);
    const char *rate = "indicator,organisation,period,very_good,good,neither,poor,very_poor,"
                       "dont_know\nRATE,T1,2025-05,1,1,0,0,0,0\n";
    cr_assert_eq(fft_import_buffer(d, "fft.csv", rate, strlen(rate), "t", &st, &e), -1);
    cr_assert(strstr(e.msg, "fft.csv:2: column 'indicator'") && strstr(e.msg, "proportion"), "%s",
              e.msg);
    const char *none = "indicator,organisation,period,very_good,good,neither,poor,very_poor,"
                       "dont_know\nFFT,T1,2025-05,0,0,0,0,0,0\n";
    cr_assert_eq(fft_import_buffer(d, "fft.csv", none, strlen(none), "t", &st, &e), -1);
    cr_assert(strstr(e.msg, "no answers"), "%s", e.msg);
    const char *missing = "indicator,organisation,period,very_good,good\nFFT,T1,2025-05,1,1\n";
    cr_assert_eq(fft_import_buffer(d, "fft.csv", missing, strlen(missing), "t", &st, &e), -1);
    cr_assert(strstr(e.msg, "fft.csv:1: the column 'neither' is missing"), "%s", e.msg);
    cr_assert_eq(count("SELECT COUNT(*) FROM observations WHERE indicator_code = 'FFT'"), 1);
}

Test(experience, reflections_are_private_until_shared)
{
    load("learning-sessions", "code,date,theme\nLS,2025-01-01,Boundaries\n");
    err e = {0};
    json_t *obj =
        json_pack("{s:s, s:s, s:s}", "session", "LS", "text", "Listen first", "project", "P1");
    int64_t id = 0;
    cr_assert_eq(reflection_add(d, obj, "a@nhs.uk", &id, &e), 0, "%s", e.msg);
    json_decref(obj);
    json_t *mine, *theirs;
    cr_assert_eq(reflection_list(d, "a@nhs.uk", NULL, &mine, &e), 0, "%s", e.msg);
    json_t *it = json_array_get(json_object_get(mine, "items"), 0);
    cr_assert(json_is_true(json_object_get(it, "mine")));
    cr_assert(json_is_false(json_object_get(it, "shared")));
    cr_assert_str_eq(json_string_value(json_object_get(it, "theme")), "Boundaries");
    cr_assert_eq(strlen(json_string_value(json_object_get(it, "written_at"))), 20);
    json_decref(mine);
    cr_assert_eq(reflection_list(d, "b@nhs.uk", NULL, &theirs, &e), 0, "%s", e.msg);
    cr_assert_eq(json_array_size(json_object_get(theirs, "items")), 0);
    json_decref(theirs);
    cr_assert_eq(reflection_set_shared(d, id, "b@nhs.uk", 1, &e), -1);
    cr_assert(e.not_found);
    cr_assert_eq(reflection_set_shared(d, id, "a@nhs.uk", 1, &e), 0, "%s", e.msg);
    cr_assert_eq(reflection_list(d, "b@nhs.uk", "LS", &theirs, &e), 0, "%s", e.msg);
    it = json_array_get(json_object_get(theirs, "items"), 0);
    cr_assert(json_is_false(json_object_get(it, "mine")));
    cr_assert(json_is_true(json_object_get(it, "shared")));
    json_decref(theirs);
    obj = json_pack("{s:s, s:s}", "text", "x", "project", "NOPE");
    cr_assert_eq(reflection_add(d, obj, "a@nhs.uk", NULL, &e), -1);
    cr_assert_str_eq(e.field, "project");
    json_decref(obj);
}
