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
import type { OfficerPrincipal } from '../../app/ports.ts';
import type { RiskDeps } from '../../app/risk-deps.ts';
import type { InspectionOutcome } from '../../domain/risk/platform-risk.ts';
import { mulberry32 } from './generate-demo-declarations.ts';

const SELECTED_SHARE = 0.03;
const RANDOM_SHARE = 0.01;
const NOTE = '데모 검사 기록 (합성 데이터) / demo inspection (synthetic)';

interface Candidate {
  id: number;
  declaredAt: string;
  score: number;
  priority: number;
  expectedRevenueKrw: number | null;
  signals: string[];
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

/** Tax recovered by a find: the revenue at stake the model estimated (expected revenue ÷ probability), ±40 %. */
function revenueOf(c: Candidate, outcome: InspectionOutcome, rng: () => number): number {
  if (outcome !== 'undervalued' && outcome !== 'misclassified') return 0; // seizures raise no revenue
  const atStake = c.score > 0 && c.expectedRevenueKrw ? c.expectedRevenueKrw / c.score : 0;
  return Math.round((Math.max(atStake, 8_000) * (0.6 + 0.8 * rng())) / 10) * 10;
}

export async function seedRiskDemo(pool: pg.Pool, deps: RiskDeps, drainScoring: () => Promise<unknown>, log: (l: string) => void): Promise<void> {
  if ((await pool.query(`SELECT 1 FROM inspection_results LIMIT 1`)).rowCount) return;
  const model = await deps.risk.activeModelVersion();
  const officer = (await pool.query(`SELECT id, username, role FROM users WHERE role = 'officer' ORDER BY id LIMIT 1`)).rows[0];
  if (!model || !officer) return;
  await drainScoring(); // the demo declarations are scored before officers pick from them
  const today = deps.clock.now().toISOString().slice(0, 10);
  const r = await pool.query(
    `SELECT d.id, d.declared_at::text AS declared_at, rs.score, rs.priority, rs.expected_revenue_krw, coalesce(d.assessment -> 'signals', '[]'::jsonb) AS signals
       FROM declarations d JOIN risk_scores rs ON rs.declaration_id = d.id AND rs.model_version = $1
      WHERE d.declared_at < $2::date AND d.status <> 'withdrawn'
      ORDER BY d.id`,
    [model, today],
  );
  const weeks = new Map<string, Candidate[]>();
  for (const x of r.rows) {
    const c: Candidate = { id: Number(x.id), declaredAt: x.declared_at, score: Number(x.score), priority: Number(x.priority), expectedRevenueKrw: x.expected_revenue_krw === null ? null : Number(x.expected_revenue_krw), signals: x.signals };
    const list = weeks.get(weekOf(c.declaredAt)) ?? [];
    list.push(c);
    weeks.set(weekOf(c.declaredAt), list);
  }
  const rng = mulberry32(2026);
  const principal: OfficerPrincipal = { kind: 'officer', userId: Number(officer.id), username: officer.username as string, role: officer.role as OfficerPrincipal['role'] };
  const nowMs = deps.clock.now().getTime();
  let inspected = 0;
  let found = 0;
  for (const [, list] of [...weeks].sort(([a], [b]) => a.localeCompare(b))) {
    const ranked = [...list].sort((a, b) => b.priority - a.priority || a.id - b.id);
    const top = Math.ceil(ranked.length * SELECTED_SHARE);
    const rest = ranked.slice(top);
    const sample = rest.filter(() => rng() < RANDOM_SHARE);
    for (const c of [...ranked.slice(0, top), ...sample]) {
      const find = rng() < c.score;
      const outcome: InspectionOutcome = find ? outcomeOf(c, rng) : 'clean';
      // Inspected the working day after the declaration, 10:30 in Seoul (never in the future).
      const at = Math.min(Date.parse(`${c.declaredAt}T01:30:00Z`) + 86_400_000, nowMs - 60_000);
      const res = await recordInspectionResult(deps, principal, { declarationId: c.id, outcome, revenueKrw: revenueOf(c, outcome, rng), note: NOTE, inspectedAt: new Date(at).toISOString() });
      if (!res.ok) throw new Error(`demo inspection failed for ${c.id}: ${res.error.code}`);
      inspected++;
      if (find) found++;
    }
  }
  log(`  risk: ${inspected} demo inspections over ${weeks.size} weeks (${found} finds), drawn with model ${model}'s probabilities`);
}
