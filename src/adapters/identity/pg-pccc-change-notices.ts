// The holder's notices of changes to their code (migrations/112): queued by the registry in the change's
// transaction (pg-pccc-registry.ts), one row per channel the holder has then; and the holder's other security
// notices (a passkey added or removed, a "not me" report, a consent decided: migrations/114), queued by the
// identity store in the transaction of what they tell (identity-repository.ts), the same way; claimed here by a lease
// (next_attempt_at moved past the send, FOR UPDATE SKIP LOCKED: two processes never take the same row) and
// settled after the send, as the consumer payer's refund alerts are (consumer-refund-alert-repository.ts).
// The notices given up (dead) are listed for the administrators, with the holder the registry has now, and
// one is queued again (a new round of attempts) once its address or number is put right.
import type pg from 'pg';
import { settleOutboxRow } from '../db/settle-outbox-row.ts';
import type { OutboxSettlement } from '../../app/outbox-pass.ts';
import type { GivenUpHolderNotice, GivenUpHolderNotices, HolderChannel, HolderNotice, HolderNoticeKind, PcccChangeNoticeJob, PcccChangeNoticeOutbox, RegistryHolder } from '../../app/ports/identity-ports.ts';
import { pcccChangeText, type PcccChange } from '../../domain/pccc-registry.ts';

/**
 * Queues a notice to the holder on the client of the transaction of what it tells, one row per channel the
 * holder has now: SMS to the registered mobile; e-mail when registered; Web Push when an app of the holder
 * subscribed. The text is kept as rendered (Korean and English).
 */
async function queueNotice(
  c: pg.PoolClient,
  n: { kind: HolderNoticeKind; holder: RegistryHolder; eventId: number | null; change: PcccChange | null; ref: string | null; subject: string; text: { ko: string; en: string }; url: string | null; at: Date },
): Promise<void> {
  const push = await c.query(`SELECT 1 FROM push_subscriptions WHERE holder_id = $1 LIMIT 1`, [n.holder.holderId]);
  const channels: HolderChannel[] = ['sms', ...(n.holder.email ? (['email'] as const) : []), ...((push.rowCount ?? 0) > 0 ? (['push'] as const) : [])];
  await c.query(
    `INSERT INTO pccc_change_notices (kind, event_id, ref, holder_id, pccc, channel, change, subject, text_ko, text_en, url, next_attempt_at, created_at)
     SELECT $1, $2, $3, $4, $5, ch, $6, $7, $8, $9, $10, $11, $11 FROM unnest($12::text[]) WITH ORDINALITY AS c (ch, i) ORDER BY i`,
    [n.kind, n.eventId, n.ref, n.holder.holderId, n.holder.pccc, n.change === null ? null : JSON.stringify(n.change), n.subject, n.text.ko, n.text.en, n.url, n.at, channels],
  );
}

/** Queues the holder's notice of `change` on the client of the change's transaction, in Korean and English as pcccChangeText renders it now. */
export async function queuePcccChangeNotice(c: pg.PoolClient, n: { eventId: number; holder: RegistryHolder; change: PcccChange; at: Date }): Promise<void> {
  const text = pcccChangeText(n.change);
  await queueNotice(c, { kind: 'pccc_change', holder: n.holder, eventId: n.eventId, change: n.change, ref: null, subject: text.subject, text: { ko: text.ko, en: text.en }, url: null, at: n.at });
}

/**
 * The notice of a change of contact to the address the holder had before it (migrations/113): one row on the
 * channel of that address, sent to it (`recipient`) and not to the holder's address at the send (the new one).
 */
export async function queuePcccChangeNoticeTo(c: pg.PoolClient, n: { eventId: number; holder: RegistryHolder; change: PcccChange; channel: 'sms' | 'email'; recipient: string; at: Date }): Promise<void> {
  const text = pcccChangeText(n.change);
  await c.query(
    `INSERT INTO pccc_change_notices (kind, event_id, ref, holder_id, pccc, channel, recipient, change, subject, text_ko, text_en, url, next_attempt_at, created_at)
     VALUES ('pccc_change', $1, NULL, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $10)`,
    [n.eventId, n.holder.holderId, n.holder.pccc, n.channel, n.recipient, JSON.stringify(n.change), text.subject, text.ko, text.en, n.at],
  );
}

/** Queues another security notice to the holder (a passkey added or removed, a "not me" report, a consent decided: migrations/114) on the client of the transaction of what it tells. */
export async function queueHolderNotice(c: pg.PoolClient, n: HolderNotice): Promise<void> {
  await queueNotice(c, { kind: n.kind, holder: n.holder, eventId: null, change: null, ref: n.ref, subject: n.subject, text: n.text, url: n.url ?? null, at: n.at });
}

/**
 * Whether the holder changed their contact on the notice's channel (a phone or email event of the registry, by the
 * holder's events index) after the notice `n` was given up: sent again, it goes to the new one.
 */
const REPLACED_SINCE = `EXISTS (SELECT 1 FROM pccc_registry_events e
                                  WHERE e.holder_id = n.holder_id AND e.at > n.done_at
                                    AND e.action = CASE n.channel WHEN 'sms' THEN 'phone' WHEN 'email' THEN 'email' END)`;

/** A given-up notice with the holder of its code now (pccc_holders), as the administrators' list reads it. */
const GIVEN_UP = `SELECT n.id, n.kind, n.change->>'action' AS change_action, n.channel, n.recipient, n.pccc, n.attempts, n.last_error, n.created_at, n.done_at,
                         h.name AS holder_name, h.phone AS holder_phone, h.email AS holder_email, h.pccc IS NOT NULL AS known,
                         ${REPLACED_SINCE} AS replaced_since
                    FROM pccc_change_notices n LEFT JOIN pccc_holders h ON h.pccc = n.pccc`;

function givenUpOf(x: Record<string, unknown>): GivenUpHolderNotice {
  return {
    id: Number(x.id),
    kind: x.kind as HolderNoticeKind,
    changeAction: (x.change_action as GivenUpHolderNotice['changeAction']) ?? null,
    channel: x.channel as HolderChannel,
    pccc: x.pccc as string,
    // A notice to the old number or address of a change of contact (migrations/113) names that one, where it went.
    holder: x.known
      ? {
          name: x.holder_name as string,
          phone: x.recipient && x.channel === 'sms' ? (x.recipient as string) : (x.holder_phone as string),
          email: x.recipient && x.channel === 'email' ? (x.recipient as string) : ((x.holder_email as string | null) ?? null),
        }
      : null,
    // Not the holder's contact on that channel now: the number or address they had before the change.
    toFormerContact: !!x.recipient && x.recipient !== (x.channel === 'sms' ? x.holder_phone : x.channel === 'email' ? x.holder_email : null),
    recipient: (x.recipient as string | null) ?? null,
    contactReplacedSince: x.replaced_since === true,
    attempts: Number(x.attempts),
    lastError: (x.last_error as string | null) ?? null,
    queuedAt: x.created_at as Date,
    givenUpAt: x.done_at as Date,
  };
}

export class PgPcccChangeNotices implements PcccChangeNoticeOutbox, GivenUpHolderNotices {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async claimDue(q: { limit: number; at: Date; leaseMs: number }): Promise<PcccChangeNoticeJob[]> {
    const r = await this.pool.query(
      `UPDATE pccc_change_notices n SET next_attempt_at = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
        WHERE n.id IN (SELECT id FROM pccc_change_notices WHERE status = 'pending' AND next_attempt_at <= $2
                        ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING n.id, n.kind, n.pccc, n.channel, n.recipient, n.change, n.subject, n.text_ko, n.text_en, n.url, n.attempts`,
      [q.limit, q.at, q.leaseMs],
    );
    return r.rows
      .map((x) => ({
        id: Number(x.id),
        kind: x.kind,
        pccc: x.pccc,
        channel: x.channel,
        recipient: x.recipient ?? null,
        change: x.change ?? null,
        subject: x.subject,
        text: { ko: x.text_ko, en: x.text_en },
        url: x.url ?? null,
        attempts: Number(x.attempts),
      }))
      .sort((a, b) => a.id - b.id);
  }

  async settle(id: number, o: OutboxSettlement<'sent' | 'no_target'>, at: Date): Promise<void> {
    await settleOutboxRow(this.pool, 'pccc_change_notices', id, o, at);
  }

  async listGivenUp(q: { beforeId?: number | undefined; limit: number }): Promise<GivenUpHolderNotice[]> {
    const r = await this.pool.query(`${GIVEN_UP} WHERE n.status = 'dead' AND ($1::bigint IS NULL OR n.id < $1) ORDER BY n.id DESC LIMIT $2`, [q.beforeId ?? null, q.limit]);
    return r.rows.map((x) => givenUpOf(x));
  }

  async countGivenUp(): Promise<number> {
    const r = await this.pool.query(`SELECT count(*)::int AS n FROM pccc_change_notices WHERE status = 'dead'`);
    return Number(r.rows[0].n);
  }

  async findGivenUp(id: number): Promise<GivenUpHolderNotice | null> {
    const r = await this.pool.query(`${GIVEN_UP} WHERE n.id = $1 AND n.status = 'dead'`, [id]);
    return r.rows[0] ? givenUpOf(r.rows[0]) : null;
  }

  async requeueGivenUp(id: number, at: Date, o: { keepRecipient: boolean }): Promise<GivenUpHolderNotice | null> {
    // Only a dead row, locked first: two administrators pressing at once queue it once (the second finds it
    // pending). Answers the row as it was given up (its attempts, its given-up time, its recipient), for the audit.
    // Not kept, the recipient is cleared: the worker reads the holder's contact at the send.
    const r = await this.pool.query(
      `WITH old AS (SELECT id, kind, change, channel, recipient, holder_id, pccc, attempts, last_error, created_at, done_at
                      FROM pccc_change_notices WHERE id = $1 AND status = 'dead' FOR UPDATE),
            q AS (UPDATE pccc_change_notices n SET status = 'pending', attempts = 0, next_attempt_at = $2, done_at = NULL,
                                                   recipient = CASE WHEN $3::boolean THEN n.recipient END
                    FROM old WHERE n.id = old.id AND n.status = 'dead' RETURNING n.id)
       SELECT n.id, n.kind, n.change->>'action' AS change_action, n.channel, n.recipient, n.pccc, n.attempts, n.last_error, n.created_at, n.done_at,
              h.name AS holder_name, h.phone AS holder_phone, h.email AS holder_email, h.pccc IS NOT NULL AS known,
              ${REPLACED_SINCE} AS replaced_since
         FROM old n JOIN q ON q.id = n.id LEFT JOIN pccc_holders h ON h.pccc = n.pccc`,
      [id, at, o.keepRecipient],
    );
    return r.rows[0] ? givenUpOf(r.rows[0]) : null;
  }
}
