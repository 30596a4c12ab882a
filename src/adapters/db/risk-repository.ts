// PostgreSQL side of risk management (migrations/030_risk.sql, 031, 051-053): models, rule
// sets, the scoring worker's claim (FOR UPDATE SKIP LOCKED), profiles, identities, price
// statistics, orders and inspection results. Counters are written as deltas (safe with several
// workers); price statistics merge the batch's Welford sums with Chan's formula.
import type { PcccIdentity } from '../../domain/risk/pccc-identities.ts';
import type { SplitParcel } from '../../domain/risk/score-batch.ts';
import type pg from 'pg';
import { copyField, copyJson, copyRows, escapeCopy, pgArray } from './copy-text.ts';
import type { Assessment } from '../../domain/assessment.ts';
import type { Declaration } from '../../domain/declaration-schema.ts';
import type { PartyDeclarations } from '../../app/ports/risk-store.ts';
import { addDays, dayNumber } from '../../domain/dates.ts';
import { createPartyBook, forwarderKey, sellerKey, type PartyBook, type RiskAssessment } from '../../domain/risk/features.ts';
import { addressKey, inspectionDelta, PARTY_ROLES, partyKeysOf, type InspectionOutcome, type OrderData } from '../../domain/risk/platform-risk.ts';
import { parseStoredFeatures, type BatchInput, type BatchResult, type DetectorFacts, type ParcelFacts, type ProfileDelta } from '../../domain/risk/score-batch.ts';
import type { InspectionRecord, KnownDeclaration, ProfileRow, PublishOutcome, RiskStore, RuleDraft, ScoringBatch, ScoringVersions, StoredModel, StoredOrder, StoredRuleSet, StoredScore, SelectionCounts, UnscoredParcels, WeeklyPerformance } from '../../app/ports/risk-store.ts';
import { inTransaction } from './in-transaction.ts';

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

const draftOf = (r: any): RuleDraft => ({ id: Number(r.id), basedOn: r.based_on, rules: r.rules, note: r.note, createdBy: r.created_by, updatedAt: iso(r.updated_at), publishedAs: r.published_as });
/** A rule draft and its `draft_created` entry in the rule audit, on the pool or on a transaction's client (the risk exchange drafts from a message in its own transaction). */
export async function insertRuleDraft(db: pg.Pool | pg.PoolClient, d: { basedOn: string | null; rules: unknown; note: string; createdBy: string; auditDetail: unknown }): Promise<RuleDraft> {
  const r = await db.query(`INSERT INTO risk_rule_drafts (based_on, rules, note, created_by) VALUES ($1, $2, $3, $4) RETURNING *`, [d.basedOn, JSON.stringify(d.rules), d.note, d.createdBy]);
  await db.query(`INSERT INTO risk_rule_audit (actor, action, draft_id, version, detail) VALUES ($1, 'draft_created', $2, $3, $4)`, [d.createdBy, Number(r.rows[0].id), d.basedOn, JSON.stringify(d.auditDetail)]);
  return draftOf(r.rows[0]);
}
const setOf = (r: any): StoredRuleSet => ({ version: r.version, rules: r.rules, publishedBy: r.published_by, publishedAt: iso(r.published_at), note: r.note });
const inspectionOf = (r: any): InspectionRecord => ({
  id: Number(r.id),
  declarationId: Number(r.declaration_id),
  officerId: r.officer_id === null ? null : Number(r.officer_id),
  inspectedAt: iso(r.inspected_at),
  outcome: r.outcome,
  correctedValueKrw: r.corrected_value_krw === null ? null : Number(r.corrected_value_krw),
  correctedHs: r.corrected_hs,
  revenueKrw: Number(r.revenue_krw),
  note: r.note,
  modelVersion: r.model_version,
  score: r.score === null ? null : Number(r.score),
  selectedBy: r.selected_by ?? null,
});
const selectionCounts = (inspected: number, found: number): SelectionCounts => ({ inspected, found, findRate: inspected ? found / inspected : null });
const orderOf = (r: any): StoredOrder => ({
  id: Number(r.id),
  operatorId: Number(r.operator_id),
  orderNo: r.order_no,
  platform: r.platform,
  seller: r.seller ?? undefined,
  buyerPccc: r.buyer_pccc,
  currency: r.currency,
  amountPaid: Number(r.amount_paid),
  orderedAt: r.ordered_at ? day(r.ordered_at) : undefined,
  items: r.items,
  receivedAt: iso(r.received_at),
});

/** A claimed declaration read from the database (the claim's or the documents' row). */
const inputOf = (r: any): BatchInput => ({
  id: Number(r.id),
  version: Number(r.version),
  declaration: r.declaration as Declaration,
  assessment: r.assessment as RiskAssessment,
  ...(r.previous ? { previous: parseStoredFeatures(r.previous) } : {}),
  ...(typeof r.order_data_counted === 'boolean' ? { orderDataCounted: r.order_data_counted } : {}),
});

/** What of the stored assessment the risk features read (RiskAssessment); the reasons are most of its size. The rescoring trigger leaves out the same keys (migrations/073): keep them alike. */
const ASSESSMENT_UNREAD = `'{reasons,dataVersions,valuation,errors,combinedWith,taxesWithoutExemption}'::text[]`;

/**
 * Claims queued first scorings in id order with each declaration's current version (null: the
 * row is gone). The documents are read afterwards, only for those intake did not hand over.
 */
const CLAIM = `SELECT q.declaration_id AS id, d.version
  FROM (SELECT declaration_id FROM risk_pending WHERE first ORDER BY declaration_id LIMIT $1 FOR UPDATE SKIP LOCKED) q
  LEFT JOIN declarations d ON d.id = q.declaration_id
 ORDER BY q.declaration_id`;

/** The declaration and the assessment's risk part of claimed first scorings not handed over by intake. */
const CLAIMED_DOCUMENTS = `SELECT id, version, declaration, assessment - ${ASSESSMENT_UNREAD} AS assessment FROM declarations WHERE id = ANY($1::bigint[])`;

/** Claims queued rescorings, each with the feature row of its last score of the same document version (if any). */
const CLAIM_RESCORE = `SELECT q.declaration_id AS id, d.version, d.declaration, d.assessment - ${ASSESSMENT_UNREAD} AS assessment, prev.features AS previous, p.order_data AS order_data_counted
  FROM (SELECT declaration_id FROM risk_pending WHERE NOT first ORDER BY declaration_id LIMIT $1 FOR UPDATE SKIP LOCKED) q
  LEFT JOIN declarations d ON d.id = q.declaration_id
  LEFT JOIN risk_parcels p ON p.declaration_id = q.declaration_id
  LEFT JOIN LATERAL (SELECT s.features FROM risk_scores s WHERE s.declaration_id = q.declaration_id AND s.declaration_version = d.version ORDER BY s.scored_at DESC LIMIT 1) prev ON true
 ORDER BY q.declaration_id`;

/** Rows of the profile tables read with a batch's history: what the batch need not write again. */
interface KnownRows {
  /** PCCC identity → first_seen. */
  identities: Map<string, string>;
  addressPairs: Set<string>;
}

const identityKey = (pccc: string, name: string, phone: string, postcode: string) => `${pccc}\u0000${name}\u0000${phone}\u0000${postcode}`;
const addressPairKey = (address: string, pccc: string) => `${address}\u0000${pccc}`;

/**
 * The batch's (address, consignee) pairs for risk_address_consignees (migration 051) that the
 * history read did not find, in a fixed order (two batches inserting the same new pairs cannot
 * deadlock).
 */
function newAddressPairs(parcels: readonly ParcelFacts[], known: KnownRows): { addresses: string[]; pcccs: string[] } {
  const pairs = new Map<string, ParcelFacts>();
  for (const p of parcels) {
    const k = addressPairKey(p.addressKey, p.pccc);
    if (!known.addressPairs.has(k)) pairs.set(k, p);
  }
  const sorted = [...pairs.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, p]) => p);
  return { addresses: sorted.map((p) => p.addressKey), pcccs: sorted.map((p) => p.pccc) };
}

const ADD_ADDRESS_PAIRS = `INSERT INTO risk_address_consignees (address_key, pccc) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`;

/**
 * The profile tables' merges of a first-scoring batch (of a rescoring batch: the profiles' order
 * data only, the other arrays empty), in one statement (one round trip instead of
 * four: while intake keeps the platform's event loop busy, each round trip of the worker waits for
 * its turn). Profiles and price statistics add the batch's deltas; identities and address pairs
 * are the new ones. Each in a fixed order (no deadlock between workers).
 */
const MERGE_PROFILES = `WITH
  profiles AS (
    INSERT INTO party_profiles (role, key, name, parcels, value_usd, first_seen, last_seen, with_order_data, quality_sum)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::float8[], $6::date[], $7::date[], $8::bigint[], $9::float8[])
    ON CONFLICT (role, key) DO UPDATE SET
      name = coalesce(EXCLUDED.name, party_profiles.name),
      parcels = party_profiles.parcels + EXCLUDED.parcels,
      value_usd = party_profiles.value_usd + EXCLUDED.value_usd,
      first_seen = least(party_profiles.first_seen, EXCLUDED.first_seen),
      last_seen = greatest(party_profiles.last_seen, EXCLUDED.last_seen),
      with_order_data = party_profiles.with_order_data + EXCLUDED.with_order_data,
      quality_sum = party_profiles.quality_sum + EXCLUDED.quality_sum,
      updated_at = now()),
  identities AS (
    INSERT INTO pccc_identities (pccc, name_norm, phone_digits, postcode, first_seen)
    SELECT * FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::date[])
    ON CONFLICT (pccc, name_norm, phone_digits, postcode) DO UPDATE SET first_seen = least(pccc_identities.first_seen, EXCLUDED.first_seen)),
  prices AS (
    INSERT INTO price_stats (key, n, mean, m2)
    SELECT * FROM unnest($15::text[], $16::bigint[], $17::float8[], $18::float8[])
    ON CONFLICT (key) DO UPDATE SET
      n = price_stats.n + EXCLUDED.n,
      mean = price_stats.mean + (EXCLUDED.mean - price_stats.mean) * EXCLUDED.n / (price_stats.n + EXCLUDED.n),
      m2 = price_stats.m2 + EXCLUDED.m2 + (EXCLUDED.mean - price_stats.mean) ^ 2 * price_stats.n * EXCLUDED.n / (price_stats.n + EXCLUDED.n))
INSERT INTO risk_address_consignees (address_key, pccc) SELECT * FROM unnest($19::text[], $20::text[]) ON CONFLICT DO NOTHING`;

/** A number as JSON.stringify wrote it into the JSON documents these arrays replace: not finite is null. */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * MERGE_PROFILES' profile deltas ($1-$9) and price statistics ($15-$18) as one array per column:
 * json_to_recordset built each row from the JSON text at ~5-10 µs a row in the server (a 927-row
 * batch: 5-9 ms against 1.0 ms for unnest, PostgreSQL 15, 2026-12-06).
 */
function profileColumns(profiles: readonly ProfileDelta[]): string[] {
  return [
    pgArray(profiles.map((p) => p.role)),
    pgArray(profiles.map((p) => p.key)),
    pgArray(profiles.map((p) => p.name)),
    pgArray(profiles.map((p) => finite(p.parcels))),
    pgArray(profiles.map((p) => finite(p.valueUsd))),
    pgArray(profiles.map((p) => p.firstSeen)),
    pgArray(profiles.map((p) => p.lastSeen)),
    pgArray(profiles.map((p) => finite(p.withOrderData))),
    pgArray(profiles.map((p) => finite(p.qualitySum))),
  ];
}

function priceColumns(prices: BatchResult['prices']): string[] {
  return [pgArray(prices.map((p) => p.key)), pgArray(prices.map((p) => finite(p.n))), pgArray(prices.map((p) => finite(p.mean))), pgArray(prices.map((p) => finite(p.m2)))];
}

/**
 * Serialises what changes the versions a score is computed with — a model's activation, a rule
 * set's publication (exclusive) — with scoring batches (shared): a batch runs wholly before or
 * after it, and one that read the versions before is refused (scoreNext answers null).
 */
const MODEL_LOCK = 7_318_244_031;

/**
 * Queues the open declarations (those the officer queue shows: not cleared, released, rejected or
 * withdrawn) for rescoring, in the caller's transaction, which holds MODEL_LOCK: when another model
 * becomes active ('model') and when a rule set is published ('rules'). A declaration already queued
 * keeps its row (a first scoring still waiting reads the new versions anyway). Answers how many were queued.
 */
async function queueOpenForRescoring(c: pg.PoolClient, reason: 'model' | 'rules'): Promise<number> {
  const queued = await c.query(
    `INSERT INTO risk_pending (declaration_id, first, reason)
     SELECT id, false, $1 FROM declarations WHERE status NOT IN ('cleared', 'released', 'rejected', 'withdrawn')
     ON CONFLICT (declaration_id) DO NOTHING`,
    [reason],
  );
  return queued.rowCount ?? 0;
}

async function activate(c: pg.PoolClient, version: string, actor: string): Promise<{ previous: string | null; queued: number } | null> {
  await c.query(`SELECT pg_advisory_xact_lock(${MODEL_LOCK})`);
  const m = await c.query(`SELECT active FROM risk_models WHERE version = $1`, [version]);
  if (!m.rows[0]) return null;
  if (m.rows[0].active) return { previous: version, queued: 0 };
  const previous = await c.query(`UPDATE risk_models SET active = false WHERE active RETURNING version`);
  await c.query(`UPDATE risk_models SET active = true, activated_by = $2, activated_at = now() WHERE version = $1`, [version, actor]);
  return { previous: previous.rows[0]?.version ?? null, queued: await queueOpenForRescoring(c, 'model') };
}

/**
 * A consignee's page of parcel ids ($2 PCCC, below $3 when given, $4 of them, newest first): all the
 * consignee's ids by the PCCC index (MATERIALIZED), then the page by a top-N sort. Asked for the
 * newest n directly, the planner walked the primary key backwards filtering by PCCC, the whole table
 * when the consignee's parcels are older than the rest (102,000 rows, 27 ms against 1-3 ms; a
 * consignee's parcels are few, a reseller's thousands). An index (pccc, declaration_id) would read
 * the page alone, at one more index entry written per scored parcel: not taken (docs/risk-model.md).
 */
export const CONSIGNEE_PAGE_IDS = `WITH mine AS MATERIALIZED (SELECT declaration_id FROM risk_parcels WHERE pccc = $2 AND $1 = 'consignee' AND ($3::bigint IS NULL OR declaration_id < $3))
  SELECT declaration_id AS id FROM mine ORDER BY declaration_id DESC LIMIT $4`;

/**
 * A party's held and refused parcels ($1 role, $2 key), counted from its declarations at read time:
 * held = ever held (on hold now, or a HOLD event), rejected = refused now. A consignee's parcels are
 * found through risk_parcels (by PCCC), the other roles' through party_declarations. Each parcel's
 * status and holds are read by index alone (migration 097: declarations (id) INCLUDE (status), the
 * HOLD events' partial index), not its declaration row and all its events.
 */
export function partyHoldCountsSql(role: string): string {
  const parcels =
    role === 'consignee'
      ? `SELECT declaration_id FROM risk_parcels WHERE pccc = $2 AND $1 = 'consignee'`
      : `SELECT DISTINCT unnest(declaration_ids) AS declaration_id FROM party_declarations WHERE role = $1 AND key = $2`;
  return `SELECT count(*) FILTER (WHERE d.status = 'held' OR EXISTS (SELECT 1 FROM declaration_events e WHERE e.declaration_id = d.id AND e.type = 'HOLD'))::int AS held, count(*) FILTER (WHERE d.status = 'rejected')::int AS rejected
            FROM (${parcels}) dp JOIN declarations d ON d.id = dp.declaration_id`;
}

/** The columns of a waiting declaration that waitingOf checks (its parties, consignee and day). */
const WAITING_COLUMNS = `p.declaration_id AS id, d.declaration -> 'parties' AS parties, d.declaration -> 'consignee' AS consignee, d.declared_at`;
/** A consignee's waiting declarations: its declarations by PCCC (declarations_pccc), each one's queue row by primary key. */
export const RISK_PENDING_BY_PCCC = `SELECT ${WAITING_COLUMNS} FROM declarations d JOIN risk_pending p ON p.declaration_id = d.id WHERE d.pccc = $1 AND p.first`;
/** Another party's: the queue rows holding one of its tokens (risk_pending_party_tokens, GIN), each one's declaration by primary key. */
export const RISK_PENDING_BY_TOKENS = `SELECT ${WAITING_COLUMNS} FROM risk_pending p JOIN declarations d ON d.id = p.declaration_id WHERE p.first AND p.party_tokens && $1::text[]`;

/**
 * The tokens under which migration 102's risk_party_tokens files a waiting declaration of this party:
 * the role's letter and the key, and the role's "unsure" token (a value with a character whose trim,
 * case or spacing SQL might not treat as JavaScript does), which every read of the role takes.
 */
export function pendingTokens(role: string, key: string): string[] {
  const letter = ({ platform: 'p', seller: 's', forwarder: 'f', courier: 'c', broker: 'b' } as Record<string, string>)[role];
  return letter === undefined ? [] : [`${letter}:${key}`, `${letter}?`];
}

export class PgRiskStore implements RiskStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async saveModel(m: { version: string; kind: string; modelJson: string; training: unknown; activatedBy: string; activate: boolean; metrics?: unknown }): Promise<{ created: boolean }> {
    return this.transaction(async (c) => {
      const ins = await c.query(
        `INSERT INTO risk_models (version, kind, model, training, metrics, activated_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version) DO NOTHING RETURNING 1`,
        [m.version, m.kind, m.modelJson, JSON.stringify(m.training), m.metrics === undefined ? null : JSON.stringify(m.metrics), m.activatedBy],
      );
      if (ins.rowCount === 0 && m.metrics !== undefined) await c.query(`UPDATE risk_models SET metrics = coalesce(metrics, $2) WHERE version = $1`, [m.version, JSON.stringify(m.metrics)]);
      if (m.activate) await activate(c, m.version, m.activatedBy);
      return { created: ins.rowCount === 1 };
    });
  }

  async activateModel(version: string, actor: string): Promise<{ previous: string | null; queued: number } | null> {
    return this.transaction((c) => activate(c, version, actor));
  }

  async listModels(): Promise<StoredModel[]> {
    const r = await this.pool.query(`SELECT version, kind, active, training, metrics, activated_by, activated_at, octet_length(model) AS bytes FROM risk_models ORDER BY active DESC, activated_at DESC, version`);
    return r.rows.map((x) => ({ version: x.version, kind: x.kind, active: x.active, training: x.training, metrics: x.metrics, activatedBy: x.activated_by, activatedAt: iso(x.activated_at), bytes: Number(x.bytes) }));
  }

  async auditLog(a: { actorKind: string; actorId: number | null; action: string; subject: string; detail: unknown }): Promise<void> {
    await this.pool.query(`INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)`, [a.actorKind, a.actorId, a.action, a.subject, JSON.stringify(a.detail ?? null)]);
  }

  private transaction<T>(f: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, f);
  }

  async activeModelVersion(): Promise<string | null> {
    const r = await this.pool.query(`SELECT version FROM risk_models WHERE active`);
    return r.rows[0]?.version ?? null;
  }

  async activeVersions(): Promise<{ model: string | null; ruleSet: string | null }> {
    const r = await this.pool.query({
      name: 'risk_active_versions',
      text: `SELECT (SELECT version FROM risk_models WHERE active) AS model, (SELECT version FROM risk_rule_sets ORDER BY published_at DESC, version DESC LIMIT 1) AS rule_set`,
    });
    return { model: r.rows[0].model ?? null, ruleSet: r.rows[0].rule_set ?? null };
  }

  async modelJson(version: string): Promise<string | null> {
    const r = await this.pool.query(`SELECT model AS m FROM risk_models WHERE version = $1`, [version]);
    return r.rows[0]?.m ?? null;
  }

  async latestRuleSet(): Promise<StoredRuleSet | null> {
    const r = await this.pool.query(`SELECT * FROM risk_rule_sets ORDER BY published_at DESC, version DESC LIMIT 1`);
    return r.rows[0] ? setOf(r.rows[0]) : null;
  }

  async publishRuleSet(p: { version: string; rules: unknown; publishedBy: string; note: string; draft: { id: number; rules: unknown; note: string } | null }): Promise<PublishOutcome> {
    return this.transaction(async (c) => {
      // As an activation: no scoring batch commits with the rule set it read before this one.
      await c.query(`SELECT pg_advisory_xact_lock(${MODEL_LOCK})`);
      // The draft locked before anything is written: two publications of one draft, or a
      // publication and an edit, take turns, and each sees what the other committed.
      if (p.draft) {
        const d = await c.query(`SELECT published_as, rules = $2::jsonb AND note = $3 AS same FROM risk_rule_drafts WHERE id = $1 FOR UPDATE`, [
          p.draft.id,
          JSON.stringify(p.draft.rules),
          p.draft.note,
        ]);
        if (!d.rows[0] || d.rows[0].published_as !== null) return 'draft_published';
        if (!d.rows[0].same) return 'draft_changed';
      }
      // The rules in force published again (the whole document alike but its version, which each
      // publication sets) would make a version that changes no score and re-queue every open parcel for it.
      const latest = await c.query(`SELECT version, (rules - 'version') = ($1::jsonb - 'version') AS same FROM risk_rule_sets ORDER BY published_at DESC, version DESC LIMIT 1`, [JSON.stringify(p.rules)]);
      if (latest.rows[0]?.same) return { unchanged: latest.rows[0].version };
      // A version published meanwhile (the caller's check read before it committed) is not a 500.
      const ins = await c.query(`INSERT INTO risk_rule_sets (version, rules, published_by, note) VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING RETURNING *`, [
        p.version,
        JSON.stringify(p.rules),
        p.publishedBy,
        p.note,
      ]);
      if (ins.rowCount === 0) return 'version_exists';
      const draftId = p.draft?.id ?? null;
      if (draftId !== null) await c.query(`UPDATE risk_rule_drafts SET published_as = $2, updated_at = now() WHERE id = $1`, [draftId, p.version]);
      // The parcels still waiting get the new rules too, not only the parcels declared from now on.
      const queuedForRescoring = await queueOpenForRescoring(c, 'rules');
      await c.query(`INSERT INTO risk_rule_audit (actor, action, draft_id, version, detail) VALUES ($1, 'published', $2, $3, $4)`, [
        p.publishedBy,
        draftId,
        p.version,
        JSON.stringify({ note: p.note, queuedForRescoring }),
      ]);
      return { published: setOf(ins.rows[0]), queuedForRescoring };
    });
  }

  async createDraft(d: { basedOn: string | null; rules: unknown; note: string; createdBy: string }): Promise<RuleDraft> {
    return insertRuleDraft(this.pool, { ...d, auditDetail: { note: d.note } });
  }

  async updateDraft(id: number, d: { rules: unknown; note: string | null; actor: string }): Promise<RuleDraft | null> {
    const r = await this.pool.query(`UPDATE risk_rule_drafts SET rules = $2, note = COALESCE($3, note), updated_at = now() WHERE id = $1 AND published_as IS NULL RETURNING *`, [id, JSON.stringify(d.rules), d.note]);
    if (!r.rows[0]) return null;
    await this.audit({ actor: d.actor, action: 'draft_updated', draftId: id, version: null, detail: { note: r.rows[0].note } });
    return draftOf(r.rows[0]);
  }

  async getDraft(id: number): Promise<RuleDraft | null> {
    const r = await this.pool.query(`SELECT * FROM risk_rule_drafts WHERE id = $1`, [id]);
    return r.rows[0] ? draftOf(r.rows[0]) : null;
  }

  async listRules() {
    const [p, d, a] = await Promise.all([
      this.pool.query(`SELECT * FROM risk_rule_sets ORDER BY published_at DESC, version DESC LIMIT 50`),
      this.pool.query(`SELECT * FROM risk_rule_drafts ORDER BY id DESC LIMIT 50`),
      this.pool.query(`SELECT * FROM risk_rule_audit ORDER BY id DESC LIMIT 100`),
    ]);
    return {
      published: p.rows.map(setOf),
      drafts: d.rows.map(draftOf),
      audit: a.rows.map((r) => ({ at: iso(r.at), actor: r.actor, action: r.action, draftId: r.draft_id === null ? null : Number(r.draft_id), version: r.version, detail: r.detail })),
    };
  }

  async audit(a: { actor: string; action: string; draftId: number | null; version: string | null; detail: unknown }): Promise<void> {
    await this.pool.query(`INSERT INTO risk_rule_audit (actor, action, draft_id, version, detail) VALUES ($1, $2, $3, $4, $5)`, [a.actor, a.action, a.draftId, a.version, JSON.stringify(a.detail ?? null)]);
  }

  async pastDeclarations(limit: number) {
    const r = await this.pool.query(
      `SELECT d.id, d.declaration, d.assessment,
              (SELECT i.outcome <> 'clean' FROM inspection_results i WHERE i.declaration_id = d.id ORDER BY i.id DESC LIMIT 1) AS found
         FROM declarations d ORDER BY d.id DESC LIMIT $1`,
      [limit],
    );
    return r.rows.map((x) => ({ id: Number(x.id), declaration: x.declaration as Declaration, assessment: x.assessment as Assessment, found: x.found as boolean | null }));
  }

  async scoreNext(
    versions: ScoringVersions,
    limit: number,
    compute: (batch: ScoringBatch) => BatchResult,
    known?: (id: number) => KnownDeclaration | undefined,
  ): Promise<number[] | null> {
    const { model: modelVersion, ruleSet: ruleSetVersion } = versions;
    return this.transaction(async (c) => {
      // A crash may lose the last batches' commits, never half of one: their queue rows come back with them.
      // Activation and publication take the lock exclusively: a batch runs wholly before or after
      // them, and never scores with a model that is no longer active or rules that are no longer the
      // newest (both queue the open declarations, which such a batch would take off the queue).
      // One round trip; the versions are checked after it, in a snapshot taken once the lock is held.
      await c.query(`SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock_shared(${MODEL_LOCK})`);
      const current = await c.query({
        name: 'risk_versions_current',
        text: `SELECT EXISTS (SELECT 1 FROM risk_models WHERE version = $1 AND active) AS model,
                      (SELECT version FROM risk_rule_sets ORDER BY published_at DESC, version DESC LIMIT 1) AS rule_set`,
        values: [modelVersion],
      });
      if (!current.rows[0].model || (current.rows[0].rule_set ?? null) !== versions.newestRuleSet) return null;
      // First scorings before rescorings; each batch is of one kind (rescoring records nothing).
      const first = await c.query({ name: 'risk_claim', text: CLAIM, values: [limit] });
      const record = first.rows.length > 0;
      const claimed = record ? first : await c.query({ name: 'risk_claim_rescore', text: CLAIM_RESCORE, values: [limit] });
      if (claimed.rows.length === 0) return [];
      const ids = claimed.rows.map((r) => Number(r.id));
      // A declaration deleted meanwhile (intake re-inserting a row in its transaction) is dropped from the queue.
      const inputs = record ? await this.firstScoringInputs(c, claimed.rows, known) : claimed.rows.filter((r) => r.declaration).map(inputOf);
      let splitPartners: number[] = [];
      if (inputs.length > 0) {
        const { book, facts, known } = await this.loadHistory(c, inputs, record);
        const result = compute({ inputs, book, facts, record });
        await this.writeBatch(c, modelVersion, ruleSetVersion, result, record, known);
        splitPartners = result.splitPartners;
      }
      await c.query({ name: 'risk_unqueue', text: `DELETE FROM risk_pending WHERE declaration_id = ANY($1::bigint[])`, values: [pgArray(ids)] });
      // The earlier parcels of a split found now are scored again (after the unqueue: some may be of this
      // batch), so the one still open shows the split too, not only the last parcel. As saveOrder: one the
      // worker of another process is scoring now is queued again once that commit is done (migration 058).
      if (splitPartners.length > 0)
        await c.query({
          name: 'risk_requeue_split',
          text: `INSERT INTO risk_pending (declaration_id, first, reason)
                 SELECT id, false, 'split' FROM declarations WHERE id = ANY($1::bigint[]) AND status NOT IN ('cleared', 'released', 'rejected', 'withdrawn')
                 ON CONFLICT (declaration_id) DO UPDATE SET first = risk_pending.first`,
          values: [pgArray(splitPartners)],
        });
      return ids;
    });
  }

  /** Claimed first scorings in id order: what intake handed over for the same version, the rest read from the declarations. */
  private async firstScoringInputs(c: pg.PoolClient, claimed: { id: string; version: number | null }[], known?: (id: number) => KnownDeclaration | undefined): Promise<BatchInput[]> {
    const byId = new Map<number, BatchInput>();
    const unread: number[] = [];
    for (const r of claimed) {
      if (r.version === null) continue;
      const id = Number(r.id);
      const k = known?.(id);
      if (k && k.version === r.version) byId.set(id, { id, version: k.version, declaration: k.declaration, assessment: k.assessment });
      else unread.push(id);
    }
    if (unread.length > 0) {
      const docs = await c.query({ name: 'risk_claimed_documents', text: CLAIMED_DOCUMENTS, values: [pgArray(unread)] });
      for (const r of docs.rows) byId.set(Number(r.id), inputOf(r));
    }
    const inputs: BatchInput[] = [];
    for (const r of claimed) {
      const input = byId.get(Number(r.id));
      if (input) inputs.push(input);
    }
    return inputs;
  }

  /**
   * The history a batch needs, read from committed rows on the claim's connection (its transaction
   * has written nothing yet: a read-committed statement sees what others committed). First scorings
   * see the parcels recorded before the batch's first id; rescorings see everything recorded (each
   * declaration leaves itself out).
   */
  private async loadHistory(c: pg.PoolClient, inputs: BatchInput[], record: boolean): Promise<{ book: PartyBook; facts: DetectorFacts; known: KnownRows }> {
    const book = createPartyBook();
    const ids = inputs.map((i) => i.id);
    const before = record ? Math.min(...ids) : Number.MAX_SAFE_INTEGER;
    const exclude = record ? [] : ids;
    let first = inputs[0]!.declaration.declaredAt;
    for (const i of inputs) if (i.declaration.declaredAt < first) first = i.declaration.declaredAt;
    const from30 = addDays(first, -30);
    const from90 = addDays(first, -90);
    const pcccs = new Set<string>();
    const sellers = new Set<string>();
    const forwarders = new Set<string>();
    const addresses = new Set<string>();
    const priceKeys = new Set<string>();
    const orderNos: string[] = [];
    const orderPcccs: string[] = [];
    for (const { declaration: d, assessment: a } of inputs) {
      const pccc = d.consignee.pccc.trim().toUpperCase();
      pcccs.add(pccc);
      const s = sellerKey(d);
      if (s) sellers.add(s);
      const f = forwarderKey(d);
      if (f) forwarders.add(f);
      addresses.add(addressKey(d));
      for (const it of d.items) {
        if (it.category) priceKeys.add(`c:${it.category}`);
        if (it.brand) priceKeys.add(`b:${it.brand.trim().toLowerCase()}`);
      }
      for (const l of a.lines) priceKeys.add(`h:${l.hsCode.slice(0, 4)}`);
      if (d.order.orderNo) {
        orderNos.push(d.order.orderNo);
        orderPcccs.push(pccc);
      }
    }
    // On the claim's own connection, one read after another: another connection asked for while
    // the claim holds its queue rows waits for ever when the pool is taken by requests waiting on
    // those rows (a correction's rescoring trigger), a deadlock PostgreSQL cannot see
    // (src/adapters/db/connection-guard.ts).
    const q = (name: string, text: string, values: unknown[]) => c.query({ name, text, values });
    // Array parameters as the text node-postgres would make of them (pgArray), the consignees' once for two reads.
    const pcccList = pgArray([...pcccs]);
    const idents = await q('risk_h_idents', `SELECT pccc, name_norm, phone_digits, postcode, first_seen FROM pccc_identities WHERE pccc = ANY($1::text[])`, [pcccList]);
    // The consignees' parcels of the last 90 days in one read: the 30-day ones are their recent
    // parcels (and the split-shipment detector's), all of them count for the same-goods detector.
    const parcels = await q(
      'risk_h_parcels',
      `SELECT declaration_id, pccc, declared_on, value_usd, seller_key, threshold_usd, channel, hs6 FROM risk_parcels
        WHERE pccc = ANY($1::text[]) AND declared_on >= $2 AND declaration_id < $3 ORDER BY declared_on, declaration_id`,
      [pcccList, from90, before],
    );
    const profiles = await q('risk_h_profiles', `SELECT role, key, parcels, first_seen, inspected, found FROM party_profiles WHERE (role = 'seller' AND key = ANY($1::text[])) OR (role = 'forwarder' AND key = ANY($2::text[]))`, [pgArray([...sellers]), pgArray([...forwarders])]);
    const prices = await q('risk_h_prices', `SELECT key, n, mean, m2 FROM price_stats WHERE key = ANY($1::text[])`, [pgArray([...priceKeys])]);
    const prior = await q('risk_h_prior', `SELECT inspected::int, found::int FROM inspection_totals`, []);
    const addr = await q('risk_h_address', `SELECT address_key, pccc FROM risk_address_consignees WHERE address_key = ANY($1::text[])`, [pgArray([...addresses])]);
    const orders = orderNos.length
      ? await q('risk_h_orders', `SELECT o.* FROM orders o JOIN unnest($1::text[], $2::text[]) AS k(order_no, pccc) ON o.order_no = k.order_no AND o.buyer_pccc = k.pccc`, [pgArray(orderNos), pgArray(orderPcccs)])
      : { rows: [] };
    const known: KnownRows = { identities: new Map(), addressPairs: new Set() };
    for (const r of idents.rows) {
      known.identities.set(identityKey(r.pccc, r.name_norm, r.phone_digits, r.postcode), day(r.first_seen));
      let p = book.consignees.get(r.pccc);
      const first = dayNumber(day(r.first_seen)) ?? 0;
      if (!p) book.consignees.set(r.pccc, (p = { firstDay: first, names: new Set(), phones: new Set(), postcodes: new Set(), recent: [] }));
      p.firstDay = Math.min(p.firstDay, first);
      p.names.add(r.name_norm);
      p.phones.add(r.phone_digits);
      p.postcodes.add(r.postcode);
    }
    const nearby: DetectorFacts['nearby'] = [];
    const sameGoods90d = new Map<string, number[]>();
    const excluded = new Set(exclude);
    for (const r of parcels.rows) {
      const id = Number(r.declaration_id);
      const on = day(r.declared_on);
      const dn = dayNumber(on) ?? 0;
      if (!excluded.has(id)) {
        const g = `${r.pccc}|${r.hs6}`;
        const days = sameGoods90d.get(g);
        if (days) days.push(dn);
        else sameGoods90d.set(g, [dn]);
      }
      if (on < from30) continue;
      let p = book.consignees.get(r.pccc);
      if (!p) book.consignees.set(r.pccc, (p = { firstDay: dn, names: new Set(), phones: new Set(), postcodes: new Set(), recent: [] }));
      p.recent.push({ day: dn, valueUsd: Number(r.value_usd), id });
      nearby.push({ id, pccc: r.pccc, sellerKey: r.seller_key, day: dn, valueUsd: Number(r.value_usd), thresholdUsd: r.threshold_usd === null ? null : Number(r.threshold_usd), channel: r.channel });
    }
    for (const r of profiles.rows) {
      const map = r.role === 'seller' ? book.sellers : book.forwarders;
      map.set(r.key, { parcels: Number(r.parcels), firstDay: dayNumber(day(r.first_seen)) ?? 0, inspected: Number(r.inspected), found: Number(r.found) });
    }
    for (const r of prices.rows) {
      const s = { n: Number(r.n), mean: Number(r.mean), m2: Number(r.m2) };
      if (r.key.startsWith('b:')) book.brandPrices.set(r.key.slice(2), s);
      else book.categoryPrices.set(r.key, s);
    }
    book.hitPrior = { inspected: prior.rows[0].inspected, found: prior.rows[0].found };
    const addressConsignees = new Map<string, Set<string>>();
    for (const r of addr.rows) {
      known.addressPairs.add(addressPairKey(r.address_key, r.pccc));
      const set = addressConsignees.get(r.address_key);
      if (set) set.add(r.pccc);
      else addressConsignees.set(r.address_key, new Set([r.pccc]));
    }
    const facts: DetectorFacts = {
      addressConsignees,
      sameGoods90d,
      nearby,
      orders: new Map(orders.rows.map((r) => [`${r.order_no}|${r.buyer_pccc}`, orderOf(r)])),
    };
    return { book, facts, known };
  }

  /**
   * First scorings are new rows: COPY (scores, detector facts, one party_declarations row per
   * party of the batch); the profile tables are merged with one statement each over the batch's
   * deltas, and only identities and (address, consignee) pairs the history read did not find are
   * sent. Rescorings replace the score and the detector facts of the same declarations.
   */
  private async writeBatch(c: pg.PoolClient, modelVersion: string, ruleSetVersion: string | null, r: BatchResult, record: boolean, known: KnownRows): Promise<void> {
    const rows = r.rows;
    if (record) {
      const mv = escapeCopy(modelVersion);
      const rv = copyField(ruleSetVersion);
      await copyRows(c, `COPY risk_scores (declaration_id, declaration_version, model_version, rule_set_version, score, expected_revenue_krw, rule_score, priority, factors, rule_hits, features) FROM STDIN`, rows, (x) =>
        `${x.id}\t${copyField(x.declarationVersion)}\t${mv}\t${rv}\t${copyField(x.score)}\t${copyField(x.expectedRevenueKrw)}\t${copyField(x.ruleScore)}\t${copyField(x.priority)}\t${copyJson(x.factors)}\t${copyJson(x.ruleHits)}\t${escapeCopy(x.storedFeatures)}`,
      );
      await copyRows(c, `COPY risk_parcels (declaration_id, pccc, declared_on, value_usd, threshold_usd, seller_key, channel, hs6, address_key, order_data) FROM STDIN`, rows, ({ id, parcel: p }) =>
        `${id}\t${escapeCopy(p.pccc)}\t${escapeCopy(p.declaredOn)}\t${copyField(p.valueUsd)}\t${copyField(p.thresholdUsd)}\t${copyField(p.sellerKey)}\t${escapeCopy(p.channel)}\t${escapeCopy(p.hs6)}\t${escapeCopy(p.addressKey)}\t${p.orderData ? 't' : 'f'}`,
      );
      // Consignees and addresses are found through risk_parcels; the other roles through party_declarations, one row per party of the batch.
      const parties = new Map<string, number[]>();
      for (const x of rows)
        for (const p of x.parties) {
          if (p.role === 'consignee' || p.role === 'address') continue;
          const k = `${p.role}\t${escapeCopy(p.key)}`;
          const ids = parties.get(k);
          if (ids) ids.push(x.id);
          else parties.set(k, [x.id]);
        }
      await copyRows(c, `COPY party_declarations (role, key, declaration_ids) FROM STDIN`, [...parties], ([k, ids]) => `${k}\t{${ids.join(',')}}`);
    } else {
      await c.query({
        name: 'risk_w_rescores',
        text: `INSERT INTO risk_scores (declaration_id, declaration_version, model_version, rule_set_version, score, expected_revenue_krw, rule_score, priority, factors, rule_hits, features)
               SELECT u.id, u.version, $1, $2, u.score, u.rev, u.rule, u.priority, u.factors, u.hits, u.features
                 FROM json_to_recordset($3::json) AS u(id bigint, version int, score float8, rev bigint, rule float8, priority float8, factors text, hits text, features text)
               ON CONFLICT (declaration_id, model_version) DO UPDATE SET declaration_version = EXCLUDED.declaration_version, rule_set_version = EXCLUDED.rule_set_version, score = EXCLUDED.score,
                 expected_revenue_krw = EXCLUDED.expected_revenue_krw, rule_score = EXCLUDED.rule_score, priority = EXCLUDED.priority, factors = EXCLUDED.factors,
                 rule_hits = EXCLUDED.rule_hits, features = EXCLUDED.features, scored_at = now()`,
        values: [modelVersion, ruleSetVersion, JSON.stringify(rows.map((x) => ({ id: x.id, version: x.declarationVersion, score: x.score, rev: x.expectedRevenueKrw, rule: x.ruleScore, priority: x.priority, factors: JSON.stringify(x.factors), hits: JSON.stringify(x.ruleHits), features: x.storedFeatures })))],
      });
      // An amended document may have moved: its old pair goes when no parcel is left behind it.
      const before = await c.query({ name: 'risk_w_reparcels_old', text: `SELECT pccc, address_key FROM risk_parcels WHERE declaration_id = ANY($1::bigint[])`, values: [pgArray(rows.map((x) => x.id))] });
      await c.query({
        name: 'risk_w_reparcels',
        text: `INSERT INTO risk_parcels (declaration_id, pccc, declared_on, value_usd, threshold_usd, seller_key, channel, hs6, address_key, order_data)
               SELECT u.id, u.pccc, u."declaredOn", u."valueUsd", u."thresholdUsd", u."sellerKey", u.channel, u.hs6, u."addressKey", u."orderData"
                 FROM json_to_recordset($1::json) AS u(id bigint, pccc text, "declaredOn" date, "valueUsd" float8, "thresholdUsd" float8, "sellerKey" text, channel text, hs6 text, "addressKey" text, "orderData" boolean)
               ON CONFLICT (declaration_id) DO UPDATE SET pccc = EXCLUDED.pccc, declared_on = EXCLUDED.declared_on, value_usd = EXCLUDED.value_usd,
                 threshold_usd = EXCLUDED.threshold_usd, seller_key = EXCLUDED.seller_key, channel = EXCLUDED.channel, hs6 = EXCLUDED.hs6, address_key = EXCLUDED.address_key,
                 order_data = EXCLUDED.order_data`,
        values: [JSON.stringify(rows.map((x) => ({ id: x.id, ...x.parcel })))],
      });
      const pairs = newAddressPairs(rows.map((x) => x.parcel), known);
      if (pairs.addresses.length > 0) await c.query({ name: 'risk_w_address', text: ADD_ADDRESS_PAIRS, values: [pgArray(pairs.addresses), pgArray(pairs.pcccs)] });
      const now = new Set(rows.map((x) => addressPairKey(x.parcel.addressKey, x.parcel.pccc)));
      const gone = before.rows.filter((o) => !now.has(addressPairKey(o.address_key, o.pccc)));
      if (gone.length > 0)
        await c.query({
          name: 'risk_w_address_gone',
          text: `DELETE FROM risk_address_consignees a USING unnest($1::text[], $2::text[]) AS o(address_key, pccc)
                  WHERE a.address_key = o.address_key AND a.pccc = o.pccc
                    AND NOT EXISTS (SELECT 1 FROM risk_parcels p WHERE p.pccc = o.pccc AND p.address_key = o.address_key)`,
          values: [pgArray(gone.map((o) => o.address_key)), pgArray(gone.map((o) => o.pccc))],
        });
      // The order data its parties count, corrected (scoreBatch: an order posted since); profiles only.
      if (r.profiles.length > 0) await c.query({ name: 'risk_w_merge', text: MERGE_PROFILES, values: [...profileColumns(r.profiles), '{}', '{}', '{}', '{}', '{}', ...priceColumns([]), '{}', '{}'] });
      return;
    }
    // Identities read with the history and seen no earlier now are left as they are.
    const identities = r.identities.filter((x) => {
      const first = known.identities.get(identityKey(x.pccc, x.name, x.phone, x.postcode));
      return first === undefined || x.firstSeen < first;
    });
    const pairs = newAddressPairs(rows.map((x) => x.parcel), known);
    await c.query({
      name: 'risk_w_merge',
      text: MERGE_PROFILES,
      values: [
        ...profileColumns(r.profiles),
        pgArray(identities.map((x) => x.pccc)),
        pgArray(identities.map((x) => x.name)),
        pgArray(identities.map((x) => x.phone)),
        pgArray(identities.map((x) => x.postcode)),
        pgArray(identities.map((x) => x.firstSeen)),
        ...priceColumns(r.prices),
        pgArray(pairs.addresses),
        pgArray(pairs.pcccs),
      ],
    });
  }

  async scoreOf(declarationId: number, modelVersion: string | null): Promise<StoredScore | null> {
    const r = await this.pool.query(
      `SELECT * FROM risk_scores WHERE declaration_id = $1 AND ($2::text IS NULL OR model_version = $2) ORDER BY (model_version = $2) DESC NULLS LAST, scored_at DESC LIMIT 1`,
      [declarationId, modelVersion],
    );
    const x = r.rows[0];
    if (!x) return null;
    return {
      declarationId: Number(x.declaration_id),
      modelVersion: x.model_version,
      ruleSetVersion: x.rule_set_version,
      score: Number(x.score),
      expectedRevenueKrw: x.expected_revenue_krw === null ? null : Number(x.expected_revenue_krw),
      ruleScore: Number(x.rule_score),
      priority: Number(x.priority),
      factors: JSON.parse(x.factors),
      ruleHits: JSON.parse(x.rule_hits),
      features: parseStoredFeatures(x.features),
      scoredAt: iso(x.scored_at),
    };
  }

  async profile(role: string, key: string): Promise<ProfileRow | null> {
    const [p, s] = await Promise.all([this.pool.query(`SELECT * FROM party_profiles WHERE role = $1 AND key = $2`, [role, key]), this.pool.query(partyHoldCountsSql(role), [role, key])]);
    const x = p.rows[0];
    if (!x) return null;
    return {
      role: x.role,
      key: x.key,
      name: x.name,
      parcels: Number(x.parcels),
      valueUsd: Number(x.value_usd),
      firstSeen: day(x.first_seen),
      lastSeen: day(x.last_seen),
      withOrderData: Number(x.with_order_data),
      qualitySum: Number(x.quality_sum),
      inspected: Number(x.inspected),
      found: Number(x.found),
      undervalued: Number(x.undervalued),
      revenueFoundKrw: Number(x.revenue_found_krw),
      outcomes: x.outcomes,
      inspectedDecayed: Number(x.inspected_d),
      foundDecayed: Number(x.found_d),
      decayedOn: x.decayed_on ? day(x.decayed_on) : null,
      held: s.rows[0].held,
      rejected: s.rows[0].rejected,
    };
  }

  async partyDeclarations(role: string, key: string, q: { limit: number; beforeId?: number; activeModelVersion: string | null }): Promise<PartyDeclarations | null> {
    // The page's ids first, by index (party_declarations_key; a consignee's risk_parcels_pccc), then
    // only those rows' declaration, score and latest result (primary key, risk_scores' and
    // inspection_results' declaration_id): a party with many parcels reads its id arrays, not its
    // declarations. The ids are the page's top N, not DISTINCT over all of them (a 1,000,000-parcel
    // party: ~0.3 s against 3.6 s); a declaration is recorded once per party (at its first scoring),
    // and a repeat would only be removed within the page. The parcels not scored yet are in neither
    // table: they are the party's among those waiting for their first scoring (unscoredOf), merged in.
    const ids =
      role === 'consignee'
        ? CONSIGNEE_PAGE_IDS
        : `SELECT u.id FROM party_declarations pd CROSS JOIN LATERAL unnest(pd.declaration_ids) AS u(id)
            WHERE pd.role = $1 AND pd.key = $2 AND ($3::bigint IS NULL OR u.id < $3) ORDER BY u.id DESC LIMIT $4`;
    const [known, waiting] = await Promise.all([this.pool.query(`SELECT 1 FROM party_profiles WHERE role = $1 AND key = $2`, [role, key]), this.waitingOf(role, key)]);
    // A party whose parcels all wait for their first scoring has no profile yet, but it has parcels.
    if (known.rows.length === 0 && waiting.length === 0) return null;
    const unscored = waiting.map((w) => w.id);
    const unscoredPage = unscored.filter((id) => q.beforeId === undefined || id < q.beforeId).slice(0, q.limit);
    const r = await this.pool.query(
      `SELECT d.id, d.cargo_no, d.declared_at, d.route, d.status, s.score, s.model_version, s.rule_set_version, i.outcome, i.inspected_at
         FROM (SELECT DISTINCT id FROM ((${ids}) UNION ALL SELECT unnest($6::bigint[])) top ORDER BY id DESC LIMIT $4) page JOIN declarations d ON d.id = page.id
         LEFT JOIN LATERAL (SELECT rs.score, rs.model_version, rs.rule_set_version FROM risk_scores rs WHERE rs.declaration_id = d.id
                             ORDER BY (rs.model_version = $5) DESC NULLS LAST, rs.scored_at DESC LIMIT 1) s ON true
         LEFT JOIN LATERAL (SELECT ir.outcome, ir.inspected_at FROM inspection_results ir WHERE ir.declaration_id = d.id ORDER BY ir.id DESC LIMIT 1) i ON true
        ORDER BY d.id DESC`,
      [role, key, q.beforeId ?? null, q.limit, q.activeModelVersion, unscoredPage],
    );
    const rows = r.rows.map((x) => ({
      id: Number(x.id),
      cargoNo: x.cargo_no,
      declaredAt: day(x.declared_at),
      route: x.route,
      status: x.status,
      score: x.model_version === null ? null : { score: Number(x.score), modelVersion: x.model_version, ruleSetVersion: x.rule_set_version },
      inspection: x.outcome === null ? null : { outcome: x.outcome, inspectedAt: iso(x.inspected_at) },
    }));
    return { rows, unscored: unscored.length };
  }

  async unscoredOf(role: string, key: string): Promise<UnscoredParcels> {
    const waiting = await this.waitingOf(role, key);
    const days = waiting.map((w) => w.day).sort();
    return { count: waiting.length, name: waiting[0]?.name ?? null, firstSeen: days[0] ?? null, lastSeen: days.at(-1) ?? null };
  }

  /**
   * A party's declarations still waiting for their first scoring (risk_pending.first), newest first,
   * with the party's name as each declares it and its declaration day: its profile and
   * party_declarations count a parcel from that scoring on. Found by index, not by reading the queue
   * (migration 102): a consignee's by the PCCC column (P and 12 digits, as validated: the profile's
   * upper-case key), then each one's queue row; another party's by the tokens its queue row was
   * written with (RISK_PENDING_BY_TOKENS). Both are candidates only: each is kept when its keys,
   * computed as the scoring computes them (partyKeysOf), name the party.
   */
  private async waitingOf(role: string, key: string): Promise<{ id: number; name: string | null; day: string }[]> {
    if (!(PARTY_ROLES as readonly string[]).includes(role)) return [];
    const r =
      role === 'consignee'
        ? await this.pool.query({ name: 'risk_party_unscored_pccc', text: RISK_PENDING_BY_PCCC, values: [key] })
        : await this.pool.query({ name: 'risk_party_unscored', text: RISK_PENDING_BY_TOKENS, values: [pendingTokens(role, key)] });
    const out: { id: number; name: string | null; day: string }[] = [];
    for (const x of r.rows) {
      if (!x.consignee) continue;
      const d = { parties: x.parties ?? undefined, consignee: x.consignee } as Declaration;
      // The name as the scoring will record it on the profile (partyKeysOf).
      const party = partyKeysOf(d).find((p) => p.role === role && p.key === key);
      if (party) out.push({ id: Number(x.id), name: party.name, day: day(x.declared_at) });
    }
    return out.sort((a, b) => b.id - a.id);
  }

  async recordInspection(q: Parameters<RiskStore['recordInspection']>[0]): Promise<InspectionRecord> {
    return inTransaction(this.pool, async (c) => {
      // The latest result of a parcel supersedes its earlier ones in every count (profiles,
      // performance, dry run, export); the earlier rows stay as history. Results of one parcel are
      // serialised on its declaration row, so two at once cannot both count as the first.
      await c.query(`SELECT 1 FROM declarations WHERE id = $1 FOR UPDATE`, [q.declarationId]);
      const prevRow = (await c.query(`SELECT outcome, revenue_krw FROM inspection_results WHERE declaration_id = $1 ORDER BY id DESC LIMIT 1`, [q.declarationId])).rows[0] as { outcome: string; revenue_krw: string } | undefined;
      const ins = await c.query(
        `INSERT INTO inspection_results (declaration_id, officer_id, outcome, corrected_value_krw, corrected_hs, revenue_krw, note, inspected_at, model_version, score, priority, selected_by)
         SELECT $1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()), s.model_version, s.score, s.priority, $9
           FROM (SELECT 1) one
           LEFT JOIN LATERAL (SELECT rs.model_version, rs.score, rs.priority FROM risk_scores rs LEFT JOIN risk_models m ON m.version = rs.model_version
                               WHERE rs.declaration_id = $1 ORDER BY m.active DESC NULLS LAST, rs.scored_at DESC LIMIT 1) s ON true
         RETURNING *`,
        [q.declarationId, q.officerId, q.outcome, q.correctedValueKrw, q.correctedHs, q.revenueKrw, q.note, q.inspectedAt, q.selectedBy],
      );
      const d = inspectionDelta(prevRow ? { outcome: prevRow.outcome, revenueKrw: Number(prevRow.revenue_krw) } : null, { outcome: q.outcome, revenueKrw: q.revenueKrw });
      const parties = [...q.parties].sort((a, b) => (a.role === b.role ? (a.key < b.key ? -1 : 1) : a.role < b.role ? -1 : 1));
      // Decayed counts: a superseded find is taken back undecayed (never below 0), an approximation
      // of at most the decay between the two results.
      await c.query(
        `INSERT INTO party_profiles AS p (role, key, name, first_seen, last_seen, inspected, found, undervalued, revenue_found_krw, outcomes, inspected_d, found_d, decayed_on)
         SELECT u.role, u.key, u.name, $3::date, $3::date, $10::int, greatest(0, $4::int), greatest(0, $5::int), greatest(0, $6::bigint),
                CASE WHEN $11::int > 0 THEN jsonb_build_object($7::text, 1) ELSE '{}'::jsonb END, $10::int, greatest(0, $4::int), $3::date
           FROM unnest($1::text[], $2::text[], $9::text[]) AS u(role, key, name)
         ON CONFLICT (role, key) DO UPDATE SET
           inspected = p.inspected + $10::int,
           found = greatest(0, p.found + $4::int),
           undervalued = greatest(0, p.undervalued + $5::int),
           revenue_found_krw = greatest(0, p.revenue_found_krw + $6::bigint),
           outcomes = (p.outcomes || CASE WHEN $12::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object($12::text, greatest(0, coalesce((p.outcomes ->> $12::text)::int, 0) - 1)) END)
                      || CASE WHEN $11::int > 0 THEN jsonb_build_object($7::text, coalesce((p.outcomes ->> $7::text)::int, 0) + 1) ELSE '{}'::jsonb END,
           inspected_d = p.inspected_d * power(0.5, greatest(0, $3::date - coalesce(p.decayed_on, $3::date))::float8 / $8) + $10::int,
           found_d = greatest(0, p.found_d * power(0.5, greatest(0, $3::date - coalesce(p.decayed_on, $3::date))::float8 / $8) + $4::int),
           decayed_on = greatest(coalesce(p.decayed_on, $3::date), $3::date),
           updated_at = now()`,
        [parties.map((p) => p.role), parties.map((p) => p.key), q.today, d.found, d.undervalued, d.revenueKrw, q.outcome, q.halfLifeDays, parties.map((p) => p.name), d.inspected, d.outcomeAdded, d.outcomeRemoved],
      );
      return inspectionOf(ins.rows[0]);
    });
  }

  async inspectionsOf(declarationId: number): Promise<InspectionRecord[]> {
    const r = await this.pool.query(`SELECT * FROM inspection_results WHERE declaration_id = $1 ORDER BY id`, [declarationId]);
    return r.rows.map(inspectionOf);
  }

  async identitiesOf(pccc: string): Promise<PcccIdentity[]> {
    const r = await this.pool.query(`SELECT name_norm, phone_digits, postcode, first_seen FROM pccc_identities WHERE pccc = $1 ORDER BY first_seen, name_norm LIMIT 100`, [pccc]);
    return r.rows.map((x) => ({ name: x.name_norm, phone: x.phone_digits, postcode: x.postcode, firstSeen: day(x.first_seen) }));
  }

  async parcelsOfConsignee(pccc: string, from: string, to: string): Promise<(SplitParcel & { cargoNo: string })[]> {
    const r = await this.pool.query(
      `SELECT p.declaration_id, p.pccc, p.declared_on, p.value_usd, p.threshold_usd, p.seller_key, p.channel, d.cargo_no
         FROM risk_parcels p JOIN declarations d ON d.id = p.declaration_id
        WHERE p.pccc = $1 AND p.declared_on BETWEEN $2 AND $3 ORDER BY p.declared_on, p.declaration_id LIMIT 200`,
      [pccc, from, to],
    );
    return r.rows.map((x) => ({
      id: Number(x.declaration_id),
      pccc: x.pccc,
      sellerKey: x.seller_key,
      day: dayNumber(day(x.declared_on)) ?? 0,
      valueUsd: Number(x.value_usd),
      thresholdUsd: x.threshold_usd === null ? null : Number(x.threshold_usd),
      channel: x.channel,
      cargoNo: x.cargo_no,
    }));
  }

  async performance(weeks: number): Promise<WeeklyPerformance[]> {
    const r = await this.pool.query(
      // Korean weeks (Monday 00:00 KST), as the operators' scorecard: in the session's time zone a
      // Monday-morning inspection before 09:00 KST fell into the week before.
      // Parcels, not records: only the latest result of a parcel counts (in its week), as in the
      // profiles and the dry run (inspectionDelta).
      // The queue's inspections and the random sample's apart (selected_by, migration 081): only the
      // former measure the selection's precision.
      // The last $1 weeks whole, this one included: from the Monday 00:00 KST $1 − 1 weeks before
      // this week's (now() − $1 weeks cut the oldest week short: 3 of its 20 inspections shown).
      `SELECT date_trunc('week', (inspected_at AT TIME ZONE 'Asia/Seoul')::date)::date AS week, model_version, count(*)::int AS inspected,
              count(*) FILTER (WHERE outcome <> 'clean')::int AS found, coalesce(sum(revenue_krw), 0)::bigint AS revenue,
              count(*) FILTER (WHERE selected_by = 'queue')::int AS queue_inspected, count(*) FILTER (WHERE selected_by = 'queue' AND outcome <> 'clean')::int AS queue_found,
              count(*) FILTER (WHERE selected_by = 'random')::int AS random_inspected, count(*) FILTER (WHERE selected_by = 'random' AND outcome <> 'clean')::int AS random_found
         FROM inspection_results i
        WHERE inspected_at >= (date_trunc('week', now() AT TIME ZONE 'Asia/Seoul') - make_interval(weeks => $1 - 1)) AT TIME ZONE 'Asia/Seoul'
          AND i.id = (SELECT max(j.id) FROM inspection_results j WHERE j.declaration_id = i.declaration_id)
        GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
      [weeks],
    );
    return r.rows.map((x) => ({
      week: day(x.week),
      modelVersion: x.model_version,
      inspected: x.inspected,
      found: x.found,
      precision: x.inspected ? x.found / x.inspected : 0,
      revenueKrw: Number(x.revenue),
      queue: selectionCounts(x.queue_inspected, x.queue_found),
      random: selectionCounts(x.random_inspected, x.random_found),
    }));
  }

  async saveOrder(operatorId: number, o: OrderData, bodyHash: string, sameIfStored: readonly string[] = []): Promise<{ order: StoredOrder; replayed: boolean; conflict: boolean }> {
    // A new order queues the declarations that carry it (order no. + PCCC) for rescoring, in the same statement.
    // DO UPDATE, not DO NOTHING: a declaration the worker is scoring right now (its queue row claimed,
    // deleted at the worker's commit) is queued again once that commit is done (migration 058).
    const ins = await this.pool.query(
      `WITH ins AS (
         INSERT INTO orders (operator_id, order_no, platform, seller, buyer_pccc, currency, amount_paid, ordered_at, items, body_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (operator_id, order_no) DO NOTHING RETURNING *
       ), queued AS (
         INSERT INTO risk_pending (declaration_id, first, reason)
         SELECT d.id, false, 'order' FROM declarations d JOIN ins ON d.pccc = ins.buyer_pccc AND d.declaration #>> '{order,orderNo}' = ins.order_no
         ON CONFLICT (declaration_id) DO UPDATE SET first = risk_pending.first
       )
       SELECT * FROM ins`,
      [operatorId, o.orderNo, o.platform, o.seller ?? null, o.buyerPccc.trim().toUpperCase(), o.currency.toUpperCase(), o.amountPaid, o.orderedAt ?? null, JSON.stringify(o.items), bodyHash],
    );
    if (ins.rows[0]) return { order: orderOf(ins.rows[0]), replayed: false, conflict: false };
    const old = await this.pool.query(`SELECT * FROM orders WHERE operator_id = $1 AND order_no = $2`, [operatorId, o.orderNo]);
    const stored = old.rows[0].body_hash as string;
    return { order: orderOf(old.rows[0]), replayed: true, conflict: stored !== bodyHash && !sameIfStored.includes(stored) };
  }

  async ordersFor(orderNo: string, pccc: string): Promise<StoredOrder[]> {
    const r = await this.pool.query(`SELECT * FROM orders WHERE order_no = $1 AND buyer_pccc = $2 ORDER BY id`, [orderNo, pccc.trim().toUpperCase()]);
    return r.rows.map(orderOf);
  }

  async ordersWithoutDeclaration(olderThan: string, limit: number): Promise<StoredOrder[]> {
    const r = await this.pool.query(
      `SELECT o.* FROM orders o
        WHERE coalesce(o.ordered_at, o.received_at::date) <= $1
          AND NOT EXISTS (SELECT 1 FROM declarations d WHERE d.pccc = o.buyer_pccc AND d.declaration #>> '{order,orderNo}' = o.order_no)
        ORDER BY o.id DESC LIMIT $2`,
      [olderThan, limit],
    );
    return r.rows.map(orderOf);
  }

  async exportTraining(modelVersion: string | null) {
    const r = await this.pool.query(
      `SELECT s.features, i.outcome, i.revenue_krw
         FROM inspection_results i
         JOIN LATERAL (SELECT max(id) AS id FROM inspection_results j WHERE j.declaration_id = i.declaration_id) last ON last.id = i.id
         JOIN LATERAL (SELECT features FROM risk_scores rs WHERE rs.declaration_id = i.declaration_id AND ($1::text IS NULL OR rs.model_version = $1) ORDER BY rs.scored_at LIMIT 1) s ON true
        ORDER BY i.declaration_id`,
      [modelVersion],
    );
    return r.rows.map((x) => ({ features: parseStoredFeatures(x.features) as Record<string, unknown>, illicit: x.outcome !== 'clean', revenueKrw: Number(x.revenue_krw) }));
  }
}
