// The consumer payer's alerts of refunds due queued with the record (migrations/103,
// src/adapters/db/refund-due-events.ts), and of deposits and their reversals queued with the payment
// (migrations/108), as the worker claims and settles them.
import type { ConsumerRefundAlertEvent, ConsumerRefundAlertFacts } from '../../domain/consumer-refund-alerts.ts';

export interface ConsumerRefundAlertJob {
  id: number;
  /** The refund due record it tells of; null for an alert of a payment. */
  refundId: number | null;
  /** The payment (a deposit) it tells of; null for an alert of a refund due record. */
  paymentId: number | null;
  declarationId: number;
  event: ConsumerRefundAlertEvent;
  facts: ConsumerRefundAlertFacts;
  /** Attempts that failed before this one. */
  attempts: number;
}

export interface ConsumerRefundAlertOutbox {
  /** The alerts of up to `limit` situations due at `at` (those of one declaration queued in one transaction together), each leased for `leaseMs` (no other pass takes it meanwhile; one left unsettled is taken again after). */
  claimDue(q: { limit: number; at: Date; leaseMs: number }): Promise<ConsumerRefundAlertJob[]>;
  /** Sent; or nobody to tell (no holder registered for the PCCC); or failed: tried again at `nextAttemptAt`, or given up (null: dead). */
  settle(id: number, o: { status: 'sent' | 'no_holder' } | { status: 'retry'; nextAttemptAt: Date | null; error: string }, at: Date): Promise<void>;
}
