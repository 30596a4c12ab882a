-- Consultation (민원상담): a conversation between a verified consumer (by PCCC) and customs
-- officers, optionally about one of the consumer's declarations. The state rules are
-- src/domain/consultation.ts; messages are append-only. Each message and each status change is
-- announced with NOTIFY consultation_events in the same transaction (payload: ids only), so
-- every platform process on this database can push it to its SSE subscribers after the commit.
CREATE TABLE consultations (
  id              bigserial PRIMARY KEY,
  pccc            text NOT NULL,
  declaration_id  bigint REFERENCES declarations (id),
  topic           text NOT NULL CHECK (topic IN ('clearance_status', 'hold', 'taxes', 'pccc', 'other')),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  closed_at       timestamptz,
  closed_by       bigint REFERENCES users (id),
  close_note      text,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX consultations_pccc ON consultations (pccc, updated_at DESC);
CREATE INDEX consultations_inbox ON consultations (status, updated_at DESC);

CREATE TABLE consultation_messages (
  id               bigserial PRIMARY KEY,
  consultation_id  bigint NOT NULL REFERENCES consultations (id),
  author_kind      text NOT NULL CHECK (author_kind IN ('consumer', 'officer')),
  author_user_id   bigint REFERENCES users (id),
  body             text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((author_kind = 'officer') = (author_user_id IS NOT NULL))
);
CREATE INDEX consultation_messages_thread ON consultation_messages (consultation_id, id);
CREATE TRIGGER consultation_messages_append_only BEFORE UPDATE OR DELETE ON consultation_messages
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
