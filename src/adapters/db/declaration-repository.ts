// Declarations, their append-only events, revisions, idempotency records and the lookup read
// model (declaration_lookup, migrations/002_read_models.sql).
//
// Intake writes a batch in one transaction. Ids, event ids and cargo numbers are drawn from
// their sequences first, so the rows, their first events and their lookup rows are streamed
// with COPY straight into the final tables. A retry that races another request with the same
// (operator, ref) makes that COPY fail on the unique key; the batch is then redone through a
// per-connection staging table and INSERT … SELECT … ON CONFLICT DO NOTHING, so nothing is
// stored twice either way.
import type pg from 'pg';
import { failure, type Result } from '../../app/errors.ts';
import { lookupBodyOf, type LookupEvent } from '../../app/lookup-view.ts';
import type {
  Actor,
  BatchStoreOutcome,
  DeclarationRecord,
  DeclarationRow,
  DeclarationStore,
  EventRecord,
  HistoryQuery,
  IntakeConsistency,
  NamedRefs,
  RevisionRecord,
  StoredHistoryEntry,
  StoreBatchInput,
  StoredRef,
  TransitionPlan,
  UsageAlertFacts,
} from '../../app/ports.ts';
import { copyField, copyJson, copyRows, escapeCopy } from './copy-text.ts';
import { leanRead } from './lean-read.ts';
import { holdingConnection } from './connection-guard.ts';
import { ownersOfNamedRefs } from './named-ref-owners.ts';
import type { RefOwners } from '../../domain/combined-refs-view.ts';
import { closeAccountsNothingOwed, lockPayments, reconcileReassessedRefund } from './reassessment-refunds.ts';
import { queueUsageAlerts, takeBackUsageAlerts } from './queue-usage-alerts.ts';
import { endedStatusOf, endedWhy } from '../../domain/reassessed-refunds.ts';
import { taxesPayableNow } from '../../domain/taxes-payable.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Columns of a new declaration as intake writes them (the rest take their defaults). */
const DECLARATION_COLUMNS = [
  'id',
  'operator_id',
  'ref',
  'cargo_no',
  'content_hash',
  'declared_at',
  'pccc',
  'consignee_key',
  'seller_key',
  'seller_code_key',
  'seller_name_key',
  'purchased_at',
  'hbl_no',
  'mbl_no',
  'bl_year',
  'arrival_date',
  'goods_value_usd',
  'personal',
  'de_minimis_usd',
  'route',
  'status',
  'clearance_stage',
  'cargo_stage',
  'held_from',
  'hold_reason',
  'taxes_total_krw',
  'courier_code',
  'forwarder_code',
  'declaration',
  'assessment',
  'signal_points',
];
const EVENT_COLUMNS = ['id', 'declaration_id', 'seq', 'type', 'name_ko', 'occurred_at', 'recorded_at', 'actor_kind', 'actor_id', 'detail', 'status_after'];
const LOOKUP_COLUMNS = ['cargo_no', 'declaration_id', 'hbl_no', 'mbl_no', 'bl_year', 'body'];

// Staging (the conflict path only): the three row kinds side by side, one line per declaration.
const STAGING_COLUMNS = [
  'id bigint',
  'operator_id bigint',
  'ref text',
  'cargo_no text',
  'content_hash text',
  'declared_at date',
  'pccc text',
  'consignee_key text',
  'seller_key text',
  'seller_code_key text',
  'seller_name_key text',
  'purchased_at date',
  'hbl_no text',
  'mbl_no text',
  'bl_year text',
  'arrival_date date',
  'goods_value_usd double precision',
  'personal boolean',
  'de_minimis_usd double precision',
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
  'signal_points int',
  'event_id bigint',
  'event_type text',
  'event_name_ko text',
  'event_detail jsonb',
  'occurred_at timestamptz',
  'body text',
];

const staged = new WeakSet<pg.PoolClient>();

async function ensureStaging(client: pg.PoolClient): Promise<void> {
  if (staged.has(client)) return;
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS tg_intake_v5 (${STAGING_COLUMNS.join(', ')}) ON COMMIT DELETE ROWS`);
  staged.add(client);
}

/**
 * A client of the pool for one transaction that `f` begins and ends itself (it may end it early).
 * When `f` throws, the transaction is rolled back and the connection discarded with its staging
 * table: after an error mid-protocol its state is unknown.
 */
async function withTransactionClient<T>(pool: pg.Pool, f: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    return await holdingConnection('a declaration transaction', () => f(client));
  } catch (e) {
    broken = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release(broken);
    if (broken) staged.delete(client);
  }
}

/** Namespace of intake's transaction-scoped advisory locks (pg_advisory_xact_lock(int, int)). */
const INTAKE_LOCK_SPACE = 0x5447; // "TG"
/**
 * Consignee and B/L keys hash into this many lock slots, so a transaction holds at most this
 * many advisory locks whatever its batch size (PostgreSQL's shared lock table holds about
 * max_locks_per_transaction × max_connections = 6,400 locks by default; one lock per key
 * would run out with a few 10,000-declaration batches). Two small submissions share a slot
 * rarely (1/256); large batches share most slots and take turns for their short write phase.
 */
const INTAKE_LOCK_SLOTS = 256;

/** 32-bit FNV-1a. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Sorted, distinct lock slots: every batch takes its locks in the same order, so none deadlock. */
export function intakeLockKeys(keys: readonly string[]): number[] {
  return [...new Set(keys.map((k) => hashOf(k) % INTAKE_LOCK_SLOTS))].sort((x, y) => x - y);
}

interface Slot {
  id: number;
  eventId: number;
  cargoNo: string;
}

async function allocate(client: pg.PoolClient, n: number): Promise<Slot[]> {
  const r = await client.query({ name: 'intake_allocate', text: ALLOCATE, values: [n] });
  return r.rows.map((x: { id: number; event_id: number; cargo_no: string }) => ({ id: x.id, eventId: x.event_id, cargoNo: x.cargo_no }));
}

function allocated(row: DeclarationRow, slot: Slot, occurredAt: string): Allocated {
  return { row, id: slot.id, eventId: slot.eventId, cargoNo: slot.cargoNo, occurredAt };
}

/**
 * The lookup answer of a new declaration, built where it is written and not kept: a batch's
 * items live through the locked phase, and 1,000 kept answers (~5 MB) would survive the young
 * generation's collections, each copying them again.
 */
function lookupBodyOfNew(a: Allocated): string {
  const row = a.row;
  return lookupBodyOf(
    {
      cargoNo: a.cargoNo,
      status: row.status,
      route: row.route,
      hblNo: row.history.hblNo,
      mblNo: row.mblNo,
      blYear: row.blYear,
      declaredAt: row.declaration.declaredAt,
      holdReason: row.holdReason,
      declaration: row.declaration,
      assessment: row.assessment,
    },
    [{ type: row.firstEvent.type, nameKo: row.firstEvent.nameKo, occurredAt: a.occurredAt, reason: null, detail: row.firstEvent.detail as Record<string, unknown>, statusAfter: row.status }],
  );
}

/** What one new declaration becomes: its row, its first event and its lookup row. */
interface Allocated {
  row: DeclarationRow;
  id: number;
  eventId: number;
  cargoNo: string;
  occurredAt: string;
}

function declarationLine(a: Allocated, operatorId: number): string {
  const r = a.row;
  const h = r.history;
  return (
    [
      copyField(a.id),
      copyField(operatorId),
      copyField(r.ref),
      copyField(a.cargoNo),
      copyField(r.contentHash),
      copyField(r.declaration.declaredAt),
      copyField(r.pccc),
      copyField(h.consigneeKey),
      copyField(r.sellerKey),
      copyField(h.sellerCodeKey),
      copyField(h.sellerNameKey),
      copyField(h.purchasedAt),
      copyField(h.hblNo),
      copyField(r.mblNo),
      copyField(r.blYear),
      copyField(h.arrivalDate),
      copyField(h.goodsValueUsd),
      copyField(h.personal),
      copyField(h.thresholdUsd),
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
      copyField(r.signalPoints),
    ].join('\t')
  );
}

function eventLine(a: Allocated, actor: Actor): string {
  const e = a.row.firstEvent;
  return [
    copyField(a.eventId),
    copyField(a.id),
    '1',
    copyField(e.type),
    copyField(e.nameKo),
    a.occurredAt,
    a.occurredAt,
    copyField(actor.kind),
    copyField(actor.id),
    copyJson(e.detail),
    copyField(a.row.status),
  ].join('\t');
}

function lookupLine(a: Allocated): string {
  const r = a.row;
  return [copyField(a.cargoNo), copyField(a.id), copyField(r.history.hblNo), copyField(r.mblNo), copyField(r.blYear), escapeCopy(lookupBodyOfNew(a))].join('\t');
}

function stagingLine(a: Allocated, operatorId: number): string {
  const e = a.row.firstEvent;
  return [declarationLine(a, operatorId), copyField(a.eventId), copyField(e.type), copyField(e.nameKo), copyJson(e.detail), a.occurredAt, escapeCopy(lookupBodyOfNew(a))].join('\t');
}

/** The unique key that a racing retry of the same (operator, ref) trips. */
function isRefConflict(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string };
  return err.code === '23505' && err.constraint === 'declarations_operator_id_ref_key';
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

/** One id, first-event id and cargo number (화물관리번호: YY + TGW + 10 digits) per new declaration. */
const ALLOCATE = `
  SELECT nextval('declarations_id_seq') AS id, nextval('declaration_events_id_seq') AS event_id,
         to_char(now() AT TIME ZONE 'Asia/Seoul', 'YY') || 'TGW' || lpad(nextval('cargo_no_seq')::text, 10, '0') AS cargo_no
    FROM generate_series(1, $1::int)`;

const STAGED_INSERT = `
  WITH ins AS (
    INSERT INTO declarations (${DECLARATION_COLUMNS.join(', ')})
    SELECT ${DECLARATION_COLUMNS.join(', ')} FROM tg_intake_v5 ORDER BY id
    ON CONFLICT (operator_id, ref) DO NOTHING
    RETURNING id
  ), ev AS (
    INSERT INTO declaration_events (${EVENT_COLUMNS.join(', ')})
    SELECT t.event_id, t.id, 1, t.event_type, t.event_name_ko, t.occurred_at, t.occurred_at, $1::text, $2::bigint, t.event_detail, t.status
      FROM tg_intake_v5 t JOIN ins ON ins.id = t.id
  ), lk AS (
    INSERT INTO declaration_lookup (${LOOKUP_COLUMNS.join(', ')})
    SELECT t.cargo_no, t.id, t.hbl_no, t.mbl_no, t.bl_year, t.body FROM tg_intake_v5 t JOIN ins ON ins.id = t.id
  )
  SELECT id FROM ins`;

const INTAKE_OUTBOX = `
  INSERT INTO webhook_outbox (webhook_id, event_id)
  SELECT w.id, e.id FROM unnest($2::bigint[]) AS e(id) CROSS JOIN webhooks w
   WHERE w.operator_id = $1 AND w.active AND (w.event_types IS NULL OR $3::text = ANY(w.event_types))`;

/**
 * An operator's declarations by ref: one probe of the (operator_id, ref) key per ref, whatever
 * the statistics say (the LIMIT keeps the planner from flattening the lateral subquery). Written
 * as `ref = ANY($2)`, a planner without statistics (a fresh load before ANALYZE) scanned all of
 * the operator's rows and filtered them: 150 ms per 1,000 refs after 20,000 declarations.
 */
const STORED_REFS = `SELECT d.id, d.ref, d.cargo_no, d.content_hash, d.status, d.assessment
  FROM unnest($2::text[]) AS r(ref)
  CROSS JOIN LATERAL (SELECT * FROM declarations x WHERE x.operator_id = $1 AND x.ref = r.ref LIMIT 1) d`;

/**
 * Stored declarations to decide again for combined taxation (migrations/071). One already queued
 * gets a new round, so the worker that may be deciding it now leaves the row for this join.
 */
const QUEUE_REDECISIONS = `
  INSERT INTO combined_redecisions (declaration_id)
  SELECT DISTINCT id FROM unnest($1::bigint[]) AS u(id) ORDER BY id
  ON CONFLICT (declaration_id) DO UPDATE SET round = combined_redecisions.round + 1, queued_at = now()`;

/** Each new declaration's first event, queued for the operator's webhooks. */
async function queueWebhooks(client: pg.PoolClient, operatorId: number, items: readonly Allocated[]): Promise<void> {
  if (items.length === 0) return;
  await client.query({ name: 'intake_outbox', text: INTAKE_OUTBOX, values: [operatorId, items.map((a) => a.eventId), items[0]!.row.firstEvent.type] });
}

/** The holders' usage alerts this transaction queued: the facts they were made of, and their rows. */
interface QueuedAlerts {
  codes: readonly UsageAlertFacts[];
  ids: number[];
}

/**
 * Queues the usage alerts of `items` (StoreBatchInput.usageAlerts; one statement, rows only for the codes whose
 * holder is registered). With `before` (queued ahead of the re-check, which changed the batch): nothing is done
 * when the facts came out the same; else its rows are taken back and the alerts of `items` queued instead.
 */
async function queueAlerts<R>(client: pg.PoolClient, input: StoreBatchInput<R>, items: readonly Allocated[], before: QueuedAlerts | null): Promise<QueuedAlerts | null> {
  if (!input.usageAlerts) return null;
  const alerts = items.length > 0 ? input.usageAlerts(items) : null;
  const codes = alerts?.codes ?? [];
  if (before && JSON.stringify(before.codes) === JSON.stringify(codes)) return before;
  if (before) await takeBackUsageAlerts(client, before.ids);
  return { codes, ids: alerts ? await queueUsageAlerts(client, alerts) : [] };
}

/**
 * Rewrites declarations this transaction inserted and the re-check changed: what a
 * re-assessment can change in the row, the first event (append-only, but a transaction may
 * rewrite its own rows, migration 036) and the lookup row.
 */
const REWRITE_NEW_ROWS = `
  WITH e AS (
    UPDATE declaration_events e
       SET type = u.type, name_ko = u.name_ko, detail = u.detail, status_after = u.status
      FROM unnest($11::bigint[], $12::text[], $13::text[], $14::jsonb[], $4::text[]) AS u(id, type, name_ko, detail, status)
     WHERE e.id = u.id),
  l AS (
    UPDATE declaration_lookup l SET body = u.body
      FROM unnest($15::text[], $16::text[]) AS u(cargo_no, body)
     WHERE l.cargo_no = u.cargo_no)
  UPDATE declarations d
     SET goods_value_usd = u.goods_value_usd, route = u.route, status = u.status, clearance_stage = u.clearance_stage,
         cargo_stage = u.cargo_stage, held_from = u.held_from, hold_reason = u.hold_reason, taxes_total_krw = u.taxes_total_krw,
         assessment = u.assessment, signal_points = u.signal_points
    FROM unnest($1::bigint[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::bigint[], $10::jsonb[], $17::int[])
         AS u(id, goods_value_usd, route, status, clearance_stage, cargo_stage, held_from, hold_reason, taxes_total_krw, assessment, signal_points)
   WHERE d.id = u.id`;

/** REWRITE_NEW_ROWS's parameters: $1–$10 and $17 the declaration rows, $11–$14 their first events (with $4 the status), $15–$16 their lookup rows. */
function rewriteValues(items: readonly Allocated[]): unknown[] {
  const json = (x: unknown) => (x === null || x === undefined ? null : JSON.stringify(x));
  return [
    items.map((a) => a.id),
    items.map((a) => a.row.history.goodsValueUsd),
    items.map((a) => a.row.route),
    items.map((a) => a.row.status),
    items.map((a) => a.row.state.clearance),
    items.map((a) => a.row.state.cargo),
    items.map((a) => a.row.state.heldFrom),
    items.map((a) => json(a.row.holdReason)),
    items.map((a) => a.row.taxesTotalKrw),
    items.map((a) => json(a.row.assessment)),
    items.map((a) => a.eventId),
    items.map((a) => a.row.firstEvent.type),
    items.map((a) => a.row.firstEvent.nameKo),
    items.map((a) => json(a.row.firstEvent.detail)),
    items.map((a) => a.cargoNo),
    items.map(lookupBodyOfNew),
    items.map((a) => a.row.signalPoints),
  ];
}

/** Takes back declarations this transaction inserted and the re-check dropped, with their first event, webhook queue entries and lookup row. */
const TAKE_BACK_NEW_ROWS = `
  WITH o AS (DELETE FROM webhook_outbox WHERE event_id IN (SELECT id FROM declaration_events WHERE declaration_id = ANY($1::bigint[]))),
       e AS (DELETE FROM declaration_events WHERE declaration_id = ANY($1::bigint[])),
       l AS (DELETE FROM declaration_lookup WHERE declaration_id = ANY($1::bigint[]))
  DELETE FROM declarations WHERE id = ANY($1::bigint[])`;

const LOOKUP_UPSERT = `
  INSERT INTO declaration_lookup (${LOOKUP_COLUMNS.join(', ')})
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])
  ON CONFLICT (cargo_no) DO UPDATE
     SET declaration_id = EXCLUDED.declaration_id, hbl_no = EXCLUDED.hbl_no, mbl_no = EXCLUDED.mbl_no,
         bl_year = EXCLUDED.bl_year, body = EXCLUDED.body`;

const TIMELINE_OF = `
  SELECT declaration_id, seq, type, name_ko, occurred_at, reason, detail, status_after
    FROM declaration_events WHERE declaration_id = ANY($1::bigint[]) ORDER BY declaration_id, seq`;

interface TimelineRow {
  declaration_id: number;
  seq: number;
  type: EventRecord['type'];
  name_ko: string;
  occurred_at: Date;
  reason: string | null;
  detail: EventRecord['detail'];
  status_after: EventRecord['statusAfter'];
}

function timelineEventOf(r: TimelineRow): LookupEvent & { seq: number } {
  return { seq: r.seq, type: r.type, nameKo: r.name_ko, occurredAt: r.occurred_at.toISOString(), reason: r.reason, detail: r.detail, statusAfter: r.status_after };
}

function groupByDeclaration(rows: TimelineRow[]): Map<number, (LookupEvent & { seq: number })[]> {
  const out = new Map<number, (LookupEvent & { seq: number })[]>();
  for (const r of rows) {
    const list = out.get(r.declaration_id) ?? [];
    list.push(timelineEventOf(r));
    out.set(r.declaration_id, list);
  }
  return out;
}

/** Writes (or rewrites) the lookup rows of these records from their full event history. */
async function writeLookups(db: Queryable, records: DeclarationRecord[], timelines: Map<number, LookupEvent[]>): Promise<void> {
  if (records.length === 0) return;
  await db.query(LOOKUP_UPSERT, [
    records.map((d) => d.cargoNo),
    records.map((d) => d.id),
    records.map((d) => d.hblNo),
    records.map((d) => d.mblNo),
    records.map((d) => d.blYear),
    records.map((d) => lookupBodyOf(d, timelines.get(d.id) ?? [])),
  ]);
}

/**
 * The history combined taxation can join on (고시 제68조): the same B/L, or the same consignee
 * with the same purchase date (same supplier) or arrival date (pre-2022 rule). With lock keys,
 * the batch's advisory locks are taken first, in the same round trip, and the read sees what
 * was committed while it waited (migration 036); they are held until the transaction ends.
 */
async function historyQuery(db: Queryable, q: HistoryQuery, lockKeys: readonly string[] = []): Promise<StoredHistoryEntry[]> {
  let rows = await historyRead(db, q, lockKeys);
  if (!q.follow) return rows;
  // Traced through the groups (HistoryQuery.follow): each further read leaves out what was read.
  const asked: HistoryQuery[] = [q];
  for (let next = q.follow(rows, asked); next; next = q.follow(rows, asked)) {
    asked.push(next);
    const more = await historyRead(db, { ...next, excludeIds: [...(q.excludeIds ?? []), ...rows.map((r) => r.id)] });
    rows = rows.concat(more);
  }
  return rows;
}

async function historyRead(db: Queryable, q: HistoryQuery, lockKeys: readonly string[] = []): Promise<StoredHistoryEntry[]> {
  if (q.pcccs.length === 0 && q.hblNos.length === 0 && lockKeys.length === 0) return [];
  const r = await db.query({
    name: 'combined_taxation_history',
    text: `SELECT * FROM combined_taxation_history($1, $2, $3, $4, $5, $6)`,
    values: [INTAKE_LOCK_SPACE, intakeLockKeys(lockKeys), q.pcccs, q.hblNos, q.dates ?? null, q.excludeIds ?? []],
  });
  return r.rows.map((x) => ({
    id: x.id,
    version: x.version,
    ref: x.ref,
    declaredAt: x.declared_at,
    consigneeKey: x.consignee_key,
    sellerCodeKey: x.seller_code_key,
    sellerNameKey: x.seller_name_key,
    purchasedAt: x.purchased_at,
    hblNo: x.hbl_no,
    arrivalDate: x.arrival_date,
    goodsValueUsd: x.goods_value_usd,
    personal: x.personal,
    thresholdUsd: x.de_minimis_usd,
  }));
}

/** The largest lookup batch read by one statement (a larger batch is read in several). */
const LOOKUP_BATCH_MAX = 32;
const LOOKUP_ONE = { name: 'lookup_by_cargo', text: `SELECT body FROM declaration_lookup WHERE cargo_no = $1` };
const lookupManyStatements = new Map<number, { name: string; text: string; arity: number }>();
/** The batch lookup statement for n keys (2 ≤ n ≤ LOOKUP_BATCH_MAX): the next power of two places. */
function lookupManyStatement(n: number): { name: string; text: string; arity: number } {
  let arity = 2;
  while (arity < n) arity *= 2;
  let s = lookupManyStatements.get(arity);
  if (!s) {
    const places = Array.from({ length: arity }, (_, i) => `$${i + 1}`).join(', ');
    s = { name: `lookup_by_cargo_${arity}`, text: `SELECT cargo_no, body FROM declaration_lookup WHERE cargo_no IN (${places})`, arity };
    lookupManyStatements.set(arity, s);
  }
  return s;
}

/**
 * Collects the keys asked for during one turn of the event loop and loads them with one call
 * (setImmediate runs after the I/O callbacks of the turn, so requests read together go together).
 */
class KeyedBatch<K, V> {
  private pending = new Map<K, { resolve: (v: V | null) => void; reject: (e: unknown) => void }[]>();
  private scheduled = false;
  private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>;
  constructor(loadMany: (keys: K[]) => Promise<Map<K, V>>) {
    this.loadMany = loadMany;
  }

  load(key: K): Promise<V | null> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    this.loadMany([...batch.keys()]).then(
      (found) => {
        for (const [key, waiting] of batch) for (const w of waiting) w.resolve(found.get(key) ?? null);
      },
      (e: unknown) => {
        for (const waiting of batch.values()) for (const w of waiting) w.reject(e);
      },
    );
  }
}

type TransitionItem<T> = {
  declarationId: number;
  actor: Actor;
  decide: (current: DeclarationRecord, history: StoredHistoryEntry[]) => Result<{ plan: TransitionPlan; value: T }>;
};
type TransitionOutcome<T> = Result<{ record: DeclarationRecord; value: T; eventIds: number[] }>;


export class PgDeclarationStore implements DeclarationStore {
  private readonly pool: pg.Pool;
  private readonly now: () => Date;
  private readonly refundBy: (at: Date) => string;
  /**
   * `refundBy`: the day a refund of taxes overpaid is promised when recorded at `at` (the refund
   * policy of data/payments.json over the holidays): a paid declaration assessed again lower gets
   * its refund due in the transaction of the new version (reassessment-refunds.ts).
   */
  constructor(pool: pg.Pool, now: () => Date, refundBy: (at: Date) => string) {
    this.pool = pool;
    this.now = now;
    this.refundBy = refundBy;
  }

  async findByRefs(operatorId: number, refs: string[]): Promise<StoredRef[]> {
    if (refs.length === 0) return [];
    const r = await this.pool.query(
      STORED_REFS,
      [operatorId, refs],
    );
    return r.rows.map((x) => ({ id: x.id, ref: x.ref, cargoNo: x.cargo_no, contentHash: x.content_hash, status: x.status, assessment: x.assessment }));
  }

  ownersOfNamedRefs(operatorId: number, named: readonly NamedRefs[]): Promise<Map<number, Map<string, RefOwners>>> {
    return ownersOfNamedRefs(this.pool, operatorId, named);
  }

  historyFor(q: HistoryQuery): Promise<StoredHistoryEntry[]> {
    return historyQuery(this.pool, q);
  }

  async getIdempotent(operatorId: number, key: string) {
    const r = await this.pool.query(`SELECT request_hash, response FROM idempotency_keys WHERE operator_id = $1 AND key = $2 AND response IS NOT NULL`, [
      operatorId,
      key,
    ]);
    const row = r.rows[0];
    return row ? { requestHash: row.request_hash as string, response: row.response as unknown } : null;
  }

  async storeBatch<R>(input: StoreBatchInput<R>): Promise<BatchStoreOutcome<R>> {
    try {
      return await this.storeBatchOnce(input, 'direct');
    } catch (e) {
      // Another request stored one of these refs after we looked: redo it, skipping what exists.
      if (!isRefConflict(e)) throw e;
      return this.storeBatchOnce(input, 'staged');
    }
  }

  private async storeBatchOnce<R>(input: StoreBatchInput<R>, mode: 'direct' | 'staged'): Promise<BatchStoreOutcome<R>> {
    return withTransactionClient(this.pool, async (client) => {
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
    const consistency: IntakeConsistency | undefined = input.consistency;
    const stored = new Map<string, StoredRef & { inserted: boolean }>();
    const now = this.now();
    const at = input.submittedAt;
    const occurredAtOf = (row: DeclarationRow) => (typeof at === 'function' ? at(row.index) : (at ?? now)).toISOString();
    let inserted: Allocated[] = [];
    let queued = false;
    let alerts: QueuedAlerts | null = null; // the holders' usage alerts, committed with the declarations
    let fresh: StoredHistoryEntry[] = []; // the history read under the locks
    if (mode === 'direct' && consistency && input.rows.length > 0) {
      // The declarations go in before the consignees' and B/Ls' locks are taken: they stay
      // invisible to other transactions until commit, so the heavy COPY of several batches
      // runs side by side and only the consistency check below takes turns.
      const slots = await allocate(client, input.rows.length);
      const slotOf = new Map(input.rows.map((row, k) => [row.ref, slots[k]!]));
      const first = input.rows.map((row) => allocated(row, slotOf.get(row.ref)!, occurredAtOf(row)));
      await copyRows(client, `COPY declarations (${DECLARATION_COLUMNS.join(', ')}) FROM STDIN`, first, (a) => declarationLine(a, input.operatorId));
      // The first events and lookup rows go in before the locks too: the locked phase is what
      // concurrent batches of the same consignees wait for, so it holds only the re-check.
      await copyRows(client, `COPY declaration_events (${EVENT_COLUMNS.join(', ')}) FROM STDIN`, first, (a) => eventLine(a, input.actor));
      await copyRows(client, `COPY declaration_lookup (${LOOKUP_COLUMNS.join(', ')}) FROM STDIN`, first, lookupLine);
      await queueWebhooks(client, input.operatorId, first);
      alerts = await queueAlerts(client, input, first, null);
      // 합산과세 race: hold the locks until commit, then read the history again (without this
      // batch's own rows) and re-assess only what another batch changed meanwhile.
      const ownIds = slots.map((x) => x.id);
      fresh = await historyQuery(client, { ...consistency.history, excludeIds: ownIds }, consistency.lockKeys);
      const rows = consistency.recheck(fresh);
      const byRef = new Map(first.map((a) => [a.row.ref, a]));
      const kept = new Set(rows.map((r) => r.ref));
      // Re-assessed rows usually come out the same (a new entry for the consignee that does not
      // combine with them); only a row whose stored form differs is written again. The lines
      // compared are built again for the few re-assessed rows rather than kept for all.
      const redo = rows
        .filter((r) => {
          const before = byRef.get(r.ref)!;
          return before.row !== r && declarationLine({ ...before, row: r }, input.operatorId) !== declarationLine(before, input.operatorId);
        })
        .map((r) => allocated(r, slotOf.get(r.ref)!, occurredAtOf(r)));
      const dropped = first.filter((a) => !kept.has(a.row.ref));
      // Rows written again are changed inside this transaction (never visible to anyone else),
      // in one statement: the declaration updated in place (a delete would make PostgreSQL
      // look for referencing rows in tables without an index on the declaration), its first
      // event and its lookup row rewritten.
      if (redo.length > 0) await client.query({ name: 'intake_rewrite', text: REWRITE_NEW_ROWS, values: rewriteValues(redo) });
      if (dropped.length > 0) await client.query({ name: 'intake_take_back', text: TAKE_BACK_NEW_ROWS, values: [dropped.map((a) => a.id)] });
      for (const a of redo) byRef.set(a.row.ref, a);
      inserted = rows.map((r) => byRef.get(r.ref)!);
      queued = true;
      // An alert names the code's first new declaration and counts the others: queued again only if the re-check took one back or changed one.
      if (redo.length > 0 || dropped.length > 0) alerts = await queueAlerts(client, input, inserted, alerts);
    } else {
      let rows = input.rows;
      if (consistency) {
        fresh = await historyQuery(client, consistency.history, consistency.lockKeys);
        rows = consistency.recheck(fresh);
      }
      if (rows.length > 0) {
        const slots = await allocate(client, rows.length);
        const items = rows.map((row, k) => allocated(row, slots[k]!, occurredAtOf(row)));
        inserted = items;
        if (mode === 'direct') {
          await copyRows(client, `COPY declarations (${DECLARATION_COLUMNS.join(', ')}) FROM STDIN`, items, (a) => declarationLine(a, input.operatorId));
          await copyRows(client, `COPY declaration_events (${EVENT_COLUMNS.join(', ')}) FROM STDIN`, items, (a) => eventLine(a, input.actor));
          await copyRows(client, `COPY declaration_lookup (${LOOKUP_COLUMNS.join(', ')}) FROM STDIN`, items, lookupLine);
        } else {
          await ensureStaging(client);
          await copyRows(client, `COPY tg_intake_v5 FROM STDIN`, items, (a) => stagingLine(a, input.operatorId));
          const ids = new Set((await client.query(STAGED_INSERT, [input.actor.kind, input.actor.id])).rows.map((x) => x.id as number));
          inserted = items.filter((a) => ids.has(a.id));
        }
      }
    }
    if (!queued) {
      await queueWebhooks(client, input.operatorId, inserted);
      // The declarations this transaction inserted, only: a ref already on record (a retry) is told of no more.
      alerts = await queueAlerts(client, input, inserted, null);
    }
    // Stored declarations the new ones were combined with (고시 제68조) are decided again after the
    // commit, by the worker (src/workers/combined-redecision-worker.ts): queued here, under the
    // locks, so that no join is lost to a crash or to a concurrent batch; one statement, and only
    // when some were joined (no stored history in the groups: nothing is asked of the database).
    const joined = fresh.length > 0 && consistency?.joinedStored ? consistency.joinedStored(inserted.map((a) => a.row), fresh) : [];
    if (joined.length > 0) await client.query({ name: 'intake_queue_redecisions', text: QUEUE_REDECISIONS, values: [joined] });
    for (const a of inserted)
      stored.set(a.row.ref, { id: a.id, ref: a.row.ref, cargoNo: a.cargoNo, contentHash: a.row.contentHash, status: a.row.status, assessment: null, inserted: true });
    const missing = input.allRefs.filter((ref) => !stored.has(ref));
    if (missing.length > 0) {
      const r = await client.query(
        STORED_REFS,
        [input.operatorId, missing],
      );
      for (const x of r.rows)
        stored.set(x.ref, { id: x.id, ref: x.ref, cargoNo: x.cargo_no, contentHash: x.content_hash, status: x.status, assessment: x.assessment, inserted: false });
    }
    // The answer is built under the locks only when it is stored with the idempotency key; else after
    // the commit (a thousand results are milliseconds that concurrent batches would wait for).
    let response = input.idempotency ? input.respond(stored) : null;
    if (input.idempotency) {
      await client.query(`UPDATE idempotency_keys SET response = $3 WHERE operator_id = $1 AND key = $2`, [
        input.operatorId,
        input.idempotency.key,
        JSON.stringify(response),
      ]);
    }
    await client.query('COMMIT');
    response ??= input.respond(stored);
    const ids = new Map<string, { id: number; cargoNo: string; inserted: boolean }>();
    for (const [ref, s] of stored) ids.set(ref, { id: s.id, cargoNo: s.cargoNo, inserted: s.inserted });
    return { kind: 'stored', stored: ids, response, redecisionsQueued: joined.length, usageAlertsQueued: alerts?.ids.length ?? 0 };
    });
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

  /**
   * The hot path. Lookups that arrive in the same turn of the event loop share one round trip
   * (named, prepared statements read by leanRead: no Describe, no Result): one single-row read when alone, one
   * `IN ($1, …, $n)` read for several. Fewer writes and wake-ups of the server per lookup.
   * The batch statements have fixed arities (2, 4, 8, 16, 32; the unused places are NULL, which
   * matches nothing) so that the server keeps one generic plan for each: `= ANY($1::text[])`
   * was planned again at every execution (a custom plan each time, since the array's length is
   * only known with its value), which cost the server about as much as the read itself.
   */
  lookupByCargoNo(cargoNo: string): Promise<string | null> {
    return this.lookupBatch.load(cargoNo);
  }

  private readonly lookupBatch = new KeyedBatch<string, string | null>(async (keys) => {
    if (keys.length === 1) {
      const rows = await leanRead(this.pool, LOOKUP_ONE, keys);
      return new Map([[keys[0]!, rows[0]?.[0] || null]]); // '' marks a row not rendered yet (fillMissingLookups)
    }
    const found = new Map<string, string | null>();
    const reads: Promise<void>[] = [];
    for (let i = 0; i < keys.length; i += LOOKUP_BATCH_MAX) {
      const chunk = keys.slice(i, i + LOOKUP_BATCH_MAX);
      const statement = lookupManyStatement(chunk.length);
      const values: (string | null)[] = chunk;
      while (values.length < statement.arity) values.push(null);
      reads.push(
        leanRead(this.pool, statement, values).then((rows) => {
          for (const [no, body] of rows) found.set(no!, body || null);
        }),
      );
    }
    await Promise.all(reads);
    return found;
  });

  async lookupByBl(q: { hblNo?: string; mblNo?: string; blYear: string; limit: number }): Promise<string[]> {
    if (!q.hblNo && !q.mblNo) return [];
    const r = q.hblNo
      ? await this.pool.query<[string]>({
          name: 'lookup_by_hbl',
          text: `SELECT body FROM declaration_lookup
                  WHERE hbl_no = $1 AND bl_year = $2 AND ($3::text IS NULL OR mbl_no = $3) AND body <> ''
                  ORDER BY declaration_id LIMIT $4`,
          values: [q.hblNo, q.blYear, q.mblNo ?? null, q.limit],
          rowMode: 'array',
        })
      : await this.pool.query<[string]>({
          name: 'lookup_by_mbl',
          text: `SELECT body FROM declaration_lookup WHERE mbl_no = $1 AND bl_year = $2 AND body <> '' ORDER BY declaration_id LIMIT $3`,
          values: [q.mblNo, q.blYear, q.limit],
          rowMode: 'array',
        });
    return r.rows.map((x) => x[0]);
  }

  async fillMissingLookups(): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.pool.query(
        `SELECT ${RECORD_COLUMNS} FROM declarations
          WHERE id IN (SELECT declaration_id FROM declaration_lookup WHERE body = '' ORDER BY declaration_id LIMIT 1000)`,
      );
      if (r.rows.length === 0) return total;
      const records = r.rows.map(recordOf);
      const events = await this.pool.query<TimelineRow>(TIMELINE_OF, [records.map((d) => d.id)]);
      await writeLookups(this.pool, records, groupByDeclaration(events.rows));
      total += records.length;
    }
  }

  async pageByPcccs(pcccs: readonly string[], q: { limit: number; beforeId?: number; status?: string }): Promise<DeclarationRecord[]> {
    // Newest first by the primary key read backwards, each code by its own index (declarations_pccc).
    const r = await this.pool.query(
      `SELECT ${RECORD_COLUMNS} FROM declarations WHERE pccc = ANY($1::text[]) AND ($2::bigint IS NULL OR id < $2) AND ($4::text IS NULL OR status = $4) ORDER BY id DESC LIMIT $3`,
      [pcccs, q.beforeId ?? null, q.limit, q.status ?? null],
    );
    return r.rows.map(recordOf);
  }

  async countByPcccs(pcccs: readonly string[]): Promise<{ total: number; held: number }> {
    const r = await this.pool.query(`SELECT count(*)::int AS total, (count(*) FILTER (WHERE status = 'held'))::int AS held FROM declarations WHERE pccc = ANY($1::text[])`, [pcccs]);
    return { total: r.rows[0].total, held: r.rows[0].held };
  }

  async cargoNosOfRefs(pcccs: readonly string[], refs: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (refs.length === 0) return out;
    // By the codes' own index (declarations_pccc): a consumer has tens or hundreds of declarations.
    const r = await this.pool.query(`SELECT ref, cargo_no FROM declarations WHERE pccc = ANY($1::text[]) AND ref = ANY($2::text[]) ORDER BY id`, [pcccs, refs]);
    for (const x of r.rows) out.set(x.ref, [...(out.get(x.ref) ?? []), x.cargo_no]);
    return out;
  }

  async findTaxedByPcccs(pcccs: readonly string[], limit: number): Promise<DeclarationRecord[]> {
    // The consumer's tax notices: parcels whose assessment collects taxes, or that were paid (and since corrected), newest first.
    const r = await this.pool.query(
      `SELECT ${RECORD_COLUMNS} FROM declarations
        WHERE pccc = ANY($1::text[])
          AND (((assessment -> 'taxes' ->> 'collected')::boolean AND (assessment -> 'taxes' ->> 'totalKrw')::bigint > 0)
               OR EXISTS (SELECT 1 FROM tax_payments p WHERE p.declaration_id = declarations.id))
        ORDER BY id DESC LIMIT $2`,
      [pcccs, limit],
    );
    return r.rows.map(recordOf);
  }

  async listForOperator(
    operatorId: number,
    q: { status?: string; ref?: string; cargoNo?: string; blNo?: string; updatedSince?: string; limit: number; afterId?: number; beforeId?: number; descending?: boolean },
  ): Promise<DeclarationRecord[]> {
    // Newest first is the same keyset read backwards (the primary key's index scans either way).
    // blNo: the house or the master B/L, as stored (normalizeBlNo); each has its index (declarations_hbl, declarations_mbl).
    const r = await this.pool.query(
      `SELECT ${RECORD_COLUMNS} FROM declarations
        WHERE operator_id = $1 AND ($2::text IS NULL OR status = $2) AND id > $3 AND ($8::bigint IS NULL OR id < $8)
          AND ($5::text IS NULL OR ref = $5) AND ($6::text IS NULL OR cargo_no = $6) AND ($7::timestamptz IS NULL OR updated_at >= $7)
          AND ($9::text IS NULL OR hbl_no = $9 OR mbl_no = $9)
        ORDER BY id ${q.descending ? 'DESC' : 'ASC'} LIMIT $4`,
      [operatorId, q.status ?? null, q.afterId ?? 0, q.limit, q.ref ?? null, q.cargoNo ?? null, q.updatedSince ?? null, q.beforeId ?? null, q.blNo ?? null],
    );
    return r.rows.map(recordOf);
  }

  async listTaxedForOperator(operatorId: number, q: { limit: number; afterId?: number; beforeId?: number }): Promise<DeclarationRecord[]> {
    // Both directions read the same index (migrations/035: operator_id, id DESC), forwards or backwards.
    const back = q.beforeId !== undefined;
    const r = await this.pool.query(
      `SELECT ${RECORD_COLUMNS} FROM declarations
        WHERE operator_id = $1 AND ${back ? 'id > $2' : '($2::bigint IS NULL OR id < $2)'}
          AND (assessment -> 'taxes' ->> 'collected')::boolean AND (assessment -> 'taxes' ->> 'totalKrw')::bigint > 0
        ORDER BY id ${back ? 'ASC' : 'DESC'} LIMIT $3`,
      [operatorId, back ? q.beforeId : (q.afterId ?? null), q.limit],
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

  async eventsOfMany(declarationIds: number[]): Promise<Map<number, EventRecord[]>> {
    const out = new Map<number, EventRecord[]>(declarationIds.map((id) => [id, []]));
    if (declarationIds.length === 0) return out;
    const r = await this.pool.query(
      `SELECT id, declaration_id, seq, type, name_ko, occurred_at, recorded_at, actor_kind, actor_id, reason, detail, status_after
         FROM declaration_events WHERE declaration_id = ANY($1::bigint[]) ORDER BY declaration_id, seq`,
      [declarationIds],
    );
    for (const row of r.rows) out.get(Number(row.declaration_id))?.push(eventOf(row));
    return out;
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
    decide: (current: DeclarationRecord, history: StoredHistoryEntry[]) => Result<{ plan: TransitionPlan; value: T }>,
    history?: { lockKeys: string[]; query: HistoryQuery },
  ): Promise<TransitionOutcome<T>> {
    const [r] = await this.transitionMany([{ declarationId, actor, decide }], history);
    return r!;
  }

  /**
   * Several declarations in one transaction (rows locked in id order): each item is decided on
   * its locked record and answers on its own; refused items change nothing. Events are
   * appended, webhooks queued and the lookup read model rewritten before the commit.
   */
  async transitionMany<T>(items: TransitionItem<T>[], history?: { lockKeys: string[]; query: HistoryQuery }): Promise<TransitionOutcome<T>[]> {
    if (new Set(items.map((x) => x.declarationId)).size !== items.length) throw new Error('transitionMany: one item per declaration');
    return withTransactionClient(this.pool, async (client) => {
    await client.query('BEGIN');
    // Advisory locks before row locks, in intake's order (intake takes no row locks).
    let entries: StoredHistoryEntry[] = [];
    if (history) {
      entries = await historyQuery(client, history.query, history.lockKeys);
    }
    const ids = items.map((x) => x.declarationId);
    // NO KEY UPDATE: a transition changes no key column, and a payment holding its declaration's
    // payment lock inserts rows whose foreign key reads this row (KEY SHARE) while the transition
    // waits for that lock to record an overpayment (reassessment-refunds.ts): FOR UPDATE deadlocked them.
    const cur = await client.query(`SELECT ${RECORD_COLUMNS} FROM declarations WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE`, [ids]);
    const currentOf = new Map<number, DeclarationRecord>(cur.rows.map((x) => [x.id as number, recordOf(x)]));
    const out: TransitionOutcome<T>[] = [];
    const accepted: { index: number; current: DeclarationRecord; plan: TransitionPlan; value: T; actor: Actor }[] = [];
    items.forEach((item, index) => {
      const current = currentOf.get(item.declarationId);
      if (!current) return void (out[index] = { ok: false, error: failure('DECLARATION_NOT_FOUND') });
      const decision = item.decide(current, entries);
      if (!decision.ok) return void (out[index] = decision);
      accepted.push({ index, current, plan: decision.value.plan, value: decision.value.value, actor: item.actor });
    });
    if (accepted.length === 0) {
      await client.query('ROLLBACK');
      return out;
    }
    const now = this.now();
    for (const { current, plan } of accepted) {
      if (!plan.replace) continue;
      const row = plan.replace.row;
      const h = row.history;
      await client.query(
        `INSERT INTO declaration_revisions (declaration_id, version, declaration, assessment, reason) VALUES ($1, $2, $3, $4, $5)`,
        [current.id, current.version, JSON.stringify(current.declaration), JSON.stringify(current.assessment), plan.replace.reason],
      );
      await client.query(
        `UPDATE declarations SET version = version + 1, content_hash = $2, declared_at = $3, pccc = $4, consignee_key = $5, seller_key = $6,
                purchased_at = $7, hbl_no = $8, mbl_no = $9, bl_year = $10, arrival_date = $11, goods_value_usd = $12, personal = $13,
                taxes_total_krw = $14, courier_code = $15, forwarder_code = $16, declaration = $17, assessment = $18, signal_points = $19,
                de_minimis_usd = $20, seller_code_key = $21, seller_name_key = $22
          WHERE id = $1`,
        [
          current.id,
          row.contentHash,
          row.declaration.declaredAt,
          row.pccc,
          h.consigneeKey,
          row.sellerKey,
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
          row.signalPoints,
          h.thresholdUsd,
          h.sellerCodeKey,
          h.sellerNameKey,
        ],
      );
    }
    const updated = await client.query(
      `UPDATE declarations d
          SET route = u.route, status = u.status, clearance_stage = u.clearance_stage, cargo_stage = u.cargo_stage,
              held_from = u.held_from, hold_reason = u.hold_reason, updated_at = $1
         FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
              AS u(id, route, status, clearance_stage, cargo_stage, held_from, hold_reason)
        WHERE d.id = u.id
      RETURNING d.id, d.version, d.updated_at`,
      [
        now,
        accepted.map((a) => a.current.id),
        accepted.map((a) => a.plan.state.route),
        accepted.map((a) => a.plan.status),
        accepted.map((a) => a.plan.state.clearance),
        accepted.map((a) => a.plan.state.cargo),
        accepted.map((a) => a.plan.state.heldFrom),
        accepted.map((a) => (a.plan.holdReason === null || a.plan.holdReason === undefined ? null : JSON.stringify(a.plan.holdReason))),
      ],
    );
    // The new record: the locked one with the planned state (a correction re-reads its row).
    const replaced = accepted.filter((a) => a.plan.replace).map((a) => a.current.id);
    // A new assessment of a paid declaration, or its withdrawal or refusal (it owes nothing then): its
    // overpayment (관세법 제46조) recorded, or resolved, in this transaction (after the row locks, under
    // each payment lock: a payment committing meanwhile is seen).
    const reconciled = accepted.filter((a) => a.plan.replace || (endedStatusOf(a.plan.status) !== null && a.plan.status !== a.current.status));
    // A hold that makes the taxes not payable now (the consignee's "not me" report: taxes-payable.ts, the rule the
    // notice follows) closes the accounts waiting for a transfer in this transaction too, as a withdrawal does:
    // before, one issued before the report stayed open, and a deposit into it paid the held parcel's taxes.
    const heldUnpayable = accepted.filter(
      (a) => !reconciled.includes(a) && taxesPayableNow(a.current) && !taxesPayableNow({ status: a.plan.status, route: a.plan.state.route, holdReason: a.plan.holdReason }),
    );
    for (const a of [...reconciled, ...heldUnpayable].sort((x, y) => x.current.id - y.current.id)) {
      await lockPayments(client, a.current.id);
      if (reconciled.includes(a)) {
        const ended = endedStatusOf(a.plan.status);
        const why = a.plan.replace ? `assessed again: ${a.plan.replace.reason.slice(0, 200)}` : endedWhy(ended!);
        await reconcileReassessedRefund(client, a.current.id, { at: now, refundBy: this.refundBy(now), why });
      }
      // Nothing left to pay, or nothing payable now: an account still waiting for a transfer is closed with it
      // (a deposit into it would be a refund to make, or a deposit to return: tax-payment-repository.ts insert).
      await closeAccountsNothingOwed(client, a.current.id, now);
    }
    const reread =
      replaced.length > 0
        ? new Map<number, DeclarationRecord>(
            (await client.query(`SELECT ${RECORD_COLUMNS} FROM declarations WHERE id = ANY($1::bigint[])`, [replaced])).rows.map((x) => [x.id as number, recordOf(x)]),
          )
        : new Map<number, DeclarationRecord>();
    const updatedAt = new Map<number, string>(updated.rows.map((x) => [x.id as number, (x.updated_at as Date).toISOString()]));
    const recordOfId = new Map<number, DeclarationRecord>(
      accepted.map((a) => {
        const base = reread.get(a.current.id) ?? a.current;
        const p = a.plan;
        return [
          a.current.id,
          {
            ...base,
            route: p.state.route,
            status: p.status,
            clearanceStage: p.state.clearance,
            cargoStage: p.state.cargo,
            heldFrom: p.state.heldFrom,
            holdReason: p.holdReason === undefined ? null : JSON.parse(JSON.stringify(p.holdReason)),
            updatedAt: updatedAt.get(a.current.id)!,
          },
        ];
      }),
    );
    // A hold reason changed without an event (a "not me" report on a hold already there: report-not-me.ts) changes what the lookups say too.
    const changed = accepted.filter((a) => a.plan.events.length > 0 || a.plan.replace || JSON.stringify(a.plan.holdReason ?? null) !== JSON.stringify(a.current.holdReason ?? null));
    const eventIdsOf = new Map<number, number[]>();
    if (changed.length > 0) {
      const changedIds = changed.map((a) => a.current.id);
      const timelines = groupByDeclaration((await client.query<TimelineRow>(TIMELINE_OF, [changedIds])).rows);
      const ev: { declarationId: number; seq: number; actor: Actor; e: TransitionPlan['events'][number] }[] = [];
      for (const a of changed) {
        const last = timelines.get(a.current.id)?.at(-1)?.seq ?? 0;
        a.plan.events.forEach((e, k) => ev.push({ declarationId: a.current.id, seq: last + k + 1, actor: a.actor, e }));
      }
      if (ev.length > 0) {
        const inserted = await client.query<TimelineRow & { id: number }>(
          `INSERT INTO declaration_events (declaration_id, seq, type, name_ko, occurred_at, recorded_at, actor_kind, actor_id, reason, detail, status_after)
           SELECT e.declaration_id, e.seq, e.type, e.name_ko, e.occurred_at, $1, e.actor_kind, e.actor_id, e.reason, e.detail, e.status_after
             FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::bigint[], $9::text[], $10::jsonb[], $11::text[])
                  AS e(declaration_id, seq, type, name_ko, occurred_at, actor_kind, actor_id, reason, detail, status_after)
           RETURNING id, declaration_id, seq, type, name_ko, occurred_at, reason, detail, status_after`,
          [
            now,
            ev.map((x) => x.declarationId),
            ev.map((x) => x.seq),
            ev.map((x) => x.e.type),
            ev.map((x) => x.e.nameKo),
            ev.map((x) => x.e.occurredAt),
            ev.map((x) => x.actor.kind),
            ev.map((x) => x.actor.id),
            ev.map((x) => x.e.reason),
            ev.map((x) => (x.e.detail === null || x.e.detail === undefined ? null : JSON.stringify(x.e.detail))),
            ev.map((x) => x.e.statusAfter),
          ],
        );
        const rows = [...inserted.rows].sort((x, y) => x.declaration_id - y.declaration_id || x.seq - y.seq);
        for (const x of rows) {
          const list = timelines.get(x.declaration_id) ?? [];
          list.push(timelineEventOf(x));
          timelines.set(x.declaration_id, list);
          const idsOf = eventIdsOf.get(x.declaration_id) ?? [];
          idsOf.push(x.id);
          eventIdsOf.set(x.declaration_id, idsOf);
        }
        await client.query(ENQUEUE_WEBHOOKS, [rows.map((x) => x.id)]);
      }
      await writeLookups(
        client,
        changed.map((a) => recordOfId.get(a.current.id)!),
        timelines,
      );
    }
    // A correction that joins stored declarations queues them as intake does (QUEUE_REDECISIONS).
    const redecide = accepted.flatMap((a) => a.plan.redecide ?? []);
    if (redecide.length > 0) await client.query({ name: 'intake_queue_redecisions', text: QUEUE_REDECISIONS, values: [redecide] });
    await client.query('COMMIT');
    for (const a of accepted) out[a.index] = { ok: true, value: { record: recordOfId.get(a.current.id)!, value: a.value, eventIds: eventIdsOf.get(a.current.id) ?? [] } };
    return out;
    });
  }
}
