// PostgreSQL side of risk management (migrations/030_risk.sql): models, rule sets, the scoring
// worker's claim (FOR UPDATE SKIP LOCKED), profiles, identities, price statistics, orders and
// inspection results. Counters are written as deltas (safe with several workers); price
// statistics merge the batch's Welford sums with Chan's formula.
import type pg from 'pg';
import type { Assessment } from '../../domain/assessment.ts';
import type { Declaration } from '../../domain/declaration-schema.ts';
import { addDays, dayNumber } from '../../domain/dates.ts';
import { createPartyBook, type PartyBook } from '../../domain/risk/features.ts';
import type { InspectionOutcome, OrderData } from '../../domain/risk/platform-risk.ts';
import type { BatchInput, BatchResult, DetectorFacts } from '../../domain/risk/score-batch.ts';
import type { InspectionRecord, ProfileRow, RiskStore, RuleDraft, StoredOrder, StoredRuleSet, StoredScore, WeeklyPerformance } from '../../app/ports/risk-store.ts';

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

const draftOf = (r: any): RuleDraft => ({ id: Number(r.id), basedOn: r.based_on, rules: r.rules, note: r.note, createdBy: r.created_by, updatedAt: iso(r.updated_at), publishedAs: r.published_as });
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
});
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

export class PgRiskStore implements RiskStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async saveModel(m: { version: string; kind: string; modelJson: string; training: unknown; activatedBy: string; activate: boolean }): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(
        `INSERT INTO risk_models (version, kind, model, training, activated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (version) DO NOTHING`,
        [m.version, m.kind, m.modelJson, JSON.stringify(m.training), m.activatedBy],
      );
      if (m.activate) {
        await c.query(`UPDATE risk_models SET active = false WHERE active AND version <> $1`, [m.version]);
        await c.query(`UPDATE risk_models SET active = true, activated_by = $2, activated_at = now() WHERE version = $1 AND NOT active`, [m.version, m.activatedBy]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async activeModelVersion(): Promise<string | null> {
    const r = await this.pool.query(`SELECT version FROM risk_models WHERE active`);
    return r.rows[0]?.version ?? null;
  }

  async activeModelJson(): Promise<string | null> {
    const r = await this.pool.query(`SELECT model AS m FROM risk_models WHERE active`);
    return r.rows[0]?.m ?? null;
  }

  async modelJson(version: string): Promise<string | null> {
    const r = await this.pool.query(`SELECT model AS m FROM risk_models WHERE version = $1`, [version]);
    return r.rows[0]?.m ?? null;
  }

  async latestRuleSet(): Promise<StoredRuleSet | null> {
    const r = await this.pool.query(`SELECT * FROM risk_rule_sets ORDER BY published_at DESC, version DESC LIMIT 1`);
    return r.rows[0] ? setOf(r.rows[0]) : null;
  }

  async publishRuleSet(p: { version: string; rules: unknown; publishedBy: string; note: string; draftId: number | null }): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`INSERT INTO risk_rule_sets (version, rules, published_by, note) VALUES ($1, $2, $3, $4)`, [p.version, JSON.stringify(p.rules), p.publishedBy, p.note]);
      if (p.draftId !== null) await c.query(`UPDATE risk_rule_drafts SET published_as = $2, updated_at = now() WHERE id = $1`, [p.draftId, p.version]);
      await c.query(`INSERT INTO risk_rule_audit (actor, action, draft_id, version, detail) VALUES ($1, 'published', $2, $3, $4)`, [p.publishedBy, p.draftId, p.version, JSON.stringify({ note: p.note })]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async createDraft(d: { basedOn: string | null; rules: unknown; note: string; createdBy: string }): Promise<RuleDraft> {
    const r = await this.pool.query(`INSERT INTO risk_rule_drafts (based_on, rules, note, created_by) VALUES ($1, $2, $3, $4) RETURNING *`, [d.basedOn, JSON.stringify(d.rules), d.note, d.createdBy]);
    await this.audit({ actor: d.createdBy, action: 'draft_created', draftId: Number(r.rows[0].id), version: d.basedOn, detail: { note: d.note } });
    return draftOf(r.rows[0]);
  }

  async updateDraft(id: number, d: { rules: unknown; note: string; actor: string }): Promise<RuleDraft | null> {
    const r = await this.pool.query(`UPDATE risk_rule_drafts SET rules = $2, note = $3, updated_at = now() WHERE id = $1 AND published_as IS NULL RETURNING *`, [id, JSON.stringify(d.rules), d.note]);
    if (!r.rows[0]) return null;
    await this.audit({ actor: d.actor, action: 'draft_updated', draftId: id, version: null, detail: { note: d.note } });
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

  async scoreNext(modelVersion: string, ruleSetVersion: string | null, limit: number, floor: number, compute: (inputs: BatchInput[], book: PartyBook, facts: DetectorFacts) => BatchResult): Promise<number[]> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const claimed = await c.query(
        `SELECT d.id, d.declaration, d.assessment
           FROM declarations d
          WHERE d.id >= $2 AND NOT EXISTS (SELECT 1 FROM risk_scores s WHERE s.declaration_id = d.id AND s.model_version = $1)
          ORDER BY d.id LIMIT $3
          FOR UPDATE OF d SKIP LOCKED`,
        [modelVersion, floor, limit],
      );
      if (claimed.rows.length === 0) {
        await c.query('COMMIT');
        return [];
      }
      const inputs: BatchInput[] = claimed.rows.map((r) => ({ id: Number(r.id), declaration: r.declaration as Declaration, assessment: r.assessment as Assessment }));
      const { book, facts } = await this.loadHistory(inputs);
      const result = compute(inputs, book, facts);
      await this.writeBatch(c, modelVersion, ruleSetVersion, result);
      await c.query('COMMIT');
      return result.rows.map((r) => r.id);
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  private async loadHistory(inputs: BatchInput[]): Promise<{ book: PartyBook; facts: DetectorFacts }> {
    const book = createPartyBook();
    const minId = Math.min(...inputs.map((i) => i.id));
    const dates = inputs.map((i) => i.declaration.declaredAt).sort();
    const from30 = addDays(dates[0]!, -30);
    const from90 = addDays(dates[0]!, -90);
    const pcccs = [...new Set(inputs.map((i) => i.declaration.consignee.pccc.trim().toUpperCase()))];
    const norm = (s: string | undefined) => (s ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
    const sellers = [...new Set(inputs.map((i) => norm(i.declaration.parties?.seller?.code ?? i.declaration.parties?.seller?.name)).filter(Boolean))];
    const forwarders = [...new Set(inputs.map((i) => norm(i.declaration.parties?.forwarder?.code ?? i.declaration.parties?.forwarder?.name)).filter(Boolean))];
    const addresses = [...new Set(inputs.map((i) => `${i.declaration.consignee.postcode.trim()}|${i.declaration.consignee.address.toLowerCase().replace(/[\s,.\-#]+/g, '')}`))];
    const priceKeys = new Set<string>();
    for (const { declaration: d } of inputs)
      for (const it of d.items) {
        if (it.category) priceKeys.add(`c:${it.category}`);
        if (it.brand) priceKeys.add(`b:${it.brand.trim().toLowerCase()}`);
      }
    for (const { assessment: a } of inputs) for (const l of a.lines) priceKeys.add(`h:${l.hsCode.slice(0, 4)}`);
    const orderKeys = inputs.filter((i) => i.declaration.order.orderNo).map((i) => [i.declaration.order.orderNo!, i.declaration.consignee.pccc.trim().toUpperCase()] as const);

    // Reads of committed history, in parallel on the pool (the claim's transaction holds only the locks and the writes).
    const [idents, recent, profiles, prices, prior, addr, same, orders] = await Promise.all([
      this.pool.query(`SELECT pccc, name_norm, phone_digits, postcode, first_seen FROM pccc_identities WHERE pccc = ANY($1)`, [pcccs]),
      this.pool.query(
        `SELECT id, pccc, declared_at, goods_value_usd, seller_key, (assessment #>> '{deMinimis,thresholdUsd}')::float8 AS threshold, declaration -> 'shipment' ->> 'mode' AS mode,
                upper(coalesce(declaration #>> '{parties,courier,code}', declaration #>> '{parties,courier,name}', '')) AS courier, upper(coalesce(declaration #>> '{parties,platform,name}', '')) AS platform
           FROM declarations WHERE pccc = ANY($1) AND declared_at >= $2 AND id < $3 ORDER BY declared_at, id`,
        [pcccs, from30, minId],
      ),
      this.pool.query(`SELECT role, key, parcels, first_seen, inspected, found FROM party_profiles WHERE (role = 'seller' AND key = ANY($1)) OR (role = 'forwarder' AND key = ANY($2))`, [sellers, forwarders]),
      this.pool.query(`SELECT key, n, mean, m2 FROM price_stats WHERE key = ANY($1)`, [[...priceKeys]]),
      this.pool.query(`SELECT count(*)::int AS inspected, count(*) FILTER (WHERE outcome <> 'clean')::int AS found FROM inspection_results`),
      this.pool.query(`SELECT dp.key, array_agg(DISTINCT d.pccc) AS pcccs FROM declaration_parties dp JOIN declarations d ON d.id = dp.declaration_id WHERE dp.role = 'address' AND dp.key = ANY($1) GROUP BY dp.key`, [addresses]),
      this.pool.query(`SELECT pccc, left(assessment #>> '{lines,0,hsCode}', 6) AS hs6, count(*)::int AS n FROM declarations WHERE pccc = ANY($1) AND declared_at >= $2 AND id < $3 GROUP BY 1, 2`, [pcccs, from90, minId]),
      orderKeys.length
        ? this.pool.query(`SELECT o.* FROM orders o JOIN unnest($1::text[], $2::text[]) AS k(order_no, pccc) ON o.order_no = k.order_no AND o.buyer_pccc = k.pccc`, [orderKeys.map((k) => k[0]), orderKeys.map((k) => k[1])])
        : Promise.resolve({ rows: [] as any[] }),
    ]);
    for (const r of idents.rows) {
      let p = book.consignees.get(r.pccc);
      const first = dayNumber(day(r.first_seen)) ?? 0;
      if (!p) book.consignees.set(r.pccc, (p = { firstDay: first, names: new Set(), phones: new Set(), postcodes: new Set(), recent: [] }));
      p.firstDay = Math.min(p.firstDay, first);
      p.names.add(r.name_norm);
      p.phones.add(r.phone_digits);
      p.postcodes.add(r.postcode);
    }
    const nearby: DetectorFacts['nearby'] = [];
    for (const r of recent.rows) {
      const dn = dayNumber(day(r.declared_at)) ?? 0;
      let p = book.consignees.get(r.pccc);
      if (!p) book.consignees.set(r.pccc, (p = { firstDay: dn, names: new Set(), phones: new Set(), postcodes: new Set(), recent: [] }));
      p.recent.push({ day: dn, valueUsd: Number(r.goods_value_usd) });
      nearby.push({ id: Number(r.id), pccc: r.pccc, sellerKey: r.seller_key, day: dn, valueUsd: Number(r.goods_value_usd), thresholdUsd: r.threshold === null ? null : Number(r.threshold), channel: `${r.mode}|${r.courier}|${r.platform}` });
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
    const facts: DetectorFacts = {
      addressConsignees: new Map(addr.rows.map((r) => [r.key, new Set<string>(r.pcccs)])),
      sameGoods90d: new Map(same.rows.map((r) => [`${r.pccc}|${r.hs6 ?? ''}`, r.n])),
      nearby,
      orders: new Map(orders.rows.map((r) => [`${r.order_no}|${r.buyer_pccc}`, orderOf(r)])),
    };
    return { book, facts };
  }

  private async writeBatch(c: pg.PoolClient, modelVersion: string, ruleSetVersion: string | null, r: BatchResult): Promise<void> {
    const rows = r.rows;
    await c.query(
      `INSERT INTO risk_scores (declaration_id, model_version, rule_set_version, score, expected_revenue_krw, rule_score, priority, factors, rule_hits, features)
       SELECT u.id, $1, $2, u.score, u.rev, u.rule, u.priority, u.factors::jsonb, u.hits::jsonb, u.features
         FROM unnest($3::bigint[], $4::float8[], $5::bigint[], $6::float8[], $7::float8[], $8::text[], $9::text[], $10::text[]) AS u(id, score, rev, rule, priority, factors, hits, features)
       ON CONFLICT DO NOTHING`,
      [
        modelVersion,
        ruleSetVersion,
        rows.map((x) => x.id),
        rows.map((x) => x.score),
        rows.map((x) => x.expectedRevenueKrw),
        rows.map((x) => x.ruleScore),
        rows.map((x) => x.priority),
        rows.map((x) => JSON.stringify(x.factors)),
        rows.map((x) => JSON.stringify(x.ruleHits)),
        rows.map((x) => JSON.stringify(x.features)),
      ],
    );
    const parties = rows.flatMap((x) => x.parties.map((p) => [p.role, p.key, x.id] as const));
    await c.query(
      `INSERT INTO declaration_parties (role, key, declaration_id) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING`,
      [parties.map((p) => p[0]), parties.map((p) => p[1]), parties.map((p) => p[2])],
    );
    const p = r.profiles;
    await c.query(
      `INSERT INTO party_profiles (role, key, name, parcels, value_usd, first_seen, last_seen, with_order_data, quality_sum)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::float8[], $6::date[], $7::date[], $8::bigint[], $9::float8[])
       ON CONFLICT (role, key) DO UPDATE SET
         name = coalesce(EXCLUDED.name, party_profiles.name),
         parcels = party_profiles.parcels + EXCLUDED.parcels,
         value_usd = party_profiles.value_usd + EXCLUDED.value_usd,
         first_seen = least(party_profiles.first_seen, EXCLUDED.first_seen),
         last_seen = greatest(party_profiles.last_seen, EXCLUDED.last_seen),
         with_order_data = party_profiles.with_order_data + EXCLUDED.with_order_data,
         quality_sum = party_profiles.quality_sum + EXCLUDED.quality_sum,
         updated_at = now()`,
      [p.map((x) => x.role), p.map((x) => x.key), p.map((x) => x.name), p.map((x) => x.parcels), p.map((x) => x.valueUsd), p.map((x) => x.firstSeen), p.map((x) => x.lastSeen), p.map((x) => x.withOrderData), p.map((x) => x.qualitySum)],
    );
    const i = r.identities;
    await c.query(
      `INSERT INTO pccc_identities (pccc, name_norm, phone_digits, postcode, first_seen, last_seen, parcels)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::bigint[])
       ON CONFLICT (pccc, name_norm, phone_digits, postcode) DO UPDATE SET
         first_seen = least(pccc_identities.first_seen, EXCLUDED.first_seen),
         last_seen = greatest(pccc_identities.last_seen, EXCLUDED.last_seen),
         parcels = pccc_identities.parcels + EXCLUDED.parcels`,
      [i.map((x) => x.pccc), i.map((x) => x.name), i.map((x) => x.phone), i.map((x) => x.postcode), i.map((x) => x.firstSeen), i.map((x) => x.lastSeen), i.map((x) => x.parcels)],
    );
    const s = r.prices;
    await c.query(
      `INSERT INTO price_stats (key, n, mean, m2)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::float8[], $4::float8[])
       ON CONFLICT (key) DO UPDATE SET
         n = price_stats.n + EXCLUDED.n,
         mean = price_stats.mean + (EXCLUDED.mean - price_stats.mean) * EXCLUDED.n / (price_stats.n + EXCLUDED.n),
         m2 = price_stats.m2 + EXCLUDED.m2 + (EXCLUDED.mean - price_stats.mean) ^ 2 * price_stats.n * EXCLUDED.n / (price_stats.n + EXCLUDED.n)`,
      [s.map((x) => x.key), s.map((x) => x.n), s.map((x) => x.mean), s.map((x) => x.m2)],
    );
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
      factors: x.factors,
      ruleHits: x.rule_hits,
      features: JSON.parse(x.features),
      scoredAt: iso(x.scored_at),
    };
  }

  async profile(role: string, key: string): Promise<ProfileRow | null> {
    const [p, s] = await Promise.all([
      this.pool.query(`SELECT * FROM party_profiles WHERE role = $1 AND key = $2`, [role, key]),
      this.pool.query(
        `SELECT count(*) FILTER (WHERE d.status = 'held' OR EXISTS (SELECT 1 FROM declaration_events e WHERE e.declaration_id = d.id AND e.type = 'HOLD'))::int AS held, count(*) FILTER (WHERE d.status = 'rejected')::int AS rejected
           FROM declaration_parties dp JOIN declarations d ON d.id = dp.declaration_id WHERE dp.role = $1 AND dp.key = $2`,
        [role, key],
      ),
    ]);
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

  async recordInspection(q: Parameters<RiskStore['recordInspection']>[0]): Promise<InspectionRecord> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const ins = await c.query(
        `INSERT INTO inspection_results (declaration_id, officer_id, outcome, corrected_value_krw, corrected_hs, revenue_krw, note, model_version, score, priority)
         SELECT $1, $2, $3, $4, $5, $6, $7, s.model_version, s.score, s.priority
           FROM (SELECT 1) one
           LEFT JOIN LATERAL (SELECT rs.model_version, rs.score, rs.priority FROM risk_scores rs LEFT JOIN risk_models m ON m.version = rs.model_version
                               WHERE rs.declaration_id = $1 ORDER BY m.active DESC NULLS LAST, rs.scored_at DESC LIMIT 1) s ON true
         RETURNING *`,
        [q.declarationId, q.officerId, q.outcome, q.correctedValueKrw, q.correctedHs, q.revenueKrw, q.note],
      );
      const found = q.outcome !== 'clean';
      const parties = [...q.parties].sort((a, b) => (a.role === b.role ? (a.key < b.key ? -1 : 1) : a.role < b.role ? -1 : 1));
      await c.query(
        `INSERT INTO party_profiles AS p (role, key, name, first_seen, last_seen, inspected, found, undervalued, revenue_found_krw, outcomes, inspected_d, found_d, decayed_on)
         SELECT u.role, u.key, u.name, $3::date, $3::date, 1, $4::int, $5::int, $6::bigint, jsonb_build_object($7::text, 1), 1, $4::int, $3::date
           FROM unnest($1::text[], $2::text[], $9::text[]) AS u(role, key, name)
         ON CONFLICT (role, key) DO UPDATE SET
           inspected = p.inspected + 1,
           found = p.found + $4::int,
           undervalued = p.undervalued + $5::int,
           revenue_found_krw = p.revenue_found_krw + $6::bigint,
           outcomes = p.outcomes || jsonb_build_object($7::text, coalesce((p.outcomes ->> $7::text)::int, 0) + 1),
           inspected_d = p.inspected_d * power(0.5, greatest(0, $3::date - coalesce(p.decayed_on, $3::date))::float8 / $8) + 1,
           found_d = p.found_d * power(0.5, greatest(0, $3::date - coalesce(p.decayed_on, $3::date))::float8 / $8) + $4::int,
           decayed_on = greatest(coalesce(p.decayed_on, $3::date), $3::date),
           updated_at = now()`,
        [parties.map((p) => p.role), parties.map((p) => p.key), q.today, found ? 1 : 0, q.outcome === 'undervalued' ? 1 : 0, q.revenueKrw, q.outcome, q.halfLifeDays, parties.map((p) => p.name)],
      );
      await c.query('COMMIT');
      return inspectionOf(ins.rows[0]);
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async inspectionsOf(declarationId: number): Promise<InspectionRecord[]> {
    const r = await this.pool.query(`SELECT * FROM inspection_results WHERE declaration_id = $1 ORDER BY id`, [declarationId]);
    return r.rows.map(inspectionOf);
  }

  async performance(weeks: number): Promise<WeeklyPerformance[]> {
    const r = await this.pool.query(
      `SELECT date_trunc('week', inspected_at)::date AS week, model_version, count(*)::int AS inspected,
              count(*) FILTER (WHERE outcome <> 'clean')::int AS found, coalesce(sum(revenue_krw), 0)::bigint AS revenue
         FROM inspection_results WHERE inspected_at >= now() - make_interval(weeks => $1)
        GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
      [weeks],
    );
    return r.rows.map((x) => ({ week: day(x.week), modelVersion: x.model_version, inspected: x.inspected, found: x.found, precision: x.inspected ? x.found / x.inspected : 0, revenueKrw: Number(x.revenue) }));
  }

  async saveOrder(operatorId: number, o: OrderData, bodyHash: string): Promise<{ order: StoredOrder; replayed: boolean; conflict: boolean }> {
    const ins = await this.pool.query(
      `INSERT INTO orders (operator_id, order_no, platform, seller, buyer_pccc, currency, amount_paid, ordered_at, items, body_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (operator_id, order_no) DO NOTHING RETURNING *`,
      [operatorId, o.orderNo, o.platform, o.seller ?? null, o.buyerPccc.trim().toUpperCase(), o.currency.toUpperCase(), o.amountPaid, o.orderedAt ?? null, JSON.stringify(o.items), bodyHash],
    );
    if (ins.rows[0]) return { order: orderOf(ins.rows[0]), replayed: false, conflict: false };
    const old = await this.pool.query(`SELECT * FROM orders WHERE operator_id = $1 AND order_no = $2`, [operatorId, o.orderNo]);
    return { order: orderOf(old.rows[0]), replayed: true, conflict: old.rows[0].body_hash !== bodyHash };
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
    return r.rows.map((x) => ({ features: JSON.parse(x.features) as Record<string, unknown>, illicit: x.outcome !== 'clean', revenueKrw: Number(x.revenue_krw) }));
  }
}
