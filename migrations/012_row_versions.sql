-- Optimistic concurrency for every entity: each row counts its changes. A write names the
-- version it read; when someone else changed the row since, the write is refused (HTTP 409)
-- instead of silently overwriting their change. Imports bump the version too, so an edit
-- prepared before an import is refused after it.
ALTER TABLE organisations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sites ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE services ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contracts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE indicators ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE observations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE unit_costs ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE programmes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE codesign_events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE event_attendees ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE priorities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pledges ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE workstreams ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE champions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE goals ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE projects ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pdsa_cycles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE touchpoints ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE experience_measures ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE learning_sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE learning_members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
