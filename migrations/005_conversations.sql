-- Conversations across organisational boundaries: who talked, about what, what matters to
-- them, what was agreed and what is still to do. Never public: visibility is either
-- `commissioners` (commissioners and administrators only) or `shared` (also the provider
-- users of the organisations named in conversation_organisations).

CREATE TABLE conversations (
    id           INTEGER PRIMARY KEY,
    held_on      TEXT NOT NULL,                     -- YYYY-MM-DD
    mode         TEXT NOT NULL DEFAULT 'face_to_face'
                     CHECK (mode IN ('face_to_face', 'video', 'phone')),
    title        TEXT NOT NULL,
    what_matters TEXT,
    concerns     TEXT,
    ideas        TEXT,
    agreements   TEXT,
    notes        TEXT,                              -- Markdown
    follow_up    TEXT,                              -- YYYY-MM-DD
    parent_id    INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
    visibility   TEXT NOT NULL DEFAULT 'commissioners'
                     CHECK (visibility IN ('commissioners', 'shared')),
    version      INTEGER NOT NULL DEFAULT 1,        -- optimistic concurrency: a stale update is a 409
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX conversations_held_on ON conversations (held_on);
CREATE INDEX conversations_parent ON conversations (parent_id);

CREATE TABLE conversation_participants (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    person_key      TEXT NOT NULL REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    side            TEXT NOT NULL CHECK (side IN ('commissioner', 'provider')),
    PRIMARY KEY (conversation_id, person_key)
);
CREATE INDEX conversation_participants_person ON conversation_participants (person_key);

CREATE TABLE conversation_organisations (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    org_code        TEXT NOT NULL REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (conversation_id, org_code)
);
CREATE INDEX conversation_organisations_org ON conversation_organisations (org_code);

-- What the conversation was about: services, pathways, opportunities of the register and
-- charts (an API path), and free tags.
CREATE TABLE conversation_links (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('service', 'pathway', 'opportunity', 'chart',
                        'tag')),
    ref             TEXT NOT NULL,
    PRIMARY KEY (conversation_id, kind, ref)
);
CREATE INDEX conversation_links_ref ON conversation_links (kind, ref);

CREATE TABLE conversation_actions (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    n               INTEGER NOT NULL,              -- 1, 2, ... within the conversation
    description     TEXT NOT NULL,
    owner_key       TEXT REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    due             TEXT,                          -- YYYY-MM-DD
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    PRIMARY KEY (conversation_id, n)
);
CREATE INDEX conversation_actions_open ON conversation_actions (status, due);

-- Full-text search over what was said: SQLite's FTS5, PostgreSQL's own text search over
-- the same columns. Kept in step by src/domain/conversation.c, rowid = conversations.id.
-- @sqlite
CREATE VIRTUAL TABLE conversations_fts USING fts5 (
    title, what_matters, concerns, ideas, agreements, notes, tokenize = 'porter unicode61'
);
-- @postgres
CREATE TABLE conversations_fts (
    rowid INTEGER PRIMARY KEY, title TEXT, what_matters TEXT, concerns TEXT, ideas TEXT,
    agreements TEXT, notes TEXT,
    words tsvector GENERATED ALWAYS AS (to_tsvector('english',
        coalesce(title, '') || ' ' || coalesce(what_matters, '') || ' ' ||
        coalesce(concerns, '') || ' ' || coalesce(ideas, '') || ' ' ||
        coalesce(agreements, '') || ' ' || coalesce(notes, ''))) STORED
);
CREATE INDEX conversations_fts_words ON conversations_fts USING gin (words);
-- @all
