-- Tonggwan platform schema: operators and access, declarations with an append-only event
-- history, idempotency, webhooks (outbox + delivery log), consumer verification, reference
-- data uploads and an audit log. Plain PostgreSQL 15; the same file runs embedded and on a server.

CREATE TABLE operators (
  id          bigserial PRIMARY KEY,
  code        text NOT NULL UNIQUE,            -- e.g. 특송업체부호; matched against parties.*.code
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('marketplace', 'seller', 'forwarder', 'courier', 'broker')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- API keys: only the SHA-256 of a 256-bit random key is stored; the key is shown once.
CREATE TABLE api_keys (
  id           bigserial PRIMARY KEY,
  operator_id  bigint NOT NULL REFERENCES operators (id),
  prefix       text NOT NULL,                  -- first characters, to recognise a key in lists
  key_hash     text NOT NULL UNIQUE,
  label        text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_operator ON api_keys (operator_id);

-- Customs officers and administrators (password sign-in, scrypt).
CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('officer', 'admin')),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Bearer sessions for officers and verified consumers; only the token's SHA-256 is stored.
CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('officer', 'consumer')),
  user_id     bigint REFERENCES users (id),
  pccc        text,
  amr         text NOT NULL,                   -- how the subject proved itself: pwd | otp | passkey
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);

-- PCCC holder registry (emulates the KCS registry that API028 checks against).
CREATE TABLE pccc_holders (
  pccc        text PRIMARY KEY,
  name        text NOT NULL,
  phone       text NOT NULL,                   -- digits only
  postcodes   text[] NOT NULL,                 -- registered delivery postcodes (up to 20)
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'cancelled')),
  issued_on   date NOT NULL,
  expires_on  date NOT NULL
);

-- One-time challenges for consumer verification; `method` leaves room for passkeys.
CREATE TABLE verification_challenges (
  id           text PRIMARY KEY,
  pccc         text NOT NULL REFERENCES pccc_holders (pccc),
  method       text NOT NULL CHECK (method IN ('otp', 'passkey')),
  secret_hash  text NOT NULL,
  attempts     int NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  consumed_at  timestamptz
);

-- Local notification adapter: messages land here (the demo shows them).
CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  channel     text NOT NULL,
  recipient   text NOT NULL,
  subject     text NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_recipient ON notifications (recipient, id DESC);

CREATE SEQUENCE cargo_no_seq;

-- Declarations: the submitted document, the engine's assessment and the read model
-- (status columns) derived from declaration_events. History columns feed combined taxation.
CREATE TABLE declarations (
  id               bigserial PRIMARY KEY,
  operator_id      bigint NOT NULL REFERENCES operators (id),
  ref              text NOT NULL,
  -- 화물관리번호: YY + TGW + 10-digit sequence (15 characters, like UNI-PASS cargMtNo).
  cargo_no         text NOT NULL UNIQUE
                   DEFAULT to_char(now() AT TIME ZONE 'Asia/Seoul', 'YY') || 'TGW' || lpad(nextval('cargo_no_seq')::text, 10, '0'),
  content_hash     text NOT NULL,
  version          int NOT NULL DEFAULT 1,
  declared_at      date NOT NULL,
  pccc             text NOT NULL,
  consignee_key    text NOT NULL,
  seller_key       text,
  purchased_at     date,
  hbl_no           text,
  mbl_no           text,
  bl_year          text,
  arrival_date     date,
  goods_value_usd  double precision NOT NULL,
  personal         boolean NOT NULL,
  route            text NOT NULL CHECK (route IN ('list', 'general', 'hold')),
  status           text NOT NULL,
  clearance_stage  text NOT NULL,
  cargo_stage      text NOT NULL,
  held_from        text,
  hold_reason      jsonb,
  taxes_total_krw  bigint,
  courier_code     text,
  forwarder_code   text,
  declaration      jsonb NOT NULL,
  assessment       jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (operator_id, ref)
);
CREATE INDEX declarations_pccc ON declarations (pccc);
CREATE INDEX declarations_hbl ON declarations (hbl_no) WHERE hbl_no IS NOT NULL;
CREATE INDEX declarations_mbl ON declarations (mbl_no) WHERE mbl_no IS NOT NULL;
CREATE INDEX declarations_held ON declarations (updated_at) WHERE status = 'held';

-- Append-only event history, in the UNI-PASS vocabulary (name_ko = cargTrcnRelaBsopTpcd).
CREATE TABLE declaration_events (
  id              bigserial PRIMARY KEY,
  declaration_id  bigint NOT NULL REFERENCES declarations (id),
  seq             int NOT NULL,
  type            text NOT NULL,
  name_ko         text NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  actor_kind      text NOT NULL CHECK (actor_kind IN ('operator', 'officer', 'system')),
  actor_id        bigint,
  reason          text,
  detail          jsonb,
  status_after    text NOT NULL,
  UNIQUE (declaration_id, seq)
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER declaration_events_append_only BEFORE UPDATE OR DELETE ON declaration_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Earlier versions of a declaration kept on correction (PATCH) with the reason.
CREATE TABLE declaration_revisions (
  id              bigserial PRIMARY KEY,
  declaration_id  bigint NOT NULL REFERENCES declarations (id),
  version         int NOT NULL,
  declaration     jsonb NOT NULL,
  assessment      jsonb NOT NULL,
  replaced_at     timestamptz NOT NULL DEFAULT now(),
  reason          text NOT NULL,
  UNIQUE (declaration_id, version)
);
CREATE TRIGGER declaration_revisions_append_only BEFORE UPDATE OR DELETE ON declaration_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Idempotency-Key: the first response is kept and returned on a retry with the same body.
CREATE TABLE idempotency_keys (
  operator_id   bigint NOT NULL REFERENCES operators (id),
  key           text NOT NULL,
  request_hash  text NOT NULL,
  response      jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (operator_id, key)
);

CREATE TABLE webhooks (
  id           bigserial PRIMARY KEY,
  operator_id  bigint NOT NULL REFERENCES operators (id),
  url          text NOT NULL,
  secret       text NOT NULL,                  -- needed to sign; shown once on creation
  event_types  text[],                         -- NULL: every event type
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_operator ON webhooks (operator_id) WHERE active;

-- Outbox: one row per (webhook, event), written in the same transaction as the event.
CREATE TABLE webhook_outbox (
  id               bigserial PRIMARY KEY,
  webhook_id       bigint NOT NULL REFERENCES webhooks (id),
  event_id         bigint NOT NULL REFERENCES declaration_events (id),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_status      int,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_outbox_webhook ON webhook_outbox (webhook_id, id DESC);

CREATE TABLE webhook_deliveries (
  id               bigserial PRIMARY KEY,
  outbox_id        bigint NOT NULL REFERENCES webhook_outbox (id),
  webhook_id       bigint NOT NULL REFERENCES webhooks (id),
  attempt          int NOT NULL,
  requested_at     timestamptz NOT NULL,
  duration_ms      int NOT NULL,
  response_status  int,
  error            text
);
CREATE INDEX webhook_deliveries_outbox ON webhook_deliveries (outbox_id, id);

-- Reference data uploaded by administrators; merged over data/*.json when compiling.
CREATE TABLE reference_uploads (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('exchange-rates', 'tariff')),
  uploaded_by  bigint NOT NULL REFERENCES users (id),
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  row_count    int NOT NULL,
  sha256       text NOT NULL,
  note         text NOT NULL DEFAULT ''
);

CREATE TABLE reference_fx_rates (
  upload_id   bigint NOT NULL REFERENCES reference_uploads (id),
  week_start  date NOT NULL,
  currency    text NOT NULL,
  rate        double precision NOT NULL,
  PRIMARY KEY (upload_id, week_start, currency)
);

CREATE TABLE reference_tariff_lines (
  upload_id       bigint NOT NULL REFERENCES reference_uploads (id),
  effective_from  date NOT NULL,
  hs              text NOT NULL,
  basic           double precision NOT NULL,
  ko              text NOT NULL,
  en              text NOT NULL,
  PRIMARY KEY (upload_id, effective_from, hs)
);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_kind  text NOT NULL,
  actor_id    bigint,
  action      text NOT NULL,
  subject     text NOT NULL,
  detail      jsonb
);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
