-- The PCCC holder's alerts of a deposit into a virtual account that paid the taxes (deposit_paid), of one
-- made when nothing was owed any more, recorded for a refund in full (deposit_not_owed), and of a deposit
-- that paid and that the bank reversed (deposit_reversed) were sent after the commit, best effort
-- (record-virtual-account-deposit.ts): a crash between the commit and the send, or the channels down, lost
-- them. They are now queued in consumer_refund_alerts in the transaction that records the payment or its
-- reversal (src/adapters/db/tax-payment-repository.ts) and sent by its worker, as those of 103, 106, 107.
-- They are keyed by the payment (tax_payments.id), not a refund: a deposit that paid may leave none, and
-- a refund named by two deposits' alerts must not make one of them a duplicate. One per payment and event:
-- Toss's callback sent again, or a copy racing it, queues nothing more.
ALTER TABLE consumer_refund_alerts ALTER COLUMN refund_id DROP NOT NULL;
ALTER TABLE consumer_refund_alerts ADD COLUMN payment_id bigint; -- tax_payments.id
ALTER TABLE consumer_refund_alerts ADD CONSTRAINT consumer_refund_alerts_payment_event UNIQUE (payment_id, event);
ALTER TABLE consumer_refund_alerts ADD CONSTRAINT consumer_refund_alerts_keyed CHECK (refund_id IS NOT NULL OR payment_id IS NOT NULL);
ALTER TABLE consumer_refund_alerts DROP CONSTRAINT consumer_refund_alerts_event_check;
ALTER TABLE consumer_refund_alerts ADD CONSTRAINT consumer_refund_alerts_event_check
  CHECK (event IN ('refund_due', 'refund_due_cancelled', 'deposit_after_paid', 'refunded', 'deposit_reversed_refund', 'deposit_paid', 'deposit_not_owed', 'deposit_reversed'));
