/* Stories and the emotional map, as each kind of reader may see them. */
#include "domain/experience.h"

#include "domain/row_json.h"
#include "util/strbuf.h"

/* The rows of stories s this reader may see; ?3 is the provider's organisation. */
static const char *reader_filter(const story_reader *r)
{
    switch (r->audience) {
    case STORY_COMMISSIONERS:
        return "1 = 1";
    case STORY_PROVIDER:
        return "s.moderation = 'approved' AND s.consent IN ('internal', 'public') AND "
               "s.organisation_code = ?3";
    default:
        return "s.moderation = 'approved' AND s.consent = 'public'";
    }
}

int stories_add_touchpoints(db *d, json_t *stories, err *e)
{
    size_t i;
    json_t *story;
    json_array_foreach(stories, i, story)
    {
        json_t *tps = json_array();
        json_object_set_new(story, "touchpoints", tps);
        const char *code = json_string_value(json_object_get(story, "code"));
        if (row_json_rows(d,
                          "SELECT n, stage, emotion, valence FROM touchpoints WHERE story_code = "
                          "?1 ORDER BY n",
                          "issi", &code, 1, tps, e))
            return -1;
    }
    return 0;
}

int stories_list(db *d, const char *pathway, const char *programme, const story_reader *r,
                 json_t **out, err *e)
{
    int all = r->audience == STORY_COMMISSIONERS;
    strbuf sql = STRBUF_INIT;
    strbuf_addf(&sql,
                "SELECT s.code, s.programme_code AS programme, s.pathway, s.teller, s.consent, "
                "s.organisation_code AS organisation, s.told_on, s.title, %s AS text, "
                "s.response, s.change_status AS change%s FROM stories s "
                "WHERE (?1 IS NULL OR s.pathway = ?1) AND (?2 IS NULL OR s.programme_code = ?2) "
                "AND %s ORDER BY s.told_on DESC, s.code",
                all ? "s.text" : "s.moderated_text",
                all ? ", s.moderated_text, s.moderation, s.moderated_by" : "", reader_filter(r));
    const char *params[] = {pathway, programme, r->org};
    json_t *list = json_array();
    int rc = row_json_rows(d, strbuf_str(&sql), "ssssssssssssss", params, 3, list, e);
    strbuf_free(&sql);
    if (!rc)
        rc = stories_add_touchpoints(d, list, e);
    if (rc) {
        json_decref(list);
        return -1;
    }
    *out = json_pack("{s:s, s:o}", "audience",
                     all                             ? "commissioners"
                     : r->audience == STORY_PROVIDER ? "provider"
                                                     : "public",
                     "stories", list);
    return 0;
}

static int add_emotions(db *d, const char *pathway, const story_reader *r, json_t *stage, err *e)
{
    strbuf sql = STRBUF_INIT;
    strbuf_addf(&sql,
                "SELECT t.emotion AS emotion, COUNT(*) AS times FROM touchpoints t "
                "JOIN stories s ON s.code = t.story_code WHERE s.pathway = ?1 AND t.stage = ?2 "
                "AND %s GROUP BY t.emotion ORDER BY times DESC, t.emotion LIMIT 3",
                reader_filter(r));
    const char *params[] = {pathway, json_string_value(json_object_get(stage, "stage")), r->org};
    json_t *words = json_array();
    json_object_set_new(stage, "emotions", words);
    int rc = row_json_rows(d, strbuf_str(&sql), "si", params, 3, words, e);
    strbuf_free(&sql);
    return rc;
}

int emotion_map(db *d, const char *pathway, const story_reader *r, json_t **out, err *e)
{
    strbuf sql = STRBUF_INIT;
    /* Stages are ordered by where they come in the stories people told (each touchpoint's
     * place from 0, first, to 1, last, in its own story), not alphabetically, so the map
     * reads as the journey. A one-touchpoint story says nothing about order. */
    strbuf_addf(&sql,
                "SELECT t.stage AS stage, AVG(t.valence) AS mean_valence, COUNT(*) AS touchpoints, "
                "COUNT(DISTINCT t.story_code) AS stories FROM touchpoints t "
                "JOIN stories s ON s.code = t.story_code "
                "JOIN (SELECT story_code, MIN(n) AS first, MAX(n) AS last FROM touchpoints "
                "GROUP BY story_code) span ON span.story_code = t.story_code "
                "WHERE s.pathway = ?1 AND %s GROUP BY t.stage "
                "ORDER BY COALESCE(AVG(CASE WHEN span.last > span.first THEN "
                "(t.n - span.first) * 1.0 / (span.last - span.first) END), 0.5), t.stage",
                reader_filter(r));
    const char *params[] = {pathway, NULL, r->org};
    json_t *stages = json_array();
    int rc = row_json_rows(d, strbuf_str(&sql), "sdii", params, 3, stages, e);
    strbuf_reset(&sql);
    size_t i;
    json_t *stage;
    json_array_foreach(stages, i, stage)
    {
        if (rc)
            break;
        rc = add_emotions(d, pathway, r, stage, e);
    }
    json_t *count = json_array();
    if (!rc) {
        strbuf_addf(&sql, "SELECT COUNT(*) AS n FROM stories s WHERE s.pathway = ?1 AND %s",
                    reader_filter(r));
        rc = row_json_rows(d, strbuf_str(&sql), "i", params, 3, count, e);
    }
    strbuf_free(&sql);
    if (rc) {
        json_decref(stages);
        json_decref(count);
        return -1;
    }
    *out = json_pack("{s:s, s:O, s:o}", "pathway", pathway, "stories",
                     json_object_get(json_array_get(count, 0), "n"), "stages", stages);
    json_decref(count);
    return 0;
}
