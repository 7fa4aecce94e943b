-- The local health system model. Portable SQL (SQLite and PostgreSQL): codes are
-- the stable keys, money is in pounds, percentages are 0-100, booleans 0/1.
-- References are checked row by row on import (with file and line in the
-- message); the foreign keys here are the backstop.

CREATE TABLE organisations (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('icb', 'sub_icb', 'place', 'pcn', 'practice',
                    'acute_trust', 'community_trust', 'mental_health_trust', 'hospice',
                    'gp_federation', 'voluntary', 'local_authority', 'other')),
    parent_code TEXT REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    CHECK (parent_code IS NULL OR parent_code <> code)
);
CREATE INDEX organisations_parent ON organisations (parent_code);

CREATE TABLE people (
    key               TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    role              TEXT NOT NULL CHECK (role IN ('gp_commissioner', 'manager', 'lay_member',
                          'clinician', 'improvement_lead', 'executive', 'patient', 'carer',
                          'other')),
    specialty         TEXT,
    organisation_code TEXT REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    email             TEXT
);
CREATE INDEX people_organisation ON people (organisation_code);

CREATE TABLE sites (
    code                    TEXT PRIMARY KEY,
    name                    TEXT NOT NULL,
    organisation_code       TEXT NOT NULL REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    gross_internal_m2       DOUBLE PRECISION NOT NULL CHECK (gross_internal_m2 > 0),
    clinical_m2             DOUBLE PRECISION CHECK (clinical_m2 >= 0),
    non_clinical_m2         DOUBLE PRECISION CHECK (non_clinical_m2 >= 0),
    empty_pct               DOUBLE PRECISION CHECK (empty_pct BETWEEN 0 AND 100),
    under_used_pct          DOUBLE PRECISION CHECK (under_used_pct BETWEEN 0 AND 100),
    hard_fm_gbp             DOUBLE PRECISION CHECK (hard_fm_gbp >= 0),
    soft_fm_gbp             DOUBLE PRECISION CHECK (soft_fm_gbp >= 0),
    backlog_high_gbp        DOUBLE PRECISION CHECK (backlog_high_gbp >= 0),
    backlog_significant_gbp DOUBLE PRECISION CHECK (backlog_significant_gbp >= 0),
    backlog_moderate_gbp    DOUBLE PRECISION CHECK (backlog_moderate_gbp >= 0),
    backlog_low_gbp         DOUBLE PRECISION CHECK (backlog_low_gbp >= 0),
    clinical_rooms          INTEGER CHECK (clinical_rooms >= 0),
    room_sessions_available INTEGER CHECK (room_sessions_available >= 0),
    room_sessions_booked    INTEGER CHECK (room_sessions_booked >= 0)
);
CREATE INDEX sites_organisation ON sites (organisation_code);

CREATE TABLE services (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    provider_code TEXT NOT NULL REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    pathway       TEXT,
    site_code     TEXT REFERENCES sites (code) DEFERRABLE INITIALLY DEFERRED,
    annual_gbp    DOUBLE PRECISION CHECK (annual_gbp >= 0)
);
CREATE INDEX services_provider ON services (provider_code);

CREATE TABLE contracts (
    code              TEXT PRIMARY KEY,
    commissioner_code TEXT NOT NULL REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    provider_code     TEXT NOT NULL REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    annual_value_gbp  DOUBLE PRECISION NOT NULL CHECK (annual_value_gbp >= 0),
    start_date        TEXT NOT NULL,
    end_date          TEXT NOT NULL,
    CHECK (end_date >= start_date)
);

CREATE TABLE indicators (
    code             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    domain           TEXT NOT NULL CHECK (domain IN ('safety', 'effectiveness', 'experience',
                         'productivity', 'integration', 'innovation', 'population_health',
                         'finance')),
    type             TEXT NOT NULL CHECK (type IN ('proportion', 'rate', 'mean', 'count', 'ratio')),
    multiplier       DOUBLE PRECISION NOT NULL CHECK (multiplier > 0),
    polarity         TEXT NOT NULL CHECK (polarity IN ('high_is_good', 'low_is_good', 'neutral')),
    patient_reported INTEGER NOT NULL DEFAULT 0 CHECK (patient_reported IN (0, 1)),
    source           TEXT,
    definition       TEXT
);

CREATE TABLE observations (
    id                INTEGER PRIMARY KEY,
    indicator_code    TEXT NOT NULL REFERENCES indicators (code) DEFERRABLE INITIALLY DEFERRED,
    organisation_code TEXT REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    service_code      TEXT REFERENCES services (code) DEFERRABLE INITIALLY DEFERRED,
    period            TEXT NOT NULL,
    numerator         DOUBLE PRECISION CHECK (numerator >= 0),
    denominator       DOUBLE PRECISION CHECK (denominator > 0),
    value             DOUBLE PRECISION NOT NULL,
    note              TEXT,
    CHECK ((organisation_code IS NULL) <> (service_code IS NULL))
);
-- One value per indicator, subject and period: re-imports update, never duplicate.
CREATE UNIQUE INDEX observations_key ON observations
    (indicator_code, COALESCE(organisation_code, ''), COALESCE(service_code, ''), period);
CREATE INDEX observations_organisation ON observations (organisation_code, indicator_code, period);
CREATE INDEX observations_service ON observations (service_code, indicator_code, period);

-- Every write: when, who (a user, or 'cli'), what entity and key, and the change as JSON.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    change     TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_key);
