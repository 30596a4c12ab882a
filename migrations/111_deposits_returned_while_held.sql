-- A deposit into a transfer account closed because the parcel's taxes are not payable now (held on the
-- consignee's "not me" report, or by the engine: src/domain/taxes-payable.ts), which the bank took before
-- the close reached Toss, pays no taxes: it is recorded to be returned, a refund due of reason
-- deposit_while_held (src/adapters/db/tax-payment-repository.ts insert), and the PCCC holder is told
-- why by an alert queued with the record (event deposit_while_held, sent by the refund alerts' worker).
ALTER TABLE consumer_refund_alerts DROP CONSTRAINT consumer_refund_alerts_event_check;
ALTER TABLE consumer_refund_alerts ADD CONSTRAINT consumer_refund_alerts_event_check
  CHECK (event IN ('refund_due', 'refund_due_cancelled', 'deposit_after_paid', 'refunded', 'deposit_reversed_refund', 'deposit_paid', 'deposit_not_owed', 'deposit_reversed', 'deposit_while_held'));
-- Every tax notice says which of its deposits are to be returned (src/app/list-tax-notices.ts): read by
-- index, the open ones of this reason only (few rows; not unique, so no Citus deviation).
CREATE INDEX tax_refunds_due_returned_while_held ON tax_refunds_due (declaration_id) WHERE reason = 'deposit_while_held' AND resolved_at IS NULL;
