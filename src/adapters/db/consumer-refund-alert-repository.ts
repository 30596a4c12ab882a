// The consumer payer's alerts of refunds due (migrations/103): queued by refund-due-events.ts in the
// transaction of the record, claimed here by a lease (next_attempt_at moved past the send, FOR UPDATE
// SKIP LOCKED: two processes never take the same row) and settled after the send, as the closes of
// virtual accounts are (virtual-account-repository.ts).
import type pg from 'pg';
import { settleOutboxRow } from './settle-outbox-row.ts';
import type { OutboxSettlement } from '../../app/outbox-pass.ts';
import type { ConsumerRefundAlertJob, ConsumerRefundAlertOutbox } from '../../app/ports/consumer-refund-alert-outbox.ts';

export class PgConsumerRefundAlerts implements ConsumerRefundAlertOutbox {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  /**
   * The alerts due, by situation: the alerts of one declaration queued in one transaction (facts.batch,
   * refund-due-events.ts) are claimed together, so that one pass sends them as one message. A situation
   * is taken by locking its first pending row (SKIP LOCKED: another process skips it), then its other rows
   * (waiting: only the holder of the first row locks them); `limit` counts situations.
   */
  async claimDue(q: { limit: number; at: Date; leaseMs: number }): Promise<ConsumerRefundAlertJob[]> {
    const r = await this.pool.query(
      `WITH heads AS (
         SELECT a.id, a.declaration_id, a.facts->>'batch' AS batch FROM consumer_refund_alerts a
          WHERE a.status = 'pending' AND a.next_attempt_at <= $2
            AND NOT EXISTS (SELECT 1 FROM consumer_refund_alerts b
                             WHERE b.status = 'pending' AND b.declaration_id = a.declaration_id AND b.facts->>'batch' = a.facts->>'batch' AND b.id < a.id)
          ORDER BY a.next_attempt_at, a.id LIMIT $1 FOR UPDATE OF a SKIP LOCKED
       ), members AS (
         SELECT a.id FROM consumer_refund_alerts a JOIN heads h ON a.declaration_id = h.declaration_id AND a.facts->>'batch' = h.batch
          WHERE a.status = 'pending' ORDER BY a.id FOR UPDATE OF a
       )
       UPDATE consumer_refund_alerts a SET next_attempt_at = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
        WHERE a.id IN (SELECT id FROM heads UNION SELECT id FROM members)
       RETURNING a.id, a.refund_id, a.payment_id, a.declaration_id, a.event, a.facts, a.attempts`,
      [q.limit, q.at, q.leaseMs],
    );
    return r.rows
      .map((x) => ({
        id: Number(x.id),
        refundId: x.refund_id === null ? null : Number(x.refund_id),
        paymentId: x.payment_id === null ? null : Number(x.payment_id),
        declarationId: Number(x.declaration_id),
        event: x.event,
        facts: x.facts,
        attempts: Number(x.attempts),
      }))
      .sort((a, b) => a.id - b.id);
  }

  async settle(id: number, o: OutboxSettlement<'sent' | 'no_holder'>, at: Date): Promise<void> {
    await settleOutboxRow(this.pool, 'consumer_refund_alerts', id, o, at);
  }

}
