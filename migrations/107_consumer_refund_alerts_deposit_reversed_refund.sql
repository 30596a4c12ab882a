-- The PCCC holder's alert that the refund of a deposit after the taxes were paid is off, the bank having
-- reversed that deposit, was sent after the commit, best effort: a crash between the commit and the send
-- lost it. It is now queued in consumer_refund_alerts in the transaction that withdraws the refund
-- (resolveRefundDueOfTx, src/adapters/db/refund-due-events.ts) and sent by its worker, as those of 103, 106.
ALTER TABLE consumer_refund_alerts DROP CONSTRAINT consumer_refund_alerts_event_check;
ALTER TABLE consumer_refund_alerts ADD CONSTRAINT consumer_refund_alerts_event_check CHECK (event IN ('refund_due', 'refund_due_cancelled', 'deposit_after_paid', 'refunded', 'deposit_reversed_refund'));
