-- Experience-led commissioning and improvement: programmes co-designed with patients, carers
-- and staff; what people said (stories with touchpoints); what organisations promised
-- (pledges); the work (priorities, work streams, champions, projects, PDSA cycles); where it is
-- meant to get to (goals); and the commissioners' learning set.
-- Numbered 010 so that migrations written alongside it (006-009) keep their places.

CREATE TABLE programmes (
    code               TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    pathway            TEXT,
    vision             TEXT,
    lead_key           TEXT REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    status             TEXT NOT NULL CHECK (status IN ('planning', 'active', 'sustaining',
                           'closed')),
    public_description TEXT
);

CREATE TABLE codesign_events (
    code              TEXT PRIMARY KEY,
    programme_code    TEXT NOT NULL REFERENCES programmes (code) DEFERRABLE INITIALLY DEFERRED,
    event_date        TEXT NOT NULL,
    place             TEXT,
    kind              TEXT NOT NULL CHECK (kind IN ('patient_carer', 'staff', 'joint',
                          'co_design_group', 'celebration')),
    patients          INTEGER CHECK (patients >= 0),
    carers            INTEGER CHECK (carers >= 0),
    staff             INTEGER CHECK (staff >= 0),
    organisations     INTEGER CHECK (organisations >= 0),
    minutes           TEXT,
    priorities_agreed TEXT
);
CREATE INDEX codesign_events_programme ON codesign_events (programme_code);

-- Named people who came, and the organisations represented, beside the head counts.
CREATE TABLE event_attendees (
    event_code        TEXT NOT NULL REFERENCES codesign_events (code) DEFERRABLE INITIALLY DEFERRED,
    person_key        TEXT REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    organisation_code TEXT REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    CHECK ((person_key IS NULL) <> (organisation_code IS NULL))
);
CREATE UNIQUE INDEX event_attendees_key ON event_attendees
    (event_code, COALESCE(person_key, ''), COALESCE(organisation_code, ''));

CREATE TABLE priorities (
    code           TEXT PRIMARY KEY,
    programme_code TEXT NOT NULL REFERENCES programmes (code) DEFERRABLE INITIALLY DEFERRED,
    title          TEXT NOT NULL,
    horizon        TEXT NOT NULL CHECK (horizon IN ('short_term', 'long_term')),
    description    TEXT
);

CREATE TABLE pledges (
    code              TEXT PRIMARY KEY,
    programme_code    TEXT NOT NULL REFERENCES programmes (code) DEFERRABLE INITIALLY DEFERRED,
    organisation_code TEXT NOT NULL REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    pledge            TEXT NOT NULL,
    made_on           TEXT NOT NULL,
    due               TEXT,
    status            TEXT NOT NULL CHECK (status IN ('made', 'in_progress', 'delivered',
                          'lapsed')),
    evidence          TEXT
);
CREATE INDEX pledges_programme ON pledges (programme_code);

CREATE TABLE workstreams (
    code           TEXT PRIMARY KEY,
    programme_code TEXT NOT NULL REFERENCES programmes (code) DEFERRABLE INITIALLY DEFERRED,
    name           TEXT NOT NULL,
    lead_key       TEXT REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    priority_code  TEXT REFERENCES priorities (code) DEFERRABLE INITIALLY DEFERRED,
    aim            TEXT
);

CREATE TABLE champions (
    person_key       TEXT NOT NULL REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    programme_code   TEXT NOT NULL REFERENCES programmes (code) DEFERRABLE INITIALLY DEFERRED,
    workstream_code  TEXT REFERENCES workstreams (code) DEFERRABLE INITIALLY DEFERRED,
    coaching         TEXT NOT NULL CHECK (coaching IN ('not_started', 'in_coaching', 'coached',
                         'coaching_others')),
    PRIMARY KEY (person_key, programme_code)
);

-- A goal is on one subject, like an observation: an organisation (the ICB for the whole
-- system) or a service.
CREATE TABLE goals (
    code              TEXT PRIMARY KEY,
    programme_code    TEXT REFERENCES programmes (code) DEFERRABLE INITIALLY DEFERRED,
    name              TEXT NOT NULL,
    indicator_code    TEXT NOT NULL REFERENCES indicators (code) DEFERRABLE INITIALLY DEFERRED,
    organisation_code TEXT REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    service_code      TEXT REFERENCES services (code) DEFERRABLE INITIALLY DEFERRED,
    baseline          DOUBLE PRECISION NOT NULL,
    baseline_period   TEXT NOT NULL,
    target            DOUBLE PRECISION NOT NULL,
    target_period     TEXT NOT NULL,
    CHECK ((organisation_code IS NULL) <> (service_code IS NULL)),
    CHECK (target_period > baseline_period)
);

CREATE TABLE projects (
    code                 TEXT PRIMARY KEY,
    programme_code       TEXT REFERENCES programmes (code) DEFERRABLE INITIALLY DEFERRED,
    workstream_code      TEXT REFERENCES workstreams (code) DEFERRABLE INITIALLY DEFERRED,
    name                 TEXT NOT NULL,
    aim                  TEXT NOT NULL,
    indicator_code       TEXT REFERENCES indicators (code) DEFERRABLE INITIALLY DEFERRED,
    organisation_code    TEXT REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    service_code         TEXT REFERENCES services (code) DEFERRABLE INITIALLY DEFERRED,
    pathway              TEXT,
    sponsor_key          TEXT REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    clinical_lead_key    TEXT REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    improvement_lead_key TEXT REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    specialties          TEXT,
    start_date           TEXT NOT NULL,
    progress_score       DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (progress_score BETWEEN 0.5 AND 5),
    CHECK (organisation_code IS NULL OR service_code IS NULL)
);

CREATE TABLE pdsa_cycles (
    project_code TEXT NOT NULL REFERENCES projects (code) DEFERRABLE INITIALLY DEFERRED,
    cycle        INTEGER NOT NULL CHECK (cycle >= 1),
    title        TEXT NOT NULL,
    plan         TEXT,
    do_text      TEXT,
    study        TEXT,
    act          TEXT,
    start_date   TEXT NOT NULL,
    end_date     TEXT,
    change_period TEXT,
    rebase       INTEGER NOT NULL DEFAULT 0 CHECK (rebase IN (0, 1)),
    PRIMARY KEY (project_code, cycle)
);

-- Stories are personal data. `text` is what the teller said and is seen only by
-- commissioners; `moderated_text` (identifying details removed, staff named by role) is what
-- may go further, and only once a moderator has approved it and the consent allows.
CREATE TABLE stories (
    code              TEXT PRIMARY KEY,
    programme_code    TEXT REFERENCES programmes (code) DEFERRABLE INITIALLY DEFERRED,
    pathway           TEXT NOT NULL,
    teller            TEXT NOT NULL CHECK (teller IN ('patient', 'carer', 'staff', 'public')),
    consent           TEXT NOT NULL CHECK (consent IN ('none', 'internal', 'public')),
    organisation_code TEXT REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    told_on           TEXT NOT NULL,
    title             TEXT NOT NULL,
    text              TEXT NOT NULL,
    moderated_text    TEXT,
    moderation        TEXT NOT NULL DEFAULT 'pending' CHECK (moderation IN ('pending',
                          'approved', 'rejected')),
    moderated_by      TEXT,
    response          TEXT,
    change_status     TEXT NOT NULL DEFAULT 'none' CHECK (change_status IN ('none', 'planned',
                          'made')),
    CHECK (moderation <> 'approved' OR (moderated_text IS NOT NULL AND moderated_by IS NOT NULL))
);
CREATE INDEX stories_pathway ON stories (pathway);

CREATE TABLE touchpoints (
    story_code TEXT NOT NULL REFERENCES stories (code) DEFERRABLE INITIALLY DEFERRED,
    n          INTEGER NOT NULL CHECK (n >= 1),
    stage      TEXT NOT NULL,
    emotion    TEXT NOT NULL,
    valence    INTEGER NOT NULL CHECK (valence BETWEEN -2 AND 2),
    PRIMARY KEY (story_code, n)
);

-- A patient-reported outcome or experience measure defined with a provider: who agreed it and
-- when, its questionnaire items, and how answers are scored. Its results are observations of
-- the indicator, so SPC, funnels and goals work on them as on any measure.
CREATE TABLE experience_measures (
    indicator_code    TEXT PRIMARY KEY REFERENCES indicators (code) DEFERRABLE INITIALLY DEFERRED,
    agreed_with       TEXT NOT NULL REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    agreed_by_key     TEXT REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    agreed_on         TEXT NOT NULL,
    items             TEXT NOT NULL,
    scoring           TEXT NOT NULL CHECK (scoring IN ('fft_positive', 'percent_yes',
                          'mean_score'))
);

CREATE TABLE learning_sessions (
    code         TEXT PRIMARY KEY,
    session_date TEXT NOT NULL,
    theme        TEXT NOT NULL,
    theory       TEXT,
    exercise     TEXT
);

CREATE TABLE learning_members (
    person_key TEXT PRIMARY KEY REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    role       TEXT NOT NULL CHECK (role IN ('member', 'facilitator')),
    joined     TEXT
);

-- A reflection belongs to the user who wrote it; only they see it unless they share it with
-- the set.
CREATE TABLE reflections (
    id              INTEGER PRIMARY KEY,
    session_code    TEXT REFERENCES learning_sessions (code) DEFERRABLE INITIALLY DEFERRED,
    author          TEXT NOT NULL,
    written_at      TEXT NOT NULL,
    text            TEXT NOT NULL,
    shared          INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    conversation_id INTEGER,
    project_code    TEXT REFERENCES projects (code) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX reflections_author ON reflections (author);
