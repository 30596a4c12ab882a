-- Risk scoring without rescans (issue 5, second part): a queue of declarations to (re)score,
-- written in the transaction that changes the declaration, and the few facts of each scored
-- parcel that the detectors read back (instead of the declarations' JSON).
--
-- 1. risk_pending: one row per declaration waiting to be scored with the active model.
--    - intake: a statement-level trigger adds every inserted declaration (first = true: its
--      parties are recorded in the profiles when it is scored). It commits with the intake
--      transaction, so a transaction that commits late is scored when it commits; nothing
--      rescans the declarations table.
--    - amendment (신고정정; the document's version changes): rescored (first = false).
--    - order data posted after the declaration (src/adapters/db/risk-repository.ts saveOrder,
--      in the statement that stores the order), activation of another model and publication of
--      a rule set (the open declarations, in the activating or publishing transaction:
--      queueOpenForRescoring, reason 'model' or 'rules'): rescored.
--    (This list was written with the migration; it is kept up to date in comments only, which the
--    migrator does not read: schema_migrations records the file's number and name, no checksum.
--    Later migrations change the amendment's trigger (058, 073) or queue parcels once (078, 080, 083);
--    the worker queues the earlier parcels of a split it finds, reason 'split' (risk-repository.ts scoreNext).)
--    The scoring worker claims rows with FOR UPDATE SKIP LOCKED and deletes them in the
--    transaction that writes the scores.
-- 2. risk_parcels: per scored declaration, what the PCCC-misuse, resale and split-shipment
--    detectors need (consignee, day, value, de minimis, seller, channel, HS-6, address), read
--    by index for the batch's consignees and addresses.

CREATE TABLE risk_pending (
  declaration_id  bigint PRIMARY KEY,          -- no foreign key: a deleted declaration's row is dropped by the worker
  first           boolean NOT NULL,            -- never scored: record its parties in the profiles when scoring
  reason          text NOT NULL,               -- intake | amended | order | model | rules
  queued_at       timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION risk_pending_intake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- ON CONFLICT: intake may delete and re-insert a row under the same id in one transaction.
  INSERT INTO risk_pending (declaration_id, first, reason) SELECT id, true, 'intake' FROM new_rows
  ON CONFLICT (declaration_id) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER declarations_risk_pending AFTER INSERT ON declarations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_pending_intake();

CREATE FUNCTION risk_pending_amended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO risk_pending (declaration_id, first, reason) VALUES (NEW.id, false, 'amended')
  ON CONFLICT (declaration_id) DO NOTHING;   -- still waiting for its first score: that one reads the new version
  RETURN NULL;
END $$;
-- Fires only for statements that set version (amendments), and then only when it changed.
CREATE TRIGGER declarations_risk_amended AFTER UPDATE OF version ON declarations
  FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION risk_pending_amended();

CREATE TABLE risk_parcels (
  declaration_id  bigint PRIMARY KEY,
  pccc            text NOT NULL,
  declared_on     date NOT NULL,
  value_usd       double precision NOT NULL,
  threshold_usd   double precision,
  seller_key      text,
  channel         text NOT NULL,               -- mode|courier|platform (split shipments across channels)
  hs6             text NOT NULL,               -- HS-6 of the first line (resale: the same goods again)
  address_key     text NOT NULL                -- postcode|normalised address (consignees per address)
);
CREATE INDEX risk_parcels_pccc ON risk_parcels (pccc, declared_on);
CREATE INDEX risk_parcels_address ON risk_parcels (address_key);

-- Declarations scored before this migration (their address key is in declaration_parties).
INSERT INTO risk_parcels (declaration_id, pccc, declared_on, value_usd, threshold_usd, seller_key, channel, hs6, address_key)
SELECT d.id, d.pccc, d.declared_at, d.goods_value_usd, (d.assessment #>> '{deMinimis,thresholdUsd}')::float8, d.seller_key,
       coalesce(d.declaration #>> '{shipment,mode}', '') || '|' || upper(coalesce(d.declaration #>> '{parties,courier,code}', d.declaration #>> '{parties,courier,name}', ''))
         || '|' || upper(coalesce(d.declaration #>> '{parties,platform,name}', '')),
       coalesce(left(d.assessment #>> '{lines,0,hsCode}', 6), ''), a.key
  FROM declarations d JOIN declaration_parties a ON a.declaration_id = d.id AND a.role = 'address';

-- Declarations never scored wait for their first score; open ones scored only by another model
-- than the active one are rescored with it.
INSERT INTO risk_pending (declaration_id, first, reason)
SELECT d.id, true, 'intake' FROM declarations d
 WHERE NOT EXISTS (SELECT 1 FROM declaration_parties p WHERE p.declaration_id = d.id)
   AND NOT EXISTS (SELECT 1 FROM risk_scores s WHERE s.declaration_id = d.id);
INSERT INTO risk_pending (declaration_id, first, reason)
SELECT d.id, false, 'model' FROM declarations d
 WHERE d.status NOT IN ('cleared', 'released', 'rejected', 'withdrawn')
   AND EXISTS (SELECT 1 FROM risk_models m WHERE m.active)
   AND NOT EXISTS (SELECT 1 FROM risk_scores s JOIN risk_models m ON m.version = s.model_version AND m.active WHERE s.declaration_id = d.id)
ON CONFLICT (declaration_id) DO NOTHING;

-- The worker writes scores and party keys of declarations it has just read; the foreign keys
-- to declarations added a lookup and a KEY SHARE row lock on the declaration per written row
-- (and a multixact on the declaration's next update). Declarations are never deleted once
-- committed, so they go.
ALTER TABLE risk_scores DROP CONSTRAINT risk_scores_declaration_id_fkey;
ALTER TABLE declaration_parties DROP CONSTRAINT declaration_parties_declaration_id_fkey;
-- Nothing reads scores by priority through this index (the officer queue orders open
-- declarations by an expression of it); one index less to write per score.
DROP INDEX risk_scores_priority;
-- Factors and rule hits are written with every score and read whole with it (like features):
-- text, not jsonb (no jsonb parsing per written row).
ALTER TABLE risk_scores ALTER COLUMN factors TYPE text USING factors::text, ALTER COLUMN rule_hits TYPE text USING rule_hits::text;
-- The version of the document a score was computed on: rescoring the same version (order data
-- came, another model became active) keeps the history features as they were at its first
-- scoring; an amended document takes the history as it stands.
ALTER TABLE risk_scores ADD COLUMN declaration_version int;
