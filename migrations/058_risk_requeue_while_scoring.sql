-- A declaration amended while the scoring worker held its queue row lost its rescoring. The worker
-- claims risk_pending rows FOR UPDATE, scores the version it read and deletes the rows when it
-- commits; an amendment meanwhile inserted with ON CONFLICT DO NOTHING, which saw the claimed row
-- (committed and live), did nothing and did not wait, so the worker's delete left the new version
-- with the previous version's score and nothing queued. (The same for an order matched to a
-- declaration being scored: src/adapters/db/risk-repository.ts saveOrder.)
-- DO UPDATE takes the row's lock, so it waits for the worker's transaction; once the worker's delete
-- has committed, PostgreSQL retries the insert (INSERT … ON CONFLICT DO UPDATE is atomic: it inserts
-- or updates) and the amendment is queued. A row still waiting, not claimed, is kept as it is (a
-- no-op update): its first scoring reads the new version, and records the parties as first scorings do.
-- Test: test/integration/risk-requeue-race.test.ts.
CREATE OR REPLACE FUNCTION risk_pending_amended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO risk_pending (declaration_id, first, reason) VALUES (NEW.id, false, 'amended')
  ON CONFLICT (declaration_id) DO UPDATE SET first = risk_pending.first;
  RETURN NULL;
END $$;
