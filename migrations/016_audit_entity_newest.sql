-- The newest audit entry of an entity, found without reading all of its entries: what a
-- kept answer rests on (src/domain/data_generation.h) is asked for on every request that uses
-- one, and an audit log holds an entry for every observation ever imported.
CREATE INDEX audit_log_entity_newest ON audit_log (entity, id);
