-- A partner key's revocation may say the key was compromised, and from when (docs/risk-exchange.md,
-- "Partner keys: rotation and revocation"): a message received while the key was valid stays valid,
-- unless the key was compromised at or before we received it (src/domain/risk-exchange/revoked-key-source.ts).
-- NULL: retired, not said to be compromised; every revocation recorded before this migration is so
-- (its free-text reason stays as written). Set with the revocation, once: the append-only trigger of
-- 055 allows the one update that revokes and compares only the other columns, and refuses any later
-- change. Same SQL embedded and on a server.
ALTER TABLE exchange_partner_keys ADD COLUMN compromised_since timestamptz;
ALTER TABLE exchange_partner_keys ADD CONSTRAINT exchange_partner_keys_compromise_with_revocation
  CHECK (compromised_since IS NULL OR (revoked_at IS NOT NULL AND compromised_since <= revoked_at));
