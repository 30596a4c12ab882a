-- The PCCC holder's alerts of a deposit after the taxes were paid (its refund due recorded) and of a refund
-- made were sent after the commit, best effort: a crash between the commit and the send lost them. They are
-- now queued in consumer_refund_alerts in the transaction of the record (src/adapters/db/refund-due-events.ts,
-- the domain's consumerRefundAlertOf) and sent by its worker with its lease and retries, as the alerts of
-- 103 are. One per record and event, as before.
ALTER TABLE consumer_refund_alerts DROP CONSTRAINT consumer_refund_alerts_event_check;
ALTER TABLE consumer_refund_alerts ADD CONSTRAINT consumer_refund_alerts_event_check CHECK (event IN ('refund_due', 'refund_due_cancelled', 'deposit_after_paid', 'refunded'));
