-- Consumer identity (issue 6): the PCCC registry standing in for the national one, passkeys,
-- order-bound consent requests and single-use consent tokens, usage alerts, "not me" reports
-- (misuse cases), Web Push subscriptions and the platform's own signing keys.

-- 1. PCCC registry. A holder (one person) keeps a stable holder_id across reissues: a reissue
--    cancels the old code at once and issues a new row for the same holder.
ALTER TABLE pccc_holders
  ADD COLUMN holder_id      text,
  ADD COLUMN email          text,
  ADD COLUMN name_en        text,
  ADD COLUMN replaced_by    text,
  ADD COLUMN status_reason  text,
  ADD COLUMN renewed_on     date,
  ADD COLUMN updated_at     timestamptz NOT NULL DEFAULT now();
UPDATE pccc_holders SET holder_id = 'h_' || pccc WHERE holder_id IS NULL;
ALTER TABLE pccc_holders ALTER COLUMN holder_id SET NOT NULL;
CREATE INDEX pccc_holders_holder ON pccc_holders (holder_id);
-- Rows written without a holder (older code paths, bulk upserts) form their own holder.
CREATE FUNCTION pccc_holders_default_holder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.holder_id IS NULL THEN NEW.holder_id := 'h_' || NEW.pccc; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER pccc_holders_default_holder BEFORE INSERT ON pccc_holders
  FOR EACH ROW EXECUTE FUNCTION pccc_holders_default_holder();
-- At most one active or suspended code per holder.
CREATE UNIQUE INDEX pccc_holders_one_live_code ON pccc_holders (holder_id) WHERE status IN ('active', 'suspended');

-- Serial part of newly issued codes (P + YY + 9-digit serial + check digit).
CREATE SEQUENCE pccc_serial_seq START 700000000;

-- Every registry change, append-only (issue, renew, suspend, resume, reissue, cancel, postcodes).
CREATE TABLE pccc_registry_events (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  holder_id   text NOT NULL,
  pccc        text NOT NULL,
  action      text NOT NULL,
  actor_kind  text NOT NULL,                 -- consumer | officer | system | operator
  actor_id    text,
  detail      jsonb
);
CREATE INDEX pccc_registry_events_holder ON pccc_registry_events (holder_id, at);
CREATE TRIGGER pccc_registry_events_append_only BEFORE UPDATE OR DELETE ON pccc_registry_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- 2. Passkeys (WebAuthn credentials), bound to the holder, not to one code: a stolen code is
--    reissued, the consumer's devices stay theirs.
CREATE TABLE passkeys (
  credential_id  text PRIMARY KEY,           -- base64url
  holder_id      text NOT NULL,
  public_key     bytea NOT NULL,             -- COSE
  counter        bigint NOT NULL DEFAULT 0,
  transports     text[] NOT NULL DEFAULT '{}',
  device_type    text NOT NULL DEFAULT 'singleDevice',
  backed_up      boolean NOT NULL DEFAULT false,
  label          text NOT NULL DEFAULT '',
  registered_via text NOT NULL,              -- otp | passkey: how the session that added it was proven
  usable_from    timestamptz NOT NULL,       -- a key added by SMS proof while others exist waits (SIM swap)
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_used_at   timestamptz,
  removed_at     timestamptz
);
CREATE INDEX passkeys_holder ON passkeys (holder_id) WHERE removed_at IS NULL;

-- WebAuthn ceremonies: registration, sign-in and consent; single use, short-lived.
CREATE TABLE webauthn_challenges (
  id           text PRIMARY KEY,
  purpose      text NOT NULL CHECK (purpose IN ('register', 'sign-in', 'consent')),
  holder_id    text,
  challenge    text NOT NULL,                -- base64url, as sent to the browser
  detail       jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  consumed_at  timestamptz
);

-- 3. Consent requests: an operator asks the consumer to approve one order.
CREATE TABLE consent_requests (
  id               text PRIMARY KEY,          -- 256-bit random, the capability in the QR / link
  operator_id      bigint NOT NULL REFERENCES operators (id),
  holder_id        text NOT NULL,
  pccc             text NOT NULL,
  summary          jsonb NOT NULL,            -- the canonical order summary
  order_hash       text NOT NULL,             -- SHA-256 of the canonical summary
  nonce            text NOT NULL,
  matching_number  text NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'expired', 'refused')),
  refusal          text,                      -- wrong_number | …
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  decided_at       timestamptz,
  credential_id    text,
  token_id         text UNIQUE,
  return_url       text
);
CREATE INDEX consent_requests_pccc ON consent_requests (pccc, created_at DESC);
CREATE INDEX consent_requests_operator ON consent_requests (operator_id, created_at DESC);

-- Single use of a consent token: the first declaration that carries it claims the jti.
CREATE TABLE consent_token_uses (
  token_id     text PRIMARY KEY,
  operator_id  bigint NOT NULL,
  ref          text NOT NULL,
  used_at      timestamptz NOT NULL DEFAULT now()
);

-- 4. "Not me": misuse cases opened by consumers for officers.
CREATE TABLE misuse_cases (
  id              bigserial PRIMARY KEY,
  holder_id       text NOT NULL,
  pccc            text NOT NULL,
  declaration_id  bigint NOT NULL REFERENCES declarations (id),
  cargo_no        text NOT NULL,
  operator_id     bigint NOT NULL REFERENCES operators (id),
  held            boolean NOT NULL,
  consent         text NOT NULL,             -- verified | missing | mismatch | unknown
  note            text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  reported_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (declaration_id)
);
CREATE INDEX misuse_cases_open ON misuse_cases (reported_at DESC) WHERE status = 'open';

-- 5. Web Push subscriptions of the installed app.
CREATE TABLE push_subscriptions (
  endpoint    text PRIMARY KEY,
  holder_id   text NOT NULL,
  p256dh      text NOT NULL,
  auth        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_subscriptions_holder ON push_subscriptions (holder_id);

-- 6. Keys generated at first start (consent-token signing key, VAPID): never in the repository.
CREATE TABLE platform_keys (
  name        text PRIMARY KEY,
  value       jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
