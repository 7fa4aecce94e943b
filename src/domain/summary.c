#include "domain/summary.h"

const summary_section summary_sections[] = {
    {"organisations", "Organisations by kind",
     "SELECT kind, COUNT(*) FROM organisations GROUP BY kind ORDER BY kind"},
    {"practices_by_place", "Practices by place",
     "SELECT COALESCE(pl.name, '(no place)'), COUNT(*) FROM organisations p"
     " LEFT JOIN organisations pcn ON pcn.code = p.parent_code"
     " LEFT JOIN organisations pl ON pl.code = CASE WHEN pcn.kind = 'place'"
     " THEN pcn.code ELSE pcn.parent_code END"
     " WHERE p.kind = 'practice' GROUP BY pl.name ORDER BY pl.name"},
    {"people", "People by role", "SELECT role, COUNT(*) FROM people GROUP BY role ORDER BY role"},
    {"estates", "Estates (sites, floor area m², costs £ a year)",
     "SELECT 'sites', COUNT(*) FROM sites"
     " UNION ALL SELECT 'gross internal m2', COALESCE(SUM(gross_internal_m2), 0)"
     " FROM sites"
     " UNION ALL SELECT 'empty or under-used m2', COALESCE(SUM(gross_internal_m2"
     " * (COALESCE(empty_pct, 0) + COALESCE(under_used_pct, 0)) / 100), 0)"
     " FROM sites"
     " UNION ALL SELECT 'facilities management', COALESCE(SUM("
     "COALESCE(hard_fm_gbp, 0) + COALESCE(soft_fm_gbp, 0)), 0) FROM sites"
     " UNION ALL SELECT 'backlog', COALESCE(SUM(COALESCE(backlog_high_gbp, 0)"
     " + COALESCE(backlog_significant_gbp, 0) + COALESCE(backlog_moderate_gbp, 0)"
     " + COALESCE(backlog_low_gbp, 0)), 0) FROM sites"},
    {"services_by_pathway", "Services by pathway (annual £)",
     "SELECT COALESCE(pathway, '(none)'), SUM(COALESCE(annual_gbp, 0))"
     " FROM services GROUP BY pathway ORDER BY pathway"},
    {"contracts_by_provider", "Contracts by provider (annual value £)",
     "SELECT o.name, SUM(c.annual_value_gbp) FROM contracts c"
     " JOIN organisations o ON o.code = c.provider_code"
     " GROUP BY o.name ORDER BY o.name"},
    {"indicators_by_domain", "Indicators by quality domain",
     "SELECT domain, COUNT(*) FROM indicators GROUP BY domain ORDER BY domain"},
    {"observations_by_indicator", "Observations by indicator",
     "SELECT indicator_code, COUNT(*) FROM observations"
     " GROUP BY indicator_code ORDER BY indicator_code"},
};
const int summary_section_count = sizeof summary_sections / sizeof summary_sections[0];

static int section(db *d, const summary_section *sec, json_t *root, err *e)
{
    db_stmt *st;
    if (db_prepare(d, sec->sql, &st, e))
        return -1;
    json_t *obj = json_object();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *label = db_col_text(st, 0);
        json_object_set_new(obj, label ? label : "(none)", json_real(db_col_double(st, 1)));
    }
    db_finalize(st);
    json_object_set_new(root, sec->name, obj);
    return rc < 0 ? -1 : 0;
}

static int headline(db *d, json_t *root, err *e)
{
    db_stmt *st;
    if (db_prepare(d,
                   "SELECT code, name FROM organisations WHERE kind = 'icb' ORDER BY code LIMIT 1",
                   &st, e))
        return -1;
    int rc = db_step(st, e);
    int found = rc == DB_ROW;
    json_object_set_new(root, "icb", found ? json_string(db_col_text(st, 0)) : json_null());
    json_object_set_new(root, "icb_name", found ? json_string(db_col_text(st, 1)) : json_null());
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int summary_build(db *d, json_t **out, err *e)
{
    json_t *root = json_object();
    int rc = headline(d, root, e);
    for (int i = 0; i < summary_section_count && !rc; i++)
        rc = section(d, &summary_sections[i], root, e);
    if (rc) {
        json_decref(root);
        return -1;
    }
    *out = root;
    return 0;
}
