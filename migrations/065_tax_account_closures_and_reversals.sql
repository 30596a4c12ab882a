-- Three follow-ups of paying taxes into virtual accounts (migrations/063):
--
-- 1. Closing at Toss the account still waiting for a notice that was paid another way (a card, the
--    operator on the consumer's behalf, another account): the close is recorded here in the same
--    statement that marks the account row cancelled, after the payment committed, and sent to Toss
--    outside any transaction (src/app/close-virtual-accounts.ts); a cancel that fails is retried by a
--    worker with backoff, like webhook deliveries (src/workers/account-closure-worker.ts). A deposit
--    that reached the account before the close ends as a refund due (the deposit path). A work queue:
--    local, no foreign keys (docs/citus-plan.json).
CREATE TABLE tax_account_closures (
  id               bigserial PRIMARY KEY,
  account_id       bigint NOT NULL UNIQUE,                -- tax_virtual_accounts.id: one close per account
  declaration_id   bigint NOT NULL,
  reason           text NOT NULL,                         -- paid_otherwise, notice_corrected, reversal_after_paid
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'closed', 'deposited', 'dead')),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  created_at       timestamptz NOT NULL,
  done_at          timestamptz,
  CHECK ((status = 'pending') = (done_at IS NULL))
);
CREATE INDEX tax_account_closures_due ON tax_account_closures (next_attempt_at) WHERE status = 'pending';

-- 2. A deposit reversed by the bank (Toss: the payment goes back from DONE to WAITING_FOR_DEPOSIT,
--    입금 오류/취소) after it was recorded as the payment: tax_payments stays append-only; the reversal
--    is a record of its own, the payment's receipt is void from then on and the notice unpaid again.
--    A declaration may then be paid again, so one payment stands per "turn" (the number of the
--    declaration's payments reversed before it) instead of one per declaration: a payment and a
--    reversal of the same declaration take turns on an advisory lock (tax-payment-repository.ts).
ALTER TABLE tax_payments ADD COLUMN turn int NOT NULL DEFAULT 0 CHECK (turn >= 0);
ALTER TABLE tax_payments DROP CONSTRAINT tax_payments_declaration_id_key;
ALTER TABLE tax_payments ADD CONSTRAINT tax_payments_declaration_turn UNIQUE (declaration_id, turn);
CREATE INDEX tax_payments_provider_tx ON tax_payments (provider, provider_tx);

CREATE TABLE tax_payment_reversals (
  id              bigserial PRIMARY KEY,
  payment_id      bigint NOT NULL UNIQUE REFERENCES tax_payments (id),
  declaration_id  bigint NOT NULL REFERENCES declarations (id),
  reason          text NOT NULL,                          -- deposit_reversed
  reversed_at     timestamptz NOT NULL
);
CREATE INDEX tax_payment_reversals_declaration ON tax_payment_reversals (declaration_id);
CREATE TRIGGER tax_payment_reversals_append_only BEFORE UPDATE OR DELETE ON tax_payment_reversals
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- 3. Tax events for the operators' webhooks (tax.paid, tax.payment_reversed): an outbox row carries
--    its payload instead of a declaration event.
ALTER TABLE webhook_outbox ALTER COLUMN event_id DROP NOT NULL;
ALTER TABLE webhook_outbox ADD COLUMN payload jsonb;
ALTER TABLE webhook_outbox ADD CONSTRAINT webhook_outbox_event_or_payload CHECK ((event_id IS NULL) <> (payload IS NULL));
