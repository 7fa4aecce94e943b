-- Follows and alerts (docs/alerts.md): a user follows organisations, indicators or prescribing
-- measures; after each import unlock works out what changed in the series they follow and
-- raises an alert only when an SPC rule, a significance test or an explicit date says so.

CREATE TABLE follows (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('organisation', 'indicator', 'measure')),
    code       TEXT NOT NULL,                 -- an organisation or service, an indicator, a measure id
    created_at TEXT NOT NULL,
    UNIQUE (user_id, kind, code)
);
CREATE INDEX follows_subject ON follows (kind, code);

-- What each followed series last looked like, one row per rule and series ("FALLS/RNV"), so that
-- a rerun on unchanged data raises nothing: an alert is raised only by the one detector that
-- moves a state from what is stored here to something new (a compare-and-set, safe when two
-- imports finish at once).
CREATE TABLE alert_states (
    kind       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    state      TEXT NOT NULL,                 -- e.g. "special_cause_concern@2026-09"
    generation INTEGER NOT NULL,              -- the data generation it was worked out from
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, subject)
);

CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('special_cause', 'assurance', 'decile',
                   'funnel_outlier', 'overdue')),
    subject    TEXT NOT NULL,                 -- the series or record: "FALLS/RNV", "pledge/PL-1"
    state      TEXT NOT NULL,                 -- the alert_states.state that raised it
    reason     TEXT NOT NULL,                 -- one sentence: why it fired
    link       TEXT NOT NULL,                 -- the chart or record in the web UI
    generation INTEGER NOT NULL,              -- the data generation (audit entry) that raised it
    created_at TEXT NOT NULL,                 -- ISO 8601 UTC
    read_at    TEXT,
    UNIQUE (user_id, kind, subject, state)
);
CREATE INDEX alerts_user ON alerts (user_id, created_at);
