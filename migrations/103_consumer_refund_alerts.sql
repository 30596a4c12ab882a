-- The consumer payer's alerts (SMS, e-mail, Web Push) of a refund due of a reassessment recorded or
-- cancelled inside a transaction (a correction, withdrawal, refusal or decision again of a paid
-- declaration, a payment reversed, an administrator's not_refunded): the row is written in that
-- transaction (src/adapters/db/refund-due-events.ts), so a crash after the commit loses no alert, and
-- sent by a worker (src/workers/consumer-refund-alert-worker.ts) that claims it by a lease
-- (next_attempt_at moved past the send, as tax_account_closures) and tries again with backoff.
-- One per refund record and event: a transaction that finds the same again queues nothing.
-- What the alert says is read in the queueing transaction (facts: the domain's ConsumerRefundAlertFacts),
-- the holder at the send (the declaration's PCCC). A work queue: local, no foreign keys (docs/citus-plan.json).
CREATE TABLE consumer_refund_alerts (
  id               bigserial PRIMARY KEY,
  refund_id        bigint NOT NULL,                       -- tax_refunds_due.id
  declaration_id   bigint NOT NULL,
  event            text NOT NULL CHECK (event IN ('refund_due', 'refund_due_cancelled')),
  facts            jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'no_holder', 'dead')),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  created_at       timestamptz NOT NULL,
  done_at          timestamptz,
  UNIQUE (refund_id, event),
  CHECK ((status = 'pending') = (done_at IS NULL))
);
CREATE INDEX consumer_refund_alerts_due ON consumer_refund_alerts (next_attempt_at) WHERE status = 'pending';
