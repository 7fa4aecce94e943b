-- Clinically oriented contract review: for each contract, a record of each review meeting:
-- when it was held, who attended (people, so clinicians are named with their specialty), what
-- was found in each quality domain, the actions agreed (owner, due date, status) and when the
-- contract is next reviewed. Never public: commissioners see every review, a provider user
-- only the reviews of its own organisation's contracts (src/domain/review.h).

CREATE TABLE contract_reviews (
    id            INTEGER PRIMARY KEY,
    contract_code TEXT NOT NULL REFERENCES contracts (code) DEFERRABLE INITIALLY DEFERRED,
    held_on       TEXT NOT NULL,                   -- YYYY-MM-DD
    summary       TEXT,
    next_review   TEXT,                            -- YYYY-MM-DD, after held_on
    version       INTEGER NOT NULL DEFAULT 1,      -- optimistic concurrency: a stale update is a 409
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    CHECK (next_review IS NULL OR next_review > held_on)
);
CREATE INDEX contract_reviews_contract ON contract_reviews (contract_code, held_on);

CREATE TABLE contract_review_attendees (
    review_id  INTEGER NOT NULL REFERENCES contract_reviews (id) ON DELETE CASCADE,
    person_key TEXT NOT NULL REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (review_id, person_key)
);
CREATE INDEX contract_review_attendees_person ON contract_review_attendees (person_key);

-- What the review found in each domain of quality (and of innovation, productivity and
-- integration when they were discussed), and how assured the commissioner is.
CREATE TABLE contract_review_findings (
    review_id INTEGER NOT NULL REFERENCES contract_reviews (id) ON DELETE CASCADE,
    domain    TEXT NOT NULL CHECK (domain IN ('safety', 'effectiveness', 'experience',
                  'innovation', 'productivity', 'integration')),
    finding   TEXT NOT NULL,
    assurance TEXT CHECK (assurance IN ('assured', 'partly_assured', 'not_assured')),
    PRIMARY KEY (review_id, domain)
);

CREATE TABLE contract_review_actions (
    review_id   INTEGER NOT NULL REFERENCES contract_reviews (id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,                  -- 1, 2, ... within the review
    description TEXT NOT NULL,
    owner_key   TEXT REFERENCES people (key) DEFERRABLE INITIALLY DEFERRED,
    due         TEXT,                              -- YYYY-MM-DD
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    PRIMARY KEY (review_id, n)
);
CREATE INDEX contract_review_actions_open ON contract_review_actions (status, due);
