-- Risk management on the platform (issue 5): the active learned model, scores per declaration,
-- party profiles of the supply chain, PCCC identities, running price statistics, officer-editable
-- rule sets (draft → publish, audited), operators' order data, and inspection results (append-only)
-- that feed back into the profiles and into retraining. See docs/risk-model.md, "Wiring".

-- The learned models; exactly one is active (the scoring worker scores with it).
CREATE TABLE risk_models (
  version       text PRIMARY KEY,
  kind          text NOT NULL,
  model         text NOT NULL,                  -- the file as written (jsonb would reorder keys and break the content-derived version)
  training      jsonb NOT NULL,
  metrics       jsonb,
  active        boolean NOT NULL DEFAULT false,
  activated_by  text NOT NULL,
  activated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX risk_models_one_active ON risk_models (active) WHERE active;

-- Rule sets: published versions are immutable; drafts are edited by officers; every step is audited.
CREATE TABLE risk_rule_sets (
  version       text PRIMARY KEY,
  rules         jsonb NOT NULL,
  published_by  text NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  note          text NOT NULL DEFAULT ''
);
CREATE TRIGGER risk_rule_sets_append_only BEFORE UPDATE OR DELETE ON risk_rule_sets
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE risk_rule_drafts (
  id          bigserial PRIMARY KEY,
  based_on    text REFERENCES risk_rule_sets (version),
  rules       jsonb NOT NULL,
  note        text NOT NULL DEFAULT '',
  created_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  published_as text REFERENCES risk_rule_sets (version)
);

CREATE TABLE risk_rule_audit (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,              -- draft_created | draft_updated | dry_run | published
  draft_id   bigint,
  version    text,
  detail     jsonb
);
CREATE TRIGGER risk_rule_audit_append_only BEFORE UPDATE OR DELETE ON risk_rule_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- One score per declaration and model version.
CREATE TABLE risk_scores (
  declaration_id        bigint NOT NULL REFERENCES declarations (id),
  model_version         text NOT NULL,
  rule_set_version      text,
  score                 double precision NOT NULL,      -- the model's P(illicit)
  expected_revenue_krw  bigint,
  rule_score            double precision NOT NULL,      -- 1 − Π(1 − w) over rule and detector hits
  priority              double precision NOT NULL,      -- the queue's order (expected value of an inspection, KRW)
  factors               jsonb NOT NULL,                 -- [{feature, ko, en, contribution}] of the model; [] = explained when opened (from features)
  rule_hits             jsonb NOT NULL,                 -- [{code, ko, en, weight}] of rules and detectors
  features              text NOT NULL,                  -- the feature row as scored, JSON (for retraining; text: cheaper to write, read whole)
  scored_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (declaration_id, model_version)
);
CREATE INDEX risk_scores_priority ON risk_scores (model_version, priority DESC);

-- The parties of each declaration under the keys of the profiles (written by the scoring worker).
CREATE TABLE declaration_parties (
  role            text NOT NULL,   -- platform | seller | forwarder | courier | broker | consignee | address
  key             text NOT NULL,
  declaration_id  bigint NOT NULL REFERENCES declarations (id),
  PRIMARY KEY (role, key, declaration_id)
);

-- Profiles of every party seen. Decayed counters (…_d) are as of decayed_on and halve every
-- policy half-life; they are brought forward on each write and on reading.
CREATE TABLE party_profiles (
  role            text NOT NULL,
  key             text NOT NULL,
  name            text,
  parcels         bigint NOT NULL DEFAULT 0,
  value_usd       double precision NOT NULL DEFAULT 0,
  first_seen      date NOT NULL,
  last_seen       date NOT NULL,
  with_order_data bigint NOT NULL DEFAULT 0,     -- parcels whose order data (order no., amount paid) was given
  quality_sum     double precision NOT NULL DEFAULT 0,  -- Σ data quality per parcel in [0, 1]
  inspected       bigint NOT NULL DEFAULT 0,
  found           bigint NOT NULL DEFAULT 0,
  undervalued     bigint NOT NULL DEFAULT 0,
  revenue_found_krw bigint NOT NULL DEFAULT 0,
  outcomes        jsonb NOT NULL DEFAULT '{}',   -- inspection outcome → count
  inspected_d     double precision NOT NULL DEFAULT 0,
  found_d         double precision NOT NULL DEFAULT 0,
  decayed_on      date,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (role, key)
);

CREATE TABLE pccc_identities (
  pccc          text NOT NULL,
  name_norm     text NOT NULL,
  phone_digits  text NOT NULL,
  postcode      text NOT NULL,
  first_seen    date NOT NULL,
  last_seen     date NOT NULL,
  parcels       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (pccc, name_norm, phone_digits, postcode)
);

-- Running statistics of log unit prices (USD) per category/HS heading and brand (Welford; merged with Chan's formula).
CREATE TABLE price_stats (
  key   text PRIMARY KEY,      -- c:<category> | h:<hs4> for categories, b:<brand>
  n     bigint NOT NULL,
  mean  double precision NOT NULL,
  m2    double precision NOT NULL
);

-- Order data posted by operators (platforms), reconciled against declarations (order no. + PCCC).
CREATE TABLE orders (
  id            bigserial PRIMARY KEY,
  operator_id   bigint NOT NULL REFERENCES operators (id),
  order_no      text NOT NULL,
  platform      text NOT NULL,
  seller        text,
  buyer_pccc    text NOT NULL,
  currency      text NOT NULL,
  amount_paid   double precision NOT NULL,
  ordered_at    date,
  items         jsonb NOT NULL,
  body_hash     text NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (operator_id, order_no)
);
CREATE INDEX orders_match ON orders (order_no, buyer_pccc);

-- Inspection results: append-only, with the model version and score the parcel was selected with.
CREATE TABLE inspection_results (
  id                bigserial PRIMARY KEY,
  declaration_id    bigint NOT NULL REFERENCES declarations (id),
  officer_id        bigint,
  inspected_at      timestamptz NOT NULL DEFAULT now(),
  outcome           text NOT NULL CHECK (outcome IN ('clean', 'undervalued', 'misclassified', 'prohibited', 'ip_infringement', 'pccc_misuse')),
  corrected_value_krw bigint,
  corrected_hs      text,
  revenue_krw       bigint NOT NULL DEFAULT 0,
  note              text NOT NULL DEFAULT '',
  model_version     text,
  score             double precision,
  priority          double precision
);
CREATE INDEX inspection_results_declaration ON inspection_results (declaration_id);
CREATE INDEX inspection_results_week ON inspection_results (inspected_at);
CREATE TRIGGER inspection_results_append_only BEFORE UPDATE OR DELETE ON inspection_results
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
