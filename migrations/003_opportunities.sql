-- Trapped resources: the unit costs that turn an indicator's excess events into pounds, and
-- what has been done about each opportunity in the register.

-- One activity's cost, e.g. an outpatient follow-up attendance. `indicator_code` names the
-- indicator whose numerator counts these events, so its peer opportunity can be priced; one
-- cost per indicator, or the register would count its events twice (NULLs do not clash).
CREATE TABLE unit_costs (
    code           TEXT PRIMARY KEY,
    activity       TEXT NOT NULL,
    unit           TEXT NOT NULL,
    gbp            DOUBLE PRECISION NOT NULL CHECK (gbp >= 0),
    indicator_code TEXT REFERENCES indicators (code) DEFERRABLE INITIALLY DEFERRED,
    source         TEXT
);
CREATE UNIQUE INDEX unit_costs_indicator ON unit_costs (indicator_code);

-- The register is computed afresh from the data each time; only what people decided is
-- stored, keyed by the opportunity's stable id (e.g. "estates:S-FMH",
-- "indicator:OP-DNA:RNV"). No row means `new`.
CREATE TABLE opportunity_status (
    id         TEXT PRIMARY KEY,
    status     TEXT NOT NULL CHECK (status IN ('new', 'in_conversation', 'project', 'released',
                   'dismissed')),
    note       TEXT,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    CHECK (status <> 'dismissed' OR (note IS NOT NULL AND note <> ''))
);
