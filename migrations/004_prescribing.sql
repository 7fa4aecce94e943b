-- Prescribing (English Prescribing Dataset). The rows themselves live in one columnar file per
-- month beside the database (src/rx/store.h); these tables hold what the API and the measures
-- need alongside them: which months are stored, the organisations with their names and parents,
-- practice list sizes, and spend per organisation and BNF chemical.

CREATE TABLE rx_months (
    month         INTEGER PRIMARY KEY,          -- YYYYMM
    rows          INTEGER NOT NULL,
    practices     INTEGER NOT NULL,
    presentations INTEGER NOT NULL,
    source        TEXT NOT NULL,                -- the file it came from
    imported_at   TEXT NOT NULL
);

-- level: practice, sub_icb, icb, region. parent: the code one level up ('' at the top).
CREATE TABLE rx_orgs (
    level  TEXT NOT NULL CHECK (level IN ('practice', 'sub_icb', 'icb', 'region')),
    code   TEXT NOT NULL,
    name   TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (level, code)
);

CREATE TABLE rx_list_sizes (
    period        INTEGER NOT NULL,             -- YYYYMM
    practice_code TEXT NOT NULL,
    list_size     INTEGER NOT NULL CHECK (list_size >= 0),
    PRIMARY KEY (period, practice_code)
);

-- Per month, organisation (sub_icb, icb, region) and BNF chemical (first 9 characters).
CREATE TABLE rx_chemical_totals (
    month       INTEGER NOT NULL,
    level       TEXT NOT NULL,
    org_code    TEXT NOT NULL,
    chemical    TEXT NOT NULL,
    items       REAL NOT NULL,
    quantity    REAL NOT NULL,
    nic         REAL NOT NULL,
    actual_cost REAL NOT NULL,
    PRIMARY KEY (month, level, org_code, chemical)
);
