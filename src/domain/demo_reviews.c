/* The demo's contract reviews, recorded through the same domain code as anyone's
 * (docs/contract-review.md):
 *   - the acute contract was reviewed in August and again in November with two of the trust's
 *     consultants and its chief nurse; outpatient non-attendance is a special cause of concern
 *     and above the funnel's 99.8% limit, and one action agreed in November is already
 *     overdue;
 *   - the mental health contract was reviewed in September: not assured on safety (crisis
 *     waits, as the June conversation heard), its next review due in December. */
#include "domain/demo_reviews.h"

#include "domain/review.h"

#include <jansson.h>

static const char *const reviews[] = {
    "{\"contract\":\"C-2025-ACU\",\"held_on\":\"2026-08-20\","
    "\"attendees\":[{\"person\":\"p-0008\"},{\"person\":\"p-0018\"},{\"person\":\"p-0032\"}],"
    "\"summary\":\"First quarter of the new contract: activity on plan, quality mostly stable\","
    "\"findings\":[{\"domain\":\"safety\",\"finding\":\"Falls per 1,000 bed days falling since "
    "the frailty unit opened\",\"assurance\":\"assured\"},"
    "{\"domain\":\"experience\",\"finding\":\"Friends and Family Test steady around 91% "
    "positive\",\"assurance\":\"assured\"}],"
    "\"actions\":[{\"description\":\"Share the ward-level falls data each month\","
    "\"owner\":\"p-0032\",\"due\":\"2026-09-30\",\"status\":\"done\"}],"
    "\"next_review\":\"2026-11-19\"}",
    "{\"contract\":\"C-2025-ACU\",\"held_on\":\"2026-11-19\","
    "\"attendees\":[{\"person\":\"p-0008\"},{\"person\":\"p-0018\"},{\"person\":\"p-0025\"},"
    "{\"person\":\"p-0032\"},{\"person\":\"p-0013\"}],"
    "\"summary\":\"Outpatient non-attendance is rising and stands out against peers; the "
    "clinicians asked for the reasons before any target\","
    "\"findings\":[{\"domain\":\"safety\",\"finding\":\"Falls still improving; C. difficile "
    "within expected variation\",\"assurance\":\"assured\"},"
    "{\"domain\":\"effectiveness\",\"finding\":\"No effectiveness indicator is reported under "
    "this contract yet: the trust will propose two\",\"assurance\":\"not_assured\"},"
    "{\"domain\":\"experience\",\"finding\":\"Friends and Family Test and staff recommendation "
    "both similar to peers\",\"assurance\":\"assured\"},"
    "{\"domain\":\"productivity\",\"finding\":\"Outpatient DNAs a special cause of concern and "
    "above the 99.8% funnel limit\",\"assurance\":\"partly_assured\"}],"
    "\"actions\":[{\"description\":\"Audit non-attendance by clinic and by deprivation "
    "quintile\",\"owner\":\"p-0025\",\"due\":\"2026-11-30\"},"
    "{\"description\":\"Propose two effectiveness indicators for the contract\","
    "\"owner\":\"p-0018\",\"due\":\"2027-01-31\"}],"
    "\"next_review\":\"2027-02-18\"}",
    "{\"contract\":\"C-2024-MH\",\"held_on\":\"2026-09-24\","
    "\"attendees\":[{\"person\":\"p-0008\"},{\"person\":\"p-0021\"},{\"person\":\"p-0005\"}],"
    "\"summary\":\"Crisis care waits discussed with the trust's psychiatrist\","
    "\"findings\":[{\"domain\":\"safety\",\"finding\":\"Waits of over a day for a first crisis "
    "assessment; call data promised in June not yet shared\",\"assurance\":\"not_assured\"}],"
    "\"actions\":[{\"description\":\"Share crisis line call and wait data\","
    "\"owner\":\"p-0021\",\"due\":\"2026-10-31\"}],"
    "\"next_review\":\"2026-12-17\"}",
};

/* Whether this contract already has a review on that day, so that loading the demo again adds
 * nothing twice. */
static int existing(db *d, json_t *obj, int *found, err *e)
{
    db_stmt *s;
    *found = 0;
    if (db_prepare(d, "SELECT 1 FROM contract_reviews WHERE contract_code = ? AND held_on = ?", &s,
                   e))
        return -1;
    int rc = db_bind_text(s, 1, json_string_value(json_object_get(obj, "contract")), e);
    rc = rc ? rc : db_bind_text(s, 2, json_string_value(json_object_get(obj, "held_on")), e);
    if (!rc && (rc = db_step(s, e)) == DB_ROW)
        *found = 1;
    db_finalize(s);
    return rc < 0 ? -1 : 0;
}

int demo_load_reviews(db *d, int *created, err *e)
{
    int n = 0;
    for (size_t i = 0; i < sizeof reviews / sizeof reviews[0]; i++) {
        json_error_t je;
        json_t *obj = json_loads(reviews[i], JSON_REJECT_DUPLICATES, &je);
        if (!obj)
            return err_internal(e, "demo review %zu: %s", i + 1, je.text);
        int found, rc = existing(d, obj, &found, e);
        if (!rc && !found) {
            rc = review_create(d, obj, "demo", NULL, e);
            n += rc == 0;
        }
        json_decref(obj);
        if (rc) {
            err_prefix(e, "demo review %zu", i + 1);
            return -1;
        }
    }
    if (created)
        *created = n;
    return 0;
}
