// The holder's notices of changes to their code (migrations/112): queued by the registry in the change's
// transaction (pg-pccc-registry.ts), one row per channel the holder has then; claimed here by a lease
// (next_attempt_at moved past the send, FOR UPDATE SKIP LOCKED: two processes never take the same row) and
// settled after the send, as the consumer payer's refund alerts are (consumer-refund-alert-repository.ts).
import type pg from 'pg';
import type { HolderChannel, PcccChangeNoticeJob, PcccChangeNoticeOutbox, RegistryHolder } from '../../app/ports/identity-ports.ts';
import { pcccChangeText, type PcccChange } from '../../domain/pccc-registry.ts';

/**
 * Queues the holder's notice of `change` on the client of the change's transaction, in Korean and English as
 * pcccChangeText renders it now: SMS to the registered mobile; e-mail when registered; Web Push when an app of
 * the holder subscribed.
 */
export async function queuePcccChangeNotice(c: pg.PoolClient, n: { eventId: number; holder: RegistryHolder; change: PcccChange; at: Date }): Promise<void> {
  const text = pcccChangeText(n.change);
  const push = await c.query(`SELECT 1 FROM push_subscriptions WHERE holder_id = $1 LIMIT 1`, [n.holder.holderId]);
  const channels: HolderChannel[] = ['sms', ...(n.holder.email ? (['email'] as const) : []), ...((push.rowCount ?? 0) > 0 ? (['push'] as const) : [])];
  await c.query(
    `INSERT INTO pccc_change_notices (event_id, holder_id, pccc, channel, change, subject, text_ko, text_en, next_attempt_at, created_at)
     SELECT $1, $2, $3, ch, $4, $5, $6, $7, $8, $8 FROM unnest($9::text[]) WITH ORDINALITY AS c (ch, i) ORDER BY i`,
    [n.eventId, n.holder.holderId, n.holder.pccc, JSON.stringify(n.change), text.subject, text.ko, text.en, n.at, channels],
  );
}

export class PgPcccChangeNotices implements PcccChangeNoticeOutbox {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async claimDue(q: { limit: number; at: Date; leaseMs: number }): Promise<PcccChangeNoticeJob[]> {
    const r = await this.pool.query(
      `UPDATE pccc_change_notices n SET next_attempt_at = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
        WHERE n.id IN (SELECT id FROM pccc_change_notices WHERE status = 'pending' AND next_attempt_at <= $2
                        ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING n.id, n.pccc, n.channel, n.change, n.subject, n.text_ko, n.text_en, n.attempts`,
      [q.limit, q.at, q.leaseMs],
    );
    return r.rows
      .map((x) => ({ id: Number(x.id), pccc: x.pccc, channel: x.channel, change: x.change, subject: x.subject, text: { ko: x.text_ko, en: x.text_en }, attempts: Number(x.attempts) }))
      .sort((a, b) => a.id - b.id);
  }

  async settle(id: number, o: { status: 'sent' | 'no_target' } | { status: 'retry'; nextAttemptAt: Date | null; error: string }, at: Date): Promise<void> {
    if (o.status === 'retry') {
      await this.pool.query(
        `UPDATE pccc_change_notices SET attempts = attempts + 1, last_error = $2::text,
                status = CASE WHEN $3::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
                done_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END,
                next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
          WHERE id = $1 AND status = 'pending'`,
        [id, o.error, o.nextAttemptAt, at],
      );
      return;
    }
    await this.pool.query(`UPDATE pccc_change_notices SET status = $2, done_at = $3 WHERE id = $1 AND status = 'pending'`, [id, o.status, at]);
  }
}
