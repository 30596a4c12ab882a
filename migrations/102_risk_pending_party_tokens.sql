-- A party's parcels waiting for their first scoring (its profile's and its declarations list's
-- `unscored`, src/adapters/db/risk-repository.ts waitingOf) were found by reading the whole
-- first-scoring queue: every waiting declaration's parties, sent to the application to compute
-- their keys. With 50,000 waiting after a bulk load, 0.17 s of server time and 0.5-2 s in all per
-- profile GET. The waiting row now carries its parties' keys, written with it, indexed (GIN).
--
-- The keys are the scoring's (partyKeysOf: norm(code ?? name), trimmed, upper case, white-space runs
-- folded to one space), computed here in SQL for the five roles other than the consignee (found by
-- declarations.pccc). SQL's upper, trim and \s need not agree with JavaScript's beyond ASCII (ß,
-- ligatures, accented letters under the C collation, non-ASCII spaces), so a value with a character
-- outside ASCII, Hangul syllables and CJK ideographs (none of which has case or is a space) is stored
-- as the role's '?' token, which every read of that role takes: the tokens only choose candidates,
-- and the application checks each candidate's keys with partyKeysOf as before.
-- (Character ranges by code point: the platform's databases are UTF8, the embedded one initdb'd so.)
-- Tokens: 'p:' platform, 's:' seller, 'f:' forwarder, 'c:' courier, 'b:' broker + key; 'p?' … unsure.
CREATE FUNCTION risk_party_token(role text, v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN v IS NULL THEN NULL
    WHEN v ~ E'^[\x09-\x0d\x20-\x7e가-힣一-鿿]*$'
      THEN role || ':' || regexp_replace(upper(btrim(v, E' \x09\x0a\x0b\x0c\x0d')), E'[\x09-\x0d ]+', ' ', 'g')
    ELSE role || '?'
  END
$$;
CREATE FUNCTION risk_party_tokens(d jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_remove(ARRAY[
    risk_party_token('p', coalesce(d #>> '{parties,platform,code}', d #>> '{parties,platform,name}')),
    risk_party_token('s', coalesce(d #>> '{parties,seller,code}', d #>> '{parties,seller,name}')),
    risk_party_token('f', coalesce(d #>> '{parties,forwarder,code}', d #>> '{parties,forwarder,name}')),
    risk_party_token('c', coalesce(d #>> '{parties,courier,code}', d #>> '{parties,courier,name}')),
    risk_party_token('b', coalesce(d #>> '{parties,broker,code}', d #>> '{parties,broker,name}'))
  ], NULL)
$$;

-- Only first scorings are read by party (a rescoring's parcel is counted already): a rescoring's row
-- has none, and pays no index entry.
ALTER TABLE risk_pending ADD COLUMN party_tokens text[];
UPDATE risk_pending p SET party_tokens = risk_party_tokens(d.declaration) FROM declarations d WHERE d.id = p.declaration_id AND p.first;
-- GIN with its fast-update list (an insert appends to the list, merged in bulk): cheaper for intake
-- than fastupdate off (measured 50,000 queue rows: list ~0.5-1.2 s, off 0.8-1.7 s). A read scans the
-- whole list, which the default 4 MB let grow to 261 pages at 50,000 waiting (a seller's 25 in 29-50
-- ms); 256 kB bounds it to ~32 (12-15 ms) at the same intake cost within the measurement's noise.
CREATE INDEX risk_pending_party_tokens ON risk_pending USING gin (party_tokens) WITH (gin_pending_list_limit = 256);

CREATE OR REPLACE FUNCTION risk_pending_intake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- ON CONFLICT: intake may delete and re-insert a row under the same id in one transaction.
  INSERT INTO risk_pending (declaration_id, first, reason, party_tokens) SELECT id, true, 'intake', risk_party_tokens(declaration) FROM new_rows
  ON CONFLICT (declaration_id) DO NOTHING;
  RETURN NULL;
END $$;

-- An amendment of a parcel still waiting for its first scoring may change its parties: their tokens
-- follow (058's no-op update otherwise, which waits for a claimed row).
CREATE OR REPLACE FUNCTION risk_pending_amended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO risk_pending (declaration_id, first, reason) VALUES (NEW.id, false, 'amended')
  ON CONFLICT (declaration_id) DO UPDATE SET first = risk_pending.first,
    party_tokens = CASE WHEN risk_pending.first THEN risk_party_tokens(NEW.declaration) END;
  RETURN NULL;
END $$;
