-- Accounts for `unlock serve`: who can sign in, their sessions, and failed sign-ins
-- (for rate limiting). Times in sessions and login_attempts are Unix seconds, so
-- expiry and windows are plain integer comparisons.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,              -- lower case
    password_hash TEXT NOT NULL,                     -- Argon2id, libsodium crypto_pwhash_str
    role          TEXT NOT NULL CHECK (role IN ('admin', 'commissioner', 'provider')),
    org_code      TEXT REFERENCES organisations (code) DEFERRABLE INITIALLY DEFERRED,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL,
    CHECK (role <> 'provider' OR org_code IS NOT NULL)
);
CREATE INDEX users_org ON users (org_code);

-- The cookie holds 32 random bytes; only their BLAKE2b-256 hash (hex) is stored,
-- so a copy of the database does not hand out live sessions.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed sign-ins only; old rows are pruned as new ones arrive.
CREATE TABLE login_attempts (
    id      INTEGER PRIMARY KEY,
    email   TEXT NOT NULL,
    address TEXT NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);
CREATE INDEX login_attempts_at ON login_attempts (at);
