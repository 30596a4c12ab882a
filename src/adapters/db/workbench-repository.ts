// The officer workbench's reads: the ranked queue of open declarations and party history.
import type { Bilingual } from '../../domain/bilingual.ts';
import type pg from 'pg';
import type { PartyMatch, PartyStats, QueueRow, WorkbenchStore } from '../../app/ports/portal-stores.ts';
import { holdTextOf, scoreReasons } from '../../domain/queue-why.ts';

const bilingual = (h: Bilingual | null) => (h ? { ko: h.ko, en: h.en } : null);

function condition(match: PartyMatch): string {
  switch (match.by) {
    case 'pccc':
      return 'pccc = $1';
    case 'seller_key':
      return 'seller_key = $1';
    case 'courier_code':
      return 'courier_code = $1';
    case 'forwarder_code':
      return 'forwarder_code = $1';
    case 'platform_name':
      return `lower(declaration #>> '{parties,platform,name}') = $1`;
    case 'party_name':
      return match.role === 'courier' ? `declaration #>> '{parties,courier,name}' = $1` : `declaration #>> '{parties,forwarder,name}' = $1`;
    default: {
      const never: never = match;
      throw new Error(`unknown party match ${JSON.stringify(never)}`);
    }
  }
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export class PgWorkbenchStore implements WorkbenchStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async queue(q: { statuses: string[]; limit: number; offset?: number; modelVersion?: string | null; halfPointKrw?: number }): Promise<QueueRow[]> {
    // With an active risk model the score is in risk points: 100 when held, plus
    // 99 × priority / (priority + halfPoint) for the expected value of an inspection
    // (risk_scores.priority, KRW) — held first, then by expected value; parcels not scored yet
    // follow (0 points), by the signal weights.
    // Without one: queue_points (held bonus + signal weights, stored at write time from
    // src/domain/queue-points.ts; migrations/056_queue_points.sql), read in the order of the
    // index declarations_work_queue: summing the weights out of each assessment's JSON here took
    // 2.0 s a page at 100,000 open declarations (bench/workbench/work-queue.bench.ts).
    const byModel = Boolean(q.modelVersion);
    const signal = 'd.queue_points';
    const model = `(CASE WHEN d.status = 'held' THEN 100 ELSE 0 END) + coalesce(99 * rs.priority / (rs.priority + $4::float8), 0)`;
    // Ranked on narrow rows first (id and the sort keys), then only the page's rows are joined
    // to their wide columns: sorting the wide rows of every open declaration spilled to disk
    // (100,000 open declarations on the PostgreSQL server: 287 → 139 ms; EXPLAIN ANALYZE, 2026-12-02).
    const r = await this.pool.query(
      `WITH page AS (
         SELECT d.id, d.updated_at, ${byModel ? `${model} AS model_points,` : ''} ${signal} AS signal_score
           FROM declarations d
           ${byModel ? 'LEFT JOIN risk_scores rs ON rs.declaration_id = d.id AND rs.model_version = $3' : ''}
          WHERE d.status = ANY($1::text[])
          ORDER BY ${byModel ? 'model_points DESC,' : ''} signal_score DESC, d.updated_at ASC, d.id ASC
          LIMIT $2 OFFSET $5)
       SELECT rs.priority, rs.score AS model_score, rs.expected_revenue_krw, rs.rule_score, rs.model_version, rs.rule_hits, rs.factors, d.id, d.cargo_no, d.ref, d.status, d.route, d.hold_reason, d.goods_value_usd, d.taxes_total_krw,
              coalesce(d.assessment -> 'signals', '[]'::jsonb) AS signals, o.name AS operator_name,
              coalesce(d.declaration #>> '{items,0,description}', '') AS description,
              coalesce(d.declaration #>> '{shipment,shipFrom}', '') AS ship_from, coalesce(d.declaration ->> 'declaredAt', '') AS declared_at, d.updated_at,
              page.signal_score, $4::float8 AS half_point,
              ${byModel ? 'round(page.model_points::numeric, 1)' : 'page.signal_score'} AS risk_score
         FROM page JOIN declarations d ON d.id = page.id JOIN operators o ON o.id = d.operator_id
         LEFT JOIN risk_scores rs ON $3::text IS NOT NULL AND rs.declaration_id = d.id AND rs.model_version = $3
        ORDER BY ${byModel ? 'page.model_points DESC,' : ''} page.signal_score DESC, page.updated_at ASC, page.id ASC`,
      [q.statuses, q.limit, q.modelVersion ?? null, q.halfPointKrw ?? 500_000, q.offset ?? 0],
    );
    return r.rows.map((x) => ({
      id: Number(x.id),
      cargoNo: x.cargo_no,
      ref: x.ref,
      status: x.status,
      route: x.route,
      holdReason: x.hold_reason,
      hold: x.status === 'held' ? bilingual(holdTextOf(x.hold_reason)) : null,
      goodsValueUsd: Number(x.goods_value_usd),
      taxesTotalKrw: x.taxes_total_krw === null ? null : Number(x.taxes_total_krw),
      signals: x.signals as string[],
      riskScore: Number(x.risk_score),
      operatorName: x.operator_name,
      description: x.description,
      shipFrom: x.ship_from,
      declaredAt: x.declared_at,
      updatedAt: iso(x.updated_at),
      ...(x.model_version
        ? {
            risk: {
              modelVersion: x.model_version as string,
              score: Number(x.model_score),
              expectedRevenueKrw: x.expected_revenue_krw === null ? null : Number(x.expected_revenue_krw),
              ruleScore: Number(x.rule_score),
              priority: Number(x.priority),
              // text columns (migrations/031): parsed for the page's rows only
              reasons: scoreReasons(JSON.parse(x.rule_hits), JSON.parse(x.factors), 3, { model: Number(x.model_score), rules: Number(x.rule_score) }),
            },
          }
        : {}),
    }));
  }

  async partyStats(match: PartyMatch, excludeId: number, recent: number): Promise<PartyStats> {
    const where = condition(match);
    const [agg, rows] = await Promise.all([
      this.pool.query(
        `SELECT count(*) AS total,
                count(*) FILTER (WHERE status = 'held') AS held,
                count(*) FILTER (WHERE status = 'rejected') AS rejected,
                count(*) FILTER (WHERE status IN ('cleared', 'released')) AS released,
                coalesce(sum(goods_value_usd), 0)::float8 AS value_usd,
                min(declared_at)::text AS first_seen
           FROM declarations WHERE ${where}`,
        [match.value],
      ),
      this.pool.query(
        `SELECT id, cargo_no, status, route, declared_at, goods_value_usd
           FROM declarations WHERE ${where} AND id <> $2
          ORDER BY id DESC LIMIT $3`,
        [match.value, excludeId, recent],
      ),
    ]);
    const a = agg.rows[0];
    return {
      total: Number(a.total),
      held: Number(a.held),
      rejected: Number(a.rejected),
      released: Number(a.released),
      valueUsd: Math.round(Number(a.value_usd) * 100) / 100,
      // The day of its first declaration, as the party's risk profile has it (not when the row was written).
      firstSeen: a.first_seen ?? null,
      recent: rows.rows.map((x) => ({
        id: Number(x.id),
        cargoNo: x.cargo_no,
        status: x.status,
        route: x.route,
        declaredAt: String(x.declared_at),
        goodsValueUsd: Number(x.goods_value_usd),
      })),
    };
  }
}
