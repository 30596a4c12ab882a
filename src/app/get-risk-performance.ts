// How selection performs: inspections, finds, precision and revenue found per week and model
// version; and the training export (features as scored ⋈ latest inspection outcome) that
// `tonggwan risk train` reads to retrain on the platform's own data.
import { RISK_CATEGORICAL_FEATURES, RISK_NUMERIC_FEATURES } from '../domain/risk/features.ts';
import type { SelectionCounts, WeeklyPerformance } from './ports/risk-store.ts';
import type { RiskDeps } from './risk-deps.ts';

/** The totals of the weeks: every inspection (precision: their find rate), the queue's, the random sample's. */
export type PerformanceTotals = Omit<WeeklyPerformance, 'week' | 'modelVersion'>;

export async function getRiskPerformance(deps: RiskDeps, weeks: number): Promise<{ activeModelVersion: string | null; weeks: WeeklyPerformance[]; totals: PerformanceTotals }> {
  const rows = await deps.risk.performance(weeks);
  const sum = (f: (r: WeeklyPerformance) => number) => rows.reduce((s, r) => s + f(r), 0);
  const counts = (k: 'queue' | 'random'): SelectionCounts => {
    const inspected = sum((r) => r[k].inspected);
    const found = sum((r) => r[k].found);
    return { inspected, found, findRate: inspected ? found / inspected : null };
  };
  const inspected = sum((r) => r.inspected);
  const found = sum((r) => r.found);
  return { activeModelVersion: await deps.risk.activeModelVersion(), weeks: rows, totals: { inspected, found, precision: inspected ? found / inspected : 0, revenueKrw: sum((r) => r.revenueKrw), queue: counts('queue'), random: counts('random') } };
}

export const EXPORT_COLUMNS = ['ref', ...RISK_NUMERIC_FEATURES, ...RISK_CATEGORICAL_FEATURES, 'description', 'signals', 'illicit', 'revenue at stake krw'];

/** The training table (header + rows of strings), in the columns of docs/risk-model.md. */
export async function exportRiskHistory(deps: RiskDeps, modelVersion: string | null): Promise<{ header: string[]; rows: string[][] }> {
  const data = await deps.risk.exportTraining(modelVersion);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    header: EXPORT_COLUMNS,
    rows: data.map((r, i) => EXPORT_COLUMNS.map((c) => (c === 'illicit' ? (r.illicit ? '1' : '0') : c === 'revenue at stake krw' ? String(r.revenueKrw) : c === 'ref' ? cell(r.features[c] ?? `row-${i}`) : cell(r.features[c])))),
  };
}
