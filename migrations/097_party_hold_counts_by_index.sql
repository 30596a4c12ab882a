-- A party's held and refused counts (GET /api/v1/officer/parties/:role/:key; partyHoldCountsSql in
-- src/adapters/db/risk-repository.ts) are read for each of the party's declarations: its status, and
-- whether it was ever held (a HOLD event). By the primary key each probe fetched the declaration's
-- row (wide: 133 MB for 100,000 declarations) and walked all its events; these two indexes answer
-- both from the index alone (index-only scans once the rows are all-visible, which autovacuum sets).
-- Measured 2026-12-05 on PostgreSQL 15, load average 12-13, a seller of 50,000 parcels among
-- 100,000 (3 % held, 0.5 % refused): EXPLAIN ANALYZE 2.1-2.7 s before, 0.31-0.67 s after.
-- Cost: one more index entry per declaration written (status already disables HOT updates: the
-- partial indexes of 001, 020 and 056 name it) and one per HOLD event. Built in one pass at the upgrade,
-- holding off writes to declarations meanwhile (about a second per 100,000 declarations here).
CREATE INDEX declarations_id_status ON declarations (id) INCLUDE (status);
CREATE INDEX declaration_events_holds ON declaration_events (declaration_id) WHERE type = 'HOLD';
