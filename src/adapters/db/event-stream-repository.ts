// The relay's side in PostgreSQL (migrations/061): which committed events are not yet published,
// in which order, and the position after each acknowledged chunk.
//
// Why snapshots and not an id or (xid, id) cursor: ids and transaction ids are drawn before
// commit, so a transaction that commits late can carry a smaller one than events already
// published, and a cursor past it would skip it for good. A pass instead takes a snapshot
// (`reading`) and publishes the events of exactly the transactions complete in it but not in
// the previous pass's (`done`): those in progress then (its xip list) and those that began after
// (txid ≥ its xmax). Nothing committed is passed over, nothing is published twice by a pass, and
// no transaction still open (an intake of 200,000 parcels, an idle session) holds the others
// back. Passes follow commit order; within a pass events go out in id order, which keeps each
// declaration's events in seq order: an event is appended only after the one before it
// committed, so it draws a larger id (a transaction's own xid may be older: taken at its first
// lock, before it waited for that declaration).
import type pg from 'pg';
import type { StreamEvent, PublishOutcome } from '../../app/ports/event-stream-ports.ts';
import { holdingConnection } from './connection-guard.ts';

/** Namespace of the relay's advisory lock (pg_try_advisory_xact_lock(int, int)) with the stream's name; intake's is 0x5447. */
const EVENT_STREAM_LOCK_SPACE = 0x4553; // "ES"
/** Ids of one pass read at a time (8 bytes each in memory); a larger pass is read again from the last one published. */
const PASS_IDS = 500_000;

/** Where a relay begins on its first start: at that moment, or with every stored event (NATS_STREAM_START). */
export type StreamStart = 'now' | 'all';

export interface RelayPosition {
  stream: string;
  published: number;
  lastEventId: number | null;
  publishedAt: string | null;
  startedAt: string;
  pendingEvents: number;
  oldestPendingAt: string | null;
}

interface CursorRow {
  done: string | null;
  reading: string | null;
  last_id: number;
  /** The database's transaction counter is behind the position (a restore into a new cluster). */
  behind: boolean;
}

/** The events of the pass from `done` to `reading`, after `$3`: see the file's comment. NULL `done`: the history first (all events complete in `reading`). */
const PASS_IDS_SQL = `
  SELECT e.id FROM declaration_events e
   WHERE (e.txid = ANY (ARRAY(SELECT pg_snapshot_xip($1::pg_snapshot)))
          OR (e.txid >= pg_snapshot_xmax($1::pg_snapshot) AND e.txid < pg_snapshot_xmax($2::pg_snapshot)))
     AND pg_visible_in_snapshot(e.txid, $2::pg_snapshot)
     AND e.id > $3
   ORDER BY e.id
   LIMIT $4`;

/** The history pass: along the primary key, so each chunk starts where the last one ended. */
const HISTORY_IDS_SQL = `
  SELECT e.id FROM declaration_events e
   WHERE e.id > $2 AND (e.txid IS NULL OR pg_visible_in_snapshot(e.txid, $1::pg_snapshot))
   ORDER BY e.id
   LIMIT $3`;

const EVENTS_SQL = `
  SELECT e.id, e.declaration_id, e.seq, e.type, e.name_ko, e.occurred_at, e.status_after, e.actor_kind, e.reason,
         d.ref, d.cargo_no, o.code AS operator_code
    FROM declaration_events e
    JOIN declarations d ON d.id = e.declaration_id
    JOIN operators o ON o.id = d.operator_id
   WHERE e.id = ANY ($1::bigint[])
   ORDER BY e.id`;

/**
 * Committed events not yet published and the oldest one's time (the lag): those of transactions
 * not complete in `done`, less those of the pass under way already published.
 */
const PENDING_SQL = `
  SELECT count(*)::bigint AS pending, min(e.recorded_at) AS oldest
    FROM declaration_events e
   WHERE (e.txid = ANY (ARRAY(SELECT pg_snapshot_xip($1::pg_snapshot))) OR e.txid >= pg_snapshot_xmax($1::pg_snapshot))
     AND NOT ($2::pg_snapshot IS NOT NULL AND e.id <= $3 AND pg_visible_in_snapshot(e.txid, $2::pg_snapshot))`;

/** The same before the history is published: every event but those the history pass published. */
const PENDING_HISTORY_SQL = `
  SELECT count(*)::bigint AS pending, min(e.recorded_at) AS oldest
    FROM declaration_events e
   WHERE NOT ($1::pg_snapshot IS NOT NULL AND e.id <= $2 AND (e.txid IS NULL OR pg_visible_in_snapshot(e.txid, $1::pg_snapshot)))`;

export class PgEventStreamStore {
  /** The ids of the pass under way, read once per pass (the key names the pass). */
  private pass: { key: string; ids: number[]; complete: boolean } | null = null;

  private readonly pool: pg.Pool;
  readonly stream: string;

  constructor(pool: pg.Pool, stream: string) {
    this.pool = pool;
    this.stream = stream;
  }

  /** The stream's position, created at the first start: from now on, or with the history first. */
  async ensureCursor(start: StreamStart): Promise<void> {
    await this.pool.query(
      `INSERT INTO event_stream_cursor (stream, done) VALUES ($1, CASE WHEN $2 = 'all' THEN NULL ELSE pg_current_snapshot() END)
       ON CONFLICT (stream) DO NOTHING`,
      [this.stream, start],
    );
  }

  /**
   * Publishes up to `limit` events of the current pass, in order, and records how far the stream
   * acknowledged them, in one transaction holding the stream's lock. Returns how many were
   * published, whether more wait, and the publisher's error (the position then stops before it).
   */
  async publishNext(limit: number, publish: (events: StreamEvent[]) => Promise<PublishOutcome>): Promise<{ published: number; more: boolean; busy: boolean; outcome: PublishOutcome | null }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const locked = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${EVENT_STREAM_LOCK_SPACE}, hashtext($1)) AS ok`, [this.stream]);
      if (!locked.rows[0]!.ok) {
        await client.query('COMMIT');
        return { published: 0, more: false, busy: true, outcome: null };
      }
      const c = (
        await client.query<CursorRow>(
          `SELECT done::text, reading::text, last_id,
                  pg_snapshot_xmax(coalesce(reading, done)) > pg_snapshot_xmax(pg_current_snapshot()) AS behind
             FROM event_stream_cursor WHERE stream = $1`,
          [this.stream],
        )
      ).rows[0];
      if (!c) throw new Error(`event stream ${this.stream}: no position (event_stream_cursor)`);
      if (c.behind)
        throw new Error(
          `event stream ${this.stream}: the database's transaction counter is behind the relay's position (restored into a new cluster?); nothing is published until the position is reset (docs/event-stream.md)`,
        );
      const reading = c.reading ?? (await client.query<{ s: string }>('SELECT pg_current_snapshot()::text AS s')).rows[0]!.s;
      const ids = await this.passIds(client, c, reading, limit);
      const chunk = ids.slice(0, limit);
      if (chunk.length === 0) {
        // An empty pass records nothing (an idle relay writes nothing); a finished one moves on.
        if (c.reading !== null || c.done === null) await this.record(client, { done: reading, reading: null, lastId: 0 }, []);
        await client.query('COMMIT');
        return { published: 0, more: c.reading !== null, busy: false, outcome: null };
      }
      const rows = (await client.query(EVENTS_SQL, [chunk])).rows;
      const events: StreamEvent[] = rows.map((r) => ({
        id: r.id,
        declarationId: r.declaration_id,
        seq: r.seq,
        type: r.type,
        nameKo: r.name_ko,
        occurredAt: (r.occurred_at as Date).toISOString(),
        statusAfter: r.status_after,
        actorKind: r.actor_kind,
        reason: r.reason,
        ref: r.ref,
        cargoNo: r.cargo_no,
        operatorCode: r.operator_code,
      }));
      const outcome = await holdingConnection('an event-stream pass', () => publish(events));
      const sent = events.slice(0, outcome.published);
      const lastId = sent.at(-1)?.id ?? c.last_id;
      const passDone = outcome.published === events.length && ids.length === chunk.length && this.pass!.complete;
      if (sent.length > 0 || passDone) {
        await this.record(client, passDone ? { done: reading, reading: null, lastId: 0 } : { done: c.done, reading, lastId }, sent);
      }
      await client.query('COMMIT');
      return { published: sent.length, more: !passDone, busy: false, outcome };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.pass = null;
      throw e;
    } finally {
      client.release();
    }
  }

  /** The position and the lag, for the status endpoint. */
  async position(): Promise<RelayPosition | null> {
    const r = await this.pool.query(
      `SELECT done::text, reading::text, last_id, published, last_event_id, published_at, started_at FROM event_stream_cursor WHERE stream = $1`,
      [this.stream],
    );
    const c = r.rows[0];
    if (!c) return null;
    const p = (c.done === null ? await this.pool.query(PENDING_HISTORY_SQL, [c.reading, c.last_id]) : await this.pool.query(PENDING_SQL, [c.done, c.reading, c.last_id])).rows[0];
    return {
      stream: this.stream,
      published: c.published,
      lastEventId: c.last_event_id,
      publishedAt: c.published_at?.toISOString() ?? null,
      startedAt: c.started_at.toISOString(),
      pendingEvents: p.pending,
      oldestPendingAt: p.oldest?.toISOString() ?? null,
    };
  }

  /** The pass's ids after the last one published, read again only when the pass is not the one read before. */
  private async passIds(client: pg.PoolClient, c: CursorRow, reading: string, limit: number): Promise<number[]> {
    const key = `${c.done}|${reading}`;
    if (this.pass?.key === key) {
      const rest = this.pass.ids.filter((id) => id > c.last_id);
      if (rest.length >= limit || this.pass.complete) return rest;
    }
    if (c.done === null) {
      // The history: along the primary key, a chunk at a time (it may hold millions).
      const ids = (await client.query<{ id: number }>(HISTORY_IDS_SQL, [reading, c.last_id, limit + 1])).rows.map((r) => r.id);
      this.pass = { key, ids, complete: ids.length <= limit };
      return ids;
    }
    const ids = (await client.query<{ id: number }>(PASS_IDS_SQL, [c.done, reading, c.last_id, PASS_IDS])).rows.map((r) => r.id);
    this.pass = { key, ids, complete: ids.length < PASS_IDS };
    return ids;
  }

  private async record(client: pg.PoolClient, next: { done: string | null; reading: string | null; lastId: number }, sent: StreamEvent[]): Promise<void> {
    await client.query(
      `UPDATE event_stream_cursor
          SET done = $2::pg_snapshot, reading = $3::pg_snapshot, last_id = $4,
              published = published + $5, last_event_id = coalesce($6, last_event_id),
              published_at = CASE WHEN $5 > 0 THEN now() ELSE published_at END
        WHERE stream = $1`,
      [this.stream, next.done, next.reading, next.lastId, sent.length, sent.at(-1)?.id ?? null],
    );
  }
}
