// Declarations, their append-only events, revisions and idempotency records.
// Intake streams rows with COPY into a per-connection temp table and moves them with one
// INSERT … SELECT … ON CONFLICT DO NOTHING, so a retry stores nothing twice.
import type pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import copyStreams from 'pg-copy-streams';
import type { HistoryEntry } from '../../domain/assessment.ts';
import { failure, type Result } from '../../app/errors.ts';
import type {
  Actor,
  BatchStoreOutcome,
  DeclarationRecord,
  DeclarationRow,
  DeclarationStore,
  EventRecord,
  RevisionRecord,
  StoredRef,
  TransitionPlan,
} from '../../app/ports.ts';
import { copyField, copyJson } from './copy-text.ts';

const { from: copyFrom } = copyStreams;

const STAGING_COLUMNS = [
  'idx int',
  'ref text',
  'content_hash text',
  'declared_at date',
  'pccc text',
  'consignee_key text',
  'seller_key text',
  'purchased_at date',
  'hbl_no text',
  'mbl_no text',
  'bl_year text',
  'arrival_date date',
  'goods_value_usd double precision',
  'personal boolean',
  'route text',
  'status text',
  'clearance_stage text',
  'cargo_stage text',
  'held_from text',
  'hold_reason jsonb',
  'taxes_total_krw bigint',
  'courier_code text',
  'forwarder_code text',
  'declaration jsonb',
  'assessment jsonb',
];
const STAGING_NAMES = STAGING_COLUMNS.map((c) => c.split(' ')[0]!).slice(1);

const prepared = new WeakSet<pg.PoolClient>();

async function ensureStaging(client: pg.PoolClient): Promise<void> {
  if (prepared.has(client)) return;
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS tg_intake (${STAGING_COLUMNS.join(', ')}) ON COMMIT DELETE ROWS`);
  prepared.add(client);
}

export function copyLineOf(r: DeclarationRow): string {
  const h = r.history;
  return (
    [
      copyField(r.index),
      copyField(r.ref),
      copyField(r.contentHash),
      copyField(r.declaration.declaredAt),
      copyField(r.pccc),
      copyField(h.consigneeKey),
      copyField(h.sellerKey),
      copyField(h.purchasedAt),
      copyField(h.hblNo),
      copyField(r.mblNo),
      copyField(r.blYear),
      copyField(h.arrivalDate),
      copyField(h.goodsValueUsd),
      copyField(h.personal),
      copyField(r.route),
      copyField(r.status),
      copyField(r.state.clearance),
      copyField(r.state.cargo),
      copyField(r.state.heldFrom),
      copyJson(r.holdReason),
      copyField(r.taxesTotalKrw),
      copyField(r.courierCode),
      copyField(r.forwarderCode),
      copyJson(r.declaration),
      copyJson(r.assessment),
    ].join('\t') + '\n'
  );
}

const RECORD_COLUMNS = `id, operator_id, ref, cargo_no, version, content_hash, declared_at, pccc, hbl_no, mbl_no, bl_year, route, status,
  clearance_stage, cargo_stage, held_from, hold_reason, taxes_total_krw, courier_code, forwarder_code, declaration, assessment, created_at, updated_at`;

interface RecordRow {
  id: number;
  operator_id: number;
  ref: string;
  cargo_no: string;
  version: number;
  content_hash: string;
  declared_at: string;
  pccc: string;
  hbl_no: string | null;
  mbl_no: string | null;
  bl_year: string | null;
  route: DeclarationRecord['route'];
  status: DeclarationRecord['status'];
  clearance_stage: DeclarationRecord['clearanceStage'];
  cargo_stage: DeclarationRecord['cargoStage'];
  held_from: DeclarationRecord['heldFrom'];
  hold_reason: unknown;
  taxes_total_krw: number | null;
  courier_code: string | null;
  forwarder_code: string | null;
  declaration: DeclarationRecord['declaration'];
  assessment: DeclarationRecord['assessment'];
  created_at: Date;
  updated_at: Date;
}

function recordOf(r: RecordRow): DeclarationRecord {
  return {
    id: r.id,
    operatorId: r.operator_id,
    ref: r.ref,
    cargoNo: r.cargo_no,
    version: r.version,
    contentHash: r.content_hash,
    declaredAt: r.declared_at,
    pccc: r.pccc,
    hblNo: r.hbl_no,
    mblNo: r.mbl_no,
    blYear: r.bl_year,
    route: r.route,
    status: r.status,
    clearanceStage: r.clearance_stage,
    cargoStage: r.cargo_stage,
    heldFrom: r.held_from,
    holdReason: r.hold_reason,
    taxesTotalKrw: r.taxes_total_krw,
    courierCode: r.courier_code,
    forwarderCode: r.forwarder_code,
    declaration: r.declaration,
    assessment: r.assessment,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

interface EventRow {
  id: number;
  declaration_id: number;
  seq: number;
  type: EventRecord['type'];
  name_ko: string;
  occurred_at: Date;
  recorded_at: Date;
  actor_kind: EventRecord['actorKind'];
  actor_id: number | null;
  reason: string | null;
  detail: EventRecord['detail'];
  status_after: EventRecord['statusAfter'];
}

function eventOf(r: EventRow): EventRecord {
  return {
    id: r.id,
    declarationId: r.declaration_id,
    seq: r.seq,
    type: r.type,
    nameKo: r.name_ko,
    occurredAt: r.occurred_at.toISOString(),
    recordedAt: r.recorded_at.toISOString(),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    reason: r.reason,
    detail: r.detail,
    statusAfter: r.status_after,
  };
}

/** Outbox rows for freshly inserted events, for every active webhook of the declaration's owner. */
const ENQUEUE_WEBHOOKS = `
  INSERT INTO webhook_outbox (webhook_id, event_id)
  SELECT w.id, e.id
    FROM declaration_events e
    JOIN declarations d ON d.id = e.declaration_id
    JOIN webhooks w ON w.operator_id = d.operator_id AND w.active
   WHERE e.id = ANY($1::bigint[]) AND (w.event_types IS NULL OR e.type = ANY(w.event_types))`;

export class PgDeclarationStore implements DeclarationStore {
  private readonly pool: pg.Pool;
  private readonly now: () => Date;
  constructor(pool: pg.Pool, now: () => Date) {
    this.pool = pool;
    this.now = now;
  }

  async findByRefs(operatorId: number, refs: string[]): Promise<StoredRef[]> {
    if (refs.length === 0) return [];
    const r = await this.pool.query(
      `SELECT id, ref, cargo_no, content_hash, status, assessment FROM declarations WHERE operator_id = $1 AND ref = ANY($2::text[])`,
      [operatorId, refs],
    );
    return r.rows.map((x) => ({ id: x.id, ref: x.ref, cargoNo: x.cargo_no, contentHash: x.content_hash, status: x.status, assessment: x.assessment }));
  }

  async historyFor(q: { pcccs: string[]; hblNos: string[]; dates?: string[]; excludeIds?: number[] }): Promise<HistoryEntry[]> {
    if (q.pcccs.length === 0 && q.hblNos.length === 0) return [];
    // Only what combined taxation can join on (고시 제68조): the same B/L, or the same
    // consignee with the same purchase date (same supplier) or arrival date (pre-2022 rule).
    const r = await this.pool.query(
      `SELECT ref, declared_at, consignee_key, seller_key, purchased_at, hbl_no, arrival_date, goods_value_usd, personal
         FROM declarations
        WHERE (hbl_no = ANY($2::text[])
               OR (pccc = ANY($1::text[]) AND ($3::date[] IS NULL OR purchased_at = ANY($3::date[]) OR arrival_date = ANY($3::date[]))))
          AND status NOT IN ('withdrawn', 'rejected')
          AND NOT (id = ANY($4::bigint[]))`,
      [q.pcccs, q.hblNos, q.dates ?? null, q.excludeIds ?? []],
    );
    return r.rows.map((x) => ({
      ref: x.ref,
      declaredAt: x.declared_at,
      consigneeKey: x.consignee_key,
      sellerKey: x.seller_key,
      purchasedAt: x.purchased_at,
      hblNo: x.hbl_no,
      arrivalDate: x.arrival_date,
      goodsValueUsd: x.goods_value_usd,
      personal: x.personal,
    }));
  }

  async getIdempotent(operatorId: number, key: string) {
    const r = await this.pool.query(`SELECT request_hash, response FROM idempotency_keys WHERE operator_id = $1 AND key = $2 AND response IS NOT NULL`, [
      operatorId,
      key,
    ]);
    const row = r.rows[0];
    return row ? { requestHash: row.request_hash as string, response: row.response as unknown } : null;
  }

  async storeBatch<R>(input: {
    operatorId: number;
    rows: DeclarationRow[];
    allRefs: string[];
    idempotency: { key: string; requestHash: string } | null;
    actor: Actor;
    submittedAt?: Date;
    respond: (stored: Map<string, StoredRef & { inserted: boolean }>) => R;
  }): Promise<BatchStoreOutcome<R>> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      if (input.idempotency) {
        const claimed = await client.query(
          `INSERT INTO idempotency_keys (operator_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
          [input.operatorId, input.idempotency.key, input.idempotency.requestHash],
        );
        if (claimed.rowCount === 0) {
          // Another request with this key committed first: answer with its response.
          const prior = await client.query(`SELECT request_hash, response FROM idempotency_keys WHERE operator_id = $1 AND key = $2`, [
            input.operatorId,
            input.idempotency.key,
          ]);
          await client.query('ROLLBACK');
          return { kind: 'replayed', requestHash: String(prior.rows[0]?.request_hash), response: prior.rows[0]?.response };
        }
      }
      const stored = new Map<string, StoredRef & { inserted: boolean }>();
      if (input.rows.length > 0) {
        await ensureStaging(client);
        const lines = input.rows.map(copyLineOf);
        await pipeline(Readable.from(chunked(lines)), client.query(copyFrom(`COPY tg_intake FROM STDIN`)));
        const now = input.submittedAt ?? this.now();
        const inserted = await client.query(
          `WITH ins AS (
             INSERT INTO declarations (operator_id, ${STAGING_NAMES.join(', ')})
             SELECT $1, ${STAGING_NAMES.join(', ')} FROM tg_intake ORDER BY idx
             ON CONFLICT (operator_id, ref) DO NOTHING
             RETURNING id, ref, cargo_no, status, route
           ), ev AS (
             INSERT INTO declaration_events (declaration_id, seq, type, name_ko, occurred_at, recorded_at, actor_kind, actor_id, detail, status_after)
             SELECT ins.id, 1, 'SUBMITTED', '신고접수', $2, $2, $3, $4, jsonb_build_object('route', ins.route), ins.status FROM ins
             RETURNING id
           ), wh AS (
             INSERT INTO webhook_outbox (webhook_id, event_id)
             SELECT w.id, ev.id FROM ev CROSS JOIN webhooks w
              WHERE w.operator_id = $1 AND w.active AND (w.event_types IS NULL OR 'SUBMITTED' = ANY(w.event_types))
           )
           SELECT id, ref, cargo_no, status FROM ins`,
          [input.operatorId, now, input.actor.kind, input.actor.id],
        );
        const hashOf = new Map(input.rows.map((r) => [r.ref, r.contentHash]));
        for (const x of inserted.rows) {
          stored.set(x.ref, { id: x.id, ref: x.ref, cargoNo: x.cargo_no, contentHash: hashOf.get(x.ref)!, status: x.status, assessment: null, inserted: true });
        }
      }
      const missing = input.allRefs.filter((ref) => !stored.has(ref));
      if (missing.length > 0) {
        const r = await client.query(
          `SELECT id, ref, cargo_no, content_hash, status, assessment FROM declarations WHERE operator_id = $1 AND ref = ANY($2::text[])`,
          [input.operatorId, missing],
        );
        for (const x of r.rows)
          stored.set(x.ref, { id: x.id, ref: x.ref, cargoNo: x.cargo_no, contentHash: x.content_hash, status: x.status, assessment: x.assessment, inserted: false });
      }
      const response = input.respond(stored);
      if (input.idempotency) {
        await client.query(`UPDATE idempotency_keys SET response = $3 WHERE operator_id = $1 AND key = $2`, [
          input.operatorId,
          input.idempotency.key,
          JSON.stringify(response),
        ]);
      }
      await client.query('COMMIT');
      const ids = new Map<string, { id: number; cargoNo: string; inserted: boolean }>();
      for (const [ref, s] of stored) ids.set(ref, { id: s.id, cargoNo: s.cargoNo, inserted: s.inserted });
      return { kind: 'stored', stored: ids, response };
    } catch (e) {
      broken = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release(broken);
      if (broken) prepared.delete(client);
    }
  }

  async findById(id: number): Promise<DeclarationRecord | null> {
    const r = await this.pool.query({ name: 'decl_by_id', text: `SELECT ${RECORD_COLUMNS} FROM declarations WHERE id = $1`, values: [id] });
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async findByCargoNo(cargoNo: string): Promise<DeclarationRecord | null> {
    const r = await this.pool.query({ name: 'decl_by_cargo', text: `SELECT ${RECORD_COLUMNS} FROM declarations WHERE cargo_no = $1`, values: [cargoNo] });
    return r.rows[0] ? recordOf(r.rows[0]) : null;
  }

  async findByBl(q: { hblNo?: string; mblNo?: string; blYear: string }): Promise<DeclarationRecord[]> {
    const r = await this.pool.query(
      `SELECT ${RECORD_COLUMNS} FROM declarations
        WHERE bl_year = $3 AND ($1::text IS NULL OR hbl_no = $1) AND ($2::text IS NULL OR mbl_no = $2)
          AND ($1::text IS NOT NULL OR $2::text IS NOT NULL)
        ORDER BY id LIMIT 100`,
      [q.hblNo ?? null, q.mblNo ?? null, q.blYear],
    );
    return r.rows.map(recordOf);
  }

  async findByPccc(pccc: string, limit: number): Promise<DeclarationRecord[]> {
    const r = await this.pool.query(`SELECT ${RECORD_COLUMNS} FROM declarations WHERE pccc = $1 ORDER BY id DESC LIMIT $2`, [pccc, limit]);
    return r.rows.map(recordOf);
  }

  async listForOperator(operatorId: number, q: { status?: string; limit: number; afterId?: number }): Promise<DeclarationRecord[]> {
    const r = await this.pool.query(
      `SELECT ${RECORD_COLUMNS} FROM declarations
        WHERE operator_id = $1 AND ($2::text IS NULL OR status = $2) AND id > $3
        ORDER BY id LIMIT $4`,
      [operatorId, q.status ?? null, q.afterId ?? 0, q.limit],
    );
    return r.rows.map(recordOf);
  }

  async listByStatus(q: { status: string; limit: number }): Promise<DeclarationRecord[]> {
    const r = await this.pool.query(`SELECT ${RECORD_COLUMNS} FROM declarations WHERE status = $1 ORDER BY updated_at LIMIT $2`, [q.status, q.limit]);
    return r.rows.map(recordOf);
  }

  async eventsOf(declarationId: number): Promise<EventRecord[]> {
    const r = await this.pool.query({
      name: 'events_of',
      text: `SELECT id, declaration_id, seq, type, name_ko, occurred_at, recorded_at, actor_kind, actor_id, reason, detail, status_after
               FROM declaration_events WHERE declaration_id = $1 ORDER BY seq`,
      values: [declarationId],
    });
    return r.rows.map(eventOf);
  }

  async revisionsOf(declarationId: number): Promise<RevisionRecord[]> {
    const r = await this.pool.query(
      `SELECT version, declaration, assessment, replaced_at, reason FROM declaration_revisions WHERE declaration_id = $1 ORDER BY version`,
      [declarationId],
    );
    return r.rows.map((x) => ({ version: x.version, declaration: x.declaration, assessment: x.assessment, replacedAt: x.replaced_at.toISOString(), reason: x.reason }));
  }

  async countByStatus(operatorId: number | null): Promise<Record<string, number>> {
    const r = await this.pool.query(`SELECT status, count(*)::int AS n FROM declarations WHERE ($1::bigint IS NULL OR operator_id = $1) GROUP BY status`, [
      operatorId,
    ]);
    return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
  }

  async transition<T>(
    declarationId: number,
    actor: Actor,
    decide: (current: DeclarationRecord) => Result<{ plan: TransitionPlan; value: T }>,
  ): Promise<Result<{ record: DeclarationRecord; value: T; eventIds: number[] }>> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const cur = await client.query(`SELECT ${RECORD_COLUMNS} FROM declarations WHERE id = $1 FOR UPDATE`, [declarationId]);
      if (!cur.rows[0]) {
        await client.query('ROLLBACK');
        return { ok: false, error: failure('DECLARATION_NOT_FOUND') };
      }
      const current = recordOf(cur.rows[0]);
      const decision = decide(current);
      if (!decision.ok) {
        await client.query('ROLLBACK');
        return decision;
      }
      const { plan, value } = decision.value;
      if (plan.replace) {
        const row = plan.replace.row;
        const h = row.history;
        await client.query(
          `INSERT INTO declaration_revisions (declaration_id, version, declaration, assessment, reason) VALUES ($1, $2, $3, $4, $5)`,
          [current.id, current.version, JSON.stringify(current.declaration), JSON.stringify(current.assessment), plan.replace.reason],
        );
        await client.query(
          `UPDATE declarations SET version = version + 1, content_hash = $2, declared_at = $3, pccc = $4, consignee_key = $5, seller_key = $6,
                  purchased_at = $7, hbl_no = $8, mbl_no = $9, bl_year = $10, arrival_date = $11, goods_value_usd = $12, personal = $13,
                  taxes_total_krw = $14, courier_code = $15, forwarder_code = $16, declaration = $17, assessment = $18
            WHERE id = $1`,
          [
            current.id,
            row.contentHash,
            row.declaration.declaredAt,
            row.pccc,
            h.consigneeKey,
            h.sellerKey,
            h.purchasedAt,
            h.hblNo,
            row.mblNo,
            row.blYear,
            h.arrivalDate,
            h.goodsValueUsd,
            h.personal,
            row.taxesTotalKrw,
            row.courierCode,
            row.forwarderCode,
            JSON.stringify(row.declaration),
            JSON.stringify(row.assessment),
          ],
        );
      }
      const updated = await client.query(
        `UPDATE declarations SET route = $2, status = $3, clearance_stage = $4, cargo_stage = $5, held_from = $6, hold_reason = $7, updated_at = $8
          WHERE id = $1 RETURNING ${RECORD_COLUMNS}`,
        [
          current.id,
          plan.state.route,
          plan.status,
          plan.state.clearance,
          plan.state.cargo,
          plan.state.heldFrom,
          plan.holdReason === null || plan.holdReason === undefined ? null : JSON.stringify(plan.holdReason),
          this.now(),
        ],
      );
      let eventIds: number[] = [];
      if (plan.events.length > 0) {
        const ev = plan.events;
        const inserted = await client.query(
          `INSERT INTO declaration_events (declaration_id, seq, type, name_ko, occurred_at, recorded_at, actor_kind, actor_id, reason, detail, status_after)
           SELECT $1, base.n + e.ord, e.type, e.name_ko, e.occurred_at, $2, $3, $4, e.reason, e.detail, e.status_after
             FROM (SELECT coalesce(max(seq), 0) AS n FROM declaration_events WHERE declaration_id = $1) base,
                  unnest($5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::jsonb[], $10::text[]) WITH ORDINALITY
                    AS e(type, name_ko, occurred_at, reason, detail, status_after, ord)
           ORDER BY e.ord
           RETURNING id`,
          [
            current.id,
            this.now(),
            actor.kind,
            actor.id,
            ev.map((e) => e.type),
            ev.map((e) => e.nameKo),
            ev.map((e) => e.occurredAt),
            ev.map((e) => e.reason),
            ev.map((e) => (e.detail === null || e.detail === undefined ? null : JSON.stringify(e.detail))),
            ev.map((e) => e.statusAfter),
          ],
        );
        eventIds = inserted.rows.map((x) => x.id as number);
        await client.query(ENQUEUE_WEBHOOKS, [eventIds]);
      }
      await client.query('COMMIT');
      return { ok: true, value: { record: recordOf(updated.rows[0]), value, eventIds } };
    } catch (e) {
      broken = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release(broken);
      if (broken) prepared.delete(client);
    }
  }
}

function* chunked(lines: string[], size = 256): Generator<string> {
  for (let i = 0; i < lines.length; i += size) yield lines.slice(i, i + size).join('');
}
