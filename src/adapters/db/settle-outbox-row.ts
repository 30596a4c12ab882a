// The settle of a claimed row of an outbox of messages (the retry loop's answer, src/app/outbox-pass.ts),
// one statement for each such table: sent (or nobody to tell), tried again at its time, or given up (no
// time: dead) with its last error. Only a pending row changes: a row another pass settled stays as it is.
import type pg from 'pg';
import type { OutboxSettlement } from '../../app/outbox-pass.ts';

/** The outboxes whose rows settle so (migrations/103, 112): a name from this list, never from input. */
export type OutboxTable = 'consumer_refund_alerts' | 'pccc_change_notices';

export async function settleOutboxRow<Done extends string>(pool: pg.Pool, table: OutboxTable, id: number, o: OutboxSettlement<Done>, at: Date): Promise<void> {
  if ('nextAttemptAt' in o) {
    await pool.query(
      `UPDATE ${table} SET attempts = attempts + 1, last_error = $2::text,
              status = CASE WHEN $3::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
              done_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END,
              next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
        WHERE id = $1 AND status = 'pending'`,
      [id, o.error, o.nextAttemptAt, at],
    );
    return;
  }
  await pool.query(`UPDATE ${table} SET status = $2, done_at = $3 WHERE id = $1 AND status = 'pending'`, [id, o.status, at]);
}
