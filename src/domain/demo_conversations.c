/* The demo's conversations: the story of the autumn of 2026 in Northvale, logged through the
 * same domain code as anyone's. Planted for the relationship views (docs/demo.md):
 *   - end of life care has been talked through with clinicians from five specialties across
 *     the hospice, the community trust and the hospital, in a chain of three conversations;
 *   - the frailty virtual ward redesign has so far involved only GPs and managers (the
 *     clinical involvement warning);
 *   - the mental health trust (an £86m contract) was last talked with in June, and its action
 *     and follow-up are overdue; the GP federation has never been talked with: both are gaps;
 *   - one conversation is commissioners-only; the rest are shared with their organisations. */
#include "domain/demo_conversations.h"

#include "domain/conversation.h"

#include <jansson.h>

static const char *const conversations[] = {
    /* 1 */
    "{\"held_on\":\"2026-06-18\",\"title\":\"Crisis care: waits for a first assessment\","
    "\"participants\":[{\"person\":\"p-0005\"},{\"person\":\"p-0021\"}],"
    "\"organisations\":[\"RNM\"],\"services\":[\"SVC-MH-CRHT\"],\"pathways\":[\"mental_health\"],"
    "\"what_matters\":\"Being seen by someone who knows you when things fall apart at night\","
    "\"concerns\":\"Waits of over a day for a first crisis assessment; people turning to the "
    "emergency department instead\","
    "\"ideas\":\"Link the crisis line with the Safe Haven cafe so people have somewhere to go\","
    "\"agreements\":\"The trust will share its crisis line call data by the end of July\","
    "\"follow_up\":\"2026-08-15\",\"visibility\":\"shared\","
    "\"actions\":[{\"description\":\"Share crisis line call and wait data\",\"owner\":\"p-0021\","
    "\"due\":\"2026-07-31\"}],\"tags\":[\"crisis\"]}",
    /* 2 */
    "{\"held_on\":\"2026-09-10\",\"title\":\"End of life care: dying where people choose\","
    "\"participants\":[{\"person\":\"p-0001\"},{\"person\":\"p-0007\"},{\"person\":\"p-0016\"},"
    "{\"person\":\"p-0017\"},{\"person\":\"p-0018\"}],"
    "\"organisations\":[\"NNV01\",\"RNC\",\"RNV\"],"
    "\"services\":[\"SVC-EOL-HAH\",\"SVC-EOL-SPCT\",\"SVC-EOL-HSPC\"],"
    "\"pathways\":[\"end_of_life\"],\"opportunities\":[\"indicator:EOL-ADM90:RNV\"],"
    "\"charts\":[\"/api/v1/indicators/EOL-ADM90/spc?org=QNV\"],"
    "\"what_matters\":\"Dying at home with family around; not being taken into hospital in the "
    "last days of life\","
    "\"concerns\":\"Out-of-hours access to syringe drivers and anticipatory medicines; three "
    "teams visiting the same family without knowing it\","
    "\"ideas\":\"One coordination hub shared by the hospice at home and the community "
    "palliative care team; EPaCCS records everyone can read\","
    "\"agreements\":\"Map a week of out-of-hours calls together before deciding anything\","
    "\"notes\":\"Bridget brought **three family stories**. The hospital team said admissions in "
    "the last 90 days are often at weekends.\\n\\n- calls peak 18:00-22:00\\n- no shared "
    "record out of hours\","
    "\"follow_up\":\"2026-10-15\",\"visibility\":\"shared\","
    "\"actions\":[{\"description\":\"Collect a week of out-of-hours calls\",\"owner\":\"p-0017\","
    "\"due\":\"2026-10-01\",\"status\":\"done\"},{\"description\":\"Weekend admissions in the "
    "last 90 days of life, by ward\",\"owner\":\"p-0018\",\"due\":\"2026-10-10\","
    "\"status\":\"done\"}],\"tags\":[\"co-design\"]}",
    /* 3 */
    "{\"held_on\":\"2026-10-15\",\"title\":\"End of life care: what the out-of-hours week "
    "showed\",\"parent\":2,"
    "\"participants\":[{\"person\":\"p-0001\"},{\"person\":\"p-0016\"},{\"person\":\"p-0017\"},"
    "{\"person\":\"p-0022\"},{\"person\":\"p-0027\"}],"
    "\"organisations\":[\"NNV01\",\"RNC\"],\"services\":[\"SVC-EOL-HAH\",\"SVC-EOL-EPACCS\"],"
    "\"pathways\":[\"end_of_life\"],"
    "\"what_matters\":\"Families want one number to ring, day or night\","
    "\"concerns\":\"District nurses cannot see hospice care plans out of hours\","
    "\"ideas\":\"A shared out-of-hours rota between the hospice and district nursing\","
    "\"agreements\":\"Pilot a single out-of-hours number in Calderbridge from January\","
    "\"follow_up\":\"2026-12-10\",\"visibility\":\"shared\","
    "\"actions\":[{\"description\":\"Draft the shared rota\",\"owner\":\"p-0022\","
    "\"due\":\"2026-11-20\"},{\"description\":\"Ask EPaCCS for read access for district "
    "nurses\",\"owner\":\"p-0007\",\"due\":\"2026-12-15\"}],\"tags\":[\"co-design\"]}",
    /* 4 */
    "{\"held_on\":\"2026-09-24\",\"title\":\"Frailty virtual ward: who it is for\","
    "\"participants\":[{\"person\":\"p-0003\"},{\"person\":\"p-0002\"},{\"person\":\"p-0010\"},"
    "{\"person\":\"p-0012\",\"side\":\"provider\"}],"
    "\"organisations\":[\"RNC\"],\"services\":[\"SVC-FRA-VW\"],\"pathways\":[\"frailty\"],"
    "\"what_matters\":\"Staying at home after a fall\","
    "\"concerns\":\"Beds on the virtual ward are half empty\","
    "\"ideas\":\"Let practices refer directly\","
    "\"follow_up\":\"2026-11-12\",\"visibility\":\"shared\"}",
    /* 5 */
    "{\"held_on\":\"2026-11-12\",\"title\":\"Frailty virtual ward: referral criteria\","
    "\"parent\":4,\"mode\":\"video\","
    "\"participants\":[{\"person\":\"p-0008\"},{\"person\":\"p-0006\"},{\"person\":\"p-0012\","
    "\"side\":\"provider\"}],"
    "\"organisations\":[\"RNC\"],\"services\":[\"SVC-FRA-VW\"],\"pathways\":[\"frailty\"],"
    "\"agreements\":\"Draft referral criteria for the January contract variation\","
    "\"visibility\":\"commissioners\","
    "\"notes\":\"Contract view before we go back to the trust: the ward costs "
    "2.6 million pounds a year.\"}",
    /* 6 */
    "{\"held_on\":\"2026-10-02\",\"title\":\"Fellside Memorial: space nobody uses\","
    "\"participants\":[{\"person\":\"p-0011\"},{\"person\":\"p-0012\"},{\"person\":\"p-0020\"}],"
    "\"organisations\":[\"RNC\"],\"opportunities\":[\"estates:S-FMH\"],"
    "\"what_matters\":\"Physiotherapy close to home for people on the coast\","
    "\"concerns\":\"Two floors are empty or under-used; the heating runs for all of them\","
    "\"ideas\":\"Move pulmonary rehabilitation and MSK classes into the empty floor\","
    "\"agreements\":\"A joint walk-round of Fellside Memorial before the estates plan\","
    "\"visibility\":\"shared\","
    "\"actions\":[{\"description\":\"Book the walk-round\",\"owner\":\"p-0011\","
    "\"due\":\"2026-11-20\"}],\"tags\":[\"estates\"]}",
    /* 7 */
    "{\"held_on\":\"2026-11-05\",\"title\":\"Outpatients: follow-ups that need not happen\","
    "\"participants\":[{\"person\":\"p-0008\"},{\"person\":\"p-0019\"},{\"person\":\"p-0028\"}],"
    "\"organisations\":[\"RNV\"],\"services\":[\"SVC-MSK-ORTHO\"],\"pathways\":[\"msk\"],"
    "\"opportunities\":[\"indicator:OP-DNA:RNV\"],"
    "\"what_matters\":\"Not travelling an hour to be told everything is fine\","
    "\"concerns\":\"Clinic templates book a follow-up by default\","
    "\"ideas\":\"Patient-initiated follow-up for stable respiratory and orthopaedic patients\","
    "\"agreements\":\"Respiratory will trial patient-initiated follow-up from December\","
    "\"follow_up\":\"2027-01-15\",\"visibility\":\"shared\","
    "\"actions\":[{\"description\":\"Share the clinic template changes\",\"owner\":\"p-0028\","
    "\"due\":\"2026-12-12\"}],\"tags\":[\"outpatients\"]}",
    /* 8 */
    "{\"held_on\":\"2026-08-20\",\"title\":\"Emergency department: ambulance handovers\","
    "\"participants\":[{\"person\":\"p-0031\"},{\"person\":\"p-0023\"},{\"person\":\"p-0025\"}],"
    "\"organisations\":[\"RNV\"],\"services\":[\"SVC-UEC-ED\"],\"pathways\":[\"urgent_care\"],"
    "\"concerns\":\"Handovers over an hour on Monday evenings\","
    "\"ideas\":\"Same day emergency care open later for frail patients\","
    "\"agreements\":\"Look at Monday evening demand together\",\"visibility\":\"shared\"}",
    /* 9 */
    "{\"held_on\":\"2026-11-20\",\"title\":\"Social prescribing: what people tell Healthwatch\","
    "\"participants\":[{\"person\":\"p-0013\"},{\"person\":\"p-0040\"},{\"person\":\"p-0010\"}],"
    "\"organisations\":[\"NNV03\"],\"services\":[\"SVC-PC-SP\"],\"pathways\":[\"primary_care\"],"
    "\"what_matters\":\"Someone to talk to who is not in a hurry\","
    "\"concerns\":\"Link workers leave because contracts are a year at a time\","
    "\"agreements\":\"Consider three-year funding in the next round\","
    "\"visibility\":\"shared\"}",
};

/* The id of a conversation already held on that day with that title (0: none), so that
 * loading the demo again adds nothing twice. */
static int existing(db *d, json_t *obj, int64_t *id, err *e)
{
    db_stmt *s;
    *id = 0;
    if (db_prepare(d, "SELECT id FROM conversations WHERE held_on = ? AND title = ?", &s, e))
        return -1;
    int rc = db_bind_text(s, 1, json_string_value(json_object_get(obj, "held_on")), e);
    rc = rc ? rc : db_bind_text(s, 2, json_string_value(json_object_get(obj, "title")), e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW)
        *id = db_col_int64(s, 0);
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int demo_load_conversations(db *d, int *created, err *e)
{
    enum { N = sizeof conversations / sizeof conversations[0] };
    int64_t ids[N] = {0};
    int n = 0;
    for (size_t i = 0; i < N; i++) {
        json_error_t je;
        json_t *obj = json_loads(conversations[i], JSON_REJECT_DUPLICATES, &je);
        if (!obj)
            return err_internal(e, "demo conversation %zu: %s", i + 1, je.text);
        /* "parent" here is the 1-based position in this list; stored, it is an id. */
        json_t *parent = json_object_get(obj, "parent");
        if (json_is_integer(parent))
            json_object_set_new(obj, "parent", json_integer(ids[json_integer_value(parent) - 1]));
        int rc = existing(d, obj, &ids[i], e);
        if (!rc && !ids[i]) {
            rc = conversation_create(d, obj, "demo", &ids[i], e);
            n += rc == 0;
        }
        json_decref(obj);
        if (rc) {
            err_prefix(e, "demo conversation %zu", i + 1);
            return -1;
        }
    }
    if (created)
        *created = n;
    return 0;
}
