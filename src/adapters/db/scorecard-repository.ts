// The operator scorecard's counts (src/app/ports/scorecard-store.ts): three aggregates over one
// operator's rows, each read through an index on operator_id (migrations/057_operator_scorecard.sql).
// Data quality is read from the stored document and assessment with the parcel's own rule
// (platform-risk.ts declarationQuality: informative description, every item with a 6+ digit HS
// code, order number and amount paid in the declaration or in an order posted for it, consent
// token), so it holds for declarations not yet scored.
import type pg from 'pg';
import type { ScorecardQuery, ScorecardStore } from '../../app/ports/scorecard-store.ts';
import type { ScorecardCounts } from '../../domain/risk/operator-scorecard.ts';
import type { InspectionOutcome } from '../../domain/risk/platform-risk.ts';

const DECLARATIONS = `
  WITH d AS (
    SELECT d.declared_at,
           (coalesce(d.declaration #>> '{order,orderNo}', '') <> ''
              AND (coalesce((d.declaration -> 'order') ? 'amountPaid', false)
                   OR EXISTS (SELECT 1 FROM orders o WHERE o.order_no = d.declaration #>> '{order,orderNo}' AND o.buyer_pccc = d.pccc))) AS order_data,
           NOT coalesce((d.assessment -> 'signals') ? $4::text, false) AS descriptive,
           (jsonb_typeof(d.declaration -> 'items') = 'array' AND jsonb_array_length(d.declaration -> 'items') > 0
              AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(d.declaration -> 'items') i
                               WHERE length(regexp_replace(coalesce(i ->> 'hsCode', ''), '[^0-9]', '', 'g')) < $5::int)) AS hs,
           coalesce(d.declaration #>> '{consent,token}', '') <> '' AS consent,
           -- held as the party profiles count it: on hold now, or ever put on hold by an officer
           (d.status = 'held' OR EXISTS (SELECT 1 FROM declaration_events e WHERE e.declaration_id = d.id AND e.type = 'HOLD')) AS held,
           d.status = 'rejected' AS rejected
      FROM declarations d
     WHERE d.operator_id = $1 AND d.declared_at BETWEEN $2::date AND $3::date
  )
  SELECT date_trunc('week', declared_at)::date::text AS week,
         count(*)::int AS declarations,
         count(*) FILTER (WHERE order_data)::int AS with_order_data,
         count(*) FILTER (WHERE descriptive)::int AS descriptive,
         count(*) FILTER (WHERE hs)::int AS hs,
         count(*) FILTER (WHERE consent)::int AS consent,
         count(*) FILTER (WHERE held)::int AS held,
         count(*) FILTER (WHERE rejected)::int AS rejected
    FROM d GROUP BY 1`;

// Intake: declarations received (replays of stored ones aside) and refused, by the Korean day received.
const INTAKE = `
  SELECT date_trunc('week', (received_at AT TIME ZONE 'Asia/Seoul')::date)::date::text AS week,
         coalesce(sum(received - replayed), 0)::int AS received, coalesce(sum(rejected), 0)::int AS rejected
    FROM submissions
   WHERE operator_id = $1
     AND received_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Seoul'
     AND received_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul'
   GROUP BY 1`;

const INSPECTIONS = `
  SELECT i.outcome, count(*)::int AS n, coalesce(sum(i.revenue_krw), 0)::bigint AS revenue,
         coalesce(sum(power(0.5, greatest(0, $3::date - (i.inspected_at AT TIME ZONE 'Asia/Seoul')::date)::float8 / $4::float8)), 0)::float8 AS decayed
    FROM declarations d JOIN inspection_results i ON i.declaration_id = d.id
   WHERE d.operator_id = $1 AND d.declared_at BETWEEN $2::date AND $3::date
     AND i.id = (SELECT max(j.id) FROM inspection_results j WHERE j.declaration_id = d.id) -- the latest result of a parcel supersedes the earlier ones (inspectionDelta)
   GROUP BY i.outcome`;

export class PgScorecardStore implements ScorecardStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async counts(q: ScorecardQuery): Promise<ScorecardCounts> {
    const [d, s, i] = await Promise.all([
      this.pool.query(DECLARATIONS, [q.operatorId, q.from, q.to, q.incompleteDescriptionSignal, q.minHsDigits]),
      this.pool.query(INTAKE, [q.operatorId, q.from, q.to]),
      this.pool.query(INSPECTIONS, [q.operatorId, q.from, q.to, q.halfLifeDays]),
    ]);
    const weeks = new Map<string, ScorecardCounts['weeks'][number]>();
    const week = (w: string) => {
      let x = weeks.get(w);
      if (!x) weeks.set(w, (x = { week: w, declarations: 0, withOrderData: 0, descriptive: 0, hsCode6: 0, consent: 0, qualitySum: 0, held: 0, officerRejected: 0, intakeReceived: 0, intakeRejected: 0 }));
      return x;
    };
    for (const r of d.rows) {
      const x = week(r.week);
      x.declarations = r.declarations;
      x.withOrderData = r.with_order_data;
      x.descriptive = r.descriptive;
      x.hsCode6 = r.hs;
      x.consent = r.consent;
      // Σ per parcel of (four parts) / 4 = (Σ of each part) / 4.
      x.qualitySum = (r.descriptive + r.hs + r.with_order_data + r.consent) / 4;
      x.held = r.held;
      x.officerRejected = r.rejected;
    }
    for (const r of s.rows) {
      const x = week(r.week);
      x.intakeReceived = r.received;
      x.intakeRejected = r.rejected;
    }
    return {
      weeks: [...weeks.values()],
      inspections: i.rows.map((r) => ({ outcome: r.outcome as InspectionOutcome, count: r.n, revenueKrw: Number(r.revenue), decayed: Number(r.decayed) })),
    };
  }
}
