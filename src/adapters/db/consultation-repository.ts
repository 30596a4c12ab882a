// PostgreSQL side of consultation (migrations/034_consultations.sql). Every message and status
// change is written with `pg_notify('consultation_events', …)` in its own transaction, so the
// announcement leaves only on commit; PgConsultationFeed holds one LISTEN connection per process
// and hands each announcement to the subscribers of that consultation.
import type pg from 'pg';
import type { ConsultationAction, ConsultationStatus, Transition } from '../../domain/consultation.ts';
import type {
  ConsultationChange,
  ConsultationFeed,
  ConsultationMessageRecord,
  ConsultationRecord,
  ConsultationStore,
  InboxPageQuery,
  NewConsultationMessage,
  StoreOutcome,
} from '../../app/ports/consultation-store.ts';
import { inTransaction } from './in-transaction.ts';

export const CONSULTATION_CHANNEL = 'consultation_events';

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

const SELECT = `
  SELECT c.id, c.pccc, c.declaration_id, d.cargo_no, d.status AS declaration_status, c.topic, c.status,
         c.created_at, c.updated_at, c.closed_at, u.display_name AS closed_by_name, c.close_note,
         (SELECT count(*) FROM consultation_messages m WHERE m.consultation_id = c.id) AS message_count,
         lm.author_kind AS last_author, lm.body AS last_body, lm.created_at AS last_at
    FROM consultations c
    LEFT JOIN declarations d ON d.id = c.declaration_id
    LEFT JOIN users u ON u.id = c.closed_by
    LEFT JOIN LATERAL (SELECT author_kind, body, created_at FROM consultation_messages m
                        WHERE m.consultation_id = c.id ORDER BY m.id DESC LIMIT 1) lm ON true`;

const recordOf = (r: any): ConsultationRecord => ({
  id: Number(r.id),
  pccc: r.pccc,
  declarationId: r.declaration_id == null ? null : Number(r.declaration_id),
  cargoNo: r.cargo_no ?? null,
  declarationStatus: r.declaration_status ?? null,
  topic: r.topic,
  status: r.status,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  closedAt: isoOrNull(r.closed_at),
  closedByName: r.closed_by_name ?? null,
  closeNote: r.close_note ?? null,
  messageCount: Number(r.message_count),
  lastMessage: r.last_author ? { authorKind: r.last_author, body: r.last_body, createdAt: iso(r.last_at) } : null,
});

/**
 * The inbox's key of each consultation as it stood at `t0` ($1: microseconds since the epoch, the
 * database's clock): its status then and its latest activity then. One untouched since
 * (updated_at <= t0) has its own; one changed since has the key its last message up to t0 gave it
 * (consumer: open, officer: answered; closed is final, so it was not closed then), since this
 * store sets updated_at to the time of the message or close it writes (the same now()). Opened
 * after t0: not in it. $2: the statuses asked for. Messages are append-only, so a consultation's
 * key as of t0 stays as it was, and pages read against one t0 walk one order however the inbox
 * moves. (A message whose transaction began before t0 and committed after the page of t0 was read
 * counts as there at t0: a window of one short transaction.)
 */
const INBOX_AS_OF = `
  asof AS (SELECT 'epoch'::timestamptz + $1::bigint * interval '1 microsecond' AS t0),
  inbox AS (
    SELECT c.id, k.status, k.active_at
      FROM consultations c CROSS JOIN asof
     CROSS JOIN LATERAL (
       SELECT c.status, c.updated_at AS active_at WHERE c.updated_at <= asof.t0
       UNION ALL
       (SELECT CASE m.author_kind WHEN 'consumer' THEN 'open' ELSE 'answered' END, m.created_at
          FROM consultation_messages m
         WHERE c.updated_at > asof.t0 AND m.consultation_id = c.id AND m.created_at <= asof.t0
         ORDER BY m.id DESC LIMIT 1)) k
     WHERE c.created_at <= asof.t0
       AND (c.status = ANY($2::text[]) OR c.updated_at > asof.t0))`; // the others were not in the filter then

const MESSAGE_SELECT = `
  SELECT m.id, m.consultation_id, m.author_kind, m.author_user_id, u.display_name AS author_name, m.body, m.created_at
    FROM consultation_messages m LEFT JOIN users u ON u.id = m.author_user_id`;

const messageOf = (r: any): ConsultationMessageRecord => ({
  id: Number(r.id),
  consultationId: Number(r.consultation_id),
  authorKind: r.author_kind,
  authorUserId: r.author_user_id == null ? null : Number(r.author_user_id),
  authorName: r.author_kind === 'officer' ? (r.author_name ?? null) : null,
  body: r.body,
  createdAt: iso(r.created_at),
});

async function notify(client: pg.PoolClient, change: ConsultationChange): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [CONSULTATION_CHANNEL, JSON.stringify(change)]);
}

export class PgConsultationStore implements ConsultationStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  private tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, fn);
  }

  private async insertMessage(client: pg.PoolClient, consultationId: number, m: NewConsultationMessage): Promise<number> {
    const r = await client.query('INSERT INTO consultation_messages (consultation_id, author_kind, author_user_id, body) VALUES ($1, $2, $3, $4) RETURNING id', [
      consultationId,
      m.authorKind,
      m.authorUserId,
      m.body,
    ]);
    return Number(r.rows[0].id);
  }

  async open(c: { pccc: string; declarationId: number | null; topic: ConsultationRecord['topic']; message: NewConsultationMessage }) {
    const ids = await this.tx(async (client) => {
      const r = await client.query(`INSERT INTO consultations (pccc, declaration_id, topic, status) VALUES ($1, $2, $3, 'open') RETURNING id`, [c.pccc, c.declarationId, c.topic]);
      const id = Number(r.rows[0].id);
      const messageId = await this.insertMessage(client, id, c.message);
      await notify(client, { consultationId: id, messageId, status: 'open' });
      return { id, messageId };
    });
    return { consultation: (await this.find(ids.id))!, message: (await this.message(ids.messageId))! };
  }

  async find(id: number): Promise<ConsultationRecord | null> {
    const r = await this.pool.query(`${SELECT} WHERE c.id = $1`, [id]);
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async listByPcccs(pcccs: readonly string[], limit: number): Promise<ConsultationRecord[]> {
    const r = await this.pool.query(`${SELECT} WHERE c.pccc = ANY($1::text[]) ORDER BY c.updated_at DESC, c.id DESC LIMIT $2`, [pcccs, limit]);
    return r.rows.map(recordOf);
  }

  async inboxTime(): Promise<number> {
    const r = await this.pool.query<{ t: string }>(`SELECT (extract(epoch FROM now()) * 1000000)::bigint AS t`);
    return Number(r.rows[0]!.t);
  }

  async listForOfficers(statuses: ConsultationStatus[], page: InboxPageQuery): Promise<ConsultationRecord[]> {
    const r = await this.pool.query(
      `WITH ${INBOX_AS_OF},
       page AS (SELECT id, status, active_at FROM inbox
                 WHERE status = ANY($2::text[])
                   AND ($3::bigint IS NULL OR ((status = 'open'), active_at, id) < (SELECT (k.status = 'open'), k.active_at, k.id FROM inbox k WHERE k.id = $3))
                 ORDER BY (status = 'open') DESC, active_at DESC, id DESC LIMIT $4 OFFSET $5)
       ${SELECT} JOIN page p ON p.id = c.id ORDER BY (p.status = 'open') DESC, p.active_at DESC, p.id DESC`,
      [page.asOf, statuses, page.afterId ?? null, page.limit, page.offset ?? 0],
    );
    return r.rows.map(recordOf);
  }

  async countByStatus(): Promise<Record<ConsultationStatus, number>> {
    const r = await this.pool.query<{ status: ConsultationStatus; n: number }>('SELECT status, count(*)::int AS n FROM consultations GROUP BY status');
    const counts: Record<ConsultationStatus, number> = { open: 0, answered: 0, closed: 0 };
    for (const row of r.rows) counts[row.status] = row.n;
    return counts;
  }

  async messages(consultationId: number, afterId = 0): Promise<ConsultationMessageRecord[]> {
    const r = await this.pool.query(`${MESSAGE_SELECT} WHERE m.consultation_id = $1 AND m.id > $2 ORDER BY m.id LIMIT 1000`, [consultationId, afterId]);
    return r.rows.map(messageOf);
  }

  async message(id: number): Promise<ConsultationMessageRecord | null> {
    const r = await this.pool.query(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
    return r.rows[0] ? messageOf(r.rows[0]) : null;
  }

  /** Locks the row, applies the rule; null when there is no such consultation. */
  private async lockAndDecide(client: pg.PoolClient, id: number, decide: (s: ConsultationStatus) => Transition): Promise<StoreOutcome<ConsultationStatus>> {
    const r = await client.query<{ status: ConsultationStatus }>('SELECT status FROM consultations WHERE id = $1 FOR UPDATE', [id]);
    if (!r.rows[0]) return { ok: false, code: 'CONSULTATION_NOT_FOUND' };
    const t = decide(r.rows[0].status);
    return t.ok ? { ok: true, value: t.status } : { ok: false, code: t.code };
  }

  async append(consultationId: number, _action: ConsultationAction, message: NewConsultationMessage, decide: (s: ConsultationStatus) => Transition) {
    const out = await this.tx(async (client): Promise<StoreOutcome<number>> => {
      const next = await this.lockAndDecide(client, consultationId, decide);
      if (!next.ok) return next;
      const messageId = await this.insertMessage(client, consultationId, message);
      await client.query('UPDATE consultations SET status = $2, updated_at = now() WHERE id = $1', [consultationId, next.value]);
      await notify(client, { consultationId, messageId, status: next.value });
      return { ok: true, value: messageId };
    });
    if (!out.ok) return out;
    return { ok: true as const, value: { consultation: (await this.find(consultationId))!, message: (await this.message(out.value))! } };
  }

  async close(consultationId: number, by: { userId: number; note: string }, decide: (s: ConsultationStatus) => Transition) {
    const out = await this.tx(async (client): Promise<StoreOutcome<null>> => {
      const next = await this.lockAndDecide(client, consultationId, decide);
      if (!next.ok) return next;
      await client.query('UPDATE consultations SET status = $2, updated_at = now(), closed_at = now(), closed_by = $3, close_note = $4 WHERE id = $1', [
        consultationId,
        next.value,
        by.userId,
        by.note,
      ]);
      await notify(client, { consultationId, messageId: null, status: next.value });
      return { ok: true, value: null };
    });
    if (!out.ok) return out;
    return { ok: true as const, value: (await this.find(consultationId))! };
  }
}

/**
 * One LISTEN connection per process, taken from the pool on the first subscription and given
 * back when the feed stops. A lost connection is re-established after a second; subscribers
 * stay subscribed (a reconnecting browser catches up with Last-Event-ID).
 */
export class PgConsultationFeed implements ConsultationFeed {
  private readonly pool: pg.Pool;
  private readonly subscribers = new Map<number, Set<(c: ConsultationChange) => void>>();
  private client: pg.PoolClient | null = null;
  private connecting: Promise<void> | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly log: (line: string) => void;

  constructor(pool: pg.Pool, log: (line: string) => void = () => undefined) {
    this.pool = pool;
    this.log = log;
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query(`LISTEN ${CONSULTATION_CHANNEL}`);
      } catch (e) {
        client.release(true);
        throw e;
      }
      client.on('notification', (n) => this.dispatch(n.payload));
      client.on('error', (e) => this.lost(client, e));
      if (this.stopped) {
        client.release();
        return;
      }
      this.client = client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private lost(client: pg.PoolClient, e: Error): void {
    if (this.client !== client) return;
    this.log(`consultation feed: ${e.message}; listening again in 1 s`);
    this.client = null;
    client.release(true);
    if (this.stopped || this.subscribers.size === 0) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().catch((err) => this.lost(client, err as Error));
    }, 1000);
    this.retry.unref();
  }

  private dispatch(payload: string | undefined): void {
    if (!payload) return;
    let change: ConsultationChange;
    try {
      change = JSON.parse(payload) as ConsultationChange;
    } catch {
      return;
    }
    for (const fn of this.subscribers.get(change.consultationId) ?? []) {
      try {
        fn(change);
      } catch {
        /* one subscriber's failure is not the others' */
      }
    }
  }

  async subscribe(consultationId: number, onChange: (c: ConsultationChange) => void): Promise<() => void> {
    if (this.stopped) throw new Error('consultation feed stopped');
    let set = this.subscribers.get(consultationId);
    if (!set) this.subscribers.set(consultationId, (set = new Set()));
    set.add(onChange);
    try {
      await this.connect();
    } catch (e) {
      set.delete(onChange);
      if (set.size === 0) this.subscribers.delete(consultationId);
      throw e;
    }
    return () => {
      const s = this.subscribers.get(consultationId);
      if (!s) return;
      s.delete(onChange);
      if (s.size === 0) this.subscribers.delete(consultationId);
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.subscribers.clear();
    if (this.connecting) await this.connecting.catch(() => undefined);
    const client = this.client;
    this.client = null;
    if (client) {
      await client.query(`UNLISTEN ${CONSULTATION_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }
}
