-- Refunds due (환불 대상): a charge of taxes already paid that the payment provider could not void.
-- Two payments of one declaration raced, tax_payments kept one (UNIQUE(declaration_id)), and the
-- void of the other charge failed (src/app/pay-taxes.ts): the payer was charged twice. The charge
-- is recorded here, for the administrators to refund through the provider (reconciliation), and
-- stays open until one records that it was refunded. One record per provider transaction.
CREATE TABLE tax_refunds_due (
  id              bigserial PRIMARY KEY,
  provider        text NOT NULL,
  provider_tx     text NOT NULL,
  declaration_id  bigint NOT NULL REFERENCES declarations (id),
  payment_no      text NOT NULL,
  amount_krw      bigint NOT NULL CHECK (amount_krw > 0),
  payer_kind      text NOT NULL CHECK (payer_kind IN ('consumer', 'operator')),
  reason          text NOT NULL,
  refund_by       date NOT NULL,          -- what the payer was told (src/domain/refund-due.ts)
  created_at      timestamptz NOT NULL,
  resolved_at     timestamptz,
  resolved_by     text,
  resolution      text,
  UNIQUE (provider, provider_tx),
  CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX tax_refunds_due_open ON tax_refunds_due (created_at, id) WHERE resolved_at IS NULL;
