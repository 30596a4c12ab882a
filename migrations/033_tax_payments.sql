-- Tax payments (관세 등 제세 납부): one payment settles the notice of a declaration. The notice
-- itself is derived from the stored assessment (src/domain/tax-notice.ts); only payments are stored.
-- Append-only: a payment is never edited or removed (a refund would be a new record).
CREATE TABLE tax_payments (
  id               bigserial PRIMARY KEY,
  declaration_id   bigint NOT NULL UNIQUE REFERENCES declarations (id),  -- the race of two payments is decided here
  payment_no       text NOT NULL,
  amount_krw       bigint NOT NULL CHECK (amount_krw > 0),
  method           text CHECK (method IN ('card', 'transfer')),
  payer_kind       text CHECK (payer_kind IN ('consumer', 'operator')),
  payer_ref        text NOT NULL,                                          -- the PCCC or the operator id
  provider         text NOT NULL,
  provider_tx      text NOT NULL,
  receipt_no       text NOT NULL UNIQUE,                                   -- public verification code
  idempotency_key  text,
  paid_at          timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER tax_payments_append_only BEFORE UPDATE OR DELETE ON tax_payments
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
