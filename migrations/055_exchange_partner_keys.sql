-- A partner administration's Ed25519 public keys (docs/risk-exchange.md, "Partner keys"): a partner
-- has one or more, adds a new one when it rotates and has one revoked when it is retired or
-- compromised. A message verifies with any non-revoked key of its sender whose id it names.
--
-- The key moves here from exchange_partners, which loses public_key and key_id: one place for a
-- partner's keys, so nothing can verify with a column that no longer says which keys are valid.
-- Only the risk-exchange repository read those columns (exchange_messages_in.key_id, the key that
-- verified each stored message, stays). The registration key is backfilled below, added by the
-- administrator who registered the partner, at its registration time.
--
-- Append-only except the revocation: revoked_at, revoked_by and revoked_reason are set together,
-- once; nothing else of a key ever changes and no key is deleted (a revoked key stays, with who
-- revoked it and why, so stored messages keep naming a key we can show). Same SQL embedded and on
-- a server.
CREATE TABLE exchange_partner_keys (
  partner_code    text NOT NULL REFERENCES exchange_partners (code),
  key_id          text NOT NULL,   -- RFC 7638 thumbprint of the key; messages name it
  public_key      text NOT NULL CHECK (public_key ~ '^[A-Za-z0-9_-]{43}$'),
  added_by        text NOT NULL,
  added_at        timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz,
  revoked_by      text,
  revoked_reason  text,
  PRIMARY KEY (partner_code, key_id),
  CHECK ((revoked_at IS NULL AND revoked_by IS NULL AND revoked_reason IS NULL)
      OR (revoked_at IS NOT NULL AND revoked_by IS NOT NULL AND revoked_reason IS NOT NULL))
);

INSERT INTO exchange_partner_keys (partner_code, key_id, public_key, added_by, added_at)
  SELECT code, key_id, public_key, registered_by, registered_at FROM exchange_partners;

ALTER TABLE exchange_partners DROP COLUMN public_key;
ALTER TABLE exchange_partners DROP COLUMN key_id;

-- The only change allowed: revoking a key that is not revoked yet, touching nothing else.
CREATE FUNCTION exchange_partner_keys_revoke_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL
     AND NEW.partner_code = OLD.partner_code AND NEW.key_id = OLD.key_id AND NEW.public_key = OLD.public_key
     AND NEW.added_by = OLD.added_by AND NEW.added_at = OLD.added_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only (a key can only be revoked, once)', TG_TABLE_NAME;
END $$;
CREATE TRIGGER exchange_partner_keys_append_only BEFORE UPDATE OR DELETE ON exchange_partner_keys
  FOR EACH ROW EXECUTE FUNCTION exchange_partner_keys_revoke_only();
