// Demo inspection history (first start), so that the selection-performance page, the party
// profiles and the retraining export have something to show. For each past week of the demo,
// the parcels the active model ranked highest (top 3 % by expected value) were "inspected", plus a
// 1 % random sample of the rest (administrations inspect a random share too, to see what
// selection misses).
// Whether an inspection found something is drawn with the model's own probability: these are
// demo figures, not evidence of the model's precision (docs/risk-model.md has the measured
// figures), and each record's note says so. Demo data is public: never run it anywhere real.
import type pg from 'pg';
import { recordInspectionResult } from '../../app/record-inspection-result.ts';
import { submitOrder } from '../../app/submit-order.ts';
import type { OfficerPrincipal, OperatorPrincipal, OperatorRole } from '../../app/ports.ts';
import type { Declaration } from '../../domain/declaration-schema.ts';
import type { RiskDeps } from '../../app/risk-deps.ts';
import { revenueCeilingKrw, revenueCeilingRatesOn, type InspectionOutcome } from '../../domain/risk/platform-risk.ts';
import { mulberry32, ORDER_DATA_PLATFORM } from './generate-demo-declarations.ts';

const SELECTED_SHARE = 0.03;
const RANDOM_SHARE = 0.01;
/** Post-clearance audit sample of the operator that sends order data (what a fast-lane review reads), at least one parcel a week. */
const AUDIT_SHARE = 0.08;
/** The platform whose order data reveal undervaluation: orders for ~60 % of its parcels, a fifth of them paid 2–3 × what was declared. */
const UNDERVALUING_PLATFORM = 'Temu';
const NOTE = '데모 검사 기록 (합성 데이터) / demo inspection (synthetic)';

interface Candidate {
  id: number;
  declaredAt: string;
  score: number;
  priority: number;
  expectedRevenueKrw: number | null;
  /** The most an inspection of the parcel can recover (revenueCeilingKrw; null: no bound). */
  ceilingKrw: number | null;
  /** Exempt under the de minimis: a misclassification leaves the value, so nothing is owed. */
  exempt: boolean;
  signals: string[];
  platform: string | null;
}

/** Monday of the week of an ISO date (inspection_results are reported by week). */
function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** What a find was, from the engine's signals on the parcel (the demo has no ground truth). */
function outcomeOf(c: Candidate, rng: () => number): InspectionOutcome {
  if (c.signals.includes('PROHIBITED_GOODS')) return 'prohibited';
  if (c.signals.some((s) => s === 'AMOUNT_PAID_MISMATCH' || s === 'NEAR_DE_MINIMIS' || s === 'COMBINED')) return 'undervalued';
  if (c.signals.some((s) => s === 'HS_FROM_CATEGORY' || s === 'TARIFF_UNKNOWN') && rng() < 0.5) return 'misclassified';
  const r = rng();
  return r < 0.5 ? 'undervalued' : r < 0.8 ? 'ip_infringement' : 'pccc_misuse';
}

/**
 * Tax recovered by a find: the revenue at stake the model estimated (expected revenue ÷ probability),
 * ±40 %, at least 8,000원 — never more than the parcel can owe (its revenue ceiling): a USD 8 parcel
 * recovered 335,450원 when the model's estimate had no bound. A misclassified parcel exempt under the
 * de minimis recovers nothing (eight demo finds of USD 40 on average recovered 361,240원 in all).
 */
export function revenueOf(c: Pick<Candidate, 'score' | 'expectedRevenueKrw' | 'ceilingKrw' | 'exempt'>, outcome: InspectionOutcome, rng: () => number): number {
  if (outcome !== 'undervalued' && outcome !== 'misclassified') return 0; // seizures raise no revenue
  if (outcome === 'misclassified' && c.exempt) {
    rng(); // drawn all the same, so every later draw stays as it was
    return 0; // another heading, the same value: still under the de minimis, nothing owed
  }
  const atStake = c.score > 0 && c.expectedRevenueKrw ? c.expectedRevenueKrw / c.score : 0;
  const drawn = Math.round((Math.max(atStake, 8_000) * (0.6 + 0.8 * rng())) / 10) * 10;
  return c.ceilingKrw === null ? drawn : Math.min(drawn, Math.floor(c.ceilingKrw / 10) * 10);
}

/**
 * Order data posted by the platforms after their parcels were declared (POST /api/v1/orders does the
 * same): the well-behaved operator's for a third of its parcels, paid what was declared; the
 * undervaluing platform's for most of its parcels, a fifth of them paid 2–3 × the declared value
 * (ORDER_UNDERVALUED when the parcels are rescored). Replayed unchanged on a restart (idempotent).
 */
async function postDemoOrders(pool: pg.Pool, deps: RiskDeps, log: (l: string) => void): Promise<void> {
  const rows = (
    await pool.query(
      `SELECT d.id, d.declaration, o.id AS operator_id, o.code, o.role FROM declarations d JOIN operators o ON o.id = d.operator_id
        WHERE d.declaration #>> '{parties,platform,name}' = ANY($1::text[]) AND d.status <> 'withdrawn' ORDER BY d.id`,
      [[ORDER_DATA_PLATFORM, UNDERVALUING_PLATFORM]],
    )
  ).rows;
  const rng = mulberry32(4242);
  const started = Date.now();
  let posted = 0;
  let undervalued = 0;
  // Planned first (deterministic), then posted four at a time (each order is its own transaction).
  const planned: { id: number; operator: OperatorPrincipal; order: Parameters<typeof submitOrder>[2] }[] = [];
  for (const x of rows) {
    const d = x.declaration as Declaration;
    const platform = d.parties?.platform?.name ?? '';
    const draw = rng();
    const post = platform === ORDER_DATA_PLATFORM ? d.order.amountPaid !== undefined && draw < 1 / 3 : draw < 0.6;
    if (!post || !d.order.orderNo) continue;
    const under = platform === UNDERVALUING_PLATFORM && rng() < 0.2;
    const factor = under ? 2 + rng() : 1;
    const items = d.items.map((i) => ({ description: i.description, quantity: i.quantity, price: Math.round(i.price * factor * 100) / 100, ...(i.hsCode ? { hsCode: i.hsCode } : {}) }));
    const operator: OperatorPrincipal = { kind: 'operator', operatorId: Number(x.operator_id), operatorCode: x.code as string, role: x.role as OperatorRole, apiKeyId: 0 };
    const order = {
      orderNo: d.order.orderNo,
      platform,
      seller: d.parties?.seller?.name,
      buyerPccc: d.consignee.pccc,
      currency: d.order.currency,
      amountPaid: Math.round(items.reduce((s, i) => s + i.price * i.quantity, 0) * 100) / 100,
      orderedAt: d.order.purchasedAt,
      items,
    };
    planned.push({ id: Number(x.id), operator, order });
    if (under) undervalued++;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < planned.length) {
        const p = planned[next++]!;
        const r = await submitOrder(deps, p.operator, p.order);
        if (!r.ok) throw new Error(`demo order failed for ${p.id}: ${r.error.code}`);
        posted++;
      }
    }),
  );
  log(`  risk: ${posted} demo orders posted after their parcels (${undervalued} paid more than declared) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function seedRiskDemo(pool: pg.Pool, deps: RiskDeps, drainScoring: () => Promise<unknown>, log: (l: string) => void): Promise<void> {
  if ((await pool.query(`SELECT 1 FROM inspection_results LIMIT 1`)).rowCount) return;
  await postDemoOrders(pool, deps, log);
  const model = await deps.risk.activeModelVersion();
  const officer = (await pool.query(`SELECT id, username, role FROM users WHERE role = 'officer' ORDER BY id LIMIT 1`)).rows[0];
  if (!model || !officer) return;
  await drainScoring(); // the demo declarations are scored before officers pick from them
  const today = deps.clock.now().toISOString().slice(0, 10);
  const r = await pool.query(
    `SELECT d.id, d.declared_at::text AS declared_at, rs.score, rs.priority, rs.expected_revenue_krw, coalesce(d.assessment -> 'signals', '[]'::jsonb) AS signals,
            d.assessment -> 'lines' AS lines, d.assessment -> 'deMinimis' AS de_minimis, d.assessment -> 'taxes' AS taxes,
            d.declaration #>> '{parties,platform,name}' AS platform
       FROM declarations d JOIN risk_scores rs ON rs.declaration_id = d.id AND rs.model_version = $1
      WHERE d.declared_at < $2::date AND d.status <> 'withdrawn'
      ORDER BY d.id`,
    [model, today],
  );
  const weeks = new Map<string, Candidate[]>();
  const reference = deps.reference.current();
  for (const x of r.rows) {
    const ceilingKrw = revenueCeilingKrw({ lines: x.lines ?? [], deMinimis: x.de_minimis ?? {}, taxes: x.taxes }, deps.policy, revenueCeilingRatesOn(reference, x.declared_at));
    const c: Candidate = { id: Number(x.id), declaredAt: x.declared_at, score: Number(x.score), priority: Number(x.priority), expectedRevenueKrw: x.expected_revenue_krw === null ? null : Number(x.expected_revenue_krw), ceilingKrw, exempt: x.de_minimis?.exempt === true, signals: x.signals, platform: x.platform };
    const list = weeks.get(weekOf(c.declaredAt)) ?? [];
    list.push(c);
    weeks.set(weekOf(c.declaredAt), list);
  }
  const rng = mulberry32(2026);
  const auditRng = mulberry32(2027);
  const principal: OfficerPrincipal = { kind: 'officer', userId: Number(officer.id), username: officer.username as string, role: officer.role as OfficerPrincipal['role'] };
  const nowMs = deps.clock.now().getTime();
  let inspected = 0;
  let found = 0;
  for (const [, list] of [...weeks].sort(([a], [b]) => a.localeCompare(b))) {
    const ranked = [...list].sort((a, b) => b.priority - a.priority || a.id - b.id);
    const top = Math.ceil(ranked.length * SELECTED_SHARE);
    const rest = ranked.slice(top);
    const sample = rest.filter(() => rng() < RANDOM_SHARE);
    // The audit sample draws from its own generator, so the week's other draws stay as they were.
    const picked = new Set([...ranked.slice(0, top), ...sample].map((c) => c.id));
    const audit = rest.filter((c) => c.platform === ORDER_DATA_PLATFORM && !picked.has(c.id) && auditRng() < AUDIT_SHARE);
    // At least one a week, the first of its ranked parcels when none was drawn: the demo's inspection record of that
    // platform (the fast lane's minInspected) then rests on its weeks, not on how the ids happened to fall to the draws.
    const unaudited = audit.length === 0 ? rest.find((c) => c.platform === ORDER_DATA_PLATFORM && !picked.has(c.id)) : undefined;
    if (unaudited) audit.push(unaudited);
    const selected = new Set(ranked.slice(0, top).map((c) => c.id));
    for (const c of [...ranked.slice(0, top), ...sample, ...audit]) {
      const draw = picked.has(c.id) ? rng : auditRng;
      // The well-behaved platform's parcels are generated honest (amount paid = value declared, HS
      // codes given): its inspections find nothing (the draw is kept, so the others' stay the same).
      const find = draw() < c.score && c.platform !== ORDER_DATA_PLATFORM;
      const outcome: InspectionOutcome = find ? outcomeOf(c, draw) : 'clean';
      // Inspected the working day after the declaration, 10:30 in Seoul (never in the future).
      const at = Math.min(Date.parse(`${c.declaredAt}T01:30:00Z`) + 86_400_000, nowMs - 60_000);
      const selectedBy = selected.has(c.id) ? 'queue' : picked.has(c.id) ? 'random' : 'audit';
      const res = await recordInspectionResult(deps, principal, { declarationId: c.id, outcome, revenueKrw: revenueOf(c, outcome, draw), note: NOTE, selectedBy, inspectedAt: new Date(at).toISOString() });
      if (!res.ok) throw new Error(`demo inspection failed for ${c.id}: ${res.error.code}`);
      inspected++;
      if (find) found++;
    }
  }
  log(`  risk: ${inspected} demo inspections over ${weeks.size} weeks (${found} finds), drawn with model ${model}'s probabilities`);
}
