-- The audit log as a hash chain (src/domain/audit_chain.c): each row's hash is SHA-256 over a
-- canonical encoding of its fields and the previous row's hash, so an edit, a deletion or a
-- reordering made behind unlock's back shows when `unlock audit verify` walks the chain.
-- seq is the row's place in the chain (1, 2, 3 ...): a gap says rows are missing.
-- Rows written before this migration have no seq or hash yet: SQL has no portable SHA-256,
-- so the first write afterwards (or `unlock audit verify --seal`) chains them, in id order.
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);
