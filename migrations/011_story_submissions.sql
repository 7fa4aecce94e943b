-- Stories told through the public form: one row per attempt from a client address, kept
-- only as long as the rate-limit window needs it (src/domain/story_intake.c prunes older
-- rows), so the address of someone who told a story is not kept beside it.
CREATE TABLE story_submissions (
    id      INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX story_submissions_address ON story_submissions (address, at);
