-- Estates returns (ERIC site data), one row per site and financial year, so that the estates
-- measures have a history. The sites table keeps each site's latest return (plus the room
-- bookings, which ERIC does not collect); these rows are what `unlock import eric` read, and
-- the estates observations (indicators EST-*) are worked out from them.
CREATE TABLE site_returns (
    site_code                     TEXT NOT NULL REFERENCES sites (code) DEFERRABLE INITIALLY DEFERRED,
    year                          TEXT NOT NULL,    -- financial year, 'YYYY/YY'
    name                          TEXT NOT NULL,    -- as that year's return gave it
    organisation_code             TEXT NOT NULL REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    gross_internal_m2             DOUBLE PRECISION NOT NULL CHECK (gross_internal_m2 > 0),
    occupied_m2                   DOUBLE PRECISION CHECK (occupied_m2 >= 0),
    clinical_m2                   DOUBLE PRECISION CHECK (clinical_m2 >= 0),
    non_clinical_m2               DOUBLE PRECISION CHECK (non_clinical_m2 >= 0),
    empty_pct                     DOUBLE PRECISION CHECK (empty_pct BETWEEN 0 AND 100),
    under_used_pct                DOUBLE PRECISION CHECK (under_used_pct BETWEEN 0 AND 100),
    not_functionally_suitable_pct DOUBLE PRECISION CHECK (not_functionally_suitable_pct BETWEEN 0 AND 100),
    hard_fm_gbp                   DOUBLE PRECISION CHECK (hard_fm_gbp >= 0),
    soft_fm_gbp                   DOUBLE PRECISION CHECK (soft_fm_gbp >= 0),
    backlog_high_gbp              DOUBLE PRECISION CHECK (backlog_high_gbp >= 0),
    backlog_significant_gbp       DOUBLE PRECISION CHECK (backlog_significant_gbp >= 0),
    backlog_moderate_gbp          DOUBLE PRECISION CHECK (backlog_moderate_gbp >= 0),
    backlog_low_gbp               DOUBLE PRECISION CHECK (backlog_low_gbp >= 0),
    PRIMARY KEY (site_code, year)
);
CREATE INDEX site_returns_organisation ON site_returns (organisation_code, year);
