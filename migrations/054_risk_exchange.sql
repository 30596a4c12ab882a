-- Risk-information exchange with partner customs administrations (docs/risk-exchange.md): the
-- partners and their Ed25519 public keys, the messages we sent and the messages we received, and
-- what happened to each received message. Messages are append-only; a received message's state
-- (verified → in a rule draft → applied when that draft is published) is derived from its events
-- and the drafts, never written over. Same SQL embedded and on a server.

-- A partner's public key is public: it is stored as it is (base64url of the 32 raw bytes, RFC 8037
-- "x"). There is no shared secret to protect; our own private key is in platform_keys, sealed.
CREATE TABLE exchange_partners (
  code           text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
  name           text NOT NULL,
  country        text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  public_key     text NOT NULL CHECK (public_key ~ '^[A-Za-z0-9_-]{43}$'),
  key_id         text NOT NULL,   -- RFC 7638 thumbprint of the key; messages name it
  registered_by  text NOT NULL,
  registered_at  timestamptz NOT NULL DEFAULT now()
);

-- Messages we signed, once each: exporting a period again hands out the same signed messages.
CREATE TABLE exchange_messages_out (
  id             bigserial PRIMARY KEY,
  message_id     text NOT NULL,
  recipient      text NOT NULL DEFAULT '',   -- a partner code, or '' for a message addressed to no one in particular
  kind           text NOT NULL,
  inspection_id  bigint REFERENCES inspection_results (id),
  message        jsonb NOT NULL,             -- the signed message (verifies after jsonb's key reordering: RFC 8785)
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (message_id, recipient)
);
CREATE TRIGGER exchange_messages_out_append_only BEFORE UPDATE OR DELETE ON exchange_messages_out
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Messages partners sent, stored only once their signature verified and their content validated.
CREATE TABLE exchange_messages_in (
  id             bigserial PRIMARY KEY,
  partner_code   text NOT NULL REFERENCES exchange_partners (code),
  message_id     text NOT NULL,
  kind           text NOT NULL,
  content_hash   text NOT NULL,   -- SHA-256 of the signed bytes: the same id with other content is a conflict
  key_id         text NOT NULL,
  message        jsonb NOT NULL,  -- as received, signature included: it can be verified again later
  received_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (partner_code, message_id)
);
CREATE INDEX exchange_messages_in_kind ON exchange_messages_in (kind, id DESC);
CREATE TRIGGER exchange_messages_in_append_only BEFORE UPDATE OR DELETE ON exchange_messages_in
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The audit trail: received (with its verification), refused (bad signature or content from a
-- registered partner: no body kept), draft_created (with the draft it went into), exported.
CREATE TABLE exchange_events (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor          text NOT NULL,
  action         text NOT NULL,
  partner_code   text,
  message_in_id  bigint REFERENCES exchange_messages_in (id),
  draft_id       bigint REFERENCES risk_rule_drafts (id),
  detail         jsonb
);
CREATE INDEX exchange_events_message ON exchange_events (message_in_id) WHERE message_in_id IS NOT NULL;
CREATE TRIGGER exchange_events_append_only BEFORE UPDATE OR DELETE ON exchange_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
